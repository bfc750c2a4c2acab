package align

import (
	"context"
	"runtime"
	"sync"

	"github.com/parapost/parapost/corpus"
)

// AlignPair splits both posts of p into sentences and aligns them, filling
// p.SourceSentences, p.TargetSentences and p.Beads.
func AlignPair(p *corpus.Pair, opt AlignOptions) {
	p.SourceSentences = Split(p.Source.Text, opt.SourceLang)
	p.TargetSentences = Split(p.Target.Text, opt.TargetLang)
	p.Beads = AlignSentences(p.Source.Text, p.Target.Text, p.SourceSentences, p.TargetSentences, opt)
}

// AlignPairs runs AlignPair on every pair with workers goroutines (<= 0:
// GOMAXPROCS), stopping early when ctx is cancelled.
func AlignPairs(ctx context.Context, pairs []*corpus.Pair, opt AlignOptions, workers int) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	work := make(chan *corpus.Pair)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				AlignPair(p, opt)
			}
		}()
	}
	var err error
	for _, p := range pairs {
		if err = ctx.Err(); err != nil {
			break
		}
		work <- p
	}
	close(work)
	wg.Wait()
	return err
}
