package anchor

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a language-neutral token that a text and its
// translation share.
type Kind uint8

// Anchor kinds. Each comment gives the form of the key.
const (
	Number  Kind = iota + 1 // canonical number: "1000", "2.5", "2024", time "20:40"
	Date                    // "MM-DD": "06-10"
	Hashtag                 // skeleton of the tag: #БРИКС and #BRICS → "briks"
	Flag                    // a run of flag emoji: "🇷🇺🇧🇷"
	Emoji                   // one emoji sequence without variation selectors
	Latin                   // Latin token or acronym: "g20", "un", "brics", "ifone"
	Name                    // name skeleton: "lavrov", "van i"
	Quote                   // skeletons of a short quoted title's words
)

var kindNames = [...]string{
	Number: "num", Date: "date", Hashtag: "tag", Flag: "flag",
	Emoji: "emoji", Latin: "latin", Name: "name", Quote: "quote",
}

// String returns the kind's short name: "num", "date", "tag", "flag",
// "emoji", "latin", "name" or "quote".
func (k Kind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Anchor is one anchor of a text.
type Anchor struct {
	Kind       Kind
	Key        string
	Start, End int // byte offsets in the text
}

// String returns Kind + ":" + Key, e.g. "name:lavrov", "flag:🇷🇺🇧🇷",
// "date:06-10".
func (a Anchor) String() string { return a.Kind.String() + ":" + a.Key }

// Anchors extracts the anchors of text written in lang ("ru", "en", other
// ISO 639-1 codes get the language-neutral rules), in text order. Keys are
// comparable across languages.
//
// What counts as an anchor:
//   - numbers, canonical: "1,000", "1 000" → "1000"; "2.5" and "2,5" (ru)
//     → "2.5"; "75th", "75-летие" → "75"; multipliers are applied, as
//     translations often spell the number out ("450 тыс." and "450,000"
//     → "450000"; "1,5 млн" and "1.5 million" → "1500000"); times are on
//     the 24-hour clock ("2:10 PM" → "14:10");
//   - dates "MM-DD" from "June 10", "10 июня", "8-9 апреля" (two),
//     "10.06.2024"; their days are not numbers, their years are;
//   - hashtags, flags (a run of flags is one anchor), other emoji;
//   - Latin tokens: with digits (G20, Су-57 → "su57"), acronyms of 2–6
//     capitals in either script (ООН and UN → "un", БРИКС and BRICS),
//     inner capitals (iPhone), and in Russian text any Latin word;
//   - names: capitalised words of 3+ letters but common words, keyed by
//     Skeleton; a 1–2 letter capitalised word is joined to its neighbour
//     (Ван И, Xi Jinping); a capitalised Latin word counts as a name in
//     Russian text too, so Samsung meets Samsung;
//   - quoted titles of 1–6 words.
//
// URLs, e-mail addresses and @mentions give no anchors.
func Find(text, lang string) []Anchor { return Append(nil, text, lang) }

// Append is Anchors appending to dst, for callers that reuse a buffer.
// It is safe for concurrent use.
func Append(dst []Anchor, text, lang string) []Anchor {
	return appendAnchors(dst, text, lang, false)
}

// appendAnchors is Append; skipInitial drops the names of
// sentence-initial words. Measured on the gold pairs, the stop lists keep
// more signal than skipping them (see TestAnchorsGoldSignal), so
// Append keeps them.
func appendAnchors(dst []Anchor, text, lang string, skipInitial bool) []Anchor {
	s := anchorScanners.Get().(*anchorScanner)
	s.text = text
	s.lang = anchorLangOf(lang)
	s.skipInitial = skipInitial
	s.tokenize()
	dst = s.anchors(dst)
	clear(s.toks) // drop references into text before pooling
	s.toks = s.toks[:0]
	s.text = ""
	anchorScanners.Put(s)
	return dst
}

// anchorLang selects language-specific rules.
type anchorLang uint8

const (
	anchorOther anchorLang = iota
	anchorEN
	anchorRU
)

func anchorLangOf(lang string) anchorLang {
	switch {
	case isLang(lang, "ru"):
		return anchorRU
	case isLang(lang, "en"):
		return anchorEN
	}
	return anchorOther
}

// anchorScanner holds the state of one Append call; scanners are
// pooled so that their buffers are reused.
type anchorScanner struct {
	text        string
	lang        anchorLang
	skipInitial bool // no names from sentence-initial words
	toks        []token
	buf         []byte // scratch for keys
	// names maps a capitalised word to its name key ("" for none: a stop
	// name, no skeleton), by language: names repeat (Zipf), and the
	// skeleton costs more than a look-up. The scanner is pooled, so the
	// map lives as long as the pool keeps it.
	names [3]map[string]string
}

// maxNameCache bounds each of a scanner's name caches; past it, words
// are no longer added.
const maxNameCache = 1 << 14

var anchorScanners = sync.Pool{New: func() any {
	return &anchorScanner{toks: make([]token, 0, 256), buf: make([]byte, 0, 128)}
}}

// tokKind is the kind of a token.
type tokKind uint8

const (
	tokWord  tokKind = iota + 1
	tokNum           // key: canonical number
	tokDate          // numeric date; key "MM-DD"
	tokTag           // hashtag with its '#'
	tokFlag          // key: the run of flags
	tokEmoji         // key: the sequence without selectors
	tokPunct         // r: the character
	tokBreak         // line break
)

// wordShape describes the letters of a word token.
type wordShape uint8

const (
	shUpperFirst wordShape = 1 << iota // first letter is a capital
	shAllUpper                         // every letter is a capital
	shInnerUpper                       // a capital follows a small letter: iPhone
	shLatin                            // has Latin letters
	shCyrillic                         // has Cyrillic letters
	shDigit                            // has digits: G20, Су-57
)

// token is a unit of text the anchor rules look at. Spaces are not tokens:
// two tokens are adjacent when only spaces separate them.
type token struct {
	key        string
	start, end int
	r          rune
	kind       tokKind
	shape      wordShape
	letters    uint8 // letters of a word, at most 255
	small      int8  // value of a number of one or two plain digits, else -1
	mult       int8  // power of ten of a multiplier glued to a number: 10bn, 5млн
}

func (s *anchorScanner) push(t token) { s.toks = append(s.toks, t) }

// tokenize splits s.text into tokens in one pass.
func (s *anchorScanner) tokenize() {
	t := s.text
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
				i++
			case c == '\n':
				s.push(token{kind: tokBreak, start: i, end: i + 1})
				i++
			case isASCIIDigit(c):
				i = s.scanNumber(i)
			case isASCIILetter(c):
				if e := skipURL(t, i); e > i {
					i = e
					break
				}
				i = s.scanWord(i)
			case c == '#' || c == '*':
				if e, ok := emojiAt(t, i); ok {
					s.push(token{kind: tokEmoji, key: emojiKey(t[i:e]), start: i, end: e})
					i = e
					break
				}
				if e := s.scanHashtag(i); e > i {
					i = e
					break
				}
				s.push(token{kind: tokPunct, r: rune(c), start: i, end: i + 1})
				i++
			case c == '@':
				i = skipMention(t, i)
			default:
				s.push(token{kind: tokPunct, r: rune(c), start: i, end: i + 1})
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case isRegionalIndicator(r):
			if e := scanFlags(t, i); e > i {
				s.push(token{kind: tokFlag, key: t[i:e], start: i, end: e})
				i = e
			} else {
				i += size
			}
		case (r >= 0x400 && r <= 0x45F) || unicode.IsLetter(r):
			i = s.scanWord(i)
		case r == 0x2028 || r == 0x2029 || r == 0x85:
			s.push(token{kind: tokBreak, start: i, end: i + size})
			i += size
		case unicode.IsSpace(r), r == zwj, r == vs15, r == vs16, r == 0xAD,
			r == 0x200B, r == 0x200C, r == 0x2060, r == 0xFEFF:
			i += size
		default:
			if e, ok := emojiAt(t, i); ok {
				s.push(token{kind: tokEmoji, key: emojiKey(t[i:e]), start: i, end: e})
				i = e
				break
			}
			s.push(token{kind: tokPunct, r: r, start: i, end: i + size})
			i += size
		}
	}
}

