package align

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/align/split"
	"github.com/parapost/parapost/corpus"
)

// Fetcher is a similarity model that costs for every text it sees, such
// as machine translation over a network (gmt.Model): it translates source
// texts when asked to, and otherwise answers only from what it fetched.
type Fetcher interface {
	// Prefetch translates texts (source-language posts or sentences),
	// all at once.
	Prefetch(ctx context.Context, texts []string) error
	// Known returns the model of the translations fetched so far; its
	// Source never fetches.
	Known() sim.Model
}

// MT is machine translation used frugally: PairPosts, Posts and Pairs ask
// it only for what the free signals (anchors, the learned lexicon,
// Options.Similarity and PairSimilarity) leave undecided, and decide what
// to ask before anything is asked, from the free signals alone, so that a
// dry run (see Asked) reports exactly what a run then sends:
//
//  1. pair with the free signals;
//  2. a translation is undecided when it is unpaired, or paired with a
//     score below Options.MTDecidedScore or a margin below
//     Options.MTDecidedMargin;
//  3. ask for the source posts that are candidates of the undecided —
//     not in a decided pair, and within an undecided translation's date
//     window (all of them for a dateless one), the pairer's own rule —
//     and pair the undecided again with MT; the decided pairs stay, and
//     lend their sources the bags of their translations (the pairs'
//     targets), so that an undecided translation meets every source of
//     its window on the same terms: the pairer weighs a candidate's
//     meaning against the other candidates';
//  4. align the decided pairs without MT, and ask for the source
//     sentences of those with a bead scoring below
//     Options.MTMinBeadScore, to align them again with MT.
//
// Everything asked is fetched at once (full batches). MT is also the
// sim.Model of that scope: the bag of a source text asked about is that of
// its translation, the bag of a target text asked about (an undecided
// translation, a sentence of a pair aligned again) its words, and every
// other text's bag is empty, so that adding MT to a model leaves all else
// as the free signals made it. A caller that aligns the pairs of
// PairPosts itself (as a build does, for its progress display) adds MT to
// the similarity of that alignment, as Posts does.
//
// One MT serves one run (the texts asked for accumulate). Safe for
// concurrent use.
type MT struct {
	f     Fetcher
	known sim.Model
	// Asked, when set, is called once per PairPosts or Pairs with what
	// it is about to ask, before anything is asked: a dry run reports it
	// and returns an error, which stops the run (the run returns it); a
	// budget refuses a run that would cost too much.
	Asked func(Asks) error

	scoped  atomic.Bool
	sources sync.Map // source text asked about → true
	standIn sync.Map // source text → the text of a translation known (pairing only)
	targets sync.Map // target text asked about → true

	mu    sync.Mutex
	total Asks
}

// NewMT returns f used frugally.
func NewMT(f Fetcher) *MT { return &MT{f: f, known: f.Known()} }

// Asks is what a run asks machine translation for, and why.
type Asks struct {
	// Translations are the target posts paired (PairPosts), or the
	// pairs aligned (Pairs); Undecided of them were left undecided by the
	// free signals (see MT).
	Translations int `json:"translations"`
	Undecided    int `json:"undecided"`
	// Candidates is the number of source posts asked for the undecided.
	Candidates int `json:"candidates"`
	// Pairs is the number of decided pairs aligned without MT; Realign of
	// them have a low-confidence bead, and their source sentences are
	// asked.
	Pairs   int `json:"pairs"`
	Realign int `json:"realign"`
	// Texts are the source texts asked: the candidates' posts, then the
	// sentences of the pairs to align again.
	Texts []string `json:"-"`
}

func (a *Asks) add(b Asks) {
	a.Translations += b.Translations
	a.Undecided += b.Undecided
	a.Candidates += b.Candidates
	a.Pairs += b.Pairs
	a.Realign += b.Realign
}

// Total returns what the runs of m asked so far (without the texts).
func (m *MT) Total() Asks {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.total
}

// Source returns the bag of the translation of a source text asked
// about; empty for others.
func (m *MT) Source(text string) sim.Bag {
	if !m.scoped.Load() {
		return sim.Bag{}
	}
	if t, ok := m.standIn.Load(text); ok {
		return m.known.Target(t.(string))
	}
	if _, ok := m.sources.Load(text); !ok {
		return sim.Bag{}
	}
	return m.known.Source(text)
}

