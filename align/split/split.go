package split

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parapost/parapost/corpus"
)

// Split splits text into sentences for language lang (ISO 639-1; rules for "ru" and "en",
// sensible generic rules for any other language). Every span is an exact byte range of text,
// trimmed of surrounding white space, non-empty, in order, non-overlapping; together they cover
// every non-space character of text.
//
// Every line is at least one sentence. Within a line a sentence ends after . ! ? … (or a run
// of them, with any closing quotes and brackets) followed by space and a sentence start: an
// upper-case letter, a digit, an opening quote or bracket, an emoji, a bullet, a dialogue dash,
// a hashtag. A dot ends no sentence after an abbreviation ("т.е.", "г.", "Mr.", "U.S."), an
// initial ("С. В. Лавров") or a list number, and no terminator ends one before a lower-case
// word. An elision mark "<...>" (or "[...]", "(...)" between sentences) is a unit of its own.
func Sentences(text, lang string) []corpus.Span {
	base := baseLang(lang)
	sp := splitter{
		text:       text,
		start:      -1,
		ordinalDot: ordinalDotLangs[base],
		greek:      base == "el",
	}
	if text != "" {
		// One allocation for most posts: sentences average well over
		// 64 bytes.
		sp.spans = make([]corpus.Span, 0, len(text)/64+2)
	}
	sp.run()
	return sp.spans
}

// splitter holds the state of one Split call.
type splitter struct {
	text  string
	spans []corpus.Span
	// start is the offset of the current sentence's first non-space
	// character, -1 between sentences; end is the offset just after the
	// last non-space character seen.
	start, end int
	// ordinalDot is set for languages that write ordinal numbers with a
	// dot ("3. Oktober"), where "3." followed by a capital ends nothing.
	ordinalDot bool
	// greek is set for Greek, whose question mark is ';'.
	greek bool
	// depth counts the parentheses open in the current sentence; paren is
	// the offset of the outermost one.
	depth, paren int
}

// run scans the text once, byte by byte on ASCII.
func (sp *splitter) run() {
	t := sp.text
	for i := 0; i < len(t); {
		if c := t[i]; c < utf8.RuneSelf {
			switch c {
			case '\n', '\r', '\v', '\f':
				sp.flush()
				i++
			case ' ', '\t':
				i++
			case '.', '!', '?':
				i = sp.terminator(i)
			case '<', '[', '(':
				i = sp.bracket(i)
			case ':', ';', '=', ')':
				if n := emoticonLen(t[i:]); n > 0 {
					i = sp.ender(i, i+n, runKind{bang: true})
					break
				}
				if c == ')' {
					i = sp.closeParen(i)
					break
				}
				if c == ';' && sp.greek {
					i = sp.ender(i, i+1, runKind{bang: true})
					break
				}
				sp.mark(i, i+1)
				i++
			default:
				sp.mark(i, i+1)
				i++
			}
			continue
		}
		if c := t[i]; c >= 0xC3 && c <= 0xD5 && i+1 < len(t) && t[i+1]&0xC0 == 0x80 {
			// U+00C0..U+057F (Latin, Greek, Cyrillic, Armenian
			// letters) holds no space, break or terminator: skip
			// decoding.
			sp.mark(i, i+2)
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case isLineBreak(r):
			sp.flush()
			i += size
		case isSpace(r):
			i += size
		case r == '…' || isOtherTerminator(r):
			i = sp.terminator(i)
		case isStrongTerminator(r):
			i = sp.strongTerminator(i)
		default:
			sp.mark(i, i+size)
			i += size
		}
	}
	sp.flush()
}

// mark records non-space text at [i, j).
func (sp *splitter) mark(i, j int) {
	if sp.start < 0 {
		sp.start = i
	}
	sp.end = j
}

// flush ends the current sentence, if any.
func (sp *splitter) flush() {
	sp.depth = 0
	if sp.start >= 0 {
		sp.spans = append(sp.spans, corpus.Span{Start: sp.start, End: sp.end})
		sp.start = -1
	}
}