// scanWord reads a run of letters and digits at s.text[i] and pushes it as
// a word. A short or capital word, a hyphen and digits form one word:
// Су-57, MiG-29, COVID-19.
func (s *anchorScanner) scanWord(i int) int {
	t := s.text
	var sh wordShape
	letters, upper := 0, 0
	sawLower, joined := false, false
	j := i
	for {
		for j < len(t) {
			c := t[j]
			if c < utf8.RuneSelf {
				switch {
				case 'a' <= c && c <= 'z':
					sh |= shLatin
					sawLower = true
					letters++
				case 'A' <= c && c <= 'Z':
					sh |= shLatin
					sh, upper, letters = capital(sh, upper, letters, sawLower)
				case isASCIIDigit(c):
					sh |= shDigit
				default:
					goto done
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(t[j:])
			switch {
			case r >= 0x430 && r <= 0x45F: // Russian small letters first: most runes
				sh |= shCyrillic
				sawLower = true
				letters++
			case r >= 0x400 && r <= 0x42F:
				sh |= shCyrillic
				sh, upper, letters = capital(sh, upper, letters, sawLower)
			case unicode.IsLower(r):
				sh |= scriptOf(r)
				sawLower = true
				letters++
			case unicode.IsUpper(r) || unicode.IsTitle(r):
				sh |= scriptOf(r)
				sh, upper, letters = capital(sh, upper, letters, sawLower)
			case unicode.IsLetter(r):
				letters++
			case unicode.Is(unicode.Mn, r):
			default:
				goto done
			}
			j += size
		}
	done:
		if joined || sh&(shDigit|shUpperFirst) != shUpperFirst ||
			j+1 >= len(t) || t[j] != '-' || !isASCIIDigit(t[j+1]) ||
			!(letters <= 3 || (upper == letters && letters <= 6)) {
			break
		}
		joined = true
		j++
	}
	if letters > 0 && upper == letters {
		sh |= shAllUpper
	}
	s.push(token{kind: tokWord, shape: sh, letters: uint8(min(letters, 255)), start: i, end: j, small: -1})
	return j
}

// scriptOf returns the script flag of a cased letter outside ASCII.
func scriptOf(r rune) wordShape {
	switch {
	case isCyrillicLetter(r):
		return shCyrillic
	case r <= 0x24F || unicode.Is(unicode.Latin, r):
		return shLatin
	}
	return 0
}

// capital updates a word's shape and counts for one capital letter.
func capital(sh wordShape, upper, letters int, sawLower bool) (wordShape, int, int) {
	if letters == 0 {
		sh |= shUpperFirst
	}
	if sawLower {
		sh |= shInnerUpper
	}
	return sh, upper + 1, letters + 1
}

// scanHashtag reads a hashtag at s.text[i] ('#') and returns the index
// after it, or i when '#' does not start one (C#, "#1").
func (s *anchorScanner) scanHashtag(i int) int {
	t := s.text
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(t[:i]); unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			return i
		}
	}
	j, hasLetter := i+1, false
	for j < len(t) {
		r, size := utf8.DecodeRuneInString(t[j:])
		if unicode.IsLetter(r) {
			hasLetter = true
		} else if !unicode.IsDigit(r) && r != '_' && !unicode.Is(unicode.Mn, r) {
			break
		}
		j += size
	}
	if !hasLetter {
		return i
	}
	s.push(token{kind: tokTag, start: i, end: j})
	return j
}

