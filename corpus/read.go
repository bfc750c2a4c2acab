package corpus

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// ReadStats counts what reading skipped or repaired.
type ReadStats struct {
	Files        int
	Posts        int            // posts returned (after dedup)
	Skipped      map[string]int // reason -> count: "service message", "media only (no text)", ...
	RepairedUTF8 int            // posts whose invalid UTF-8 was repaired
	Duplicates   int            // posts merged into an earlier copy by Dedup
	NULBytes     int            // stray NUL bytes dropped from text files

	// Warnings are what a user must know about the result, each naming its
	// file: dates read in an assumed time zone, files left out (SkipBad),
	// chats renamed apart.
	Warnings []string
	// SkippedFiles names the files inside directories that are in no
	// supported format (photos of an export, notes...), with the reason.
	SkippedFiles []FileNote
	// BadFiles names the files with bad data left out under
	// ReadOptions.SkipBad, with the error.
	BadFiles []FileNote
	// PageSplits counts, over the page copies read, the lines at which
	// posts were split, by signal (channel-name lines, footers, "Forwarded
	// from" lines, "Read in full" lines, media placeholders).
	PageSplits map[string]int
	// IDConflicts lists the channel and post ids read with different texts
	// (both posts are kept).
	IDConflicts []IDConflict
}

// Add adds the counts of o to s.
func (s *ReadStats) Add(o ReadStats) {
	s.Files += o.Files
	s.Posts += o.Posts
	s.RepairedUTF8 += o.RepairedUTF8
	s.Duplicates += o.Duplicates
	s.NULBytes += o.NULBytes
	s.Skipped = addCounts(s.Skipped, o.Skipped)
	s.PageSplits = addCounts(s.PageSplits, o.PageSplits)
	s.Warnings = append(s.Warnings, o.Warnings...)
	s.SkippedFiles = append(s.SkippedFiles, o.SkippedFiles...)
	s.BadFiles = append(s.BadFiles, o.BadFiles...)
	s.IDConflicts = append(s.IDConflicts, o.IDConflicts...)
}

// addCounts adds the counts of b to a, allocating a when needed.
func addCounts(a, b map[string]int) map[string]int {
	for k, v := range b {
		if a == nil {
			a = make(map[string]int)
		}
		a[k] += v
	}
	return a
}

// Format names a supported input format.
type Format string

// The supported input formats.
const (
	FormatTelegramJSON Format = "telegram-json" // Telegram Desktop result.json
	FormatTelegramHTML Format = "telegram-html" // Telegram Desktop messages.html
	FormatTMEPage      Format = "tme-html"      // saved t.me/s/CHANNEL page
	FormatPageText     Format = "page-text"     // text copied from a t.me/s page
	FormatJSONL        Format = "jsonl"         // one post object per line
)

// sniffSize is how much of a file Sniff looks at.
const sniffSize = 64 << 10

// Sniff chooses the format from the first bytes of a file (content, never
// the extension). It returns ErrEmpty, ErrBinary or ErrUnrecognised (possibly
// wrapped) when head is in no supported format. Compressed data must be
// decompressed first (Read does that).
func Sniff(head []byte) (Format, error) {
	head, err := sniffText(head)
	if err != nil {
		return "", err
	}
	switch head[0] {
	case '{':
		return sniffJSON(head)
	case '<':
		// Any markup is taken as a page: an HTML file without posts then
		// gets the precise "no Telegram posts found".
		if looksLikeTelegramHTML(head) {
			return FormatTelegramHTML, nil
		}
		return FormatTMEPage, nil
	case '[':
		return "", fmt.Errorf("a JSON array: %w", ErrUnrecognised)
	}
	if looksLikePageText(head) {
		return FormatPageText, nil
	}
	return "", ErrUnrecognised
}

