package corpus

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sentenceSplit cuts a text after each ". ": enough for the round trip.
func sentenceSplit(text, _ string) []Span {
	var spans []Span
	start := 0
	for i := 0; i < len(text); i++ {
		if strings.HasPrefix(text[i:], ". ") {
			spans = append(spans, Span{start, i + 1})
			start = i + 2
		}
	}
	if start < len(text) {
		spans = append(spans, Span{start, len(text)})
	}
	return spans
}

func writeCorpus(t *testing.T, dir string, posts []*Post, pairs []*Pair) {
	t.Helper()
	for name, write := range map[string]func(*bytes.Buffer) error{
		"posts.parquet":     func(b *bytes.Buffer) error { return WritePosts(b, posts, pairs) },
		"pairs.parquet":     func(b *bytes.Buffer) error { return WritePairs(b, pairs) },
		"sentences.parquet": func(b *bytes.Buffer) error { return WriteSentences(b, pairs, "ru", "en") },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReadCorpus: a corpus written by the writers reads back with the
// same beads, the omission beads (which sentences.parquet does not hold)
// rebuilt in their places.
func TestReadCorpus(t *testing.T) {
	ru := &Post{Channel: "mid", ID: 1, Text: "Раз. Два. Три. Четыре.", Lang: "ru"}
	en := &Post{Channel: "mfa", ID: 2, Text: "One. Two and three. Extra. Four.", Lang: "en"}
	p := &Pair{ID: 1, Source: ru, Target: en, Score: 0.9,
		SourceSentences: sentenceSplit(ru.Text, "ru"), TargetSentences: sentenceSplit(en.Text, "en"),
		Beads: []Bead{
			{SrcStart: 0, SrcEnd: 1, TgtStart: 0, TgtEnd: 1, Score: 0.8},
			{SrcStart: 1, SrcEnd: 3, TgtStart: 1, TgtEnd: 2, Score: 0.7},
			{SrcStart: 3, SrcEnd: 3, TgtStart: 2, TgtEnd: 3},
			{SrcStart: 3, SrcEnd: 4, TgtStart: 3, TgtEnd: 4, Score: 0.9},
		}}
	dir := t.TempDir()
	writeCorpus(t, dir, []*Post{ru, en}, []*Pair{p})
	posts, pairs, err := ReadCorpus(dir, sentenceSplit)
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 2 || len(pairs) != 1 {
		t.Fatalf("%d posts, %d pairs", len(posts), len(pairs))
	}
	got := pairs[0]
	if got.Source.Text != ru.Text || got.Target.Text != en.Text || !reflect.DeepEqual(got.Beads, p.Beads) {
		t.Errorf("beads %+v, want %+v", got.Beads, p.Beads)
	}

	// A split that disagrees with the corpus is an input error naming the pair.
	_, _, err = ReadCorpus(dir, func(text, lang string) []Span { return []Span{{0, len(text)}} })
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "pair 1") {
		t.Errorf("mismatched split: %v", err)
	}
	// A directory without a corpus is an input error too.
	if _, _, err := ReadCorpus(t.TempDir(), sentenceSplit); !errors.As(err, &ie) {
		t.Errorf("empty directory: %v", err)
	}
}
