// Package measure holds the length measures that pairing and sentence
// alignment share, and the byte-level test of Russian letters that they
// and the tokenizers use on their hot paths.
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
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if lc := c | 0x20; 'a' <= lc && lc <= 'z' || '0' <= c && c <= '9' {
				n++
			}
			i++
		case c >= 0xD0 && c <= 0xD3 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			// U+0400–U+04FF, counted whole: Cyrillic without a decode,
			// as this runs over every post.
			n++
			i += 2
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
			}
			i += size
		}
	}
	return n
}

// RussianAt reports whether s holds at i a two-byte rune of U+0400–U+047F
// (the Russian alphabet among them; all letters), told from its bytes
// without a decode or the Unicode tables.
func RussianAt(s string, i int) bool {
	c := s[i]
	return (c == 0xD0 || c == 0xD1) && i+1 < len(s) && s[i+1]&0xC0 == 0x80
}
