package corpus

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// TestLangSpansCodePoints checks that lang_spans in posts.parquet count code
// points, as the sentence offsets do: slicing the text as Python or
// DuckDB's substring() do gives the span's text.
func TestLangSpansCodePoints(t *testing.T) {
	ru := "🇷🇺 Заявление МИД России о ситуации. "
	en := "Statement by the Russian Foreign Ministry 🌐 on the situation."
	text := ru + en
	post := &Post{Channel: "mid_russia", ID: 1, Text: text, Lang: "ru",
		LangSpans: []LangSpan{{0, len(ru), "ru"}, {len(ru), len(text), "en"}}}
	var buf bytes.Buffer
	if err := WritePosts(&buf, []*Post{post}, nil); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadPostsParquet(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || len(rows[0].LangSpans) != 2 {
		t.Fatalf("rows %+v, want one with two spans", rows)
	}
	runes := []rune(rows[0].Text)
	for i, want := range []string{ru, en} {
		s := rows[0].LangSpans[i]
		if got := string(runes[s.Start:s.End]); got != want {
			t.Errorf("span %d [%d, %d) = %q, want %q", i, s.Start, s.End, got, want)
		}
	}
}

func TestLangSpanSplittingACharacter(t *testing.T) {
	post := &Post{Channel: "c", ID: 1, Text: "Привет мир", LangSpans: []LangSpan{{0, 3, "ru"}}}
	err := WritePosts(&bytes.Buffer{}, []*Post{post}, nil)
	if err == nil || !strings.Contains(err.Error(), "splits a character") {
		t.Errorf("error %v, want one about a split character", err)
	}
}

// TestLangSpansInCodePoints: detect --json reports spans in the unit of the
// Parquet files.
func TestLangSpansInCodePoints(t *testing.T) {
	text := "«Я памятник» — Pushkin."
	p := &Post{Text: text, LangSpans: []LangSpan{{0, len("«Я памятник» — "), "ru"}, {len("«Я памятник» — "), len(text), "en"}}}
	got := p.LangSpansInCodePoints()
	want := []LangSpan{{0, 15, "ru"}, {15, 23, "en"}}
	if !slices.Equal(got, want) {
		t.Errorf("LangSpansInCodePoints = %v, want %v", got, want)
	}
	if runes := []rune(text); string(runes[got[1].Start:got[1].End]) != "Pushkin." {
		t.Errorf("the English span is %q", string(runes[got[1].Start:got[1].End]))
	}
}
