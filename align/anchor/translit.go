package anchor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// cyrLower maps the lower-case Cyrillic letters U+0430–U+045F to Latin as
// the English press writes Russian names (BGN/PCGN without diacritics).
// Ukrainian and Belarusian letters are included so that their names do not
// vanish; an empty entry drops the letter.
var cyrLower = [0x460 - 0x430]string{
	'а' - 0x430: "a", 'б' - 0x430: "b", 'в' - 0x430: "v", 'г' - 0x430: "g",
	'д' - 0x430: "d", 'е' - 0x430: "e", 'ж' - 0x430: "zh", 'з' - 0x430: "z",
	'и' - 0x430: "i", 'й' - 0x430: "y", 'к' - 0x430: "k", 'л' - 0x430: "l",
	'м' - 0x430: "m", 'н' - 0x430: "n", 'о' - 0x430: "o", 'п' - 0x430: "p",
	'р' - 0x430: "r", 'с' - 0x430: "s", 'т' - 0x430: "t", 'у' - 0x430: "u",
	'ф' - 0x430: "f", 'х' - 0x430: "kh", 'ц' - 0x430: "ts", 'ч' - 0x430: "ch",
	'ш' - 0x430: "sh", 'щ' - 0x430: "shch", 'ъ' - 0x430: "", 'ы' - 0x430: "y",
	'ь' - 0x430: "", 'э' - 0x430: "e", 'ю' - 0x430: "yu", 'я' - 0x430: "ya",
	'ё' - 0x430: "e", 'є' - 0x430: "ye", 'і' - 0x430: "i", 'ї' - 0x430: "yi",
	'ў' - 0x430: "u", 'ђ' - 0x430: "dj", 'ј' - 0x430: "j", 'љ' - 0x430: "lj",
	'њ' - 0x430: "nj", 'ћ' - 0x430: "c", 'џ' - 0x430: "dz", 'ѓ' - 0x430: "g",
	'ќ' - 0x430: "k", 'ѕ' - 0x430: "dz",
}

// cyrLatin returns the Latin spelling of the Cyrillic letter r in lower
// case and whether r is an upper-case letter. ok is false when r is not a
// Cyrillic letter of the table.
func cyrLatin(r rune) (lat string, upper, ok bool) {
	switch {
	case r >= 0x430 && r < 0x460:
	case r >= 0x410 && r < 0x430:
		r += 0x20
		upper = true
	case r >= 0x400 && r < 0x410:
		r += 0x50
		upper = true
	case r == 'ґ':
		return "g", false, true
	case r == 'Ґ':
		return "g", true, true
	default:
		return "", false, false
	}
	lat = cyrLower[r-0x430]
	// The table's holes (letters of no Slavic alphabet we read) are not
	// letters to drop: only ъ and ь map to "".
	if lat == "" && r != 'ъ' && r != 'ь' {
		return "", false, false
	}
	return lat, upper, true
}

// isCyrillicLetter reports whether r is in the Cyrillic block.
func isCyrillicLetter(r rune) bool { return r >= 0x400 && r <= 0x4FF }

// Transliterate maps Cyrillic letters to Latin (BGN/PCGN-like, as English
// press writes names: ж zh, х kh, ц ts, ч ch, ш sh, щ shch, ю yu, я ya, й y,
// ы y, ъ/ь dropped, е e, ё e) and leaves other characters alone. Case is
// kept: a capital becomes a capitalised digraph ("Жуков" → "Zhukov") or an
// all-capital one inside an all-capital word ("ЖКХ" → "ZHKKH").
func Transliterate(s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if _, _, ok := cyrLatin(r); ok {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	b.WriteString(s[:i])
	prevUpper := i > 0 && isUpperRuneBefore(s, i)
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		lat, upper, ok := cyrLatin(r)
		i += size
		if !ok {
			b.WriteRune(r)
			prevUpper = unicode.IsUpper(r)
			continue
		}
		if !upper || lat == "" {
			b.WriteString(lat)
			prevUpper = upper
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[i:])
		allCaps := unicode.IsUpper(next) || (prevUpper && !unicode.IsLower(next))
		b.WriteByte(lat[0] - 'a' + 'A')
		for k := 1; k < len(lat); k++ {
			if allCaps {
				b.WriteByte(lat[k] - 'a' + 'A')
			} else {
				b.WriteByte(lat[k])
			}
		}
		prevUpper = true
	}
	return b.String()
}

