package anchor

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Numbers are read by hand rather than by regexp: Anchors runs on every post
// and sentence of a corpus.

// isASCIIDigit reports whether c is an ASCII digit.
func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }

// skipDigits returns the index after the run of ASCII digits at t[i].
func skipDigits(t string, i int) int {
	for i < len(t) && isASCIIDigit(t[i]) {
		i++
	}
	return i
}

// atoi2 returns the value of a run of at most four ASCII digits.
func atoi2(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// numberSuffixes are letters that may follow a number without a space and
// leave it a number: English ordinals and units ("75th", "100bn", "5km").
// Any other Latin letters make the whole a Latin token ("3D"); digits led
// by letters ("G20") never reach here.
var numberSuffixes = map[string]bool{
	"st": true, "nd": true, "rd": true, "th": true,
	"k": true, "m": true, "b": true, "bn": true, "mn": true, "mln": true, "tn": true,
	"km": true, "kg": true, "mm": true, "cm": true, "g": true, "t": true, "l": true, "ml": true,
	"gb": true, "mb": true, "tb": true, "kw": true, "mw": true, "gw": true, "kwh": true,
	"mwh": true, "gwh": true, "h": true, "hr": true, "hrs": true, "min": true, "s": true,
	"sec": true, "am": true, "pm": true, "x": true, "px": true, "ha": true,
}

// scanNumber reads what starts with the ASCII digit at s.text[i]: a keycap
// emoji, a numeric date, a clock time, a number or a digit-led Latin token.
// It pushes its tokens and returns the index after them.
func (s *anchorScanner) scanNumber(i int) int {
	t := s.text
	if end, ok := emojiAt(t, i); ok {
		s.push(token{kind: tokEmoji, key: emojiKey(t[i:end]), start: i, end: end})
		return end
	}
	j := skipDigits(t, i)
	if j+1 < len(t) && isASCIIDigit(t[j+1]) {
		var end int
		switch t[j] {
		case '.', '/':
			end = s.numericDate(i, j)
		case '-':
			end = s.isoDate(i, j)
		case ':':
			end = s.clock(i, j)
		}
		if end == 0 && (t[j] == '-' || t[j] == '.') && s.lang == anchorRU && clockContext(t, i) {
			end = s.clock(i, j)
		}
		if end == 0 && t[j] == '/' {
			end = s.ratio(i, j)
		}
		if end > 0 {
			return end
		}
	}
	return s.number(i, j)
}

// groupSep returns the index after a thousands separator at t[j] and the
// separator, or -1. Russian never groups with a comma: "1,5" is 1.5 there.
func (s *anchorScanner) groupSep(j int) (int, string) {
	t := s.text
	if j >= len(t) {
		return -1, ""
	}
	switch {
	case t[j] == ',' && s.lang != anchorRU, t[j] == ' ':
		return j + 1, t[j : j+1]
	case hasPrefixAt(t, j, "\u00a0"):
		return j + 2, "\u00a0"
	case hasPrefixAt(t, j, "\u202f"), hasPrefixAt(t, j, "\u2009"):
		return j + 3, t[j : j+3]
	}
	return -1, ""
}

// hasPrefixAt reports whether t[i:] starts with p.
func hasPrefixAt(t string, i int, p string) bool {
	return len(t)-i >= len(p) && t[i:i+len(p)] == p
}

// number reads a number whose first digit run is s.text[i:j]: thousands
// groups ("1,000", "1 000"), a decimal part ("2.5", "2,5") and a glued
// suffix ("75th", "2024г"). The key is canonical: no separators or leading
// zeros, '.' before decimals, no trailing decimal zeros.
func (s *anchorScanner) number(i, j int) int {
	t := s.text
	grouped, sep := false, ""
	if j-i <= 3 {
		for {
			k, sp := s.groupSep(j)
			if k < 0 || (grouped && sp != sep) {
				break
			}
			e := skipDigits(t, k)
			if e-k != 3 {
				break
			}
			grouped, sep, j = true, sp, e
		}
	}
	frac := ""
	if j+1 < len(t) && isASCIIDigit(t[j+1]) && (t[j] == '.' || (t[j] == ',' && sep != ",")) {
		e := skipDigits(t, j+1)
		if t[j] == '.' || s.lang == anchorRU || e-(j+1) <= 2 {
			frac, j = t[j+1:e], e
		}
	}
	end, mult := j, 0
	if end < len(t) {
		switch c := t[end]; {
		case isASCIILetter(c):
			e := end
			for e < len(t) && (isASCIILetter(t[e]) || isASCIIDigit(t[e])) {
				e++
			}
			if !grouped && frac == "" && !s.isNumberSuffix(t[end:e]) {
				return s.scanWord(i)
			}
			mult = multiplier(t[end:e])
			if e-end == 1 && t[end]|0x20 == 'm' && s.afterCurrency(i) {
				mult = 6 // $5m
			}
			end = e
		case c >= 0x80:
			e := skipCyrillicLetters(t, end)
			mult = multiplier(t[end:e])
			end = e
		}
	}
	simple := !grouped && frac == "" && (t[i] != '0' || j-i == 1)
	key := t[i:j]
	if !simple {
		key = s.canonicalNumber(t[i:j], frac != "")
	}
	tok := token{kind: tokNum, key: key, start: i, end: j, small: -1, mult: int8(mult)}
	if !grouped && frac == "" && j-i <= 2 {
		tok.small = int8(atoi2(t[i:j]))
	}
	s.push(tok)
	return end
}

// afterCurrency reports whether a currency sign is glued before s.text[i].
func (s *anchorScanner) afterCurrency(i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s.text[:i])
	return r == '$' || r == '€' || r == '£'
}