// terminator handles the run of terminators that begins at i and returns
// where scanning resumes.
func (sp *splitter) terminator(i int) int {
	j, run := scanRun(sp.text, i)
	return sp.ender(i, j, run)
}

// ender handles a sentence-ending run at [i, j) of the given kind and
// returns where scanning resumes.
func (sp *splitter) ender(i, j int, run runKind) int {
	t := sp.text
	sp.mark(i, j)
	k := skipSpaces(t, j)
	if k == j || k == len(t) || startsLineBreak(t[k:]) {
		// Glued to the next character ("3.5", "mid.ru"), or the line
		// ends here anyway.
		return k
	}
	if sp.boundary(i, k, run) {
		sp.flush()
	}
	return k
}

// strongTerminator handles "。", "！" and "？", which end a sentence
// without a following space.
func (sp *splitter) strongTerminator(i int) int {
	j, _ := scanRun(sp.text, i)
	sp.mark(i, j)
	sp.flush()
	return j
}

// runKind describes a run of sentence terminators.
type runKind struct {
	bang     bool // holds '!' or '?'
	ellipsis bool // holds '…' or two dots or more
	closed   bool // closing quotes or brackets follow a terminator
}

// scanRun returns the end of the run of terminators and closing
// punctuation that begins at i.
func scanRun(t string, i int) (int, runKind) {
	var run runKind
	dots := 0
	j := i
	for j < len(t) {
		r, size := utf8.DecodeRuneInString(t[j:])
		switch {
		case r == '.':
			dots++
		case r == '!' || r == '?' || r == '！' || r == '？' || isOtherTerminator(r):
			run.bang = true
		case r == '…':
			run.ellipsis = true
		case r == '。':
		case isCloser(r):
			run.closed = true
		default:
			run.ellipsis = run.ellipsis || dots > 1
			return j, run
		}
		j += size
	}
	run.ellipsis = run.ellipsis || dots > 1
	return j, run
}

// boundary reports whether the terminator run at i, followed by white space
// and then by text at k, ends a sentence.
func (sp *splitter) boundary(i, k int, run runKind) bool {
	switch {
	case classify(sp.text, k) == notStart:
		return sp.lowerStart(i, k, run)
	case run.bang || run.ellipsis || run.closed:
		return true
	}
	return !sp.abbreviation(i, k)
}

// lowerStart reports whether the plain dot at i ends a sentence although a
// lower-case word follows at k: people who write reviews and comments do
// not always capitalise ("Работает сомелье. он помог…"). An abbreviation
// ends in a short word ("см. ниже", "approx. the"), so only a dot after a
// word of six letters or more, all of them small, counts, and only before
// a word of two letters or more.
func (sp *splitter) lowerStart(dot, k int, run runKind) bool {
	t := sp.text
	if run.bang || run.ellipsis || run.closed || dot+1 >= len(t) || t[dot+1] == '.' {
		return false
	}
	tok := t[tokenStart(t, sp.start, dot):dot]
	letters := 0
	for _, r := range tok {
		if !unicode.IsLower(r) {
			return false
		}
		letters++
	}
	if letters < 6 {
		return false
	}
	if _, ok := abbreviations[tok]; ok {
		return false
	}
	next := 0
	for _, r := range t[k:] {
		if !unicode.IsLetter(r) {
			break
		}
		next++
	}
	return next >= 2
}

