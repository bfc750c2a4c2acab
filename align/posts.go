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
	final.Similarity = combineLex(lex, aopt.Similarity, aopt.mtModel())
	return pairs, pstats, stats, alignAll(ctx, pairs, final, workers)
}

// PairPosts is the pairing half of Posts: it pairs the posts, learning a
// lexicon from the surest pairs unless aopt.NoLearn, and returns the
// lexicon (nil when none was learned) for the alignment of the pairs.
//
// With aopt.MT, it pairs with the free signals first, and asks MT only for
// what they leave undecided, for pairing and for the alignment that
// follows (see MT): that alignment must add aopt.MT to its similarity, as
// Posts does.
func PairPosts(ctx context.Context, posts []*corpus.Post, popt pair.Options, aopt Options, workers int) ([]*corpus.Pair, pair.Stats, Stats, *sim.Learned, error) {
	primeVocabulary(aopt, posts, popt.TargetLang)
	if aopt.MT != nil {
		return pairPostsMT(ctx, posts, popt, aopt, workers)
	}
	return pairPostsFree(ctx, posts, popt, aopt, workers)
}

func pairPostsFree(ctx context.Context, posts []*corpus.Post, popt pair.Options, aopt Options, workers int) ([]*corpus.Pair, pair.Stats, Stats, *sim.Learned, error) {
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

// primeVocabulary numbers the stems of the translations (posts in
// targetLang), in post key order, before any model bags them from many
// goroutines (see sim.Vocabulary.Prime): byte-identical builds need it
// when a model numbers new stems (machine translations do; the learned
// lexicon only looks them up, and learns from pairs in a fixed order).
func primeVocabulary(aopt Options, posts []*corpus.Post, targetLang string) {
	if aopt.Vocabulary == nil || aopt.PairSimilarity == nil && aopt.Similarity == nil && aopt.MT == nil {
		return
	}
	var targets []*corpus.Post
	for _, p := range posts {
		if p.Lang == targetLang {
			targets = append(targets, p)
		}
	}
	slices.SortFunc(targets, func(a, b *corpus.Post) int {
		return cmp.Or(cmp.Compare(a.Channel, b.Channel), cmp.Compare(a.ID, b.ID))
	})
	for _, p := range targets {
		aopt.Vocabulary.Prime(p.Text)
	}
}
