package align

import (
	"cmp"
	"context"
	"slices"

	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
)

// Posts pairs translations with their originals and aligns the pairs'
// sentences: the heart of a build. Unless aopt.NoLearn, the pairs the
// anchors settle with confidence are aligned first, a translation lexicon
// is learned from their confident beads, and both pairing (for the posts
// the anchors cannot place) and the final alignment use it, with the
// models of aopt.Similarity (a dictionary, translations).
func Posts(ctx context.Context, posts []*corpus.Post, popt pair.Options, aopt Options, workers int) ([]*corpus.Pair, pair.Stats, Stats, error) {
	pairs, pstats, stats, lex, err := PairPosts(ctx, posts, popt, aopt, workers)
	if err != nil {
		return nil, pstats, stats, err
	}
	final := aopt.Options
	if lex != nil {
		final.Similarity = sim.Combine(lex, aopt.Similarity)
	}
	return pairs, pstats, stats, alignAll(ctx, pairs, final, workers)
}

// PairPosts is the pairing half of Posts: it pairs the posts, learning a
// lexicon from the surest pairs unless aopt.NoLearn, and returns the
// lexicon (nil when none was learned) for the alignment of the pairs.
func PairPosts(ctx context.Context, posts []*corpus.Post, popt pair.Options, aopt Options, workers int) ([]*corpus.Pair, pair.Stats, Stats, *sim.Learned, error) {
	var stats Stats
	var lex *sim.Learned
	popt.Similarity = aopt.PairSimilarity
	if !aopt.NoLearn {
		popt.Learn = func(ctx context.Context, confident []*corpus.Pair) (sim.Model, error) {
			if len(confident) > aopt.MaxLearnPairs {
				confident = slices.Clone(confident)
				slices.SortStableFunc(confident, func(a, b *corpus.Pair) int { return cmp.Compare(b.Score, a.Score) })
				confident = confident[:aopt.MaxLearnPairs]
			}
			if err := alignAll(ctx, confident, aopt.Options, workers); err != nil {
				return nil, err
			}
			lex = LearnLexicon(confident, aopt)
			stats.LearnedFrom, stats.LexiconEntries = lex.Pairs(), lex.Entries()
			if lex.Entries() == 0 {
				return nil, nil
			}
			return lex, nil
		}
	}
	pairs, pstats, err := pair.Posts(ctx, posts, popt)
	if lex != nil && lex.Entries() == 0 {
		lex = nil
	}
	return pairs, pstats, stats, lex, err
}
