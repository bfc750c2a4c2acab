package anchor

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parapost/parapost/align/internal/measure"
)

// Words yields the words of s: maximal runs of letters and digits.
func Words(s string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		start := -1
		for i := 0; i < len(s); {
			in, size := false, 1
			if c := s[i]; c < utf8.RuneSelf {
				in = isASCIILetter(c) || isASCIIDigit(c)
			} else {
				in, size = wordRune(s, i)
			}
			switch {
			case in && start < 0:
				start = i
			case !in && start >= 0:
				if !yield(s[start:i]) {
					return
				}
				start = -1
			}
			i += size
		}
		if start >= 0 {
			yield(s[start:])
		}
	}
}

// wordRune reports whether the rune at s[i], not ASCII, is a letter or
// digit, and its size. The Russian alphabet (U+0400–U+047F, all letters)
// is decided without the Unicode tables: Words runs over every word of
// every post while pairing, and ASCII and Cyrillic are nearly every rune.
func wordRune(s string, i int) (in bool, size int) {
	if measure.RussianAt(s, i) {
		return true, 2
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r), size
}

// cutMarks are an editor's marks of a passage left out.
var cutMarks = []string{"<...>", "[...]", "(...)", "<…>", "[…]", "(…)"}

// IsCutMark reports whether a sentence is a cut mark such as "<...>".
func IsCutMark(s string) bool { return slices.Contains(cutMarks, strings.TrimSpace(s)) }

// HasCutMark reports whether text holds an editor's mark of a passage left
// out: "<...>", "[...]", "(...)" or the same with "…".
func HasCutMark(text string) bool {
	for _, m := range cutMarks {
		if strings.Contains(text, m) {
			return true
		}
	}
	return false
}