// multiplier returns the power of ten a word after a number stands for
// ("million", "млн", "тыс.", "bn" → 6, 6, 3, 9), or 0. Numbers are scaled
// so that "1.5 million", "1,5 млн" and "1,500,000" meet.
func multiplier(w string) int {
	if len(w) == 0 || len(w) > 24 {
		return 0
	}
	var buf [24]byte
	b := buf[:0]
	for _, r := range w {
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	if len(b) > len(buf) {
		return 0
	}
	lw := string(b) // does not escape: the compiler keeps it on the stack
	switch lw {
	case "k", "thousand", "thousands", "тыс":
		return 3
	case "mn", "mln", "million", "millions", "млн":
		return 6
	case "bn", "billion", "billions", "млрд":
		return 9
	case "trillion", "trillions", "трлн":
		return 12
	}
	switch {
	case hasPrefixAt(lw, 0, "тысяч") && !hasPrefixAt(lw, 0, "тысячел"):
		return 3
	case hasPrefixAt(lw, 0, "миллион"):
		return 6
	case hasPrefixAt(lw, 0, "миллиард"):
		return 9
	case hasPrefixAt(lw, 0, "триллион"):
		return 12
	}
	return 0
}

// scaleNumber returns the canonical number key times 10^exp.
func scaleNumber(key string, exp int) string {
	intPart, frac := key, ""
	for k := 0; k < len(key); k++ {
		switch key[k] {
		case '.':
			intPart, frac = key[:k], key[k+1:]
		case ':':
			return key // a time
		}
	}
	b := make([]byte, 0, len(key)+exp+1)
	if intPart != "0" {
		b = append(b, intPart...)
	}
	if len(frac) <= exp {
		b = append(b, frac...)
		for k := len(frac); k < exp; k++ {
			b = append(b, '0')
		}
	} else {
		b = append(b, frac[:exp]...)
		if len(b) == 0 {
			b = append(b, '0')
		}
		b = append(b, '.')
		b = append(b, frac[exp:]...)
	}
	for len(b) > 1 && b[0] == '0' && b[1] != '.' {
		b = b[1:]
	}
	return string(b)
}

// isNumberSuffix reports whether the Latin letters suf, glued to a number,
// are an ordinal ending or a unit.
func (s *anchorScanner) isNumberSuffix(suf string) bool {
	if len(suf) > 3 {
		return false
	}
	var b [3]byte
	for k := 0; k < len(suf); k++ {
		c := suf[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[k] = c
	}
	return numberSuffixes[string(b[:len(suf)])]
}

// canonicalNumber returns lex (digits, separators, maybe one decimal mark)
// in canonical form.
func (s *anchorScanner) canonicalNumber(lex string, hasFrac bool) string {
	b := s.buf[:0]
	k := 0
	// Integer part: digits up to the decimal mark, which is the last
	// non-digit byte when hasFrac.
	intEnd := len(lex)
	if hasFrac {
		for intEnd > 0 && isASCIIDigit(lex[intEnd-1]) {
			intEnd--
		}
	}
	for ; k < intEnd; k++ {
		if c := lex[k]; isASCIIDigit(c) && !(c == '0' && len(b) == 0) {
			b = append(b, c)
		}
	}
	if len(b) == 0 {
		b = append(b, '0')
	}
	if hasFrac {
		f := lex[intEnd:]
		for len(f) > 0 && f[len(f)-1] == '0' {
			f = f[:len(f)-1]
		}
		if f != "" {
			b = append(b, '.')
			b = append(b, f...)
		}
	}
	s.buf = b
	return string(b)
}

// skipCyrillicLetters returns the index after the Cyrillic letters at t[i]
// (a unit or ending glued to a number: "2024г", "10млн").
func skipCyrillicLetters(t string, i int) int {
	for i+1 < len(t) {
		c0, c1 := t[i], t[i+1]
		// Cyrillic U+0400–U+04FF is D0 80–D3 BF in UTF-8.
		if c0 < 0xD0 || c0 > 0xD3 || c1 < 0x80 || c1 > 0xBF {
			break
		}
		i += 2
	}
	return i
}

// numericDate reads "10.06.2024", "10/06/2024" or, in Russian, "10.06":
// day first, month second unless only the reverse is a valid date. The
// date and the year become separate tokens. It returns 0 when t[i:] is not
// such a date.
func (s *anchorScanner) numericDate(i, j int) int {
	t := s.text
	sep := t[j]
	k := j + 1
	e := skipDigits(t, k)
	if j-i > 2 || e-k > 2 {
		return 0
	}
	yearStart, yearEnd := -1, -1
	if e+1 < len(t) && t[e] == sep && isASCIIDigit(t[e+1]) {
		ye := skipDigits(t, e+1)
		if n := ye - (e + 1); n != 4 && n != 2 {
			return 0
		}
		if ye+1 < len(t) && (t[ye] == '.' || t[ye] == '/') && isASCIIDigit(t[ye+1]) {
			return 0 // a version or an address: 1.2.3.4
		}
		yearStart, yearEnd = e+1, ye
	} else {
		if sep != '.' || s.lang != anchorRU || j-i != 2 || e-k != 2 {
			return 0
		}
		if e+1 < len(t) && (t[e] == '.' || t[e] == ',') && isASCIIDigit(t[e+1]) {
			return 0
		}
	}
	day, month := atoi2(t[i:j]), atoi2(t[k:e])
	if sep == '/' && day <= 12 && month > 12 {
		day, month = month, day
	}
	if !validDate(month, day) {
		return 0
	}
	s.push(token{kind: tokDate, key: dateKey(month, day), start: i, end: e})
	if yearStart < 0 {
		return e
	}
	s.push(token{kind: tokNum, key: s.trimZeros(yearStart, yearEnd), start: yearStart, end: yearEnd, small: -1})
	return yearEnd
}

// isoDate reads "2024-06-10" whose year is s.text[i:j].
func (s *anchorScanner) isoDate(i, j int) int {
	t := s.text
	if j-i != 4 || len(t)-j < 6 || t[j+3] != '-' ||
		!isASCIIDigit(t[j+1]) || !isASCIIDigit(t[j+2]) || !isASCIIDigit(t[j+4]) || !isASCIIDigit(t[j+5]) ||
		(j+6 < len(t) && isASCIIDigit(t[j+6])) {
		return 0
	}
	month, day := atoi2(t[j+1:j+3]), atoi2(t[j+4:j+6])
	if !validDate(month, day) {
		return 0
	}
	s.push(token{kind: tokNum, key: s.trimZeros(i, j), start: i, end: j, small: -1})
	s.push(token{kind: tokDate, key: dateKey(month, day), start: j + 1, end: j + 6})
	return j + 6
}

// ratio reads a ratio or score such as "24/7", "4/5" or "50/50" whose
// first number is s.text[i:j] as one number anchor keyed "24/7".
// Translators often put such expressions into words ("круглосуточно",
// "на четвёрку"), so matchers treat a ratio found on one side only as weak
// evidence (see IsRatio).
func (s *anchorScanner) ratio(i, j int) int {
	t := s.text
	e := skipDigits(t, j+1)
	if j-i > 3 || e-(j+1) > 3 || e < len(t) && (t[e] == '/' || t[e] == '.' && e+1 < len(t) && isASCIIDigit(t[e+1])) {
		return 0
	}
	s.push(token{kind: tokNum, key: s.trimZeros(i, j) + "/" + s.trimZeros(j+1, e), start: i, end: e, small: -1})
	return e
}

// IsRatio reports whether a number anchor's key is a ratio ("24/7").
func IsRatio(key string) bool { return strings.IndexByte(key, '/') >= 0 }

// clockContext reports whether the number at t[i] follows a preposition
// that introduces a time in Russian: "с 10-00 до 22-00", "в 9.30". Russian
// writes times with '-' and '.' as well as ':', where they would otherwise
// read as ranges and decimals.
func clockContext(t string, i int) bool {
	k := i
	for k > 0 && t[k-1] == ' ' {
		k--
	}
	w := k
	for w > 0 && t[w-1] >= 0x80 {
		w--
	}
	if w > 0 && t[w-1] != ' ' && t[w-1] != '(' && t[w-1] != '\n' {
		return false
	}
	switch strings.ToLower(t[w:k]) {
	case "с", "до", "в", "к", "по", "от", "со":
		return k < i
	}
	return false
}

// clock reads a time of day "20:40" whose hour is s.text[i:j]; its key
// drops the hour's leading zero ("09:30" → "9:30") and is on the 24-hour
// clock ("2:10 PM" → "14:10"), as Russian texts write times.
func (s *anchorScanner) clock(i, j int) int {
	t := s.text
	e := skipDigits(t, j+1)
	if j-i > 2 || e-(j+1) != 2 {
		return 0
	}
	h, m := atoi2(t[i:j]), atoi2(t[j+1:e])
	if h > 24 || m > 59 {
		return 0
	}
	end := e
	pm, mer := meridiem(t, e)
	if mer > e && h >= 1 && h <= 12 {
		switch {
		case pm && h < 12:
			h += 12
		case !pm && h == 12:
			h = 0
		}
		end = mer
		key := strconv.Itoa(h) + ":" + t[j+1:e]
		s.push(token{kind: tokNum, key: key, start: i, end: e, small: -1})
		return end
	}
	k := i
	if j-i == 2 && t[i] == '0' {
		k++
	}
	key := t[k:e]
	if t[j] != ':' { // "10-00", "10.00"
		key = t[k:j] + ":" + t[j+1:e]
	}
	s.push(token{kind: tokNum, key: key, start: i, end: e, small: -1})
	return end
}

// meridiem reads " AM", " pm", " p.m." after a time at t[i] and returns
// whether it is PM and the index after it, or i.
func meridiem(t string, i int) (pm bool, end int) {
	j := i
	for j < len(t) && t[j] == ' ' {
		j++
	}
	if hasPrefixAt(t, j, "\u00a0") || hasPrefixAt(t, j, "\u202f") {
		_, size := utf8.DecodeRuneInString(t[j:])
		j += size
	}
	if j+1 >= len(t) {
		return false, i
	}
	c := t[j] | 0x20
	if (c != 'a' && c != 'p') || t[j+1]|0x20 != 'm' && !(t[j+1] == '.' && j+2 < len(t) && t[j+2]|0x20 == 'm') {
		return false, i
	}
	k := j + 2
	if t[j+1] == '.' {
		k = j + 3
		if k < len(t) && t[k] == '.' {
			k++
		}
	}
	if k < len(t) && (isASCIILetter(t[k]) || isASCIIDigit(t[k])) {
		return false, i
	}
	return c == 'p', k
}

// trimZeros returns s.text[i:j], digits only, without leading zeros.
func (s *anchorScanner) trimZeros(i, j int) string {
	for j-i > 1 && s.text[i] == '0' {
		i++
	}
	return s.text[i:j]
}
