package anchor

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Numbers written as words. Translators write a number in digits in one
// language and in words in the other ("Twenty minutes", "20 минут"), so
// number words give number anchors. "one"/"один" and "first" are left out:
// they are pronouns and articles more often than numbers.
var numberWordsEN = map[string]string{
	"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
	"eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
	"thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16",
	"seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20",
	"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
	"eighty": "80", "ninety": "90",
}

// numberStemsRU maps the stems of Russian cardinals to their values; the
// endings of the cases follow the stem (пять, пяти, пятью; двадцать,
// двадцати). Stems are matched whole-word with one of numberEndingsRU.
var numberStemsRU = map[string]string{
	"четыр": "4", "пят": "5", "шест": "6",
	"восем": "8", "восьм": "8", "девят": "9", "десят": "10", "одиннадцат": "11",
	"двенадцат": "12", "тринадцат": "13", "четырнадцат": "14", "пятнадцат": "15",
	"шестнадцат": "16", "семнадцат": "17", "восемнадцат": "18", "девятнадцат": "19",
	"двадцат": "20", "тридцат": "30", "пятидесят": "50", "шестидесят": "60",
	"семидесят": "70", "восьмидесят": "80",
}

// numberWordsRU lists the whole Russian forms whose stems are too short to
// match by ending (два, две, трёх...).
var numberWordsRU = map[string]string{
	"два": "2", "две": "2", "двух": "2", "двум": "2", "двумя": "2",
	"три": "3", "трех": "3", "трём": "3", "трем": "3", "тремя": "3", "трёх": "3",
	"семь": "7", "семи": "7", "семью": "7", "сорок": "40", "сорока": "40",
	"пятьдесят": "50", "шестьдесят": "60", "семьдесят": "70", "восемьдесят": "80",
	"девяносто": "90", "девяноста": "90",
	"двести": "200", "двухсот": "200", "триста": "300", "трехсот": "300",
	"четыреста": "400", "четырехсот": "400", "пятьсот": "500", "пятисот": "500",
	"шестьсот": "600", "шестисот": "600", "семьсот": "700", "семисот": "700",
	"восемьсот": "800", "восьмисот": "800", "девятьсот": "900", "девятисот": "900",
}

var numberEndingsRU = []string{"ь", "и", "ью", "е", "ех", "ём", "ем", "ью"}

// collectiveStemsRU are the stems of Russian collective numerals, which
// count people ("шестеро", "шестерых" = six): the endings are those of
// collectiveEndingsRU. "четверг" (Thursday) and "пятерка" keep other
// endings.
var collectiveStemsRU = map[string]string{
	"дво": "2", "тро": "3", "четвер": "4", "пятер": "5", "шестер": "6",
	"семер": "7", "восьмер": "8", "девятер": "9", "десятер": "10",
}

var collectiveEndingsRU = []string{"е", "их", "им", "ими", "о", "ых", "ым", "ыми"}

// numberWord returns the number a word of lang spells, or "". It runs on
// every word, so it rejects most words by length and first letter before
// lower-casing into a stack buffer.
func numberWord(w string, lang anchorLang) string {
	if len(w) < 3 || len(w) > 24 {
		return ""
	}
	var buf [24]byte
	lw := buf[:0]
	switch lang {
	case anchorEN:
		switch w[0] | 0x20 {
		case 't', 'f', 's', 'e', 'n':
		default:
			return ""
		}
		for i := 0; i < len(w); i++ {
			lw = append(lw, w[i]|0x20)
		}
		return numberWordsEN[string(lw)]
	case anchorRU:
		r, n := utf8.DecodeRuneInString(w)
		switch lowerRune(r) {
		case 'д', 'т', 'ч', 'п', 'ш', 'с', 'в', 'о':
		default:
			return ""
		}
		// Most words that pass the first letter (в, с, о, по...) fail
		// the first two.
		r2, _ := utf8.DecodeRuneInString(w[n:])
		if !isNumberHeadRU(lowerRune(r), lowerRune(r2)) {
			return ""
		}
		for _, r := range w {
			r = lowerRune(r)
			if r == 'ё' {
				r = 'е'
			}
			lw = utf8.AppendRune(lw, r)
		}
		if v, ok := numberWordsRU[string(lw)]; ok {
			return v
		}
		for _, end := range collectiveEndingsRU {
			if stem, ok := bytes.CutSuffix(lw, []byte(end)); ok {
				if v, ok := collectiveStemsRU[string(stem)]; ok {
					return v
				}
			}
		}
		if len(lw) < 8 { // four Cyrillic letters
			return ""
		}
		for _, end := range numberEndingsRU {
			if stem, ok := bytes.CutSuffix(lw, []byte(end)); ok {
				if v, ok := numberStemsRU[string(stem)]; ok {
					return v
				}
			}
		}
	}
	return ""
}

// numberHeadsRU marks the first two letters (ё as е) of every Russian
// number word and stem, by their offsets from 'а'.
var numberHeadsRU = func() (heads [32][32]bool) {
	for _, m := range []map[string]string{numberWordsRU, numberStemsRU, collectiveStemsRU} {
		for k := range m {
			rs := []rune(k)
			a, b := foldYo(rs[0]), foldYo(rs[1])
			if a < 'а' || a > 'я' || b < 'а' || b > 'я' {
				panic("anchor: number word " + k + " outside а–я")
			}
			heads[a-'а'][b-'а'] = true
		}
	}
	return heads
}()

// isNumberHeadRU reports whether a lower-case word starting with a, b can
// be a number word: whether some number word or stem starts so.
func isNumberHeadRU(a, b rune) bool {
	a, b = foldYo(a), foldYo(b)
	return 'а' <= a && a <= 'я' && 'а' <= b && b <= 'я' && numberHeadsRU[a-'а'][b-'а']
}

func foldYo(r rune) rune {
	if r == 'ё' {
		return 'е'
	}
	return r
}

// lowerRune is unicode.ToLower with the Cyrillic and ASCII capitals done
// by hand: numberWord lower-cases the letters of every Russian word.
func lowerRune(r rune) rune {
	switch {
	case 'А' <= r && r <= 'Я':
		return r + ('а' - 'А')
	case 'а' <= r && r <= 'я':
		return r
	case 'A' <= r && r <= 'Z':
		return r + ('a' - 'A')
	case r < utf8.RuneSelf:
		return r
	}
	return unicode.ToLower(r)
}