// abbreviation reports whether the single dot at i, followed by the
// sentence start at k, closes an abbreviation, an initial or a list number
// rather than a sentence.
func (sp *splitter) abbreviation(dot, k int) bool {
	t := sp.text
	tokStart := tokenStart(t, sp.start, dot)
	tok := trimOpeners(t[tokStart:dot])
	if tok == "" {
		return false
	}
	if tokStart == sp.start && isListNumber(tok) {
		return true
	}
	if sp.ordinalDot && len(tok) <= 2 && isDigits(tok) {
		return true
	}
	if kind, ok := abbreviations[tok]; ok {
		switch kind {
		case abbrPrefix:
			return true
		case abbrNumeric:
			return numberAt(t, k)
		case abbrYear:
			// "2024 г. 20:40" is one sentence, "в 2024 г. Затем" two;
			// "г. Москва" is one.
			return numberAt(t, k) || !isYear(prevToken(t, sp.start, tokStart))
		}
	}
	if !isInitials(tok) || sentenceFinalInitials[tok] {
		return false
	}
	prev := prevToken(t, sp.start, tokStart)
	switch r, size := utf8.DecodeRuneInString(tok); {
	case size == len(tok) && unicode.IsLower(r) && isYear(prev):
		// A unit after a number: "0.5 л. И", but "стр. 5 т. 2".
		return numberAt(t, k)
	case (tok == "д" || tok == "п") && prev == "т.", tok == "э" && prev == "н.":
		// "и т. д. Затем", "до н. э. Затем": spaced forms of
		// sentence-final abbreviations.
		return false
	}
	return true
}

// numberAt reports whether the token at k holds a digit: "5", "FS77-35597".
func numberAt(t string, k int) bool {
	for i := k; i < len(t); i++ {
		switch c := t[i]; {
		case c >= '0' && c <= '9':
			return true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			return false
		}
	}
	return false
}

// nextKind classifies the text after a terminator and white space.
type nextKind int

const (
	notStart   nextKind = iota // cannot start a sentence: lower case, comma...
	start                      // starts a sentence
	digitStart                 // starts a sentence unless an abbreviation asks for a number
)

// classify tells whether the text at k can start a sentence.
func classify(t string, k int) nextKind {
	r, size := utf8.DecodeRuneInString(t[k:])
	switch {
	case unicode.IsLower(r):
		return notStart
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return start
	case unicode.IsDigit(r):
		return digitStart
	case unicode.IsLetter(r): // scripts without case
		return start
	case r == '<':
		if unitLen(t[k:]) > 0 {
			return start
		}
		return notStart
	case isOpener(r):
		// «Газпром» starts a sentence, (см. выше) does not.
		if r2, _ := utf8.DecodeRuneInString(t[skipOpeners(t, k):]); unicode.IsLower(r2) {
			return notStart
		}
		return start
	case isDash(r) || isBullet(r):
		// A dialogue dash or a bullet starts a sentence unless a
		// lower-case word follows: "«Что?» — спросил он."
		m := skipSpaces(t, skipSame(t, k, r))
		if r2, _ := utf8.DecodeRuneInString(t[m:]); unicode.IsLower(r2) {
			return notStart
		}
		return start
	case r == '#' || r == '@' || r == '№':
		return start
	case isEmoji(r):
		// A trailing emoji stays with the sentence before it.
		m := skipSpaces(t, skipEmoji(t, k+size))
		if m == len(t) || startsLineBreak(t[m:]) {
			return notStart
		}
		return start
	case unicode.Is(unicode.Sc, r):
		return start
	}
	return notStart
}

// bracket handles '<', '[' or '(' at i: an elision mark "<...>" is a
// sentence of its own, and so are "[...]" and "(...)" between sentences.
// closeParen handles a ')' at i. One that closes no parenthesis after
// words is a smiley ("кальянов) Постоянно"), and ends the sentence when a
// new one starts after it; one that closes a parenthetical of three words or more
// ends the sentence when a capitalised word follows ("(for the third
// time) Then"): a short one is more likely a name or an acronym
// ("(МИД) России").
func (sp *splitter) closeParen(i int) int {
	if sp.depth == 0 {
		// Not a list marker ("3) Третий", "б) сроки"): it follows words.
		if sp.start >= 0 && wordCount(sp.text[sp.start:i]) >= 2 {
			return sp.ender(i, i+1, runKind{closed: true})
		}
		sp.mark(i, i+1)
		return i + 1
	}
	sp.depth--
	if sp.depth > 0 || wordCount(sp.text[sp.paren:i]) < 3 {
		sp.mark(i, i+1)
		return i + 1
	}
	k := skipSpaces(sp.text, i+1)
	if r, _ := utf8.DecodeRuneInString(sp.text[k:]); k > i+1 && unicode.IsUpper(r) {
		if r2, _ := utf8.DecodeRuneInString(sp.text[k+utf8.RuneLen(r):]); unicode.IsLower(r2) {
			return sp.ender(i, i+1, runKind{closed: true})
		}
	}
	sp.mark(i, i+1)
	return i + 1
}