// IsBinary reports whether Sniff(head) returns ErrBinary, without the
// work of telling the text formats apart: what a reader of plain text
// needs to know.
func IsBinary(head []byte) bool {
	_, err := sniffText(head)
	return errors.Is(err, ErrBinary)
}

// sniffText is the start of Sniff: the errors of data that is not UTF-8
// text, else head without its byte order mark and leading spaces.
func sniffText(head []byte) ([]byte, error) {
	if isGzip(head) {
		return nil, fmt.Errorf("gzip-compressed data (decompress it first): %w", ErrUnrecognised)
	}
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return nil, fmt.Errorf("UTF-16 text (convert it to UTF-8): %w", ErrUnrecognised)
	}
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	head = bytes.TrimLeft(head, " \t\r\n\f\v")
	if len(head) == 0 {
		return nil, ErrEmpty
	}
	if looksBinary(head) {
		return nil, ErrBinary
	}
	return head, nil
}

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// looksBinary reports whether head holds more than 1% NUL bytes, or more than 10% of
// bytes that are neither valid UTF-8 nor printable: text with a few broken
// characters is repaired later, not rejected.
func looksBinary(head []byte) bool {
	// A stray NUL is tolerated (and dropped by Read); binary data and
	// UTF-16 without a byte order mark have many.
	if nul := bytes.Count(head, []byte{0}); nul > 0 && nul*100 > len(head) {
		return true
	}
	bad := 0
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			if len(head)-i < utf8.UTFMax && !utf8.FullRune(head[i:]) {
				i = len(head) // a character cut by the end of head
				continue
			}
			bad++
		case r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != 0:
			bad++
		}
		i += size
	}
	return bad*10 > len(head)
}

// Top-level keys that decide between a Telegram export and a JSON Lines
// post; "id" is in both.
var (
	telegramKeys = map[string]bool{
		"name": true, "type": true, "messages": true, "chats": true, "left_chats": true,
		"about": true, "personal_information": true, "profile_pictures": true,
		"contacts": true, "frequent_contacts": true, "sessions": true,
		"web_sessions": true, "other_data": true, "stories": true,
	}
	jsonlKeys = map[string]bool{
		"channel": true, "channel_title": true, "text": true, "date": true,
		"forwarded_from": true, "forwarded_post_id": true, "edited": true,
		"links": true, "hashtags": true,
	}
)

// sniffJSON tells a Telegram export from JSON Lines by the keys of the first
// object. head may end in the middle of a value: the keys seen before that
// decide. Other JSON (gold files, MT output) is unrecognised, whether one
// object or one per line.
func sniffJSON(head []byte) (Format, error) {
	dec := json.NewDecoder(newJSONSanitizer(bytes.NewReader(head)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return "", ErrUnrecognised
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return "", ErrUnrecognised
		}
		key, _ := tok.(string)
		switch {
		case telegramKeys[key]:
			return FormatTelegramJSON, nil
		case jsonlKeys[key]:
			return FormatJSONL, nil
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return "", ErrUnrecognised
		}
	}
	return "", ErrUnrecognised
}

// Read reads every post of one stream with the default ReadOptions.
func Read(r io.Reader, name string) ([]*Post, ReadStats, error) {
	return ReadOptions{}.Read(r, name)
}

// Read reads every post of one stream, in the format Sniff finds in its
// first bytes; gzip-compressed streams are decompressed first, a UTF-8 byte
// order mark and stray NUL bytes are dropped. name is used in errors and
// Post.Source. Problems with the data are *InputError; errors of r itself
// are returned wrapped, as they are.
//
// Service messages and posts without text are skipped and counted in
// ReadStats.Skipped; invalid UTF-8 is replaced with U+FFFD and counted.
// Dates are UTC: a Telegram Desktop export's date_unixtime, or, in old
// exports without it, its date field, which is the exporting computer's
// local time without an offset and is read in o.Zone (UTC with a warning
// when o.Zone is nil). Posts of a page copy have no date (the zero Time).
func (o ReadOptions) Read(r io.Reader, name string) ([]*Post, ReadStats, error) {
	var posts []*Post
	stats, err := o.each(r, name, func(p *Post) error {
		posts = append(posts, p)
		return nil
	})
	if err != nil {
		return nil, ReadStats{}, err
	}
	return posts, stats, nil
}

