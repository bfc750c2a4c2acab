package anchor

import (
	"slices"
	"strings"
	"unicode"
)

// Words yields the words of s: maximal runs of letters and digits.
func Words(s string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		start := -1
		for i, r := range s {
			in := unicode.IsLetter(r) || unicode.IsDigit(r)
			switch {
			case in && start < 0:
				start = i
			case !in && start >= 0:
				if !yield(s[start:i]) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(s[start:])
		}
	}
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