// isUpperRuneBefore reports whether the rune ending at s[:i] is upper case.
func isUpperRuneBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsUpper(r)
}

// skelMode selects how much of the skeleton pipeline runs.
type skelMode uint8

const (
	// skelWord is the full pipeline for words and names.
	skelWord skelMode = iota
	// skelAcronym keeps the word's letters: no Russian ending is stripped
	// and no final vowel dropped, since acronyms do not inflect that way
	// (НАТО, UNESCO).
	skelAcronym
)

// Skeleton reduces one word (any script) to a key that spelling variants and
// Russian case endings share: lower-case, transliterated, inflection
// stripped, phonetic merges. Used for names and by the aligner for cognates.
//
// Russian endings are stripped only when lang is "ru" and the word is
// Cyrillic, so a Latin word quoted in a Russian text keeps its letters.
// Digits are kept; other characters (hyphens, apostrophes) are dropped.
// Examples: Лаврову and Lavrov → "lavrov", Сергея and Sergei → "serg",
// Цзиньпином and Jinping → "jinpin".
func Skeleton(word, lang string) string {
	var buf [64]byte
	return string(appendSkeleton(buf[:0], word, isLang(lang, "ru"), skelWord))
}

// isLang reports whether lang is the ISO 639-1 code code, ignoring case and
// a region suffix ("ru-RU").
func isLang(lang, code string) bool {
	if len(lang) > 2 && (lang[2] == '-' || lang[2] == '_') {
		lang = lang[:2]
	}
	return strings.EqualFold(lang, code)
}

// appendSkeleton appends the skeleton of word to dst. stripRU enables
// Russian ending stripping for Cyrillic words.
func appendSkeleton(dst []byte, word string, stripRU bool, mode skelMode) []byte {
	start := len(dst)
	dst, cyr := appendLowerLatin(dst, word)
	if len(dst) == start {
		return dst
	}
	end := len(dst)
	if stripRU && cyr && mode == skelWord {
		end = start + stripRussianEnding(dst[start:end])
	}
	// The merges write behind the folded word, then the result moves back:
	// x → ks may lengthen, so the rewrite cannot run in place.
	dst = dst[:end]
	dst = appendPhonetic(dst, dst[start:end])
	n := copy(dst[start:], dst[end:])
	dst = dst[:start+n]
	if mode == skelWord {
		dst = dropFinalVowels(dst, start)
		dst = dropFleetingVowel(dst, start)
		dst = dropFinalE(dst, start)
	}
	return dst
}

// dropFinalE drops the e of a final -er after two consonants, which
// Russian spells without a vowel: Alexander/Александр, Minister/Министр,
// Center/Центр.
func dropFinalE(dst []byte, start int) []byte {
	n := len(dst)
	if n-start >= 5 && dst[n-1] == 'r' && dst[n-2] == 'e' && isConsonant(dst[n-3]) && isConsonant(dst[n-4]) {
		dst[n-2] = 'r'
		dst = dst[:n-1]
	}
	return dst
}

// dropFleetingVowel drops the vowel of a final -ok/-ek, which Russian
// declension drops (Перекрёсток, Перекрёстке; Владивосток keeps it, but
// both sides lose it alike).
func dropFleetingVowel(dst []byte, start int) []byte {
	n := len(dst)
	if n-start >= 5 && dst[n-1] == 'k' && (dst[n-2] == 'o' || dst[n-2] == 'e') && isConsonant(dst[n-3]) {
		if dst[n-3] == 'k' {
			return dst[:n-2] // Hitchcock: the k doubled by the drop collapses
		}
		dst[n-2] = 'k'
		dst = dst[:n-1]
	}
	return dst
}

