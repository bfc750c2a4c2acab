package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// script is the writing system of a word. Languages are only compared with
// the other languages of their script.
type script uint8

const (
	scriptNone script = iota
	scriptLatin
	scriptCyrillic
	scriptGreek
	scriptArmenian
	scriptGeorgian
	scriptHebrew
	scriptArabic
	scriptDevanagari
	scriptBengali
	scriptGurmukhi
	scriptGujarati
	scriptTamil
	scriptTelugu
	scriptThai
	scriptHangul
	scriptCJK // Han, Hiragana and Katakana: Chinese and Japanese share Han
	scriptOther
	numScripts
)

// scriptTables maps the scripts that are not decided by a fast path to their
// Unicode tables, in the order they are tried.
var scriptTables = []struct {
	s script
	t *unicode.RangeTable
}{
	{scriptLatin, unicode.Latin},
	{scriptCyrillic, unicode.Cyrillic},
	{scriptArabic, unicode.Arabic},
	{scriptCJK, unicode.Han},
	{scriptCJK, unicode.Hiragana},
	{scriptCJK, unicode.Katakana},
	{scriptHangul, unicode.Hangul},
	{scriptGreek, unicode.Greek},
	{scriptHebrew, unicode.Hebrew},
	{scriptArmenian, unicode.Armenian},
	{scriptGeorgian, unicode.Georgian},
	{scriptDevanagari, unicode.Devanagari},
	{scriptBengali, unicode.Bengali},
	{scriptGurmukhi, unicode.Gurmukhi},
	{scriptGujarati, unicode.Gujarati},
	{scriptTamil, unicode.Tamil},
	{scriptTelugu, unicode.Telugu},
	{scriptThai, unicode.Thai},
}

// scriptOf returns the script of letter r.
func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		return scriptLatin
	case r >= 0x400 && r <= 0x52f:
		return scriptCyrillic
	case r >= 0xc0 && r <= 0x24f:
		return scriptLatin
	}
	for _, st := range scriptTables {
		if unicode.Is(st.t, r) {
			return st.s
		}
	}
	return scriptOther
}

// word is a run of letters of one script that detection looks at.
type word struct {
	start, end int    // byte offsets into the original text
	text       string // the letters; differs from the original when normalized
	script     script
	letters    int
	// marked: a Cyrillic word with a combining mark that Russian does not
	// write (the macron of Nanai or Evenki "са̄гори"); normalizeWord drops
	// the marks.
	marked bool
	// cased: the word has a capital letter ("Lavrov", "macOS", "NATO").
	cased bool
	// name: the word is capitalised but does not open a sentence, so it
	// is most likely a name ("Lavrov", "Rinkēvičs").
	name bool
}