// wordCount counts the runs of letters or digits of s.
func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

func (sp *splitter) bracket(i int) int {
	t := sp.text
	n := unitLen(t[i:])
	if n == 0 && t[i] == '(' {
		if n = emoticonLen(t[i:]); n > 0 {
			return sp.ender(i, i+n, runKind{bang: true})
		}
	}
	if n == 0 {
		if t[i] == '(' {
			if sp.depth == 0 {
				sp.paren = i
			}
			sp.depth++
		}
		sp.mark(i, i+1)
		return i + 1
	}
	j := i + n
	if t[i] != '<' && !(sp.afterSentence() && beforeSentence(t, j)) {
		// An elision inside a sentence: "he said that (...) we".
		sp.mark(i, j)
		return j
	}
	sp.flush()
	sp.start, sp.end = i, skipTrailingPunct(t, j)
	sp.flush()
	return sp.end
}

// afterSentence reports whether the text so far ends a sentence.
func (sp *splitter) afterSentence() bool {
	if sp.start < 0 {
		return true
	}
	s := sp.text[sp.start:sp.end]
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		switch {
		case isCloser(r):
			s = s[:len(s)-size]
			continue
		case r == '.' || r == '!' || r == '?' || r == '…':
			return true
		}
		return false
	}
	return false
}

// beforeSentence reports whether a sentence or the line's end follows j.
func beforeSentence(t string, j int) bool {
	k := skipSpaces(t, skipTrailingPunct(t, j))
	return k == len(t) || startsLineBreak(t[k:]) || classify(t, k) != notStart
}

// unitLen returns the length of the elision mark s begins with, or 0.
func unitLen(s string) int {
	if len(s) < 3 {
		return 0
	}
	var closer byte
	switch s[0] {
	case '<':
		closer = '>'
	case '[':
		closer = ']'
	case '(':
		closer = ')'
	default:
		return 0
	}
	for _, dots := range [...]string{"...", "…"} {
		if strings.HasPrefix(s[1:], dots) && len(s) > len(dots)+1 && s[len(dots)+1] == closer {
			return len(dots) + 2
		}
	}
	return 0
}

// emoticonLen returns the length of the emoticon s begins with, or 0:
// ":)", ":-(", ";)", ":D", "=)", and the Russian "))" or "((".
func emoticonLen(s string) int {
	if len(s) < 2 {
		return 0
	}
	if s[0] == ')' || s[0] == '(' {
		n := 1
		for n < len(s) && s[n] == s[0] {
			n++
		}
		if n < 2 {
			return 0
		}
		return n
	}
	if s[0] != ':' && s[0] != ';' && s[0] != '=' {
		return 0
	}
	n := 1
	if s[n] == '-' {
		n++
	}
	if n == len(s) || !strings.ContainsRune(")(DPp", rune(s[n])) {
		return 0
	}
	mouth := s[n]
	for n < len(s) && s[n] == mouth {
		n++
	}
	return n
}

// skipTrailingPunct returns the end of the terminators, closers and
// commas that follow j.
func skipTrailingPunct(t string, j int) int {
	for j < len(t) {
		r, size := utf8.DecodeRuneInString(t[j:])
		switch {
		case r == '.' || r == '!' || r == '?' || r == '…' || r == ',' || r == ';' || r == ':':
		case isCloser(r):
		default:
			return j
		}
		j += size
	}
	return j
}

// tokenStart returns the start of the white-space-delimited token that ends
// at end, no earlier than lo.
func tokenStart(t string, lo, end int) int {
	i := end
	for i > lo {
		r, size := utf8.DecodeLastRuneInString(t[lo:i])
		if isSpace(r) {
			break
		}
		i -= size
	}
	return i
}