// appendLowerLatin appends word lower-cased, Cyrillic transliterated and
// Latin diacritics removed, keeping ASCII letters, digits and letters of
// other scripts; it reports whether the word had Cyrillic letters.
func appendLowerLatin(dst []byte, word string) ([]byte, bool) {
	cyr := false
	for _, r := range word {
		if r < utf8.RuneSelf {
			c := byte(r)
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') {
				dst = append(dst, c)
			}
			continue
		}
		if lat, _, ok := cyrLatin(r); ok {
			dst = append(dst, lat...)
			cyr = true
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		if f := foldLatin(r); f != "" {
			dst = append(dst, f...)
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst, cyr
}

// foldLatin returns the ASCII spelling of a Latin letter with diacritics
// (é → e, ß → ss), or "" when r is not such a letter.
func foldLatin(r rune) string {
	switch r {
	case 'ß':
		return "ss"
	case 'æ', 'Æ':
		return "ae"
	case 'œ', 'Œ':
		return "oe"
	case 'ø', 'Ø':
		return "o"
	case 'ł', 'Ł':
		return "l"
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d"
	case 'þ', 'Þ':
		return "th"
	case 'š', 'Š', 'ş', 'Ş', 'ș', 'Ș':
		return "sh" // Czech, Baltic, Turkish, Romanian: Anušauskas, Şanlıurfa
	case 'ž', 'Ž', 'ż', 'Ż':
		return "zh"
	case 'č', 'Č', 'ć', 'Ć':
		return "ch"
	case 'ţ', 'Ţ', 'ț', 'Ț':
		return "ts"
	case 'ı':
		return "i"
	}
	if r < 0xC0 || r > 0x24F {
		return ""
	}
	d := norm.NFD.PropertiesString(string(r)).Decomposition()
	if len(d) == 0 || d[0] >= utf8.RuneSelf {
		return ""
	}
	c := d[0]
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	if c < 'a' || c > 'z' {
		return ""
	}
	return asciiLetters[c-'a' : c-'a'+1]
}

const asciiLetters = "abcdefghijklmnopqrstuvwxyz"

// ruEndings are Russian case and adjective endings in transliterated form,
// longest first. Plural oblique cases (-ами, -ах) are left out: names rarely
// take them, and stripping them breaks nominatives like Аллах.
var ruEndings = []string{
	"yuyu", "yaya",
	"ogo", "ego", "omu", "emu", "ykh", "ikh", "ymi", "imi", "aya", "uyu",
	"ym", "im", "om", "em", "oy", "ey", "iy", "yy", "oe", "ee", "ye", "ie", "ya", "yu",
	"a", "u", "e", "i", "y",
}

// stripRussianEnding returns the length of w without its Russian ending. The
// stem keeps at least three letters. -ым/-им (Лавровым, Путиным, Нижним,
// Зеленским) is stripped only after stems that take it, so nominatives like
// Ибрагим and Салим keep their letters; -ов/-ев/-ин are never endings, so
// Лавров and Лаврова share "lavrov".
func stripRussianEnding(w []byte) int {
	for _, e := range ruEndings {
		if len(w)-len(e) < 3 || string(w[len(w)-len(e):]) != e {
			continue
		}
		stem := w[:len(w)-len(e)]
		if (e == "ym" || e == "im") && !instrumentalStem(stem) {
			continue
		}
		return len(stem)
	}
	return len(w)
}

// instrumentalStem reports whether a stem plausibly takes -ым/-им:
// possessive surnames (-ov, -ev, -in, -yn), soft adjectives (-n) and
// -sk- adjectives.
func instrumentalStem(stem []byte) bool {
	last := stem[len(stem)-1]
	return last == 'v' || last == 'n' ||
		(len(stem) >= 2 && stem[len(stem)-2] == 's' && last == 'k')
}

// appendPhonetic appends w rewritten by merges that make English spellings
// of names and their Russian transliterations meet:
//   - digraphs: ph → f, th → t, ck → k, sch → sh, tch → ch, chr → kr,
//     qu → kv, oo and ou → u, ng → n, ts → s;
//   - c → s before e, i, y, else k; q → k; w → v; x → ks; z → s (zh kept);
//   - h, kh and g are one sound class, g: Russian writes foreign h as г
//     (Гитлер, Гарвард) and Russian х is English kh or h; h after a
//     consonant is silent (White, Dhabi) and John is Джон;
//   - y → i, ye and inner yo → e (Yerevan, Fyodor), consonant + yu → u
//     (Tyumen, плюс), initial u + vowel → v (Уилсон, Wilson), initial
//     au/eu + consonant → av/ev (Австрия, Европа);
//   - pinyin and Russian: цз → j, чж → zh, дж → j, initial xi/xu → si/su;
//   - doubled letters collapse.
func appendPhonetic(dst, w []byte) []byte {
	start := len(dst)
	at := func(i int, s string) bool {
		return len(w)-i >= len(s) && string(w[i:i+len(s)]) == s
	}
	for i := 0; i < len(w); {
		c := w[i]
		out, n := string(w[i:i+1]), 1
		prevCons := i > 0 && isConsonant(w[i-1])
		switch c {
		case 't':
			switch {
			case at(i, "tsz"):
				out, n = "j", 3
			case at(i, "tch"):
				out, n = "ch", 3
			case at(i, "ts"):
				out, n = "s", 2
			case at(i, "th"):
				out, n = "t", 2
			}
		case 'd':
			if at(i, "dzh") {
				out, n = "j", 3
			}
		case 'c':
			switch {
			case at(i, "chzh"):
				out, n = "zh", 4
			case at(i, "chr"):
				out, n = "kr", 3
			case at(i, "ch"):
				out, n = "ch", 2
			case at(i, "ck"):
				out, n = "k", 2
			case i+1 < len(w) && (w[i+1] == 'e' || w[i+1] == 'i' || w[i+1] == 'y'):
				out = "s"
			default:
				out = "k"
			}
		case 's':
			switch {
			case at(i, "sch"):
				out, n = "sh", 3
			case at(i, "sh"):
				out, n = "sh", 2
			}
		case 'k':
			if at(i, "kh") {
				out, n = "g", 2
			}
		case 'h':
			if prevCons {
				out = ""
			} else {
				out = "g"
			}
		case 'p':
			if at(i, "ph") {
				out, n = "f", 2
			}
		case 'g':
			if at(i, "gh") {
				out, n = "g", 2
			}
		case 'n':
			if at(i, "ng") {
				out, n = "n", 2
			}
		case 'x':
			out = "ks"
			if i == 0 && len(w) > 1 && (w[1] == 'i' || w[1] == 'u') {
				out = "s" // pinyin: Xi, Xinhua, Xu
			}
		case 'q':
			out = "k"
			if at(i, "qu") {
				out, n = "kv", 2
			}
		case 'w':
			out = "v"
		case 'z':
			out = "s"
			if at(i, "zh") {
				out, n = "zh", 2
			}
		case 'y', 'i':
			switch {
			case c == 'y' && at(i, "ye"), c == 'y' && i > 0 && at(i, "yo"):
				out, n = "e", 2
			case prevCons && i+1 < len(w) && w[i+1] == 'u':
				out, n = "u", 2
			case c == 'y':
				out = "i"
			}
		case 'o':
			switch {
			case at(i, "ohn"):
				out, n = "on", 3
			case at(i, "ou"), at(i, "oo"):
				out, n = "u", 2
			}
		case 'u':
			if i == 0 && len(w) > 2 && isVowel(w[1]) {
				out = "v"
			}
		case 'a', 'e':
			// Initial au/eu before a consonant is ав/ев in Russian:
			// Austria/Австрия, August/Август, Europe/Европа, Eugene/Евгений.
			if i == 0 && len(w) > 2 && w[1] == 'u' && isConsonant(w[2]) {
				out, n = string(c)+"v", 2
			}
		}
		for k := 0; k < len(out); k++ {
			b := out[k]
			if len(dst) > start && dst[len(dst)-1] == b && b >= 'a' && b <= 'z' {
				continue
			}
			dst = append(dst, b)
		}
		i += n
	}
	return dst
}

// isVowel reports whether c is a Latin vowel letter (y included).
func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// isConsonant reports whether c is a Latin consonant letter.
func isConsonant(c byte) bool { return 'a' <= c && c <= 'z' && !isVowel(c) }

// dropFinalVowels removes final vowels from the word dst[start:] while it
// keeps at least three letters: Sergei/Сергея → serg, Baku/Баку → bak.
// Both languages run it, so endings the Russian stripper leaves and
// English final vowels meet.
func dropFinalVowels(dst []byte, start int) []byte {
	for len(dst)-start > 3 {
		switch dst[len(dst)-1] {
		case 'a', 'e', 'i', 'o', 'u':
			dst = dst[:len(dst)-1]
			continue
		}
		break
	}
	return dst
}
