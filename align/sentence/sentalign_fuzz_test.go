package sentence_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/internal/fixture"
	"github.com/parapost/parapost/align/sentence"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/align/split"
	"github.com/parapost/parapost/corpus"
)

// checkBeads asserts the aligner's contract: beads cover every sentence of
// both sides once, in order, with scores in 0..1.
func checkBeads(t *testing.T, beads []corpus.Bead, n, m int) {
	t.Helper()
	i, j := 0, 0
	for _, b := range beads {
		if b.SrcStart != i || b.TgtStart != j || b.SrcEnd < b.SrcStart || b.TgtEnd < b.TgtStart ||
			b.SrcEnd == b.SrcStart && b.TgtEnd == b.TgtStart {
			t.Fatalf("bead %+v at (%d, %d): not contiguous or empty", b, i, j)
		}
		if !(b.Score >= 0 && b.Score <= 1) {
			t.Fatalf("bead %+v: score out of 0..1", b)
		}
		i, j = b.SrcEnd, b.TgtEnd
	}
	if i != n || j != m {
		t.Fatalf("beads end at (%d, %d), want (%d, %d)", i, j, n, m)
	}
}

func FuzzAlignSentences(f *testing.F) {
	lines := filepath.Join("..", "..", "testdata", "wmt23-ruen-dev", "lines")
	for _, doc := range []string{"doc002", "doc007"} {
		ru, err1 := os.ReadFile(filepath.Join(lines, doc+".ru"))
		en, err2 := os.ReadFile(filepath.Join(lines, doc+".en"))
		if err1 != nil || err2 != nil {
			f.Fatal(err1, err2)
		}
		f.Add(string(ru[:min(len(ru), 3000)]), string(en[:min(len(en), 3000)]))
	}
	f.Add("", "One.")
	f.Add("<...>", "<...> <...>")
	f.Add("1. 2. 3.", "\n\n\n")
	f.Fuzz(func(t *testing.T, src, tgt string) {
		opt := sentence.DefaultOptions()
		ss, ts := split.Sentences(src, "ru"), split.Sentences(tgt, "en")
		checkBeads(t, sentence.Align(src, tgt, ss, ts, opt), len(ss), len(ts))
		// With meaning too: the target text as the source's translation,
		// so that bags overlap (the meaning term, its floors, strays).
		opt.Similarity = sim.NewTranslations([]sim.Unit{{Source: src, Translation: tgt}}, "ru", sim.NewVocabulary("en"))
		checkBeads(t, sentence.Align(src, tgt, ss, ts, opt), len(ss), len(ts))
	})
}

// TestAlignBeadsCover checks the contract on every gold pair of both data
// sets and on lopsided inputs.
func TestAlignBeadsCover(t *testing.T) {
	for _, tt := range []struct{ src, tgt string }{
		{"", ""}, {"Один.", ""}, {"", "One. Two."},
		{"Раз. Два. Три. Четыре. Пять.", "One."},
		{"<...>", "<...>"},
	} {
		ss, ts := split.Sentences(tt.src, "ru"), split.Sentences(tt.tgt, "en")
		checkBeads(t, sentence.Align(tt.src, tt.tgt, ss, ts, sentence.DefaultOptions()), len(ss), len(ts))
	}
	posts := fixture.ReadPosts(t, "wmt23-ruen-dev/ru.result.json", "wmt23-ruen-dev/en.result.json",
		"mfa-sample/mid_russia.result.json", "mfa-sample/mfa_russia.result.json")
	byID := map[int64]*corpus.Post{}
	for _, p := range posts {
		byID[p.ID] = p
	}
	for _, g := range append(fixture.ReadGold(t, "wmt23-ruen-dev/gold/pairs.tsv"), fixture.ReadGold(t, "mfa-sample/gold/pairs.tsv")...) {
		p := &corpus.Pair{Source: byID[g.Source.ID], Target: byID[g.Target.ID]}
		align.Pair(p, sentence.DefaultOptions())
		if p.Untranslated() {
			// The WMT document whose "English" side is the Russian text:
			// counted, never aligned.
			if len(p.Beads) != 0 || len(p.TargetSentences) == 0 {
				t.Errorf("untranslated pair %d → %d: %d beads, %d sentences", p.Source.ID, p.Target.ID, len(p.Beads), len(p.TargetSentences))
			}
			continue
		}
		checkBeads(t, p.Beads, len(p.SourceSentences), len(p.TargetSentences))
	}
}
