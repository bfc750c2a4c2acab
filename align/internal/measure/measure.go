// Package measure holds the length measures that pairing and sentence
// alignment share.
package measure

import (
	"unicode"
	"unicode/utf8"
)

// LengthRatio is the usual ratio of translation to original length in
// characters, for language pairs parapost knows; 1 otherwise.
func LengthRatio(src, tgt string) float64 {
	switch src + "-" + tgt {
	case "ru-en":
		return 0.95
	case "en-ru":
		return 1 / 0.95
	}
	return 1
}

// TextSize counts letters and digits: the part of a post's length that a
// translation carries over.
func TextSize(s string) int {
	n := 0
	for _, r := range s {
		if r < utf8.RuneSelf {
			if c := r | 0x20; 'a' <= c && c <= 'z' || '0' <= r && r <= '9' {
				n++
			}
		} else if r >= 0x400 && r <= 0x4FF || unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