// each is Read calling emit with each post, in file order, instead of
// returning them all: Telegram Desktop JSON exports and JSON Lines are
// streamed post by post; the other formats (HTML pages, page copies: small
// files) are read whole first. An error of emit stops reading and is
// returned as it is; posts emitted before an error in the data are not
// taken back.
func (o ReadOptions) each(r io.Reader, name string, emit func(*Post) error) (ReadStats, error) {
	br := bufio.NewReaderSize(&sourceReader{r}, sniffSize)
	head, err := peekHead(br)
	if err != nil {
		return ReadStats{}, readError(name, err)
	}
	if isGzip(head) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return ReadStats{}, readError(name, fmt.Errorf("gzip: %w", err))
		}
		defer zr.Close()
		br = bufio.NewReaderSize(gzipReader{zr}, sniffSize)
		if head, err = peekHead(br); err != nil {
			return ReadStats{}, readError(name, err)
		}
	}
	format, err := Sniff(head)
	if err != nil {
		return ReadStats{}, inputErr(name, "", err)
	}
	if bytes.HasPrefix(head, []byte(bom)) {
		br.Discard(len(bom))
	}
	// The consumer's errors are marked, to pass readError untouched.
	sink := func(p *Post) error {
		if err := emit(p); err != nil {
			return &emitError{err}
		}
		return nil
	}
	var read func(io.Reader, string, *ReadOptions) ([]*Post, ReadStats, error)
	switch format {
	case FormatTelegramJSON:
		read = func(r io.Reader, name string, o *ReadOptions) ([]*Post, ReadStats, error) {
			st, err := readTelegramJSONEach(r, name, o, sink)
			return nil, st, err
		}
	case FormatTelegramHTML:
		read = readTelegramHTMLOpt
	case FormatTMEPage:
		read = readTMEPageOpt
	case FormatPageText:
		read = readPageTextOpt
	case FormatJSONL:
		read = func(r io.Reader, name string, o *ReadOptions) ([]*Post, ReadStats, error) {
			st, err := readJSONLEach(r, name, sink)
			return nil, st, err
		}
	}
	nd := &nulDropper{r: br}
	posts, stats, err := read(nd, name, &o)
	for _, p := range posts {
		if err != nil {
			break
		}
		err = sink(p)
	}
	if err != nil {
		if ee, ok := errors.AsType[*emitError](err); ok {
			return ReadStats{}, ee.err
		}
		return ReadStats{}, readError(name, err)
	}
	if nd.dropped > 0 {
		stats.NULBytes += nd.dropped
		stats.Warnings = append(stats.Warnings, fmt.Sprintf("%s: dropped %s", name, plural(nd.dropped, "NUL byte")))
	}
	return stats, nil
}

// emitError is an error of each's consumer, returned as it is.
type emitError struct{ err error }

func (e *emitError) Error() string { return e.err.Error() }
func (e *emitError) Unwrap() error { return e.err }

// bom is the UTF-8 byte order mark some editors write first.
const bom = "\ufeff"

// nulDropper drops NUL bytes: a text file with a stray NUL (a bad copy, a
// crashed editor) is read without it rather than refused as binary.
type nulDropper struct {
	r       io.Reader
	dropped int
}

func (d *nulDropper) Read(p []byte) (int, error) {
	for {
		n, err := d.r.Read(p)
		if bytes.IndexByte(p[:n], 0) >= 0 {
			k := 0
			for _, c := range p[:n] {
				if c != 0 {
					p[k] = c
					k++
				}
			}
			d.dropped += n - k
			n = k
		}
		if n > 0 || err != nil {
			return n, err
		}
	}
}

