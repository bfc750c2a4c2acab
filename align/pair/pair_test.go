package pair_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/parapost/parapost/align/eval"
	"github.com/parapost/parapost/align/internal/fixture"
	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/corpus"
)

func scorePairs(posts []*corpus.Post, gold []eval.PostPair, pairs []*corpus.Pair) (eval.PRF, []eval.PostPair) {
	keys := make([]corpus.Key, len(posts))
	for i, p := range posts {
		keys[i] = p.Key()
	}
	gold = eval.Rename(gold, eval.MatchChannels(gold, keys))
	pred := make([]eval.PostPair, len(pairs))
	for i, p := range pairs {
		pred[i] = eval.PostPair{Source: p.Source.Key(), Target: p.Target.Key()}
	}
	return eval.Pairs(gold, pred), pred
}

func TestPairGold(t *testing.T) {
	tests := []struct {
		name        string
		files       []string
		gold        string
		minP, minF1 float64
		wantPairs   int
	}{
		{"mfa exports and page", []string{"mfa-sample/mid_russia.result.json", "mfa-sample/mid_russia.page.html", "mfa-sample/mfa_russia.result.json"}, "mfa-sample/gold/pairs.tsv", 1, 1, 13},
		{"mfa dateless embassy page", []string{"mfa-sample/mid_russia.result.json", "mfa-sample/embassy_usa.page.txt"}, "mfa-sample/gold/embassy_pairs.tsv", 1, 1, 10},
		{"wmt23", []string{"wmt23-ruen-dev/ru.result.json", "wmt23-ruen-dev/en.result.json"}, "wmt23-ruen-dev/gold/pairs.tsv", 0.995, 0.99, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts := fixture.ReadPosts(t, tt.files...)
			pairs, stats, err := pair.Posts(context.Background(), posts, pair.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			s, pred := scorePairs(posts, fixture.ReadGold(t, tt.gold), pairs)
			t.Logf("P %.4f R %.4f F1 %.4f; %+v", s.Precision, s.Recall, s.F1, stats)
			if s.Precision < tt.minP || s.F1 < tt.minF1 {
				t.Errorf("precision %.4f F1 %.4f, want ≥ %.3f and ≥ %.3f; predicted %v", s.Precision, s.F1, tt.minP, tt.minF1, pred)
			}
			if tt.wantPairs >= 0 && len(pairs) != tt.wantPairs {
				t.Errorf("%d pairs, want %d", len(pairs), tt.wantPairs)
			}
			for _, p := range pairs {
				if p.Score <= 0 || p.Score > 1 || p.Margin < 0 || len(p.Evidence) == 0 {
					t.Errorf("pair %v→%v: score %.3f margin %.3f evidence %v", p.Source.Key(), p.Target.Key(), p.Score, p.Margin, p.Evidence)
				}
			}
		})
	}
}

// TestPairScoreDistribution logs the scores of right and wrong candidates
// on both data sets: the evidence for the default thresholds.
func TestPairScoreDistribution(t *testing.T) {
	sets := []struct {
		files []string
		gold  string
	}{
		{[]string{"mfa-sample/mid_russia.result.json", "mfa-sample/mfa_russia.result.json"}, "mfa-sample/gold/pairs.tsv"},
		{[]string{"wmt23-ruen-dev/ru.result.json", "wmt23-ruen-dev/en.result.json"}, "wmt23-ruen-dev/gold/pairs.tsv"},
	}
	opt := pair.DefaultOptions()
	for _, set := range sets {
		posts := fixture.ReadPosts(t, set.files...)
		gold := fixture.ReadGold(t, set.gold)
		keys := make([]corpus.Key, len(posts))
		for i, p := range posts {
			keys[i] = p.Key()
		}
		gold = eval.Rename(gold, eval.MatchChannels(gold, keys))
		isGold := map[eval.PostPair]bool{}
		for _, g := range gold {
			isGold[g] = true
		}
		cands, _, err := pair.ScoreCandidates(context.Background(), posts, opt)
		if err != nil {
			t.Fatal(err)
		}
		var right, wrong []float64
		for _, cs := range cands {
			for _, c := range cs {
				if isGold[eval.PostPair{Source: c.Source.Key(), Target: c.Target.Key()}] {
					right = append(right, c.Score)
				} else {
					wrong = append(wrong, c.Score)
				}
			}
		}
		t.Logf("%s: right %s", set.gold, histogram(right))
		t.Logf("%s: wrong %s", set.gold, histogram(wrong))
		// The threshold must stay above every wrong candidate: the pairs
		// the anchors cannot carry are left to the residual stage.
		if w := maxOf(wrong); w >= opt.MinScore {
			t.Errorf("a wrong candidate scores %.3f, above the threshold %.2f", w, opt.MinScore)
		}
	}
}

