package check

import (
	"context"

	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
)

// OptionsFor returns the default options for a corpus of source and
// target language whose meaning is scored by the learned lexicon lex (nil:
// none) combined with the build's other similarity (nil: none).
func OptionsFor(source, target string, lex *sim.Learned, other sim.Model) Options {
	opt := DefaultOptions()
	opt.SourceLang, opt.TargetLang = source, target
	if lex != nil && lex.Entries() > 0 {
		opt.Learned, opt.Model = lex, sim.Combine(lex, other)
	} else {
		opt.Model = other
	}
	return opt
}

// Annotate checks the aligned pairs and sets each one's Check, the summary
// pairs.parquet records; it returns the report. When ctx is cancelled it
// stops early and sets no Check.
func Annotate(ctx context.Context, pairs []*corpus.Pair, opt Options) (*Report, error) {
	rep, err := PairsContext(ctx, pairs, opt)
	if err != nil {
		return nil, err
	}
	rep.SetChecks(pairs)
	return rep, nil
}

// SetChecks sets the Check of each pair the report covers (by pair ID).
func (r *Report) SetChecks(pairs []*corpus.Pair) {
	byID := make(map[int64]*PairReport, len(r.Pairs))
	for i := range r.Pairs {
		byID[r.Pairs[i].PairID] = &r.Pairs[i]
	}
	for _, p := range pairs {
		if pr := byID[p.ID]; pr != nil {
			p.Check = pr.Summary()
		}
	}
}

// Summary returns the pair's coverage, findings counted by kind and
// verdict, as pairs.parquet records them.
func (pr *PairReport) Summary() *corpus.Check {
	c := &corpus.Check{Coverage: pr.Coverage.Chars, SentenceCoverage: pr.Coverage.Sentences, Pass: pr.Pass}
	counts := map[Kind]*int{Omission: &c.Omissions, Addition: &c.Additions, Number: &c.Numbers, Date: &c.Dates,
		Name: &c.Names, Hashtag: &c.Hashtags, Flag: &c.Flags, Meaning: &c.Meaning, Length: &c.Length, Abridged: &c.Abridged}
	for _, f := range pr.Findings {
		if n := counts[f.Kind]; n != nil {
			*n++
		}
	}
	return c
}
