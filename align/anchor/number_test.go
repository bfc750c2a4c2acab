package anchor

import (
	"slices"
	"strings"
	"testing"
)

// ancOfKinds returns the anchors of text as "kind:key", keeping the kinds
// given.
func ancOfKinds(text, lang string, kinds ...Kind) []string {
	var out []string
	for _, a := range Find(text, lang) {
		if slices.Contains(kinds, a.Kind) {
			out = append(out, a.String())
		}
	}
	return out
}

func TestNumberAnchors(t *testing.T) {
	tests := []struct {
		lang, text string
		want       string // space-separated anchors of kinds num and latin
	}{
		// Thousands separators.
		{"en", "1,000 people", "num:1000"},
		{"ru", "1 000 человек", "num:1000"},
		{"en", "1 000 people", "num:1000"},
		{"ru", "1\u00a0000 человек", "num:1000"},
		{"ru", "1\u202f000 человек", "num:1000"},
		{"en", "1000 people", "num:1000"},
		{"en", "1,000,000 people", "num:1000000"},
		{"ru", "1 000 000 человек", "num:1000000"},
		{"en", "in 2024 100 people", "num:2024 num:100"},
		{"en", "in 2024, 100 people", "num:2024 num:100"},
		{"en", "items 1, 2, 3", "num:1 num:2 num:3"},
		// Decimals: a Russian comma is a decimal mark, also before 3 digits.
		{"en", "2.5%", "num:2.5"},
		{"ru", "2,5%", "num:2.5"},
		{"ru", "2.5%", "num:2.5"},
		{"en", "2,5%", "num:2.5"},
		{"ru", "1,500 км", "num:1.5"},
		{"en", "2.50 and 3.0", "num:2.5 num:3"},
		{"en", "0.5", "num:0.5"},
		// Multipliers scale, so that both languages meet.
		{"ru", "1,5 млн", "num:1500000"},
		{"en", "1.5 million", "num:1500000"},
		{"ru", "450 тыс. человек", "num:450000"},
		{"en", "450,000 people", "num:450000"},
		{"ru", "2 тысячи", "num:2000"},
		{"ru", "10 млрд рублей", "num:10000000000"},
		{"ru", "10млрд", "num:10000000000"},
		{"en", "$10bn", "num:10000000000"},
		{"en", "$5m", "num:5000000"},
		{"en", "5m", "num:5"},
		{"en", "1.2345 thousand", "num:1234.5"},
		{"en", "0.25 million", "num:250000"},
		// Ordinals and glued endings keep the number.
		{"en", "the 75th anniversary", "num:75"},
		{"ru", "75-летие", "num:75"},
		{"ru", "75-й", "num:75"},
		{"ru", "46-го Московского", "num:46"},
		{"ru", "в 2024г.", "num:2024"},
		{"en", "25%", "num:25"},
		// Leading zeros go.
		{"en", "09 and 007 and 0", "num:9 num:7 num:0"},
		// Ranges give both ends.
		{"en", "15-17", "num:15 num:17"},
		{"ru", "15–17", "num:15 num:17"},
		// Times are on the 24-hour clock.
		{"ru", "в 20:40", "num:20:40"},
		{"ru", "в 09:30", "num:9:30"},
		{"en", "at 2:10 PM", "num:14:10"},
		{"en", "at 2:10 p.m. sharp", "num:14:10"},
		{"en", "at 12:30 am", "num:0:30"},
		{"en", "score 2:1", "num:2 num:1"},
		// Digits glued to letters make a Latin token, not a number.
		{"en", "the G20 summit", "latin:g20"},
		{"ru", "саммит G20", "latin:g20"},
		{"en", "COVID-19", "latin:covid19"},
		{"ru", "COVID-19", "latin:covid19"},
		{"ru", "Су-57", "latin:su57"},
		{"en", "Su-57", "latin:su57"},
		{"ru", "МиГ-29", "latin:mig29"},
		{"en", "a 3D film", "latin:3d"},
		{"en", "Moscow-2024", "num:2024"},
	}
	for _, tt := range tests {
		got := strings.Join(ancOfKinds(tt.text, tt.lang, Number, Latin), " ")
		if got != tt.want {
			t.Errorf("Find(%q, %s) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
	}
}

func TestScaleNumber(t *testing.T) {
	tests := []struct {
		key  string
		exp  int
		want string
	}{
		{"1", 3, "1000"},
		{"1.5", 6, "1500000"},
		{"0.5", 3, "500"},
		{"0.0005", 3, "0.5"},
		{"1.23456", 3, "1234.56"},
		{"12", 9, "12000000000"},
		{"20:40", 3, "20:40"},
	}
	for _, tt := range tests {
		if got := scaleNumber(tt.key, tt.exp); got != tt.want {
			t.Errorf("scaleNumber(%q, %d) = %q, want %q", tt.key, tt.exp, got, tt.want)
		}
	}
}