// skipMention returns the index after an @mention at t[i], or i+1.
func skipMention(t string, i int) int {
	j := i + 1
	for j < len(t) && (isASCIILetter(t[j]) || isASCIIDigit(t[j]) || t[j] == '_') {
		j++
	}
	return j
}

// isURLByte reports whether c may be part of a URL as posts write them.
func isURLByte(c byte) bool {
	if isASCIILetter(c) || isASCIIDigit(c) {
		return true
	}
	switch c {
	case '-', '.', '_', '~', ':', '/', '?', '#', '@', '!', '$', '&', '*', '+', '=', '%':
		return true
	}
	return false
}

// skipURL returns the end of the URL, domain or e-mail address that starts
// at t[i], or i when none does. Their letters would otherwise become Latin
// anchors ("https", "ru") that translations do not share.
func skipURL(t string, i int) int {
	j := i
	for j < len(t) && (isASCIILetter(t[j]) || isASCIIDigit(t[j])) {
		j++
	}
	if j == len(t) || !isURLByte(t[j]) {
		return i // a plain word: the common case
	}
	for j < len(t) && isURLByte(t[j]) {
		j++
	}
	for j > i {
		switch t[j-1] {
		case '.', ':', '!', '?', '-', '*':
			j--
			continue
		}
		break
	}
	lex := t[i:j]
	if !strings.ContainsAny(lex, ".:@/") {
		return i
	}
	if hasPrefixFold(lex, "http://") || hasPrefixFold(lex, "https://") || hasPrefixFold(lex, "www.") {
		return j
	}
	host, hasPath := lex, false
	for k := 0; k < len(lex); k++ {
		if lex[k] == '/' {
			host, hasPath = lex[:k], true
			break
		}
	}
	if at := strings.LastIndexByte(host, '@'); at > 0 {
		host = host[at+1:]
	}
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || (dot < 2 && !hasPath) {
		return i
	}
	tld := host[dot+1:]
	if len(tld) < 2 || len(tld) > 24 {
		return i
	}
	for k := 0; k < len(host); k++ {
		if c := host[k]; !(('a' <= c && c <= 'z') || isASCIIDigit(c) || c == '.' || c == '-') {
			return i
		}
	}
	for k := 0; k < len(tld); k++ {
		if isASCIIDigit(tld[k]) {
			return i
		}
	}
	return j
}

// hasPrefixFold reports whether s starts with the lower-case ASCII prefix p,
// ignoring case.
func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for k := 0; k < len(p); k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[k] {
			return false
		}
	}
	return true
}