// Clean returns the text detect looks at: the words of text, separated by
// single spaces, with URLs, @mentions, e-mail addresses, hashtags, emoji,
// digits and punctuation removed. Styled letters (mathematical bold,
// full-width) are folded to plain ones and stress marks are dropped.
func Clean(text string) string {
	words := scanWords(text, nil)
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

// scanWords appends the words of text to dst.
func scanWords(text string, dst []word) []word {
	first := len(dst)
	for i := 0; i < len(text); {
		if size := spaceAt(text, i); size > 0 {
			i += size
			continue
		}
		j, marked := fieldEnd(text, i)
		dst = scanField(text, i, j, marked, dst)
		i = j
	}
	markNames(text, dst[first:])
	return dst
}

// markNames sets the name flag of the capitalised words that do not open a
// sentence: the first word, or one after a full stop, a line break, a colon
// or an opening quote, opens one.
func markNames(text string, words []word) {
	prev := 0
	for k := range words {
		w := &words[k]
		r, _ := utf8.DecodeRuneInString(w.text)
		w.name = k > 0 && unicode.IsUpper(r) && !isPronounI(w.text) &&
			!strings.ContainsAny(text[prev:w.start], ".!?:;\n«“\"•")
		prev = w.end
	}
}

// spaceAt returns the size of the white space rune at text[i], or 0.
func spaceAt(text string, i int) int {
	if c := text[i]; c < utf8.RuneSelf {
		if c == ' ' || '\t' <= c && c <= '\r' {
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if unicode.IsSpace(r) {
		return size
	}
	return 0
}

// fieldEnd returns the end of the whitespace-free field starting at i and
// whether it holds a byte that may start a URL, mention or hashtag.
func fieldEnd(text string, i int) (end int, marked bool) {
	for i < len(text) {
		c := text[i]
		switch {
		case c == ':' || c == '/' || c == '.' || c == '@' || c == '#':
			marked = true
		case c == ' ' || '\t' <= c && c <= '\r':
			return i, marked
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				return i, marked
			}
			i += size
			continue
		}
		i++
	}
	return i, marked
}

// span is a half-open byte range.
type span struct{ start, end int }

// scanField appends the words of the field text[start:end] to dst, skipping
// its URL, mentions and hashtags when marked says it may hold them.
func scanField(text string, start, end int, marked bool, dst []word) []word {
	var masks []span
	if marked {
		masks = fieldMasks(text[start:end], start)
	}
	inWord := false
	var w word
	special := false // the word needs normalizing
	for i := start; i < end; {
		if len(masks) > 0 && i >= masks[0].start {
			if inWord {
				dst = appendWord(text, dst, w, special)
				inWord = false
			}
			i = masks[0].end
			masks = masks[1:]
			continue
		}
		k, s, r, size := classify(text, i)
		switch {
		case k == kindLetter:
			if inWord && s != w.script {
				dst = appendWord(text, dst, w, special)
				inWord = false
			}
			if !inWord {
				w = word{start: i, script: s}
				inWord, special = true, false
			}
			w.letters++
			w.end = i + size
			if unicode.IsUpper(r) {
				w.cased = true
			}
			if isStyled(r) {
				special = true
			}
		case k == kindMark || k == kindIgnorable:
			// Marks and soft hyphens belong to the word they are in.
			if inWord {
				special = true
				if k == kindMark {
					w.end = i + size
					if w.script == scriptCyrillic && !russianMark(r) {
						w.marked = true
					}
				}
			}
		case k == kindJoiner && inWord && nextIsLetter(text, i+size, end):
			// An apostrophe or hyphen between letters stays in the word.
		default:
			if inWord {
				dst = appendWord(text, dst, w, special)
				inWord = false
			}
		}
		i += size
	}
	if inWord {
		dst = appendWord(text, dst, w, special)
	}
	return dst
}

// classify returns the kind of the rune r of size bytes at text[i:] and,
// for a letter, its script. ASCII and Cyrillic take a fast path.
func classify(text string, i int) (k int, s script, r rune, size int) {
	if c := text[i]; c < utf8.RuneSelf {
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			return kindLetter, scriptLatin, rune(c), 1
		case c == '\'' || c == '-':
			return kindJoiner, scriptNone, rune(c), 1
		}
		return kindOther, scriptNone, rune(c), 1
	}
	r, size = utf8.DecodeRuneInString(text[i:])
	if r >= 0x400 && r <= 0x481 || r >= 0x48a && r <= 0x52f {
		return kindLetter, scriptCyrillic, r, size
	}
	k = letterKind(text, i, r, size)
	if k == kindLetter {
		s = scriptOf(styledBase(r))
	}
	return k, s, r, size
}

// appendWord appends the finished word w to dst.
func appendWord(text string, dst []word, w word, special bool) []word {
	w.text = text[w.start:w.end]
	if special {
		w.text = normalizeWord(w.text, w.script)
	}
	return append(dst, w)
}

// Kinds of runes inside a field.
const (
	kindOther = iota
	kindLetter
	kindMark      // a combining mark
	kindIgnorable // format characters such as the soft hyphen
	kindJoiner    // apostrophes and hyphens, part of a word between letters
)

// letterKind classifies the non-ASCII rune r of size bytes at text[i:].
func letterKind(text string, i int, r rune, size int) int {
	switch {
	case r == '’' || r == 'ʼ' || r == '‐' || r == 'ʻ' || r == 'ʾ' || r == 'ʿ':
		// Apostrophes, and the signs of the glottal stop, 'ayn and hamza
		// in transliterations ("Ismāʿīl", "Hawaiʻi").
		return kindJoiner
	case unicode.IsLetter(r):
		// Letter-like symbols (ℹ, ℅) and letters drawn as emoji (followed
		// by the emoji variation selector) are pictures, not words.
		if r >= 0x2100 && r <= 0x214f || strings.HasPrefix(text[i+size:], "\ufe0f") {
			return kindOther
		}
		return kindLetter
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
		return kindMark
	case unicode.Is(unicode.Cf, r) && r != '\ufe0f':
		return kindIgnorable
	}
	return kindOther
}

// nextIsLetter reports whether text[i:end] starts with a letter.
func nextIsLetter(text string, i, end int) bool {
	if i >= end {
		return false
	}
	k, _, _, _ := classify(text, i)
	return k == kindLetter
}

// isStyled reports whether r is a styled letter that NFKC folds to a plain
// one: mathematical alphanumerics (𝐁𝐨𝐥𝐝) and full-width Latin.
func isStyled(r rune) bool {
	return r >= 0x1d400 && r <= 0x1d7ff || r >= 0xff21 && r <= 0xff5a
}

// styledBase returns the plain letter of a styled one, else r: styled
// letters belong to no script of their own.
func styledBase(r rune) rune {
	if !isStyled(r) {
		return r
	}
	for _, b := range norm.NFKC.String(string(r)) {
		return b
	}
	return r
}

// normalizeWord folds styled letters, composes letters with their marks and
// drops the marks that remain in alphabetic scripts (stress accents on
// Russian vowels, which would split the word for lingua) and format
// characters such as soft hyphens.
func normalizeWord(s string, sc script) string {
	s = norm.NFKC.String(s)
	dropMarks := sc == scriptLatin || sc == scriptCyrillic || sc == scriptGreek
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) || dropMarks && unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, s)
}