// Target returns the bag of a target text asked about; empty for others.
func (m *MT) Target(text string) sim.Bag {
	if !m.scoped.Load() {
		return sim.Bag{}
	}
	if _, ok := m.targets.Load(text); !ok {
		return sim.Bag{}
	}
	return m.known.Target(text)
}

var _ sim.Translator = (*MT)(nil)

// Translates reports true: the bags are those of translations (see
// sim.Translator).
func (m *MT) Translates() bool { return true }

// ask reports asks to Asked, fetches its texts and widens the scope to
// them (and to targets, the target texts they are asked for).
func (m *MT) ask(ctx context.Context, a Asks, sourceLang string, targets []string) error {
	if m.Asked != nil {
		if err := m.Asked(a); err != nil {
			return err
		}
	}
	m.mu.Lock()
	m.total.add(a)
	m.mu.Unlock()
	if len(a.Texts) > 0 {
		if err := m.f.Prefetch(ctx, a.Texts); err != nil {
			return err
		}
	}
	// A post's sentences are looked up one by one when its pair is
	// aligned: they are in the scope with it.
	for _, t := range a.Texts {
		m.sources.Store(t, true)
		for _, sp := range split.Sentences(t, sourceLang) {
			m.sources.Store(t[sp.Start:sp.End], true)
		}
	}
	for _, t := range targets {
		m.targets.Store(t, true)
	}
	m.scoped.Store(true)
	return nil
}

// model returns o.MT as a sim.Model, nil without one.
func (o Options) mtModel() sim.Model {
	if o.MT == nil {
		return nil
	}
	return o.MT
}

// combineLex is sim.Combine with a lexicon that may be nil.
func combineLex(lex *sim.Learned, models ...sim.Model) sim.Model {
	if lex != nil {
		models = append([]sim.Model{lex}, models...)
	}
	return sim.Combine(models...)
}

// pairPostsMT is PairPosts with aopt.MT (see MT).
func pairPostsMT(ctx context.Context, posts []*corpus.Post, popt pair.Options, aopt Options, workers int) ([]*corpus.Pair, pair.Stats, Stats, *sim.Learned, error) {
	m := aopt.MT
	// 1. The free signals.
	pairs, pstats, stats, lex, err := pairPostsFree(ctx, posts, popt, aopt, workers)
	if err != nil {
		return nil, pstats, stats, lex, err
	}
	// 2. The undecided.
	var decided []*corpus.Pair
	for _, p := range pairs {
		if p.Score >= aopt.MTDecidedScore && p.Margin >= aopt.MTDecidedMargin {
			decided = append(decided, p)
		}
	}
	taken := make(map[*corpus.Post]bool, 2*len(decided))
	for _, p := range decided {
		taken[p.Source], taken[p.Target] = true, true
	}
	var undecided, free []*corpus.Post
	for _, p := range posts {
		switch {
		case taken[p]:
		case p.Lang == popt.TargetLang:
			undecided = append(undecided, p)
		case p.Lang == popt.SourceLang:
			free = append(free, p)
		}
	}
	cands := candidatesOf(undecided, free, popt)
	a := Asks{Translations: pstats.TargetPosts, Undecided: len(undecided), Candidates: len(cands)}
	for _, p := range cands {
		a.Texts = append(a.Texts, p.Text)
	}
	var targets []string
	for _, p := range undecided {
		targets = append(targets, p.Text)
		for _, sp := range split.Sentences(p.Text, popt.TargetLang) {
			targets = append(targets, p.Text[sp.Start:sp.End])
		}
	}
	// 4, the free part: which decided pairs the alignment leaves unsure.
	if !aopt.MTPairsOnly {
		freeOpt := aopt.Options
		freeOpt.Similarity = combineLex(lex, aopt.Similarity)
		if err := alignAll(ctx, decided, freeOpt, workers); err != nil {
			return nil, pstats, stats, lex, err
		}
		realign := lowConfidence(decided, aopt.MTMinBeadScore)
		a.Pairs, a.Realign = len(decided), len(realign)
		a.Texts = append(a.Texts, sourceSentences(realign)...)
		targets = append(targets, targetSentences(realign)...)
	}
	stats.MT = a
	stats.MT.Texts = nil
	if err := m.ask(ctx, a, popt.SourceLang, targets); err != nil {
		return nil, pstats, stats, lex, err
	}
	if len(undecided) == 0 || len(cands) == 0 {
		return pairs, pstats, stats, lex, nil
	}
	// 3. The undecided paired again with MT; the decided pairs stay.
	again := popt
	again.Learn = nil
	again.Similarity = combineLex(lex, aopt.PairSimilarity, m)
	// A decided pair's source is not asked: its translation is known, the
	// pair's target. It stands in for MT while pairing, so that the
	// undecided meet every source of their window on the same terms (the
	// pairer weighs meaning against the other candidates').
	for _, p := range decided {
		m.standIn.Store(p.Source.Text, p.Target.Text)
	}
	repaired, _, err := pair.Posts(ctx, posts, again)
	m.standIn.Clear()
	if err != nil {
		return nil, pstats, stats, lex, err
	}
	out := slices.Clip(decided)
	for _, p := range repaired {
		if !taken[p.Source] && !taken[p.Target] {
			out = append(out, p)
		}
	}
	// The stages' counts still add up: what MT changed counts as meaning.
	pstats.ByMeaning += len(out) - len(pairs)
	pstats.Paired = len(out) - pstats.Reposts
	stats.MTRepaired = len(out) - len(decided)
	pair.Number(out)
	return out, pstats, stats, lex, nil
}