// anchors turns the tokens into anchors.
func (s *anchorScanner) anchors(dst []Anchor) []Anchor {
	toks := s.toks
	sentStart := true
	quoteClose := -1
	for i := 0; i < len(toks); {
		tok := &toks[i]
		next := i + 1
		wasStart := sentStart
		sentStart = false
		switch tok.kind {
		case tokBreak:
			sentStart = true
		case tokPunct:
			switch {
			case isSentenceEnd(tok.r):
				sentStart = true
			case i != quoteClose && isQuoteOpen(tok.r):
				var k int
				if dst, k = s.quote(dst, i); k > 0 {
					quoteClose = k
				}
				sentStart = wasStart
			case isLeadPunct(tok.r):
				sentStart = wasStart
			}
		case tokNum:
			if d, n := s.dayFirstDate(dst, i); n > i {
				dst, next = d, n
				break
			}
			dst, next = s.numberAnchor(dst, i)
		case tokDate:
			dst = append(dst, Anchor{Kind: Date, Key: tok.key, Start: tok.start, End: tok.end})
		case tokTag:
			dst = s.hashtag(dst, tok)
		case tokFlag, tokEmoji:
			kind := Emoji
			if tok.kind == tokFlag {
				kind = Flag
			}
			dst = append(dst, Anchor{Kind: kind, Key: tok.key, Start: tok.start, End: tok.end})
			sentStart = true // emoji open paragraphs and list items
		case tokWord:
			if d, n := s.monthFirstDate(dst, i); n > i {
				dst, next = d, n
				break
			}
			dst, next = s.word(dst, i, wasStart)
		}
		i = next
	}
	return dst
}

// hashtag appends the anchor of a hashtag: its skeleton, or the key of the
// acronym it is (#ШОС and #SCO → "sco").
func (s *anchorScanner) hashtag(dst []Anchor, tok *token) []Anchor {
	body := s.text[tok.start+1 : tok.end]
	key, ok := acronymKeys[body]
	if !ok {
		b := appendSkeleton(s.buf[:0], body, s.lang == anchorRU, skelWord)
		s.buf = b
		if len(b) == 0 {
			return dst
		}
		key = string(b)
	}
	return append(dst, Anchor{Kind: Hashtag, Key: key, Start: tok.start, End: tok.end})
}

// numberAnchor appends the number toks[i], scaled by a multiplier glued to
// it or in the next word ("1,5 млн", "2 million"), and returns the index of
// the next token to read.
func (s *anchorScanner) numberAnchor(dst []Anchor, i int) ([]Anchor, int) {
	tok := &s.toks[i]
	key, end, next := tok.key, tok.end, i+1
	exp := int(tok.mult)
	if j := i + 1; exp == 0 && j < len(s.toks) && s.toks[j].kind == tokWord && s.adjacent(i, j) {
		w := &s.toks[j]
		if exp = multiplier(s.text[w.start:w.end]); exp > 0 {
			end, next = w.end, j+1
		}
	}
	if exp > 0 {
		key = scaleNumber(key, exp)
	}
	return append(dst, Anchor{Kind: Number, Key: key, Start: tok.start, End: end}), next
}

// isSentenceEnd reports whether r ends a sentence or a heading.
func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '…', ':', ';', '•', '·', '‣', '▪', '►', '✓':
		return true
	}
	return false
}

// isLeadPunct reports whether r may stand before a sentence's first word
// without ending the previous sentence's influence: openers and dashes.
func isLeadPunct(r rune) bool {
	switch r {
	case '(', '[', '«', '“', '„', '"', '\'', '‘', '—', '–', '-', '*':
		return true
	}
	return false
}

func isQuoteOpen(r rune) bool { return r == '«' || r == '“' || r == '„' || r == '"' }

// quoteCloses reports whether r closes a quote opened by open.
func quoteCloses(open, r rune) bool {
	switch open {
	case '«':
		return r == '»'
	case '“':
		return r == '”' || r == '"'
	case '„':
		return r == '“' || r == '”'
	case '"':
		return r == '"'
	}
	return false
}

// maxQuoteWords bounds a quoted title: longer quotations are speech, which
// a translation rewords.
const maxQuoteWords = 6

// quote appends the anchor of the quoted title opened by toks[i] and
// returns the index of its closing quote, or -1 when there is none.
func (s *anchorScanner) quote(dst []Anchor, i int) ([]Anchor, int) {
	toks := s.toks
	open := toks[i].r
	if open == '"' && !s.quoteCanOpen(i) {
		return dst, -1
	}
	words := 0
	for k := i + 1; k < len(toks) && k <= i+4*maxQuoteWords; k++ {
		switch tk := &toks[k]; tk.kind {
		case tokBreak:
			return dst, -1
		case tokWord, tokNum, tokTag:
			if words++; words > maxQuoteWords {
				return dst, -1
			}
		case tokPunct:
			if !quoteCloses(open, tk.r) {
				continue
			}
			if b := s.quoteKey(i+1, k); len(b) > 0 {
				dst = append(dst, Anchor{Kind: Quote, Key: string(b), Start: toks[i].start, End: tk.end})
			}
			return dst, k
		}
	}
	return dst, -1
}