// prevToken returns the token before the one starting at tokStart, within
// the current sentence (from lo), or "".
func prevToken(t string, lo, tokStart int) string {
	end := tokStart
	for end > lo {
		r, size := utf8.DecodeLastRuneInString(t[lo:end])
		if !isSpace(r) {
			break
		}
		end -= size
	}
	return t[tokenStart(t, lo, end):end]
}

// trimOpeners drops opening quotes and brackets from the front of tok.
func trimOpeners(tok string) string {
	for tok != "" {
		r, size := utf8.DecodeRuneInString(tok)
		if !isOpener(r) {
			break
		}
		tok = tok[size:]
	}
	return tok
}

// skipOpeners returns the offset after the opening quotes and brackets at k.
func skipOpeners(t string, k int) int {
	for k < len(t) {
		r, size := utf8.DecodeRuneInString(t[k:])
		if !isOpener(r) {
			break
		}
		k += size
	}
	return k
}

// skipSame returns the offset after the run of r that begins at k.
func skipSame(t string, k int, r rune) int {
	for k < len(t) {
		r2, size := utf8.DecodeRuneInString(t[k:])
		if r2 != r {
			break
		}
		k += size
	}
	return k
}

// skipEmoji returns the offset after the emoji sequence that continues at k
// (more emoji, variation selectors, joiners, skin tones, keycaps, tags).
func skipEmoji(t string, k int) int {
	for k < len(t) {
		r, size := utf8.DecodeRuneInString(t[k:])
		if !isEmoji(r) && r != 0xFE0F && r != 0xFE0E && r != 0x200D && r != 0x20E3 &&
			!(r >= 0x1F3FB && r <= 0x1F3FF) && !(r >= 0xE0020 && r <= 0xE007F) {
			break
		}
		k += size
	}
	return k
}

// skipSpaces returns the offset of the first character at or after j that
// is not white space, stopping at line breaks.
func skipSpaces(t string, j int) int {
	for j < len(t) {
		c := t[j]
		if c == ' ' || c == '\t' {
			j++
			continue
		}
		if c < utf8.RuneSelf {
			return j
		}
		r, size := utf8.DecodeRuneInString(t[j:])
		if !isSpace(r) || isLineBreak(r) {
			return j
		}
		j += size
	}
	return j
}

// startsLineBreak reports whether s begins with a line break.
func startsLineBreak(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '\n', '\r', '\v', '\f':
		return true
	}
	if s[0] < utf8.RuneSelf {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return isLineBreak(r)
}

// isSpace is unicode.IsSpace with a fast path for Cyrillic and other
// alphabets below U+1680, the first space above Latin-1.
func isSpace(r rune) bool {
	if r < 0x1680 {
		switch r {
		case ' ', '\t', '\n', '\v', '\f', '\r', 0x85, 0xA0:
			return true
		}
		return false
	}
	return unicode.IsSpace(r)
}

// isLineBreak reports whether r ends a line (ASCII breaks are handled
// byte-wise by the callers that can).
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// isStrongTerminator reports whether r ends a sentence even without a
// following space (Chinese and Japanese full stops and marks).
func isStrongTerminator(r rune) bool {
	return r == '。' || r == '！' || r == '？'
}

// isOtherTerminator reports whether r is a terminator of other scripts,
// treated like '!' and '?': Arabic question mark, Devanagari danda,
// Armenian full stop, double marks.
func isOtherTerminator(r rune) bool {
	switch r {
	case '؟', '।', '։', '‼', '⁉', '⁈', '⁇':
		return true
	}
	return false
}

// isCloser reports whether r closes a quotation or bracket. The curly
// “ and ‘ close Russian and German „…“ quotes.
func isCloser(r rune) bool {
	switch r {
	case '»', '”', '“', '"', '’', '‘', '\'', ')', ']', '}', '›', '」', '』', '）':
		return true
	}
	return false
}

// isOpener reports whether r opens a quotation or bracket.
func isOpener(r rune) bool {
	switch r {
	case '«', '“', '„', '"', '‘', '\'', '(', '[', '{', '‹', '「', '『', '（', '¿', '¡':
		return true
	}
	return false
}

