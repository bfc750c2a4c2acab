package detect

import (
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"url", "Read more: https://mid.ru/ru/foreign_policy/news/1953247/", "Read more"},
		{"url in parentheses", "(https://t.me/MFARussia/21488).", ""},
		{"url glued to a word", "Source:https://tass.com/politics/1", "Source"},
		{"www and bare domains", "see www.kremlin.ru and mid.ru/en, t.me/MID_Russia or президент.рф", "see and or"},
		{"not domains", "U.S. and т.е. and e.g. Mr.Smith", "U S and т е and e g Mr Smith"},
		{"mention", "@MID_Russia: hello (@MFARussia)", "hello"},
		{"email", "write to press@mid.ru please", "write to please"},
		{"hashtags", "#BRICS summit #Россия2024 #RussiaChina75", "summit"},
		{"emoji", "🇷🇺 Lavrov ❤️ ℹ️ Info ✅ 👉🏻", "Lavrov Info"},
		{"digits", "G20 in 2024, 3.5% +7 (495) 244-16-06", "G in"},
		{"joiners", "Нью-Йорк don't it’s -dash- 'quoted'", "Нью-Йорк don't it’s dash quoted"},
		{"script change", "BRICSа", "BRICS а"},
		{"styled letters", "𝐁𝐨𝐥𝐝 ＦＵＬＬ", "Bold FULL"},
		{"stress mark", "за́мок", "замок"},
		{"decomposed й", "и\u0306ти", "йти"},
		{"soft hyphen", "меж\u00adду", "между"},
		{"marks of other scripts kept", "नमस्ते", "नमस्ते"},
		{"punctuation only", "… — «» !!! ???", ""},
	}
	for _, tc := range tests {
		if got := Clean(tc.in); got != tc.want {
			t.Errorf("%s: Clean(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

// TestScanWordsOffsets checks that words point into the text in order.
func TestScanWordsOffsets(t *testing.T) {
	text := "🇷🇺 Лавров: «Russia and China» #BRICS https://mid.ru, за́мок; G20 — Нью-Йорк"
	words := scanWords(text, nil)
	var got []string
	prev := 0
	for _, w := range words {
		if w.start < prev || w.end <= w.start || w.end > len(text) {
			t.Fatalf("word %+v out of order or range (previous end %d)", w, prev)
		}
		prev = w.end
		got = append(got, text[w.start:w.end])
	}
	want := "Лавров|Russia|and|China|за́мок|G|Нью-Йорк"
	if strings.Join(got, "|") != want {
		t.Errorf("word texts %q, want %q", strings.Join(got, "|"), want)
	}
	if words[0].script != scriptCyrillic || words[1].script != scriptLatin || words[0].letters != 6 {
		t.Errorf("first words %+v %+v, want Cyrillic with 6 letters, Latin", words[0], words[1])
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		text  string
		after string // the text of the first span ends with this
	}{
		{"Pushkin wrote.\n\n«Я помню", "Pushkin wrote.\n\n"},
		{"тропа» – \"I have", "тропа» – "},
		{"abc«где", "abc"},
	}
	for _, tc := range tests {
		words := scanWords(tc.text, nil)
		// The last word of the first script and the first of the second.
		i := 0
		for i+1 < len(words) && words[i+1].script == words[0].script {
			i++
		}
		c := cut(tc.text, words[i].end, words[i+1].start)
		if got := tc.text[:c]; !strings.HasSuffix(got, tc.after) || len(got) != len(tc.after) {
			t.Errorf("cut(%q) leaves %q first, want %q", tc.text, got, tc.after)
		}
	}
}