// quoteCanOpen reports whether the ASCII quote toks[i] opens: it follows a
// space or an opener and precedes a non-space.
func (s *anchorScanner) quoteCanOpen(i int) bool {
	t, at := s.text, s.toks[i].start
	if at+1 >= len(t) || t[at+1] == ' ' || t[at+1] == '\n' {
		return false
	}
	if at == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t[:at])
	return unicode.IsSpace(r) || r == '(' || r == '[' || r == '«' || r == '—'
}

// quoteKey returns in s.buf the skeletons of the words and numbers of
// toks[from:to], joined by spaces.
func (s *anchorScanner) quoteKey(from, to int) []byte {
	b := s.buf[:0]
	for k := from; k < to; k++ {
		tk := &s.toks[k]
		n, sep := len(b), 0
		if n > 0 {
			b = append(b, ' ')
			sep = 1
		}
		switch tk.kind {
		case tokWord, tokTag:
			w := s.text[tk.start:tk.end]
			if tk.kind == tokTag {
				w = w[1:]
			}
			b = appendSkeleton(b, w, s.lang == anchorRU, skelWord)
		case tokNum:
			b = append(b, tk.key...)
		}
		if len(b) == n+sep {
			b = b[:n] // punctuation, emoji: nothing to add
		}
	}
	s.buf = b
	return b
}

// word appends the anchors of the word toks[i] and returns the index of the
// next token to read.
func (s *anchorScanner) word(dst []Anchor, i int, sentStart bool) ([]Anchor, int) {
	tok := &s.toks[i]
	w := s.text[tok.start:tok.end]
	sh := tok.shape
	if v := numberWord(w, s.lang); v != "" {
		return append(dst, Anchor{Kind: Number, Key: v, Start: tok.start, End: tok.end}), i + 1
	}
	switch {
	case sh&shDigit != 0:
		return append(dst, Anchor{Kind: Latin, Key: s.lowerKey(w), Start: tok.start, End: tok.end}), i + 1
	case tok.letters == 1 && sh&(shLatin|shAllUpper) == shLatin|shAllUpper:
		return s.dottedAcronym(dst, i)
	case sh&shAllUpper != 0 && tok.letters >= 2 && tok.letters <= 6:
		return s.acronym(dst, i, w), i + 1
	case sh&shInnerUpper != 0:
		return s.latinWord(dst, tok), i + 1
	case sh&shUpperFirst != 0:
		if a := acronymStem(tok, w); a != "" {
			return append(dst, Anchor{Kind: Latin, Key: s.acronymKey(a), Start: tok.start, End: tok.end}), i + 1
		}
		return s.name(dst, i, sentStart)
	case s.lang == anchorRU && sh&(shLatin|shCyrillic) == shLatin && tok.letters >= 2:
		return s.latinWord(dst, tok), i + 1
	}
	return dst, i + 1
}

// latinWord appends a Latin anchor keyed by the word's acronym skeleton.
func (s *anchorScanner) latinWord(dst []Anchor, tok *token) []Anchor {
	b := appendSkeleton(s.buf[:0], s.text[tok.start:tok.end], false, skelAcronym)
	s.buf = b
	if len(b) == 0 {
		return dst
	}
	return append(dst, Anchor{Kind: Latin, Key: string(b), Start: tok.start, End: tok.end})
}

// lowerKey returns w lower-cased and transliterated without hyphens; it is
// w itself when that is already so.
func (s *anchorScanner) lowerKey(w string) string {
	b, _ := appendLowerLatin(s.buf[:0], w)
	s.buf = b
	if string(b) == w {
		return w
	}
	return string(b)
}

// acronym appends the Latin anchor of the all-capital word w (token i),
// unless it is a common word of an all-capital heading (THE, AND, НЕ). In
// a shouted line an unknown one may as well be a word ("MIT", "AVEC"): it
// is kept as a name, which counts when both sides have it and costs nothing
// when one lacks it.
func (s *anchorScanner) acronym(dst []Anchor, i int, w string) []Anchor {
	tok := &s.toks[i]
	key, ok := acronymKeys[w]
	if !ok {
		if s.isShortStop(tok.start, tok.end) {
			return dst
		}
		b := appendSkeleton(s.buf[:0], w, s.lang == anchorRU, skelWord)
		s.buf = b
		if s.isStopName(b) {
			return dst
		}
		key = s.acronymKey(w)
		if s.shouted(i) {
			return append(dst, Anchor{Kind: Name, Key: key, Start: tok.start, End: tok.end})
		}
	}
	return append(dst, Anchor{Kind: Latin, Key: key, Start: tok.start, End: tok.end})
}