// fieldMasks returns the byte ranges of the field (at offset base of the
// text) that are not words: a URL, @mentions, e-mail addresses, hashtags.
// The ranges are in order and do not overlap.
func fieldMasks(field string, base int) []span {
	if u := urlStart(field); u >= 0 {
		// A URL runs to the end of the field; what precedes it may hold
		// words ("Source:https://...").
		m := innerMasks(field[:u], base)
		return append(m, span{base + u, base + len(field)})
	}
	return innerMasks(field, base)
}

// innerMasks returns the ranges of mentions, e-mail addresses and hashtags.
func innerMasks(field string, base int) []span {
	var masks []span
	for i := 0; i < len(field); i++ {
		c := field[i]
		if c != '@' && c != '#' {
			continue
		}
		if i+1 >= len(field) || !isTagRune(field[i+1:]) {
			continue
		}
		start := i
		if c == '@' {
			// The local part of an e-mail address goes with it.
			for start > 0 && isAddrByte(field[start-1]) {
				start--
			}
		}
		end := i + 1
		for end < len(field) {
			r, size := utf8.DecodeRuneInString(field[end:])
			if !isTagChar(r) && !(c == '@' && (r == '.' || r == '-') && end+size < len(field) && isTagRune(field[end+size:])) {
				break
			}
			end += size
		}
		if len(masks) > 0 && start < masks[len(masks)-1].end-base {
			start = masks[len(masks)-1].end - base
		}
		masks = append(masks, span{base + start, base + end})
		i = end - 1
	}
	return masks
}

// isTagRune reports whether s starts with a character that may follow '@'
// or '#' in a mention or hashtag.
func isTagRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isTagChar(r)
}

// isTagChar reports whether r may appear in a mention or hashtag.
func isTagChar(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isAddrByte reports whether c may appear in the local part of an e-mail
// address.
func isAddrByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '.' || c == '_' || c == '-' || c == '+' || c == '%'
}

// urlStart returns the offset of the URL in field, or -1: a scheme
// ("https://"), "www.", or a bare domain name ("mid.ru/en", "t.me/x").
func urlStart(field string) int {
	if k := strings.Index(field, "://"); k > 0 {
		s := k
		for s > 0 && isSchemeByte(field[s-1]) {
			s--
		}
		if s < k {
			return s
		}
	}
	// Opening punctuation such as "(" or "«" is not part of the address.
	t := strings.TrimLeftFunc(field, func(r rune) bool { return !isTagChar(r) })
	off := len(field) - len(t)
	if len(t) > 4 && strings.EqualFold(t[:4], "www.") {
		return off
	}
	if isDomain(t) {
		return off
	}
	return -1
}