// isDash reports whether r is a dash that may lead a line of dialogue.
func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‒', '–', '—', '―':
		return true
	}
	return false
}

// isBullet reports whether r is a list bullet.
func isBullet(r rune) bool {
	switch r {
	case '•', '·', '*', '▪', '▫', '►', '‣', '◦', '●', '○', '■', '□', '➤', '→':
		return true
	}
	return false
}

// isEmoji reports whether r is an emoji or another pictographic symbol.
func isEmoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || unicode.Is(unicode.So, r)
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isNumberLike reports whether s is a number, date or range: "2024",
// "14.02.2021", "2020–2021", "1,5".
func isNumberLike(s string) bool {
	digit := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r == '.' || r == ',' || r == '/' || r == ':' || isDash(r):
		default:
			return false
		}
	}
	return digit
}

// isYear reports whether s is a number, date or range ending in a digit,
// as before "г." or a unit: "2024", "14.02.2021", "2020–2021", "0.5".
func isYear(s string) bool {
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9' && isNumberLike(s)
}

// isListNumber reports whether tok, first in its sentence before a dot, is
// the number of a list item: "1", "3.2", "IV".
func isListNumber(tok string) bool {
	if len(tok) <= 6 && isNumberLike(tok) {
		return true
	}
	if len(tok) > 4 {
		return false
	}
	for i := 0; i < len(tok); i++ {
		if !strings.ContainsRune("IVXLC", rune(tok[i])) {
			return false
		}
	}
	return true
}

// isInitials reports whether tok is one letter or single letters joined by
// dots ("С", "M.V", "U.S", "т.е"), the last dot excluded.
func isInitials(tok string) bool {
	for {
		r, size := utf8.DecodeRuneInString(tok)
		if !unicode.IsLetter(r) {
			return false
		}
		tok = tok[size:]
		if tok == "" {
			return true
		}
		if tok[0] != '.' || len(tok) == 1 {
			return false
		}
		tok = tok[1:]
	}
}

// sentenceFinalInitials are letter-dot forms that often end a sentence,
// and one-letter words that may.
var sentenceFinalInitials = map[string]bool{
	"т.д": true, "т.п": true, "и.т.д": true, "и.т.п": true, "н.э": true,
	"a.m": true, "p.m": true, "A.M": true, "P.M": true,
	"я": true, "Я": true, "I": true,
}

// abbrKind says when a dot after an abbreviation ends no sentence.
type abbrKind uint8

const (
	abbrPrefix  abbrKind = iota // never: a title or a word that needs a complement ("Mr.", "ул.")
	abbrNumeric                 // only before a number ("No. 5", "млн. 300", "Jan. 5")
	abbrYear                    // "г.", "гг.": before a number, or when no number precedes
)

