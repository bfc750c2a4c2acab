package eval

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parapost/parapost/corpus"
)

// charRange is a half-open range [lo, hi) of the non-whitespace characters
// of a text, numbered from 0.
type charRange struct{ lo, hi int }

func (r charRange) empty() bool { return r.hi <= r.lo }

// overlaps reports whether r and o share a character.
func (r charRange) overlaps(o charRange) bool {
	return max(r.lo, o.lo) < min(r.hi, o.hi)
}

// textIndex maps between byte offsets of a text and its non-whitespace
// characters, so that ranges can be compared whatever whitespace they
// include.
type textIndex struct {
	text string
	// before[b] is the number of non-whitespace characters starting before
	// byte b of text; len(before) == len(text)+1.
	before []int
	// packed is text with its whitespace removed; packedAt[i] and textAt[i]
	// are the byte offsets of the i-th non-whitespace character in packed
	// and in text.
	packed           string
	packedAt, textAt []int
}

func newTextIndex(text string) *textIndex {
	x := &textIndex{text: text, before: make([]int, len(text)+1)}
	var packed strings.Builder
	n := 0
	for i, r := range text {
		// Invalid UTF-8 decodes as one-byte RuneErrors.
		_, w := utf8.DecodeRuneInString(text[i:])
		for b := i; b < i+w; b++ {
			x.before[b] = n
		}
		if !unicode.IsSpace(r) {
			x.packedAt = append(x.packedAt, packed.Len())
			x.textAt = append(x.textAt, i)
			packed.WriteString(text[i : i+w])
			n++
		}
		x.before[i+w] = n
	}
	x.packed = packed.String()
	return x
}

// chars returns the non-whitespace characters of the byte span s.
func (x *textIndex) chars(s corpus.Span) (charRange, error) {
	if s.Start < 0 || s.End < s.Start || s.End > len(x.text) {
		return charRange{}, fmt.Errorf("span [%d, %d) is outside the text (%d bytes)", s.Start, s.End, len(x.text))
	}
	return charRange{x.before[s.Start], x.before[s.End]}, nil
}

// locate finds side in the text at or after byte from and returns its
// characters and the byte offset just after it. It tries an exact match
// first, then a match that ignores whitespace. A side without
// non-whitespace characters is found, empty, at from.
func (x *textIndex) locate(side string, from int) (charRange, int, bool) {
	if strings.TrimSpace(side) == "" {
		return charRange{}, from, true
	}
	if i := strings.Index(x.text[from:], side); i >= 0 {
		start := from + i
		end := start + len(side)
		return charRange{x.before[start], x.before[end]}, end, true
	}
	want := strings.Join(strings.Fields(side), "")
	lo := x.before[from]
	at := len(x.packed)
	if lo < len(x.packedAt) {
		at = x.packedAt[lo]
	}
	i := strings.Index(x.packed[at:], want)
	if i < 0 {
		return charRange{}, from, false
	}
	start := at + i
	lo = sort.SearchInts(x.packedAt, start)
	hi := sort.SearchInts(x.packedAt, start+len(want))
	if lo == len(x.packedAt) || x.packedAt[lo] != start {
		// A match inside a character can only come from invalid UTF-8.
		return charRange{}, from, false
	}
	last := x.textAt[hi-1]
	_, w := utf8.DecodeRuneInString(x.text[last:])
	return charRange{lo, hi}, last + w, true
}