// isSchemeByte reports whether c may appear in a URL scheme.
func isSchemeByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '+' || c == '-' || c == '.'
}

// isDomain reports whether s starts with a domain name followed by nothing,
// punctuation or a path. The top-level domain must be two or more lower-case
// letters so that "U.S." and "т.е." are not taken for addresses.
func isDomain(s string) bool {
	host := s
	if k := strings.IndexByte(s, '/'); k >= 0 {
		host = s[:k]
	}
	host = strings.TrimRightFunc(host, func(r rune) bool { return !isTagChar(r) })
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 {
		return false
	}
	for _, label := range strings.Split(host[:dot], ".") {
		if label == "" || !isLabel(label) {
			return false
		}
	}
	return isTLD(host[dot+1:])
}

// isLabel reports whether s is a domain label: letters, digits, hyphens.
func isLabel(s string) bool {
	for _, r := range s {
		if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// isTLD reports whether s looks like a top-level domain.
func isTLD(s string) bool {
	if s == "рф" || s == "рус" {
		return true
	}
	if len(s) < 2 || len(s) > 24 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// foldNames returns the Latin word w with the diacritics of its capitalised
// parts (split at hyphens and apostrophes) removed: "Rinkēvičs" →
// "Rinkevics", "al-Bukhārī" → "al-Bukhari". Foreign names are written with
// letters that the training text of a language such as English holds a few
// times, and lingua, which adds the log-probability of every n-gram a model
// knows, then finds a short English text with two such names less likely
// than Swedish, whose model never saw those letters. Names carry no evidence
// of the language around them; lower-case words keep their letters.
func foldNames(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	var b []byte
	upper := false // in a capitalised part
	start := true  // at the start of a part
	for i, r := range w {
		if start {
			upper = unicode.IsUpper(r)
		}
		start = isJoinerRune(r)
		if !upper || r < utf8.RuneSelf {
			if b != nil {
				b = utf8.AppendRune(b, r)
			}
			continue
		}
		f := foldLetter(r)
		if f == r && b == nil {
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(w)), w[:i]...)
		}
		if f >= 0 {
			b = utf8.AppendRune(b, f)
		}
	}
	if b == nil {
		return w
	}
	return string(b)
}

// isJoinerRune reports whether r joins the parts of a word.
func isJoinerRune(r rune) bool {
	return r == '-' || r == '\'' || r == '’' || r == 'ʼ' || r == '‐'
}

// strokeLetters are the Latin letters with a stroke or other mark that is
// part of the letter in Unicode, and their base letters.
var strokeLetters = map[rune]rune{
	'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ø': 'o', 'Ø': 'O', 'ħ': 'h', 'Ħ': 'H',
	'ı': 'i', 'ŧ': 't', 'Ŧ': 'T', 'ƀ': 'b', 'ɨ': 'i', 'ʉ': 'u',
}

// foldLetter returns the Latin letter r without its diacritics; -1 for a
// combining mark.
func foldLetter(r rune) rune {
	if unicode.Is(unicode.Mn, r) {
		return -1
	}
	if f, ok := strokeLetters[r]; ok {
		return f
	}
	d := norm.NFD.String(string(r))
	f, size := utf8.DecodeRuneInString(d)
	if size < len(d) || f != r {
		return f
	}
	return r
}

// russianMark reports whether the combining mark r is one Russian writes:
// the stress marks, and the breve and diaeresis of a decomposed й or ё.
func russianMark(r rune) bool {
	return r == '\u0301' || r == '\u0300' || r == '\u0306' || r == '\u0308'
}

// isPronounI reports whether w is the English pronoun "I" ("I", "I'm",
// "I’ve"), capitalised wherever it stands.
func isPronounI(w string) bool {
	return w == "I" || strings.HasPrefix(w, "I'") || strings.HasPrefix(w, "I’")
}