// shouted reports whether the all-capital word toks[i] stands in a run of
// all-capital words that holds one too long to be an acronym (seven
// letters or more): a heading set in capitals ("MIT NACHTRÄGEN AUS
// FRÜHEREN JAHREN", "ЗАЯВЛЕНИЕ ОФИЦИАЛЬНОГО ПРЕДСТАВИТЕЛЯ"), whose short
// words are words, not names of organisations. Punctuation and numbers
// continue a run; a line break or a word in small letters ends it.
func (s *anchorScanner) shouted(i int) bool {
	const reach = 12                   // tokens each way: the test stays linear
	long := func(k int) (bool, bool) { // (continues the run, is a long capital word)
		t := &s.toks[k]
		switch t.kind {
		case tokPunct, tokNum, tokDate:
			return true, false
		case tokWord:
			if t.shape&shAllUpper == 0 {
				return false, false
			}
			return true, t.letters >= 7
		}
		return false, false
	}
	for k := i - 1; k >= max(0, i-reach); k-- {
		more, isLong := long(k)
		if isLong {
			return true
		}
		if !more {
			break
		}
	}
	for k := i + 1; k < min(len(s.toks), i+1+reach); k++ {
		more, isLong := long(k)
		if isLong {
			return true
		}
		if !more {
			break
		}
	}
	return false
}

// acronymKey returns the key of an acronym in either script: its entry in
// acronymKeys, else its skeleton, which transliterated acronyms share
// (ВФЛА and VFLA → "vfla").
func (s *anchorScanner) acronymKey(a string) string {
	if k, ok := acronymKeys[a]; ok {
		return k
	}
	b := appendSkeleton(s.buf[:0], a, false, skelAcronym)
	s.buf = b
	return string(b)
}

// acronymStem returns the capitals of a Cyrillic acronym with a case ending
// (МИДа, МИДом → МИД), or "".
func acronymStem(tok *token, w string) string {
	if tok.shape&shCyrillic == 0 {
		return ""
	}
	upper, end := 0, 0
	for k, r := range w {
		if !unicode.IsUpper(r) {
			end = k
			break
		}
		upper++
	}
	if upper < 2 || upper > 6 || end == 0 {
		return ""
	}
	tail := 0
	for _, r := range w[end:] {
		if !unicode.IsLower(r) {
			return ""
		}
		tail++
	}
	if tail > 2 {
		return ""
	}
	return w[:end]
}

// dottedAcronym reads "U.S." or "U.K." at toks[i], a capital letter.
func (s *anchorScanner) dottedAcronym(dst []Anchor, i int) ([]Anchor, int) {
	toks := s.toks
	var buf [8]byte
	b := buf[:0]
	j := i
	for j+1 < len(toks) && len(b) < len(buf) {
		tk, dot := &toks[j], &toks[j+1]
		if tk.kind != tokWord || tk.letters != 1 || tk.shape&(shLatin|shAllUpper) != shLatin|shAllUpper ||
			tk.end-tk.start != 1 || dot.kind != tokPunct || dot.r != '.' || dot.start != tk.end ||
			(j > i && tk.start != toks[j-1].end) {
			break
		}
		b = append(b, s.text[tk.start])
		j += 2
	}
	if len(b) < 2 {
		return dst, i + 1
	}
	end := toks[j-1].end
	return append(dst, Anchor{Kind: Latin, Key: s.acronymKey(string(b)), Start: toks[i].start, End: end}), j
}

// name appends the name anchors of the capitalised word toks[i]: its
// skeleton, and a key joined with a 1–2 letter neighbour (Ван И, Xi
// Jinping).
func (s *anchorScanner) name(dst []Anchor, i int, sentStart bool) ([]Anchor, int) {
	tok := &s.toks[i]
	if tok.letters <= 2 {
		return s.shortName(dst, i), i + 1
	}
	if s.skipInitial && sentStart {
		return dst, i + 1
	}
	key := s.nameKey(s.text[tok.start:tok.end])
	if key == "" {
		return dst, i + 1
	}
	dst = append(dst, Anchor{Kind: Name, Key: key, Start: tok.start, End: tok.end})
	j := i + 1
	if !s.isShortName(j) || !s.adjacent(i, j) || s.isInitial(j) || (s.isLongName(j+1) && s.adjacent(j, j+1)) {
		return dst, i + 1
	}
	b := append(append(s.buf[:0], key...), ' ')
	b = appendSkeleton(b, s.text[s.toks[j].start:s.toks[j].end], s.lang == anchorRU, skelWord)
	s.buf = b
	return append(dst, Anchor{Kind: Name, Key: string(b), Start: tok.start, End: s.toks[j].end}), j + 1
}

// nameKey returns the name key of a capitalised word of 3+ letters: its
// skeleton, "" when it has none or is a stop name.
func (s *anchorScanner) nameKey(word string) string {
	cache := s.names[s.lang]
	if key, ok := cache[word]; ok {
		return key
	}
	b := appendSkeleton(s.buf[:0], word, s.lang == anchorRU, skelWord)
	s.buf = b
	key := ""
	if len(b) > 0 && !s.isStopName(b) {
		key = string(b)
	}
	if cache == nil {
		cache = make(map[string]string)
		s.names[s.lang] = cache
	}
	if len(cache) < maxNameCache {
		cache[strings.Clone(word)] = key
	}
	return key
}