// peekHead returns up to sniffSize bytes without consuming them.
func peekHead(br *bufio.Reader) ([]byte, error) {
	head, err := br.Peek(sniffSize)
	if err == io.EOF || errors.Is(err, bufio.ErrBufferFull) {
		err = nil
	}
	return head, err
}

// gzipReader names decompression errors as such.
type gzipReader struct{ r io.Reader }

func (g gzipReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("gzip: %w", err)
	}
	return n, err
}

// sourceReader marks the errors of the reader Read was given, to tell I/O
// failures from bad data (a corrupt gzip stream is bad data).
type sourceReader struct{ r io.Reader }

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		err = &sourceError{err}
	}
	return n, err
}

// sourceError is an error of the underlying reader.
type sourceError struct{ err error }

func (e *sourceError) Error() string { return e.err.Error() }
func (e *sourceError) Unwrap() error { return e.err }

// readError classifies an error met while reading name: InputErrors pass,
// I/O errors are wrapped with the file name, anything else (decompression
// errors, for instance) is a problem with the data.
func readError(name string, err error) error {
	var ie *InputError
	if errors.As(err, &ie) {
		return err
	}
	var se *sourceError
	if errors.As(err, &se) {
		return fmt.Errorf("read %s: %w", name, se.err)
	}
	if err == io.ErrUnexpectedEOF {
		err = ErrTruncated
	}
	return inputErr(name, "", err)
}

// ReadPaths reads files, directories and stdin with the default
// ReadOptions.
func ReadPaths(ctx context.Context, paths []string, stdin io.Reader) ([]*Post, ReadStats, error) {
	return ReadOptions{}.ReadPaths(ctx, paths, stdin)
}

// ReadPaths reads files, directories (recursively, in lexical order,
// skipping hidden files), .gz files (by magic bytes) and "-" (stdin), then
// Dedup's the result.
//
// Inside a directory, files that are in no supported format (photos of an
// export, notes, HTML without posts) are skipped and named in
// SkippedFiles; a file named on its own must be readable. A file with bad
// data stops reading, unless o.SkipBad: then it is named in BadFiles and
// reading goes on. Channels named by their title in one source (Telegram
// Desktop exports only know the title) are renamed to the username another
// source gives for that title (a t.me page's header has both), so the two
// sources of one channel agree; forwards' From is renamed the same way.
func (o ReadOptions) ReadPaths(ctx context.Context, paths []string, stdin io.Reader) ([]*Post, ReadStats, error) {
	var (
		all      []*Post
		stats    ReadStats
		stdinUse bool
	)
	add := func(posts []*Post, st ReadStats) {
		all = append(all, posts...)
		stats.Add(st)
	}
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return nil, stats, err
		}
		if path == "-" {
			if stdinUse {
				return nil, stats, inputErr("-", "", errors.New("standard input named twice"))
			}
			stdinUse = true
			posts, st, err := o.Read(&ctxReader{ctx, stdin}, "-")
			if err = o.badFile(err, &stats); err != nil {
				return nil, stats, err
			}
			add(posts, st)
			continue
		}
		info, err := os.Stat(path)
		if err != nil {
			if err = o.badFile(openError(path, err), &stats); err != nil {
				return nil, stats, err
			}
			continue
		}
		if !info.IsDir() {
			posts, st, err := o.readFile(ctx, path)
			if err = o.badFile(err, &stats); err != nil {
				return nil, stats, err
			}
			add(posts, st)
			continue
		}
		if err := o.readDir(ctx, path, add, &stats); err != nil {
			return nil, stats, err
		}
	}
	kept := merge(all, &stats)
	return kept, stats, nil
}

