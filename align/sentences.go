package align

import (
	"context"

	"github.com/parapost/parapost/align/internal/pool"
	"github.com/parapost/parapost/align/sentence"
	"github.com/parapost/parapost/align/split"
	"github.com/parapost/parapost/corpus"
)

// Pair splits both posts of p into sentences and aligns them, filling
// p.SourceSentences, p.TargetSentences and p.Beads.
func Pair(p *corpus.Pair, opt sentence.Options) {
	p.SourceSentences = split.Sentences(p.Source.Text, opt.SourceLang)
	p.TargetSentences = split.Sentences(p.Target.Text, opt.TargetLang)
	p.Beads = sentence.Align(p.Source.Text, p.Target.Text, p.SourceSentences, p.TargetSentences, opt)
}

// Pairs runs Pair on every pair with workers goroutines (<= 0: GOMAXPROCS),
// stopping early when ctx is cancelled.
func Pairs(ctx context.Context, pairs []*corpus.Pair, opt sentence.Options, workers int) error {
	return pool.Chunks(ctx, len(pairs), workers, func() func(lo, hi int) {
		return func(lo, hi int) {
			for _, p := range pairs[lo:hi] {
				Pair(p, opt)
			}
		}
	})
}
