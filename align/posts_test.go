package align_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/internal/fixture"
	"github.com/parapost/parapost/align/pair"
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
