package check

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parapost/parapost/align/anchor"
)

// The anchors read numbers in digits, cardinals and dates written with
// digits. Translators also turn ordinals ("первом этаже", "1st floor"),
// compounds ("пятиминутной", "five-minute"), "вдвоем" ("the two"), "twice"
// and dates in words ("десятого февраля", "February 10") into digits or
// back; a check that missed them would report a number changed. These
// words only ever vouch for a number of the other side: they are added to
// the window a bead's anchors are looked up in, never reported.

// ordinalStemsRU are the stems of Russian ordinals 1 to 30, which take
// adjective endings (первый, первого, первом; двадцатого).
var ordinalStemsRU = []struct {
	stem string
	n    int
}{
	{"перв", 1}, {"втор", 2}, {"трет", 3}, {"четверт", 4}, {"пят", 5}, {"шест", 6}, {"седьм", 7},
	{"восьм", 8}, {"девят", 9}, {"десят", 10}, {"одиннадцат", 11}, {"двенадцат", 12}, {"тринадцат", 13},
	{"четырнадцат", 14}, {"пятнадцат", 15}, {"шестнадцат", 16}, {"семнадцат", 17}, {"восемнадцат", 18},
	{"девятнадцат", 19}, {"двадцат", 20}, {"тридцат", 30},
}

var ordinalEndingsRU = []string{"ый", "ой", "ий", "ого", "ему", "ому", "ым", "ом", "ем", "ая", "ья", "ую", "ью", "ые", "ьи", "ых", "ьих", "ыми", "ьего", "ьей", "ей", "ье", "ьем", "ьим", "ьему"}

// ordinalRU returns the value of a Russian ordinal (lower case), 0 if w is
// none.
func ordinalRU(w string) int {
	for _, o := range ordinalStemsRU {
		if rest, ok := strings.CutPrefix(w, o.stem); ok {
			for _, e := range ordinalEndingsRU {
				if rest == e {
					return o.n
				}
			}
		}
	}
	return 0
}

// compoundStemsRU are the genitive numerals that open Russian compound
// adjectives: пятиминутной (five-minute), двухлетнего (two-year),
// двухместный (for two).
var compoundStemsRU = []struct {
	stem, n string
}{
	{"двух", "2"}, {"трех", "3"}, {"трёх", "3"}, {"четырех", "4"}, {"четырёх", "4"}, {"пяти", "5"}, {"шести", "6"},
	{"семи", "7"}, {"восьми", "8"}, {"девяти", "9"}, {"десяти", "10"}, {"двенадцати", "12"}, {"пятнадцати", "15"},
	{"двадцати", "20"}, {"тридцати", "30"}, {"сорока", "40"}, {"пятидесяти", "50"}, {"сто", "100"},
}

// wordNumbersRU are whole words that stand for a number.
var wordNumbersRU = map[string]string{
	"вдвоем": "2", "вдвоём": "2", "втроем": "3", "втроём": "3", "вчетвером": "4", "впятером": "5",
	"вшестером": "6", "всемером": "7", "ввосьмером": "8", "вдесятером": "10",
	"однажды": "1", "дважды": "2", "трижды": "3", "четырежды": "4", "пятижды": "5",
	"десяток": "10", "десятка": "10", "десятки": "10", "дюжина": "12", "дюжины": "12", "дюжину": "12",
	"миллионник": "1000000", "миллионника": "1000000", "миллионники": "1000000", "миллионников": "1000000", "миллионниках": "1000000",
}

var wordNumbersEN = map[string]string{
	"once": "1", "twice": "2", "thrice": "3", "dozen": "12", "dozens": "12", "pair": "2", "both": "2",
	"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7",
	"eighth": "8", "ninth": "9", "tenth": "10", "eleventh": "11", "twelfth": "12", "fifteenth": "15", "twentieth": "20",
}

var monthsRU = []string{"январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"}

// monthRU returns the month (1 to 12) a Russian word names in the
// genitive ("февраля", "мая", "марта"), 0 if none.
func monthRU(w string) int {
	for i, m := range monthsRU {
		if rest, ok := strings.CutPrefix(w, m); ok && (rest == "я" || rest == "а" && (m == "март" || m == "август")) {
			return i + 1
		}
	}
	return 0
}

