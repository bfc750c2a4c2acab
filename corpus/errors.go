package corpus

import "errors"

// InputError is a problem with user data: a file that is not in a supported
// format, is malformed, truncated or empty. The CLI maps it to exit status 2;
// other errors (I/O failures, cancellation) are not InputErrors.
type InputError struct {
	File  string // file name as given, "-" for stdin
	Place string // "line 12", "byte 3456", "post 62145", "message 17"...
	Err   error  // what was expected / what went wrong
}

// Error returns "FILE: PLACE: ERR", omitting PLACE when it is empty.
func (e *InputError) Error() string {
	msg := "<nil>"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	if e.Place == "" {
		return e.File + ": " + msg
	}
	return e.File + ": " + e.Place + ": " + msg
}

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// Sentinel errors wrapped by InputError, for callers and tests that need to
// tell the kinds of bad input apart with errors.Is.
var (
	// ErrEmpty reports a file with no content (or only whitespace).
	ErrEmpty = errors.New("empty file")
	// ErrBinary reports data that is not text.
	ErrBinary = errors.New("binary data, not a Telegram export, page or JSON Lines file")
	// ErrUnrecognised reports text in none of the supported formats.
	ErrUnrecognised = errors.New("unrecognised format: expected a Telegram Desktop result.json, a saved t.me/s page, text copied from such a page, or JSON Lines")
	// ErrNoPosts reports an HTML file without any Telegram post in it.
	ErrNoPosts = errors.New("no Telegram posts found")
	// ErrTruncated reports input that ends in the middle of a value.
	ErrTruncated = errors.New("unexpected end of input (truncated file?)")
)

// inputErr builds an InputError.
func inputErr(file, place string, err error) *InputError {
	return &InputError{File: file, Place: place, Err: err}
}
