package sentence_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/eval"
	"github.com/parapost/parapost/align/internal/fixture"
	"github.com/parapost/parapost/align/sentence"
	"github.com/parapost/parapost/corpus"
)

// longPair concatenates the data set's sentence-per-line documents until
// each side has at least n sentences.
func longPair(b *testing.B, n int) (src, tgt string) {
	b.Helper()
	docs := fixture.LineDocs(b)
	var rs, es strings.Builder
	lines := 0
	for lines < n {
		for _, d := range docs {
			r, e := d.Source, d.Target
			rs.WriteString(r)
			es.WriteString(e)
			lines += strings.Count(r, "\n")
			if lines >= n {
				break
			}
		}
	}
	return rs.String(), es.String()
}

// BenchmarkAlignLong aligns one pair of ~5,000 sentences per side, as
// hunalign is measured on.
func BenchmarkAlignLong(b *testing.B) {
	src, tgt := longPair(b, 5000)
	ss, ts := eval.LineSpans(src), eval.LineSpans(tgt)
	opt := sentence.DefaultOptions()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // one core, garbage collector included
	b.ReportAllocs()
	b.ResetTimer()
	var peak uint64
	for range b.N {
		beads := sentence.Align(src, tgt, ss, ts, opt)
		if len(beads) < len(ss)/2 {
			b.Fatalf("%d beads for %d sentences", len(beads), len(ss))
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapInuse)
	}
	b.ReportMetric(float64(len(ss)), "sentences/side")
	b.ReportMetric(float64(peak)/(1<<20), "heap-MB")
}

// BenchmarkAlignPosts aligns the data sets' gold pairs, post by post
// (splitting included), and reports sentences per second.
func BenchmarkAlignPosts(b *testing.B) {
	posts := fixture.ReadPosts(b, "wmt23-ruen-dev/ru.result.json", "wmt23-ruen-dev/en.result.json",
		"mfa-sample/mid_russia.result.json", "mfa-sample/mfa_russia.result.json")
	byID := map[int64]*corpus.Post{}
	for _, p := range posts {
		byID[p.ID] = p
	}
	var pairs []*corpus.Pair
	for _, g := range append(fixture.ReadGold(b, "wmt23-ruen-dev/gold/pairs.tsv"), fixture.ReadGold(b, "mfa-sample/gold/pairs.tsv")...) {
		pairs = append(pairs, &corpus.Pair{Source: byID[g.Source.ID], Target: byID[g.Target.ID]})
	}
	opt := sentence.DefaultOptions()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b.ReportAllocs()
	b.ResetTimer()
	sentences := 0
	for range b.N {
		for _, p := range pairs {
			align.Pair(p, opt)
			sentences += len(p.SourceSentences) + len(p.TargetSentences)
		}
	}
	b.ReportMetric(float64(sentences)/b.Elapsed().Seconds(), "sentences/s")
}