// addWordNumbers adds to m the number and date keys that the words of text
// (of lang) stand for, as the anchors key them ("num:5", "date:02-10").
func addWordNumbers(m map[string]bool, text, lang string) {
	ru := strings.EqualFold(strings.SplitN(lang, "-", 2)[0], "ru")
	var prev []string // the words before, lower case
	for w := range anchor.Words(text) {
		lw := strings.ToLower(w)
		if ru {
			if n := wordNumbersRU[lw]; n != "" {
				m["num:"+n] = true
			}
			for _, c := range compoundStemsRU {
				if strings.HasPrefix(lw, c.stem) && utf8.RuneCountInString(lw) >= utf8.RuneCountInString(c.stem)+4 {
					m["num:"+c.n] = true
				}
			}
			// "4-хместный": the anchors read the 4; "хместный" is no number.
			if month := monthRU(lw); month > 0 && len(prev) > 0 {
				day := ordinalRU(prev[len(prev)-1])
				if day > 0 && day < 10 && len(prev) > 1 && (prev[len(prev)-2] == "двадцать" || prev[len(prev)-2] == "тридцать") {
					day += map[string]int{"двадцать": 20, "тридцать": 30}[prev[len(prev)-2]]
				}
				if day >= 1 && day <= 31 {
					m[fmt.Sprintf("date:%02d-%02d", month, day)] = true
				}
			}
			if n := ordinalRU(lw); n > 0 {
				m["num:"+strconv.Itoa(n)] = true
			}
		} else if n := wordNumbersEN[lw]; n != "" {
			m["num:"+n] = true
		}
		prev = append(prev, lw)
	}
	if !ru {
		// "10 P.M." where the anchors see an hour without minutes.
		for _, g := range hourMeridiem.FindAllStringSubmatch(text, -1) {
			h, _ := strconv.Atoi(g[1])
			if h < 1 || h > 12 {
				continue
			}
			if pm := g[2] == "p" || g[2] == "P"; pm && h < 12 {
				h += 12
			} else if !pm && h == 12 {
				h = 0
			}
			m[fmt.Sprintf("num:%d:00", h)] = true
		}
	}
}

var hourMeridiem = regexp.MustCompile(`\b(\d{1,2})\s?([AaPp])\.?\s?[Mm]\b\.?`)

// A digit group is a number written in parts: digit runs joined by one
// space or hyphen ("229 62 01", "229-6201"), as phone numbers and codes
// are. The parts differ across a translation, the digits do not.
type digitGroup struct {
	start, end int      // byte offsets of the group in its text
	runs       []string // its digit runs
}

// digitGroups returns the groups of two runs or more of text.
func digitGroups(text string) []digitGroup {
	var out []digitGroup
	var g digitGroup
	flush := func() {
		if len(g.runs) >= 2 {
			out = append(out, g)
		}
		g = digitGroup{}
	}
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		if len(g.runs) == 0 || i-g.end != 1 || !strings.ContainsRune(" -", rune(text[g.end])) {
			flush()
			g.start = i
		}
		g.runs = append(g.runs, text[i:j])
		g.end = j
		i = j
	}
	flush()
	return out
}

// addDigitGroups adds to m a number key for every run of two parts or more
// of each digit group of text, the parts joined ("num:6201" for "62 01").
func addDigitGroups(m map[string]bool, text string) {
	for _, g := range digitGroups(text) {
		for i := range g.runs {
			for j := i + 2; j <= len(g.runs); j++ {
				m["num:"+strings.Join(g.runs[i:j], "")] = true
			}
		}
	}
}

// inDigitGroup reports whether number anchor a of text is a part of a
// digit group whose digits, joined, the other side's window win has.
func inDigitGroup(text string, a anchor.Anchor, win map[string]bool) bool {
	for _, g := range digitGroups(text) {
		if a.Start >= g.start && a.End <= g.end && win["num:"+strings.Join(g.runs, "")] {
			return true
		}
	}
	return false
}
