package align_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/internal/fixture"
	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/corpus"
)

// BenchmarkPairPosts measures pairing as a build runs it — anchors, a
// lexicon learned from the surest pairs, the meaning stage, the residual
// stage — on synthetic channels of n posts a side over two years.
func BenchmarkPairPosts(b *testing.B) {
	ru, en := fixture.BenchSides(b)
	for _, n := range []int{50_000, 200_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			posts := fixture.SyntheticChannels(ru, en, n)
			b.ResetTimer()
			for range b.N {
				pairs, _, st, _, err := align.PairPosts(context.Background(), posts, pair.DefaultOptions(), align.DefaultOptions(), 0)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(len(pairs)), "pairs")
				b.ReportMetric(float64(st.LexiconEntries), "lexicon")
			}
			b.ReportMetric(float64(2*n)*float64(b.N)/b.Elapsed().Seconds(), "posts/s")
			b.ReportMetric(fixture.MaxRSS(), "peak-RSS-MB")
		})
	}
}

// TestUntranslatedNotAligned: a repost of the original (both posts in the
// source language) gets no sentences aligned, so the corpus holds no
// Russian text as English.
func TestUntranslatedNotAligned(t *testing.T) {
	text := "Первое предложение. Второе предложение."
	p := &corpus.Pair{Source: &corpus.Post{Text: text, Lang: "ru"}, Target: &corpus.Post{Text: text, Lang: "ru"}}
	q := &corpus.Pair{Source: &corpus.Post{Text: text, Lang: "ru"}, Target: &corpus.Post{Text: "First sentence. Second sentence.", Lang: "en"}}
	if err := align.Sentences(context.Background(), []*corpus.Pair{p, q}, align.DefaultOptions().Options, 1); err != nil {
		t.Fatal(err)
	}
	if len(p.Beads) != 0 {
		t.Errorf("untranslated repost aligned: %v", p.Beads)
	}
	if len(q.Beads) != 2 {
		t.Errorf("translation: %v, want two beads", q.Beads)
	}
}
