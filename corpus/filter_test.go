package corpus

import (
	"bytes"
	"strings"
	"testing"
)

func TestFilterReasons(t *testing.T) {
	// A stand-in language check: Cyrillic is Russian, Latin is English,
	// text without letters cannot be told and passes.
	isLang := func(text, lang string) bool {
		cyr, lat := 0, 0
		for _, r := range text {
			switch {
			case r >= 'А' && r <= 'я':
				cyr++
			case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
				lat++
			}
		}
		if cyr == lat {
			return true
		}
		return (cyr > lat) == (lang == "ru")
	}
	opt := FilterOptions{
		MinScore: 0.3, MinWords: 2, MaxWords: 12, MaxChars: 80, MaxRatio: 2.5,
		SourceLang: "ru", TargetLang: "en", LangCheck: isLang, DropNoise: true, Dedup: true,
	}
	tests := []struct {
		src, tgt string
		score    float64
		want     string // "" kept
	}{
		{"Следите за нашими публикациями.", "Stay tuned for our posts.", 0.9, ""},
		{"Россия и Китай подписали меморандум.", "Russia and China signed a memorandum.", 0.1, DropScore},
		{"#РоссияКитай", "#RussiaChina", 0.9, DropNoise},
		{"🇷🇺🤝🇨🇳 https://mid.ru/ru/ t.me/MID_Russia", "🇷🇺🤝🇨🇳 https://mid.ru/en/", 0.9, DropNoise},
		{"@MID_Russia 2024", "@MFARussia 2024", 0.9, DropNoise},
		{"Спасибо!", "Thanks!", 0.9, DropLength}, // one word a side
		{strings.Repeat("слово ", 13), strings.Repeat("word ", 13), 0.9, DropLength},
		{"Брифинг официального представителя МИД России М.В.Захаровой по актуальным вопросам внешней политики", "Briefing by the spokeswoman", 0.9, DropLength}, // over 80 characters
		{"Брифинг официального представителя МИД России.", "A briefing today.", 0.9, DropRatio},
		{"Министр провёл переговоры с коллегой.", "Министр провёл переговоры с коллегой.", 0.9, DropLanguage},
		{"Следите за нашими публикациями.", "Stay tuned for our posts.", 0.9, DropDuplicate},
		{"СЛЕДИТЕ за нашими публикациями!!", "stay tuned for our posts 🙂", 0.9, DropNearDuplicate},
		{"Встреча 10 июня прошла успешно.", "The meeting on June 10 went well.", 0.9, ""},
		{"Встреча 11 июня прошла успешно.", "The meeting on June 11 went well.", 0.9, DropNearDuplicate},
		{"Ёлка стоит у Кремля.", "A fir tree stands by the Kremlin.", 0.9, ""},
		{"Елка стоит у Кремля.", "A fir tree stands by the Kremlin.", 0.9, DropNearDuplicate},
		{"U.S. делегация прибыла в Москву.", "The U.S. delegation arrived in Moscow.", 0.9, ""},
	}
	f, err := NewFilter(opt)
	if err != nil {
		t.Fatal(err)
	}
	want := FilterStats{Dropped: map[string]int{}}
	for _, tt := range tests {
		before := f.Stats()
		kept := f.Keep(tt.src, tt.tgt, tt.score)
		after := f.Stats()
		got := ""
		for _, r := range DropReasons {
			if after.Dropped[r] != before.Dropped[r] {
				got = r
			}
		}
		if kept != (tt.want == "") || got != tt.want {
			t.Errorf("%q | %q: kept %v, dropped for %q; want %q", tt.src, tt.tgt, kept, got, tt.want)
		}
		want.Seen++
		if tt.want == "" {
			want.Kept++
		} else {
			want.Dropped[tt.want]++
		}
	}
	if got := f.Stats().String(); got != want.String() {
		t.Errorf("stats %s, want %s", got, want)
	}
}

func TestFilterOffKeepsAll(t *testing.T) {
	f, err := NewFilter(FilterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if (FilterOptions{}).Active() || !TrainingFilterOptions().Active() {
		t.Error("Active: the zero options drop nothing, the training preset does")
	}
	for range 2 {
		if !f.Keep("#тег", "", 0) {
			t.Error("an inactive filter dropped a bead")
		}
	}
	if s := f.Stats().String(); s != "kept 2 of 2 beads" {
		t.Errorf("stats %q", s)
	}
}

func TestFilterValidate(t *testing.T) {
	nan := 0.0
	nan /= nan
	bad := []FilterOptions{
		{MinScore: nan},
		{MinScore: -1},
		{MinChars: -1},
		{MinChars: 10, MaxChars: 5},
		{MinWords: 10, MaxWords: 5},
		{MaxRatio: 0.5},
		{MaxRatio: nan},
		{LangCheck: func(string, string) bool { return true }},
	}
	for _, o := range bad {
		if _, err := NewFilter(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
	if err := TrainingFilterOptions().Validate(); err != nil {
		t.Errorf("training preset: %v", err)
	}
}

// TestWriteSentencesFiltered: a filtered sentences.parquet keeps the ids of
// the unfiltered one.
func TestWriteSentencesFiltered(t *testing.T) {
	_, pairs := pqFixture(t)
	f, err := NewFilter(FilterOptions{MinScore: 0.6})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteSentencesFiltered(&buf, pairs, "ru", "en", f); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadSentencesParquet(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	// Fixture scores: 1-0 0.5, 1-1 0.75, 1-4 1.0, 2-0 0.9.
	if got, want := strings.Join(ids, " "), "1-1 1-4 2-0"; got != want {
		t.Errorf("ids %s, want %s", got, want)
	}
	if s := f.Stats(); s.Seen != 4 || s.Kept != 3 || s.Dropped[DropScore] != 1 {
		t.Errorf("stats %s", s)
	}
}

func TestFilterRows(t *testing.T) {
	f, err := NewFilter(FilterOptions{SourceLang: "ru", TargetLang: "en", Dedup: true})
	if err != nil {
		t.Fatal(err)
	}
	rows := append(append([]SentenceRow{}, exportRows...), exportRows[0])
	n := 0
	for row, err := range f.Rows(rowSeq(rows)) {
		if err != nil {
			t.Fatal(err)
		}
		if row.ID != rows[n].ID {
			t.Errorf("row %d is %s", n, row.ID)
		}
		n++
	}
	if n != len(exportRows) || f.Stats().Dropped[DropDuplicate] != 1 {
		t.Errorf("kept %d rows, stats %s", n, f.Stats())
	}
}
