package fetch

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/parapost/parapost/corpus"
)

// ErrBadChannel reports a channel argument that is not a public username.
var ErrBadChannel = errors.New("not a public channel username or t.me link")

// ParseChannel returns the username named by arg: "MID_Russia",
// "@MID_Russia", "t.me/MID_Russia", "https://t.me/s/MID_Russia" or a post
// link "https://t.me/MID_Russia/62145". Other arguments are a
// *corpus.InputError wrapping ErrBadChannel.
func ParseChannel(arg string) (string, error) {
	s := strings.TrimSpace(arg)
	s = strings.TrimPrefix(s, "@")
	if strings.Contains(s, "/") {
		if !strings.Contains(s, "://") {
			s = "https://" + s
		}
		u, err := url.Parse(s)
		if err != nil {
			return "", badChannel(arg)
		}
		host := strings.ToLower(strings.TrimPrefix(u.Hostname(), "www."))
		if host != "t.me" && host != "telegram.me" {
			return "", badChannel(arg)
		}
		segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
		if len(segs) > 0 && segs[0] == "s" {
			segs = segs[1:]
		}
		if len(segs) == 0 {
			return "", badChannel(arg)
		}
		s = segs[0]
	}
	if !validUsername(s) {
		return "", badChannel(arg)
	}
	return s, nil
}

// validUsername reports whether s can be a public username: Telegram's are 5
// to 32 letters, digits and underscores starting with a letter; older and
// auction ones may be 4 long.
func validUsername(s string) bool {
	if len(s) < 4 || len(s) > 32 {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '_'):
		default:
			return false
		}
	}
	return true
}

func badChannel(arg string) error {
	return &corpus.InputError{File: fmt.Sprintf("channel %q", arg), Err: ErrBadChannel}
}