// shortName appends the key of the short capitalised word toks[i] joined
// with the name that follows it (Си Цзиньпин, Xi Jinping); a short word
// after a name was joined by name.
func (s *anchorScanner) shortName(dst []Anchor, i int) []Anchor {
	j := i + 1
	if !s.isShortName(i) || !s.isLongName(j) || !s.adjacent(i, j) || s.isShortStop(s.toks[i].start, s.toks[i].end) {
		return dst
	}
	lang := s.lang == anchorRU
	b := appendSkeleton(s.buf[:0], s.text[s.toks[i].start:s.toks[i].end], lang, skelWord)
	b = append(b, ' ')
	n := len(b)
	b = appendSkeleton(b, s.text[s.toks[j].start:s.toks[j].end], lang, skelWord)
	s.buf = b
	if len(b) == n || s.isStopName(b[n:]) {
		return dst
	}
	return append(dst, Anchor{Kind: Name, Key: string(b), Start: s.toks[i].start, End: s.toks[j].end})
}

// isShortName reports whether toks[j] is a capitalised word of one or two
// letters that may be part of a name: Yi, Xi, И, Си; not an acronym (UN)
// nor a Latin capital alone (I, A).
func (s *anchorScanner) isShortName(j int) bool {
	if j >= len(s.toks) {
		return false
	}
	tk := &s.toks[j]
	return tk.kind == tokWord && tk.letters <= 2 && tk.shape&(shUpperFirst|shDigit) == shUpperFirst &&
		!(tk.letters == 2 && tk.shape&shAllUpper != 0) &&
		!(tk.letters == 1 && tk.shape&shLatin != 0)
}

// isInitial reports whether the short word toks[j] is an initial: a dot
// follows it, and the dot is glued to the next word or another initial
// follows (С.В.Лавров, С. В. Лавров), unlike the end of "… Ван И. Далее".
func (s *anchorScanner) isInitial(j int) bool {
	toks := s.toks
	if j+2 >= len(toks) || toks[j+1].kind != tokPunct || toks[j+1].r != '.' || toks[j+1].start != toks[j].end {
		return false
	}
	next := &toks[j+2]
	return next.start == toks[j+1].end || (next.kind == tokWord && next.letters == 1 && next.shape&shUpperFirst != 0)
}

// isLongName reports whether toks[j] is a capitalised word of three letters
// or more that is not an acronym.
func (s *anchorScanner) isLongName(j int) bool {
	if j >= len(s.toks) {
		return false
	}
	tk := &s.toks[j]
	return tk.kind == tokWord && tk.letters >= 3 &&
		tk.shape&(shUpperFirst|shDigit|shInnerUpper) == shUpperFirst &&
		!(tk.shape&shAllUpper != 0 && tk.letters <= 6)
}

// adjacent reports whether only spaces separate toks[i] and toks[j].
func (s *anchorScanner) adjacent(i, j int) bool {
	gap := s.text[s.toks[i].end:s.toks[j].start]
	if gap == "" {
		return false
	}
	for k := 0; k < len(gap); {
		switch {
		case gap[k] == ' ':
			k++
		case hasPrefixAt(gap, k, "\u00a0"):
			k += 2
		case hasPrefixAt(gap, k, "\u202f"):
			k += 3
		default:
			return false
		}
	}
	return true
}

// wordIs reports whether toks[j] is the word w (lower-case ASCII), ignoring
// case.
func (s *anchorScanner) wordIs(j int, w string) bool {
	tk := &s.toks[j]
	return tk.kind == tokWord && tk.end-tk.start == len(w) && hasPrefixFold(s.text[tk.start:tk.end], w)
}

