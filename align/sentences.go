package align

import (
	"context"
	"runtime"

	"github.com/parapost/parapost/align/internal/pool"
	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/align/sentence"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/align/split"
	"github.com/parapost/parapost/corpus"
)

// Options configures the alignment of pairs' sentences.
type Options struct {
	sentence.Options
	// Vocabulary numbers the target-language stems of every similarity
	// model of the run; nil makes one.
	Vocabulary *sim.Vocabulary
	// PairSimilarity are the models pairing uses besides the learned
	// lexicon: translations, but not a dictionary, whose many senses per
	// word make the bags of unrelated posts meet (measured: recall 0.98 →
	// 0.90 on wmt23-ruen-dev-hard). Similarity, of the embedded
	// sentence.Options, serves the alignment of sentences.
	PairSimilarity sim.Model
	// NoLearn turns off the lexicon learned from the pairs themselves.
	NoLearn bool
	// Learning holds the constants of lexicon learning.
	Learning sim.LearnOptions
	// MaxLearnPairs bounds the pairs of posts aligned to learn from (the
	// surest first): the lexicon needs thousands of sentences, not the
	// whole corpus.
	MaxLearnPairs int
	// MinLearnScore is the least score of a bead of the first pass that
	// the lexicon learns from: the beads the anchors, lengths and cognates
	// settle with confidence.
	MinLearnScore float64

	// MT, when set, is machine translation, used only where the free
	// signals leave pairing or alignment undecided (see MT).
	MT *MT
	// MTDecidedScore and MTDecidedMargin are the least score and margin
	// of a pair made without MT that MT does not reconsider: by default
	// the bars at which pairing itself takes a pair of anchors as settled
	// (pair.Weights.SettledScore and SettledMargin). Every pair already
	// reaches the pairer's MinScore and MinMargin; these are surer.
	MTDecidedScore, MTDecidedMargin float64
	// MTMinBeadScore is the least score of every bead of a pair aligned
	// without MT that MT does not align again: 0.5 is a bead cost of 3
	// (see sentence.Costs), where the aligner's odds are even; an
	// omission (cost 4, score 0.27) is below it, a cut mark left out and
	// a confident 1-1 bead (0.9 and more) above.
	MTMinBeadScore float64
	// MTPairsOnly makes PairPosts ask MT for pairing only: no alignment
	// follows (`parapost pairs`).
	MTPairsOnly bool
}

// DefaultOptions returns options for Russian originals and English
// translations, learning a lexicon from the pairs.
func DefaultOptions() Options {
	w := pair.DefaultWeights()
	return Options{Options: sentence.DefaultOptions(), Learning: sim.DefaultLearnOptions(), MinLearnScore: 0.85, MaxLearnPairs: 2000,
		MTDecidedScore: w.SettledScore, MTDecidedMargin: w.SettledMargin, MTMinBeadScore: 0.5}
}

// Stats says what alignment learned.
type Stats struct {
	// LearnedFrom is the number of sentence pairs (confident beads) the
	// lexicon was learned from; LexiconEntries the source words it
	// translates.
	LearnedFrom, LexiconEntries int
	// MT is what was asked of Options.MT (without the texts), and
	// MTRepaired how many pairs were made again with it.
	MT         Asks
	MTRepaired int
}

// Pair splits both posts of p into sentences, unless p already holds its
// sentences, and aligns them, filling p.SourceSentences, p.TargetSentences
// and p.Beads.
func Pair(p *corpus.Pair, opt sentence.Options) {
	if d := prepare(p, opt); d != nil {
		p.Beads = d.Align()
	}
}

// prepare splits p as Pair does and prepares its sentences for alignment;
// it returns nil, and sets no beads, for an untranslated pair.
func prepare(p *corpus.Pair, opt sentence.Options) *sentence.Doc {
	if p.SourceSentences == nil {
		p.SourceSentences = split.Sentences(p.Source.Text, opt.SourceLang)
	}
	if p.Untranslated() {
		// A repost of the original: its sentences are counted (in its own
		// language, as a corpus read back splits them), none is aligned,
		// so no Russian text is written as English.
		if p.TargetSentences == nil {
			p.TargetSentences = split.Sentences(p.Target.Text, p.Target.Lang)
		}
		p.Beads = nil
		return nil
	}
	if p.TargetSentences == nil {
		p.TargetSentences = split.Sentences(p.Target.Text, opt.TargetLang)
	}
	return sentence.Prepare(p.Source.Text, p.Target.Text, p.SourceSentences, p.TargetSentences, opt)
}

// Pairs aligns the sentences of every pair with workers goroutines (<= 0:
// GOMAXPROCS), stopping early when ctx is cancelled. Unless opt.NoLearn, it
// aligns twice: the first pass's confident beads (merged ones too, see
// learnLexicon) teach a translation lexicon (see sim.Learn), and the second
// pass adds it to opt.Similarity.
// It returns the learned lexicon (nil when none) for the caller's other
// uses, such as pairing. With opt.MT, the pairs whose alignment without it
// has a low-confidence bead are aligned again with it (see MT).
func Pairs(ctx context.Context, pairs []*corpus.Pair, opt Options, workers int) (*sim.Learned, Stats, error) {
	lex, stats, err := pairsFree(ctx, pairs, opt, workers)
	if err != nil || opt.MT == nil {
		return lex, stats, err
	}
	var used *sim.Learned
	if lex != nil && lex.Entries() > 0 {
		used = lex
	}
	stats.MT, err = pairsMT(ctx, pairs, used, opt, workers)
	return lex, stats, err
}

