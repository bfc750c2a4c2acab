package anchor

import (
	"strings"
	"testing"
	"unicode"
)

func TestNumberWords(t *testing.T) {
	tests := []struct {
		text, lang string
		want       []string
	}{
		{"Twenty minutes to the metro", "en", []string{"num:20"}},
		{"20 минут до метро", "ru", []string{"num:20"}},
		{"двадцать минут, пяти человек, четырех стран, сорока дней", "ru", []string{"num:20", "num:5", "num:4", "num:40"}},
		{"two of the three", "en", []string{"num:2", "num:3"}},
		{"one of them", "en", nil},
		{"шесть и семь", "ru", []string{"num:6", "num:7"}},
		{"семей и пятерка", "ru", nil},
		// Collectives count people; Thursday and "тройка" are no numbers.
		{"Шестеро детей, двое взрослых и четверых гостей", "ru", []string{"num:6", "num:2", "num:4"}},
		{"в четверг тройка лидеров", "ru", nil},
		{"около четырехсот человек и пятьсот машин", "ru", []string{"num:400", "num:500"}},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range Find(tt.text, tt.lang) {
			if a.Kind == Number {
				got = append(got, a.String())
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%q: got %v, want %v", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%q: got %v, want %v", tt.text, got, tt.want)
				break
			}
		}
	}
}

func TestRussianClock(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Часы работы с 10-00 до 22-00.", "num:10:00 num:22:00"},
		{"с 10.00 до 21.00, без выходных", "num:10:00 num:21:00"},
		{"15-17 февраля", "date:02-15 date:02-17"},
		{"рост на 10.50 процента", "num:10.5"},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range Find(tt.text, "ru") {
			if a.Kind == Number || a.Kind == Date {
				got = append(got, a.String())
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, g, tt.want)
		}
	}
}

func TestRatio(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Open 24/7, which is convenient", "num:24/7"},
		{"Food was a 4/5", "num:4/5"},
		{"10/06/2024", "date:06-10 num:2024"},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range Find(tt.text, "en") {
			if a.Kind == Number || a.Kind == Date {
				got = append(got, a.String())
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, g, tt.want)
		}
	}
}

// TestLowerRune: the hand-made cases agree with unicode.ToLower on every
// rune up to the end of the Cyrillic blocks, and beyond on a sample.
func TestLowerRune(t *testing.T) {
	for r := rune(0); r < 0x530; r++ {
		if got, want := lowerRune(r), unicode.ToLower(r); got != want {
			t.Errorf("lowerRune(%U) = %U, want %U", r, got, want)
		}
	}
	for _, r := range []rune{'Ё', 'Ѐ', 'Ґ', 'Ā', 'Ω', 'Ａ', 0x1E9E} {
		if got, want := lowerRune(r), unicode.ToLower(r); got != want {
			t.Errorf("lowerRune(%U) = %U, want %U", r, got, want)
		}
	}
}

// TestNumberWordHeads: the filter on the first two letters lets every
// Russian number word through, whatever its case or ending.
func TestNumberWordHeads(t *testing.T) {
	want := make(map[string]string)
	for k, v := range numberWordsRU {
		want[strings.ReplaceAll(k, "ё", "е")] = v
	}
	for stem, v := range numberStemsRU {
		for _, end := range numberEndingsRU {
			if w := stem + end; len(w) >= 8 {
				want[w] = v
			}
		}
	}
	for stem, v := range collectiveStemsRU {
		for _, end := range collectiveEndingsRU {
			if _, ok := want[stem+end]; !ok {
				want[stem+end] = v
			}
		}
	}
	for w, v := range want {
		if len(w) > 24 { // numberWord's bound
			continue
		}
		r := []rune(w)
		for _, form := range []string{w, string(unicode.ToUpper(r[0])) + string(r[1:]), strings.ToUpper(w), strings.ReplaceAll(w, "е", "ё")} {
			if got := numberWord(form, anchorRU); got != v {
				t.Errorf("numberWord(%q) = %q, want %q", form, got, v)
			}
		}
	}
}
