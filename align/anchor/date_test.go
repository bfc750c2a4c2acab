package anchor

import (
	"strings"
	"testing"
)

func TestDateAnchors(t *testing.T) {
	tests := []struct {
		lang, text string
		want       string // space-separated anchors of kinds date and num
	}{
		{"en", "June 10, 2024", "date:06-10 num:2024"},
		{"en", "on 10 June", "date:06-10"},
		{"en", "June 10-11", "date:06-10 date:06-11"},
		{"en", "June 10–11, 2024", "date:06-10 date:06-11 num:2024"},
		{"en", "March 5", "date:03-05"},
		{"en", "on 5 March", "date:03-05"},
		{"en", "Jan. 5", "date:01-05"},
		{"en", "Sept 5", "date:09-05"},
		{"en", "the 10th of June", "date:06-10"},
		{"en", "10 June 2024", "date:06-10 num:2024"},
		{"en", "May 9", "date:05-09"},
		{"en", "5 may be", "num:5"}, // "may" in lower case is a verb
		{"en", "in March 2024", "num:2024"},
		{"en", "February 30", "num:30"},
		{"ru", "10 июня 2024 года", "date:06-10 num:2024"},
		{"ru", "8-9 апреля", "date:04-08 date:04-09"},
		{"ru", "8–9 апреля", "date:04-08 date:04-09"},
		{"ru", "15-17 февраля 2021 года", "date:02-15 date:02-17 num:2021"},
		{"ru", "5 марта", "date:03-05"},
		{"ru", "1 январь", "date:01-01"},
		{"ru", "в марте", ""},
		{"ru", "в январе 2024 года", "num:2024"},
		{"ru", "31 февраля", "num:31"},
		{"ru", "9 мая", "date:05-09"},
		{"ru", "с 3 авг.", "date:08-03"},
		{"ru", "5 Марта", "date:03-05"},
		// Month names are read in the text's language only.
		{"ru", "5 March", "num:5"},
		{"en", "5 марта", "num:5"},
		// Numeric dates.
		{"ru", "10.06.2024", "date:06-10 num:2024"},
		{"en", "10.06.2024", "date:06-10 num:2024"},
		{"ru", "от 14.02.2021 г.", "date:02-14 num:2021"},
		{"en", "starting 14/02/2021", "date:02-14 num:2021"},
		{"en", "06/14/2021", "date:06-14 num:2021"},
		{"ru", "10.06", "date:06-10"},
		{"en", "10.06", "num:10.06"},
		{"en", "2024-06-10", "num:2024 date:06-10"},
		{"ru", "10.13.2024", "num:10.13 num:2024"},
		{"fr", "le 10.06.2024", "date:06-10 num:2024"},
		{"fr", "le 10 juin", "num:10"},
	}
	for _, tt := range tests {
		got := strings.Join(ancOfKinds(tt.text, tt.lang, Date, Number), " ")
		if got != tt.want {
			t.Errorf("Find(%q, %s) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
	}
}

// TestDateSpans checks that a date anchor covers its day and month.
func TestDateSpans(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []string
	}{
		{"en", "On April 8-9, 2024", []string{"April 8", "April 8-9", "2024"}},
		{"ru", "8-9 апреля", []string{"8-9 апреля", "9 апреля"}},
		{"ru", "в 10.06.2024", []string{"10.06", "2024"}},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range Find(tt.text, tt.lang) {
			got = append(got, tt.text[a.Start:a.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("spans of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestRuMonthForms(t *testing.T) {
	forms := map[int]string{
		1: "январь января январе январю январём январем", 2: "февраль февраля феврале",
		3: "март марта марте мартом", 4: "апрель апреля апреле", 5: "май мая мае маю",
		6: "июнь июня июне", 7: "июль июля июле", 8: "август августа августе",
		9: "сентябрь сентября сентябре", 10: "октябрь октября октябре",
		11: "ноябрь ноября ноябре", 12: "декабрь декабря декабре",
	}
	for m, list := range forms {
		for _, f := range strings.Fields(list) {
			if ruMonths[f] != m {
				t.Errorf("ruMonths[%q] = %d, want %d", f, ruMonths[f], m)
			}
		}
	}
}