// isShortStop reports whether the word s.text[start:end] is a common one-
// or two-letter word (В, На, In, At) that does not start a name.
func (s *anchorScanner) isShortStop(start, end int) bool {
	if end-start > 4 {
		return false
	}
	var buf [8]byte
	b := buf[:0]
	for _, r := range s.text[start:end] {
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return shortStopWords[string(b)]
}

// isStopName reports whether a name skeleton is that of a common word.
func (s *anchorScanner) isStopName(b []byte) bool {
	switch s.lang {
	case anchorEN:
		return stopNamesEN[string(b)]
	case anchorRU:
		return stopNamesRU[string(b)]
	}
	return stopNamesEN[string(b)] || stopNamesRU[string(b)]
}

// acronymKeys maps acronyms to a key shared across scripts when one is not
// a transliteration of the other (ООН and UN), and gives well-known
// transliterated ones (БРИКС, BRICS) a readable key. Other acronyms are
// keyed by their skeleton.
var acronymKeys = func() map[string]string {
	m := make(map[string]string)
	for _, e := range []struct{ key, ru, en string }{
		{"un", "ООН", "UN"}, {"usa", "США", "USA US"}, {"eu", "ЕС", "EU"},
		{"sco", "ШОС", "SCO"}, {"cis", "СНГ", "CIS"}, {"csto", "ОДКБ", "CSTO"},
		{"asean", "АСЕАН", "ASEAN"}, {"mfa", "МИД", "MFA"}, {"who", "ВОЗ", "WHO"},
		{"iaea", "МАГАТЭ", "IAEA"}, {"osce", "ОБСЕ", "OSCE"}, {"eaeu", "ЕАЭС", "EAEU"},
		{"prc", "КНР", "PRC"}, {"dprk", "КНДР", "DPRK"}, {"uae", "ОАЭ", "UAE"},
		{"unesco", "ЮНЕСКО", "UNESCO"}, {"unicef", "ЮНИСЕФ", "UNICEF"}, {"imf", "МВФ", "IMF"},
		{"wto", "ВТО", "WTO"}, {"apec", "АТЭС", "APEC"}, {"cia", "ЦРУ", "CIA"},
		{"fbi", "ФБР", "FBI"}, {"ioc", "МОК", "IOC"}, {"echr", "ЕСПЧ", "ECHR"},
		{"icc", "МУС", "ICC"}, {"dpr", "ДНР", "DPR"}, {"lpr", "ЛНР", "LPR"},
		{"npp", "АЭС", "NPP"}, {"gdp", "ВВП", "GDP"}, {"pace", "ПАСЕ", "PACE"},
		{"frg", "ФРГ", "FRG"}, {"cska", "ЦСКА", "CSKA"}, {"uefa", "УЕФА", "UEFA"},
		{"fifa", "ФИФА", "FIFA"}, {"nato", "НАТО", "NATO"}, {"brics", "БРИКС", "BRICS"},
		{"opec", "ОПЕК", "OPEC"}, {"tass", "ТАСС", "TASS"}, {"ria", "РИА", "RIA"},
		{"fsb", "ФСБ", "FSB"}, {"nasa", "НАСА", "NASA"}, {"iss", "МКС", "ISS"},
		{"nhl", "НХЛ", "NHL"}, {"ufc", "UFC", "UFC"}, {"rt", "RT", "RT"}, {"bbc", "Би-би-си", "BBC"},
	} {
		m[e.ru] = e.key
		for _, en := range strings.Fields(e.en) {
			m[en] = e.key
		}
	}
	return m
}()

// shortStopWords are one- and two-letter words that open sentences but
// never a name.
var shortStopWords = setOf(`
	a i in on at to of by an or is it he we me my no so up us do go be as if
	mr ms dr st am pm vs
	в во с со к ко о об у и а я на по за из до от не но он мы вы ты же ли бы
	да то их её ее уж ну`)

// stopNamesEN and stopNamesRU hold the skeletons of common words that are
// capitalised at the start of a sentence, and of months and weekdays, which
// dates cover.
var (
	stopNamesEN = skeletonSet("en", `
		the this that these those there then they them their theirs what when
		where which while who whom whose why how for from with without within
		after before during since until and but also all any some many most
		more much such each every other another both its our ours your yours
		his her hers she you not now here today yesterday tomorrow however
		therefore moreover meanwhile furthermore nevertheless nonetheless
		although though because according following under over about above
		below between among through into onto upon yet still just only even
		again once one two three four five six seven eight nine ten first
		second third last next new let please thank thanks dear read see
		watch join follow less did does had has have was were will would
		should could can may might must shall are being been said says say
		whether unless instead despite besides indeed overall notably finally
		later earlier currently recently already our let's it's
		january february march april june july august september october
		november december monday tuesday wednesday thursday friday saturday
		sunday`)
	stopNamesRU = skeletonSet("ru", `
		это этот эта эти этого этой этом этим так также как при для после
		перед между через под над без все всё всех всем его её ее их они она
		оно он мы вы наш наша наше наши нас вас сегодня вчера завтра однако
		кроме ранее тем там тут где когда если чтобы что кто который которая
		которые уже еще ещё лишь только даже более менее около весь вся
		каждый один одна новый был была были будет будут есть можно нужно
		надо важно поэтому несмотря согласно вместе кстати напомним смотрите
		читайте подробнее фото видео полностью здесь теперь затем потом
		поскольку хотя причем причём именно всего свой свои своих своей
		январь февраль март апрель май июнь июль август сентябрь октябрь
		ноябрь декабрь понедельник вторник среда четверг пятница суббота
		воскресенье`)
)

// setOf returns the set of the space-separated words of list.
func setOf(list string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// skeletonSet returns the set of the skeletons of the words of list.
func skeletonSet(lang, list string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		m[Skeleton(w, lang)] = true
	}
	return m
}
