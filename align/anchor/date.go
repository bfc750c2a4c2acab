package anchor

import (
	"unicode"
	"unicode/utf8"
)

// Dates are keyed "MM-DD": posts and their translations agree on the day
// far more often than on how (or whether) they write the year, which stays
// a number anchor of its own. A month without a day ("в марте") gives no
// anchor: it is too common to tell posts apart.

// dateKeys holds the "MM-DD" keys, so that date anchors never allocate.
var dateKeys = func() (k [13][32]string) {
	const digits = "0123456789"
	for m := 1; m <= 12; m++ {
		for d := 1; d <= 31; d++ {
			k[m][d] = string([]byte{digits[m/10], digits[m%10], '-', digits[d/10], digits[d%10]})
		}
	}
	return k
}()

// dateKey returns the key of a valid month and day.
func dateKey(month, day int) string { return dateKeys[month][day] }

// validDate reports whether day exists in month of some year.
func validDate(month, day int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	switch month {
	case 2:
		return day <= 29
	case 4, 6, 9, 11:
		return day <= 30
	}
	return day <= 31
}

// enMonths maps English month names and abbreviations to their numbers.
var enMonths = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// ruMonths maps Russian month names in every case, and abbreviations, to
// their numbers.
var ruMonths = func() map[string]int {
	m := map[string]int{
		"янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7,
		"авг": 8, "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
	}
	// Months in -ь decline like январь: января, январе, январю, январём.
	soft := []string{1: "январ", 2: "феврал", 4: "апрел", 6: "июн", 7: "июл",
		9: "сентябр", 10: "октябр", 11: "ноябр", 12: "декабр"}
	for n, stem := range soft {
		if stem == "" {
			continue
		}
		for _, e := range []string{"ь", "я", "е", "ю", "ем", "ём"} {
			m[stem+e] = n
		}
	}
	for _, hard := range []struct {
		stem string
		n    int
	}{{"март", 3}, {"август", 8}} {
		for _, e := range []string{"", "а", "е", "у", "ом"} {
			m[hard.stem+e] = hard.n
		}
	}
	for _, e := range []string{"й", "я", "е", "ю", "ем"} {
		m["ма"+e] = 5
	}
	return m
}()

// monthOf returns the month a word token names in the scanner's language,
// or 0.
func (s *anchorScanner) monthOf(tok *token) int {
	if tok.kind != tokWord || tok.shape&shDigit != 0 || tok.letters < 3 || tok.letters > 9 {
		return 0
	}
	var table map[string]int
	switch s.lang {
	case anchorEN:
		// English months are capitalised; "may" is a verb.
		if tok.shape&shUpperFirst == 0 {
			return 0
		}
		table = enMonths
	case anchorRU:
		table = ruMonths
	default:
		return 0
	}
	var buf [40]byte
	b := buf[:0]
	for _, r := range s.text[tok.start:tok.end] {
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return table[string(b)]
}

// isRangeDash reports whether r joins the two ends of a range.
func isRangeDash(r rune) bool { return r == '-' || r == '–' || r == '—' || r == '‒' }

// dayAt returns the day a number token holds, or 0.
func dayAt(tok *token) int {
	if tok.kind != tokNum || tok.small < 1 || tok.small > 31 {
		return 0
	}
	return int(tok.small)
}

// dayRange reads "D" or "D-D2" at toks[i] and returns the days and the
// index after them; d1 is 0 when toks[i] is not a day.
func (s *anchorScanner) dayRange(i int) (d1, d2, next int) {
	toks := s.toks
	d1 = dayAt(&toks[i])
	if d1 == 0 {
		return 0, 0, i
	}
	if i+2 < len(toks) && toks[i+1].kind == tokPunct && isRangeDash(toks[i+1].r) {
		if d := dayAt(&toks[i+2]); d > d1 {
			return d1, d, i + 3
		}
	}
	return d1, 0, i + 1
}

// dayFirstDate reads "10 June", "8-9 апреля", "10th of June" at toks[i], a
// number, and appends its date anchors. It returns the index after the
// month, or i when there is no such date.
func (s *anchorScanner) dayFirstDate(dst []Anchor, i int) ([]Anchor, int) {
	d1, d2, j := s.dayRange(i)
	if d1 == 0 || j >= len(s.toks) {
		return dst, i
	}
	if s.lang == anchorEN && j+1 < len(s.toks) && s.wordIs(j, "of") {
		j++
	}
	m := s.monthOf(&s.toks[j])
	if m == 0 || !validDate(m, d1) {
		return dst, i
	}
	end := s.toks[j].end
	dst = append(dst, Anchor{Kind: Date, Key: dateKey(m, d1), Start: s.toks[i].start, End: end})
	if d2 > 0 && validDate(m, d2) {
		dst = append(dst, Anchor{Kind: Date, Key: dateKey(m, d2), Start: s.toks[i+2].start, End: end})
	}
	return dst, j + 1
}

// monthFirstDate reads the English "June 10", "Jan. 5", "June 10-11" at
// toks[i], a word, and appends its date anchors. It returns the index
// after the last day, or i when there is no such date.
func (s *anchorScanner) monthFirstDate(dst []Anchor, i int) ([]Anchor, int) {
	if s.lang != anchorEN {
		return dst, i
	}
	toks := s.toks
	j := i + 1
	if j < len(toks) && toks[j].kind == tokPunct && toks[j].r == '.' && toks[j].start == toks[i].end {
		j++
	}
	if j >= len(toks) {
		return dst, i
	}
	d1, d2, next := s.dayRange(j)
	if d1 == 0 {
		return dst, i
	}
	m := s.monthOf(&toks[i])
	if m == 0 || !validDate(m, d1) {
		return dst, i
	}
	start := toks[i].start
	dst = append(dst, Anchor{Kind: Date, Key: dateKey(m, d1), Start: start, End: toks[j].end})
	if d2 > 0 && validDate(m, d2) {
		dst = append(dst, Anchor{Kind: Date, Key: dateKey(m, d2), Start: start, End: toks[j+2].end})
	}
	return dst, next
}