func maxOf(xs []float64) float64 {
	m := 0.0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// histogram counts scores in tenths: "0.0-0.1:12 0.1-0.2:3 ...".
func histogram(xs []float64) string {
	var bins [10]int
	for _, x := range xs {
		bins[min(9, max(0, int(x*10)))]++
	}
	parts := make([]string, 0, len(bins))
	for i, n := range bins {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%.1f-%.1f:%d", float64(i)/10, float64(i+1)/10, n))
		}
	}
	return fmt.Sprintf("n=%d max=%.3f %s", len(xs), maxOf(xs), strings.Join(parts, " "))
}

// BenchmarkPair pairs synthetic channels of n posts per side spread over two
// years, made from the data sets' posts with new dates and ids.
func BenchmarkPair(b *testing.B) {
	ru, en := fixture.BenchSides(b)
	for _, n := range []int{50_000, 100_000, 200_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			posts := fixture.SyntheticChannels(ru, en, n)
			b.ResetTimer()
			for range b.N {
				pairs, _, err := pair.Posts(context.Background(), posts, pair.DefaultOptions())
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(len(pairs)), "pairs")
			}
			b.ReportMetric(float64(2*n)*float64(b.N)/b.Elapsed().Seconds(), "posts/s")
			b.ReportMetric(fixture.MaxRSS(), "peak-RSS-MB")
		})
	}
}

// TestPairAbstainsWithoutOriginal removes every k-th original from the data
// sets: the translations left without their original must stay unpaired, not
// fall to a wrong one.
func TestPairAbstainsWithoutOriginal(t *testing.T) {
	sets := []struct {
		files []string
		gold  string
	}{
		{[]string{"wmt23-ruen-dev/ru.result.json", "wmt23-ruen-dev/en.result.json"}, "wmt23-ruen-dev/gold/pairs.tsv"},
		{[]string{"mfa-sample/mid_russia.result.json", "mfa-sample/mfa_russia.result.json"}, "mfa-sample/gold/pairs.tsv"},
	}
	for _, set := range sets {
		all := fixture.ReadPosts(t, set.files...)
		original := map[int64]int64{}
		for _, g := range fixture.ReadGold(t, set.gold) {
			original[g.Target.ID] = g.Source.ID
		}
		for k := 2; k <= 4; k++ {
			for off := range k {
				var posts []*corpus.Post
				n := 0
				for _, p := range all {
					if p.Lang == "ru" {
						n++
						if n%k == off {
							continue
						}
					}
					posts = append(posts, p)
				}
				pairs, _, err := pair.Posts(context.Background(), posts, pair.DefaultOptions())
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range pairs {
					if original[p.Target.ID] != p.Source.ID {
						t.Errorf("%s without every %dth original (from %d): %d paired with %d, its original is %d",
							set.gold, k, off, p.Target.ID, p.Source.ID, original[p.Target.ID])
					}
				}
			}
		}
	}
}

// TestPairDeterministic runs pairing on several goroutines twice: the pairs,
// scores and evidence must not depend on which goroutine read which post.
func TestPairDeterministic(t *testing.T) {
	posts := fixture.ReadPosts(t, "wmt23-ruen-dev/ru.result.json", "wmt23-ruen-dev/en.result.json",
		"mfa-sample/mid_russia.result.json", "mfa-sample/mfa_russia.result.json")
	opt := pair.DefaultOptions()
	opt.Workers = 4
	var runs [2]string
	for i := range runs {
		pairs, _, err := pair.Posts(context.Background(), posts, opt)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, p := range pairs {
			fmt.Fprintf(&b, "%d %v %v %.9f %.9f %v\n", p.ID, p.Source.Key(), p.Target.Key(), p.Score, p.Margin, p.Evidence)
		}
		runs[i] = b.String()
	}
	if runs[0] != runs[1] {
		t.Errorf("two runs differ:\n%s\n---\n%s", runs[0], runs[1])
	}
}