// candidatesOf returns the sources of free that may be the original of
// one of targets, by the pairer's rule: dated within a dated target's
// window [t-After, t+Before], dateless ones for any target, any of them
// for a dateless target. In the order of free.
func candidatesOf(targets, free []*corpus.Post, popt pair.Options) []*corpus.Post {
	if len(targets) == 0 {
		return nil
	}
	var dated []*corpus.Post
	all := false
	for _, p := range free {
		if p.HasDate() {
			dated = append(dated, p)
		}
	}
	slices.SortStableFunc(dated, func(a, b *corpus.Post) int { return a.Date.Compare(b.Date) })
	// A difference array over the sorted dated sources marks the windows.
	mark := make([]int, len(dated)+1)
	for _, t := range targets {
		if !t.HasDate() {
			all = true
			break
		}
		from, to := t.Date.Add(-popt.After), t.Date.Add(popt.Before)
		lo, _ := slices.BinarySearchFunc(dated, from, func(p *corpus.Post, x time.Time) int { return p.Date.Compare(x) })
		hi := lo
		for hi < len(dated) && !dated[hi].Date.After(to) {
			hi++
		}
		mark[lo]++
		mark[hi]--
	}
	in := make(map[*corpus.Post]bool)
	for i, n := 0, 0; i < len(dated); i++ {
		n += mark[i]
		if n > 0 || all {
			in[dated[i]] = true
		}
	}
	var out []*corpus.Post
	for _, p := range free {
		if !p.HasDate() || in[p] {
			out = append(out, p)
		}
	}
	return out
}

// lowConfidence returns the pairs with a bead scoring below minScore.
func lowConfidence(pairs []*corpus.Pair, minScore float64) []*corpus.Pair {
	var out []*corpus.Pair
	for _, p := range pairs {
		for _, b := range p.Beads {
			if b.Score < minScore {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

func sourceSentences(pairs []*corpus.Pair) []string {
	var out []string
	for _, p := range pairs {
		for _, s := range p.SourceSentences {
			out = append(out, p.Source.Text[s.Start:s.End])
		}
	}
	return out
}

func targetSentences(pairs []*corpus.Pair) []string {
	var out []string
	for _, p := range pairs {
		for _, s := range p.TargetSentences {
			out = append(out, p.Target.Text[s.Start:s.End])
		}
	}
	return out
}

// pairsMT is the end of Pairs with opt.MT: the pairs aligned without MT
// (with lex) that have a low-confidence bead are aligned again with it.
func pairsMT(ctx context.Context, pairs []*corpus.Pair, lex *sim.Learned, opt Options, workers int) (Asks, error) {
	realign := lowConfidence(pairs, opt.MTMinBeadScore)
	a := Asks{Translations: len(pairs), Pairs: len(pairs), Realign: len(realign), Texts: sourceSentences(realign)}
	if err := opt.MT.ask(ctx, a, opt.SourceLang, targetSentences(realign)); err != nil {
		return a, err
	}
	withMT := opt.Options
	withMT.Similarity = combineLex(lex, opt.Similarity, opt.MT)
	a.Texts = nil
	return a, alignAll(ctx, realign, withMT, workers)
}