// badFile handles the error of reading one file: under SkipBad an
// InputError is recorded in stats and dropped.
func (o *ReadOptions) badFile(err error, stats *ReadStats) error {
	var ie *InputError
	if err == nil || !o.SkipBad || !errors.As(err, &ie) {
		return err
	}
	stats.BadFiles = append(stats.BadFiles, FileNote{File: ie.File, Reason: strings.TrimPrefix(ie.Error(), ie.File+": ")})
	stats.Warnings = append(stats.Warnings, "left out "+ie.Error())
	return nil
}

// merge finishes reading a set of inputs: chats that share a title are told
// apart, channel titles become usernames where some source gives them, and
// copies of one post are merged.
func merge(all []*Post, stats *ReadStats) []*Post {
	return mergeBy(all, stats, fullTexts{})
}

// mergeBy is merge with the texts of posts given by texts.
func mergeBy(all []*Post, stats *ReadStats, texts textsOf) []*Post {
	stats.Warnings = append(stats.Warnings, separateChats(all)...)
	applyUsernames(all)
	// A canonical order, whatever the order of the inputs: which copy of a
	// post is kept first, the order of its provenances, and everything
	// downstream (anchor ids, the order of float sums in scores) follow
	// it, so a build is reproducible byte for byte.
	slices.SortStableFunc(all, comparePostsRead)
	kept, merged, conflicts := dedupBy(all, texts)
	stats.Posts = len(kept)
	stats.Duplicates += merged
	stats.IDConflicts = append(stats.IDConflicts, conflicts...)
	return kept
}

// readDir reads the regular files under dir in lexical order, skipping
// hidden files and directories and files in no supported format.
func (o *ReadOptions) readDir(ctx context.Context, dir string, add func([]*Post, ReadStats), stats *ReadStats) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return o.badFile(openError(path, err), stats)
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			// Follow a symbolic link to a file; skip devices and the like.
			info, err := os.Stat(path)
			if err != nil || !info.Mode().IsRegular() {
				return nil
			}
		}
		posts, st, err := o.readFile(ctx, path)
		if reason := unreadableReason(err); reason != "" {
			stats.Add(ReadStats{Skipped: map[string]int{reason: 1}, SkippedFiles: []FileNote{{File: path, Reason: reason}}})
			return nil
		}
		if err != nil {
			return o.badFile(err, stats)
		}
		add(posts, st)
		return nil
	})
}

// unreadableReason names the skip reason of a file in no supported format,
// or returns "" for other errors.
func unreadableReason(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrEmpty):
		return "empty file"
	case errors.Is(err, ErrBinary):
		return "binary file"
	case errors.Is(err, ErrUnrecognised):
		return "file in no supported format"
	case errors.Is(err, ErrNoPosts):
		return "HTML file without Telegram posts"
	}
	return ""
}

// readFile reads one file.
func (o *ReadOptions) readFile(ctx context.Context, path string) ([]*Post, ReadStats, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, ReadStats{}, openError(path, err)
	}
	defer f.Close()
	return o.Read(&ctxReader{ctx, f}, path)
}

// openError reports a path that cannot be opened as a problem with the
// user's input (a wrong name, usually), without repeating the path.
func openError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return inputErr(path, "", err)
}

// ctxReader stops reading when ctx is done, so that a long file can be
// interrupted.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// CompareRead orders posts as a build merges them: by the file they were
// first read from, then channel, id and text. Posts read in this order give
// the same corpus whatever the order of the inputs.
func CompareRead(a, b *Post) int { return comparePostsRead(a, b) }

// comparePostsRead orders posts as read, before merging copies: by the
// file they came from, then channel and id; a stable sort keeps posts that
// tie in their order in the file. Not the text: the streaming reader
// (Stream) merges copies without holding texts, and file order is as
// independent of the order of the inputs.
func comparePostsRead(a, b *Post) int {
	var sa, sb string
	if len(a.Provenance) > 0 {
		sa = a.Provenance[0].Source
	}
	if len(b.Provenance) > 0 {
		sb = b.Provenance[0].Source
	}
	if c := cmp.Compare(sa, sb); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Channel, b.Channel); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}
