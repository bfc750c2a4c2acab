package anchor

import (
	"strings"
	"unicode/utf8"
)

const (
	riFirst    = 0x1F1E6 // REGIONAL INDICATOR SYMBOL LETTER A
	riLast     = 0x1F1FF // REGIONAL INDICATOR SYMBOL LETTER Z
	zwj        = 0x200D
	vs15       = 0xFE0E // text presentation selector
	vs16       = 0xFE0F // emoji presentation selector
	keycapMark = 0x20E3
)

// isRegionalIndicator reports whether r is half of a flag.
func isRegionalIndicator(r rune) bool { return r >= riFirst && r <= riLast }

// isSkinTone reports whether r is an emoji skin-tone modifier.
func isSkinTone(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }

// isEmojiTag reports whether r is a tag character of a subdivision flag
// (🏴󠁧󠁢󠁳󠁣󠁴󠁿).
func isEmojiTag(r rune) bool { return r >= 0xE0020 && r <= 0xE007F }

// emojiPresentation reports whether r is an emoji by itself: the
// pictographic planes and the BMP symbols that render as emoji without a
// selector. Emoji that default to text (©, ↔, ▪) count only with U+FE0F,
// which textual bullets and arrows lack (see emojiWithSelector).
func emojiPresentation(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF:
		return !isRegionalIndicator(r) && !isSkinTone(r)
	case r >= 0x2600 && r <= 0x27BF: // miscellaneous symbols, dingbats
		return true
	}
	switch r {
	case 0x231A, 0x231B, 0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23F0, 0x23F3,
		0x25FD, 0x25FE, 0x2B1B, 0x2B1C, 0x2B50, 0x2B55:
		return true
	}
	return false
}

// emojiWithSelector reports whether r is an emoji when U+FE0F follows it.
func emojiWithSelector(r rune) bool {
	switch {
	case r >= 0x2190 && r <= 0x21FF, r >= 0x2300 && r <= 0x23FF,
		r >= 0x25A0 && r <= 0x25FF, r >= 0x2B00 && r <= 0x2BFF:
		return true
	}
	switch r {
	case 0xA9, 0xAE, 0x203C, 0x2049, 0x2122, 0x2139, 0x24C2, 0x2934, 0x2935,
		0x3030, 0x303D, 0x3297, 0x3299:
		return true
	}
	return false
}

// emojiAt reports whether an emoji sequence starts at text[i] and returns
// its end. Flags are not emoji here: scanFlags reads them.
func emojiAt(text string, i int) (end int, ok bool) {
	r, size := utf8.DecodeRuneInString(text[i:])
	next := i + size
	switch {
	case r == '#' || r == '*' || (r >= '0' && r <= '9'):
		if k := skipRune(text, next, vs16); hasRuneAt(text, k, keycapMark) {
			return emojiTail(text, k+3), true
		}
		return i, false
	case emojiPresentation(r):
		return emojiTail(text, next), true
	case emojiWithSelector(r) && hasRuneAt(text, next, vs16):
		return emojiTail(text, next), true
	}
	return i, false
}

// emojiTail extends an emoji sequence over selectors, skin tones, tags and
// ZWJ-joined emoji.
func emojiTail(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == vs15 || r == vs16 || isSkinTone(r) || isEmojiTag(r) || r == keycapMark:
			i += size
		case r == zwj:
			r2, size2 := utf8.DecodeRuneInString(text[i+size:])
			if !emojiPresentation(r2) && !emojiWithSelector(r2) {
				return i
			}
			i += size + size2
		default:
			return i
		}
	}
	return i
}

// scanFlags returns the end of the run of regional-indicator pairs that
// starts at text[i], or i when no complete pair starts there. An odd
// indicator at the end of the run is left out.
func scanFlags(text string, i int) int {
	end := i
	for {
		r1, s1 := utf8.DecodeRuneInString(text[end:])
		if !isRegionalIndicator(r1) {
			return end
		}
		r2, s2 := utf8.DecodeRuneInString(text[end+s1:])
		if !isRegionalIndicator(r2) {
			return end
		}
		end += s1 + s2
	}
}

// emojiKey returns seq without variation selectors; it allocates only when
// seq has one.
func emojiKey(seq string) string {
	// U+FE0E and U+FE0F are EF B8 8E and EF B8 8F in UTF-8.
	if !strings.Contains(seq, "\uFE0F") && !strings.Contains(seq, "\uFE0E") {
		return seq
	}
	b := make([]byte, 0, len(seq))
	for _, r := range seq {
		if r != vs15 && r != vs16 {
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}

// hasRuneAt reports whether r starts at text[i].
func hasRuneAt(text string, i int, r rune) bool {
	if i >= len(text) {
		return false
	}
	got, _ := utf8.DecodeRuneInString(text[i:])
	return got == r
}

// skipRune returns i advanced past r when r starts at text[i].
func skipRune(text string, i int, r rune) int {
	if hasRuneAt(text, i, r) {
		return i + utf8.RuneLen(r)
	}
	return i
}