// abbreviations maps abbreviations, without their final dot, to their kind.
// Russian entries are also matched capitalized (init adds the forms).
// Single letters and letter-dot forms ("т.е", "U.S") need no entry.
var abbreviations = map[string]abbrKind{
	// English titles and words that precede a name or a complement.
	"Mr": abbrPrefix, "Mrs": abbrPrefix, "Ms": abbrPrefix, "Messrs": abbrPrefix,
	"Dr": abbrPrefix, "Prof": abbrPrefix, "St": abbrPrefix, "Mt": abbrPrefix, "Ft": abbrPrefix,
	"Gen": abbrPrefix, "Col": abbrPrefix, "Lt": abbrPrefix, "Sgt": abbrPrefix, "Capt": abbrPrefix,
	"Cmdr": abbrPrefix, "Adm": abbrPrefix, "Gov": abbrPrefix, "Sen": abbrPrefix, "Rep": abbrPrefix,
	"Rev": abbrPrefix, "Hon": abbrPrefix, "Pres": abbrPrefix, "Amb": abbrPrefix,
	"vs": abbrPrefix, "Vs": abbrPrefix, "cf": abbrPrefix, "viz": abbrPrefix,
	"Inc": abbrPrefix, "Ltd": abbrPrefix, "Corp": abbrPrefix, "Co": abbrPrefix,
	// English abbreviations before numbers.
	"No": abbrNumeric, "Nos": abbrNumeric, "Art": abbrNumeric, "Fig": abbrNumeric,
	"pp": abbrNumeric, "Vol": abbrNumeric, "vol": abbrNumeric, "Ch": abbrNumeric,
	"ch": abbrNumeric, "approx": abbrNumeric, "ca": abbrNumeric, "etc": abbrNumeric,
	"Jan": abbrNumeric, "Feb": abbrNumeric, "Mar": abbrNumeric, "Apr": abbrNumeric,
	"Jun": abbrNumeric, "Jul": abbrNumeric, "Aug": abbrNumeric, "Sep": abbrNumeric,
	"Sept": abbrNumeric, "Oct": abbrNumeric, "Nov": abbrNumeric, "Dec": abbrNumeric,
	// Russian (lower case; capitalized forms added by init).
	"г": abbrYear, "гг": abbrYear, "вв": abbrYear,
	"им": abbrPrefix, "ул": abbrPrefix, "пр": abbrPrefix, "просп": abbrPrefix,
	"пл": abbrPrefix, "пер": abbrPrefix, "наб": abbrPrefix, "бул": abbrPrefix,
	"ш": abbrPrefix, "корп": abbrPrefix, "стр": abbrPrefix, "обл": abbrPrefix,
	"пос": abbrPrefix, "дер": abbrPrefix, "ст": abbrPrefix, "см": abbrPrefix,
	"ср": abbrPrefix, "напр": abbrPrefix, "ген": abbrPrefix, "акад": abbrPrefix,
	"проф": abbrPrefix, "доц": abbrPrefix, "зам": abbrPrefix, "тов": abbrPrefix,
	"гр": abbrPrefix, "св": abbrPrefix, "оз": abbrPrefix, "англ": abbrPrefix,
	"рус": abbrPrefix, "лат": abbrPrefix, "нем": abbrPrefix, "франц": abbrPrefix,
	"фр": abbrPrefix, "исп": abbrPrefix, "кит": abbrPrefix, "араб": abbrPrefix,
	"прим": abbrPrefix, "пред": abbrPrefix, "рис": abbrNumeric, "табл": abbrNumeric,
	"гл": abbrNumeric, "кв": abbrNumeric, "тел": abbrNumeric, "пп": abbrNumeric,
	"млн": abbrNumeric, "млрд": abbrNumeric, "трлн": abbrNumeric, "тыс": abbrNumeric,
	"руб": abbrNumeric, "коп": abbrNumeric, "долл": abbrNumeric, "мин": abbrNumeric,
	"сек": abbrNumeric, "янв": abbrNumeric, "февр": abbrNumeric, "авг": abbrNumeric,
	"сент": abbrNumeric, "окт": abbrNumeric, "нояб": abbrNumeric, "дек": abbrNumeric,
}

func init() {
	// Capitalized Russian forms, for abbreviations that open a sentence.
	var upper []string
	for k := range abbreviations {
		if r, _ := utf8.DecodeRuneInString(k); unicode.In(r, unicode.Cyrillic) {
			upper = append(upper, k)
		}
	}
	for _, k := range upper {
		r, size := utf8.DecodeRuneInString(k)
		abbreviations[string(unicode.ToUpper(r))+k[size:]] = abbreviations[k]
	}
}

// ordinalDotLangs write ordinal numbers with a dot: "am 3. Oktober".
var ordinalDotLangs = map[string]bool{
	"de": true, "da": true, "nb": true, "nn": true, "no": true, "fi": true, "et": true,
	"cs": true, "sk": true, "sl": true, "hr": true, "sr": true, "bs": true, "hu": true,
	"pl": true, "lv": true, "is": true, "fo": true, "tr": true,
}

// baseLang returns the primary subtag of a language tag ("pt" of "pt-BR").
func baseLang(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		return lang[:i]
	}
	return lang
}