func pairsFree(ctx context.Context, pairs []*corpus.Pair, opt Options, workers int) (*sim.Learned, Stats, error) {
	var stats Stats
	if opt.NoLearn {
		return nil, stats, alignAll(ctx, pairs, opt.Options, workers)
	}
	// The lexicon learned after the first pass, and the bags of the
	// second, stem every word of the documents: once a document is
	// prepared (on both cores, see sentence.Prepare), its source words are
	// stemmed on another goroutine while it is aligned. (Not the target's:
	// the first pass's other goroutine, working out merge floors, then fell
	// behind; the lexicon stems them on a goroutine of its own, beside the
	// source side's words.) On one processor there is nothing to overlap:
	// the lexicon stems them as it goes.
	if opt.Vocabulary == nil {
		opt.Vocabulary = sim.NewVocabulary(opt.TargetLang)
	}
	toStem := make(chan *corpus.Pair, len(pairs))
	stemmed := make(chan struct{})
	go func() {
		defer close(stemmed)
		ahead := runtime.GOMAXPROCS(0) > 1
		for p := range toStem {
			if ahead {
				opt.Vocabulary.StemAhead(opt.SourceLang, []string{p.Source.Text}, nil)
			}
		}
	}()
	// The first pass's documents, kept for the second: it repeats none of
	// their preparation.
	docs := make([]*sentence.Doc, len(pairs))
	err := pool.Chunks(ctx, len(pairs), workers, func() func(lo, hi int) {
		return func(lo, hi int) {
			for k := lo; k < hi; k++ {
				if docs[k] = prepare(pairs[k], opt.Options); docs[k] != nil {
					toStem <- pairs[k]
					pairs[k].Beads = docs[k].Align()
				}
			}
		}
	})
	close(toStem)
	<-stemmed
	if err != nil {
		return nil, stats, err
	}
	lex := learnLexicon(pairs, opt, true)
	stats.LearnedFrom, stats.LexiconEntries = lex.Pairs(), lex.Entries()
	if lex.Entries() == 0 {
		return lex, stats, nil
	}
	second := sim.Combine(lex, opt.Similarity)
	return lex, stats, pool.Chunks(ctx, len(pairs), workers, func() func(lo, hi int) {
		return func(lo, hi int) {
			for k := lo; k < hi; k++ {
				if d := docs[k]; d != nil {
					d.SetSimilarity(second)
					pairs[k].Beads = d.Align()
					docs[k] = nil // its memory freed as the pass goes
				}
			}
		}
	})
}

// LearnLexicon learns a translation lexicon from the confident 1-1 beads
// of aligned pairs: the lexicon that pairing and the check use.
func LearnLexicon(pairs []*corpus.Pair, opt Options) *sim.Learned {
	return learnLexicon(pairs, opt, false)
}

// learnLexicon learns a lexicon from the confident beads of aligned pairs:
// the 1-1 ones, and with merged the merged ones too. Pairing learns from
// 1-1 beads: it tells a post's translation from thousands of others by
// its rarer words, and the longer units of merged beads spread each word's
// translations thinner (with them, recall fell on the page copies of
// wmt23-ruen-dev-hard, 0.984 to 0.968, and on the pages of -dense, 0.968 to
// 0.952). Aligning a document, the band leaves each sentence a few
// candidates, and the document has few beads to learn from: Pairs learns
// from all its confident ones (Text+Berg, one document: strict F1 0.843 to
// 0.855).
func learnLexicon(pairs []*corpus.Pair, opt Options, merged bool) *sim.Learned {
	var train []sim.SentencePair
	for _, p := range pairs {
		for _, b := range p.Beads {
			one := b.SrcEnd-b.SrcStart == 1 && b.TgtEnd-b.TgtStart == 1
			if !b.Bilingual() || !one && !merged || b.Score < opt.MinLearnScore {
				continue
			}
			s0, s1 := p.SourceSentences[b.SrcStart], p.SourceSentences[b.SrcEnd-1]
			t0, t1 := p.TargetSentences[b.TgtStart], p.TargetSentences[b.TgtEnd-1]
			train = append(train, sim.SentencePair{Source: p.Source.Text[s0.Start:s1.End], Target: p.Target.Text[t0.Start:t1.End]})
		}
	}
	vocab := opt.Vocabulary
	if vocab == nil {
		vocab = sim.NewVocabulary(opt.TargetLang)
	}
	return sim.Learn(train, opt.SourceLang, vocab, opt.Learning)
}

// Sentences aligns the sentences of every pair once, with opt as given:
// the pass that follows PairPosts, with the lexicon it returned.
func Sentences(ctx context.Context, pairs []*corpus.Pair, opt sentence.Options, workers int) error {
	return alignAll(ctx, pairs, opt, workers)
}

func alignAll(ctx context.Context, pairs []*corpus.Pair, opt sentence.Options, workers int) error {
	return pool.Chunks(ctx, len(pairs), workers, func() func(lo, hi int) {
		return func(lo, hi int) {
			for _, p := range pairs[lo:hi] {
				Pair(p, opt)
			}
		}
	})
}
