package pair

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/parapost/parapost/align/internal/pool"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
)

// meaning is the similarity stage's view of the posts: each post's bag
// under the run's similarity model, and an inverted index from the terms
// of the source posts' bags to the sources, in the order of idx.sources
// (dated ones by date), so that a target's window is found as for anchors.
type meaning struct {
	src, tgt []sim.Bag
	postings termTable[[]int32]
	// idf weighs each term by its rarity over both sides' bags: posts on
	// one topic share its words, a translation shares the rare ones too.
	idf termTable[float64]
	// background is, by target, how much its words meet those of posts it
	// does not translate: the middle of its candidates' meaning.
	background []float64
	// srcMass and tgtMass are the bags' idf-weighted masses.
	srcMass, tgtMass []float64
}

// newMeaning computes the bags of every post and their inverted index.
func (idx *pairIndex) newMeaning(ctx context.Context, model sim.Model) (*meaning, error) {
	m := &meaning{src: make([]sim.Bag, len(idx.sources)), tgt: make([]sim.Bag, len(idx.targets))}
	texts := make([]string, len(idx.sources))
	for i, s := range idx.sources {
		texts[i] = s.post.Text
	}
	sim.PrefetchSources(model, texts)
	err := pool.Chunks(ctx, len(idx.sources)+len(idx.targets), idx.opt.Workers, func() func(lo, hi int) {
		return func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if i < len(idx.sources) {
					m.src[i] = model.Source(idx.sources[i].post.Text)
				} else {
					m.tgt[i-len(idx.sources)] = model.Target(idx.targets[i-len(idx.sources)].post.Text)
				}
			}
		}
	})
	if err != nil {
		return nil, err
	}
	var df termTable[int]
	for si, b := range m.src {
		for _, t := range b.Terms {
			*df.at(t.ID)++
			if t.W >= idx.w.MeaningMinTerm {
				p := m.postings.at(t.ID)
				*p = append(*p, int32(si))
			}
		}
	}
	for _, b := range m.tgt {
		for _, t := range b.Terms {
			*df.at(t.ID)++
		}
	}
	n := float64(len(m.src) + len(m.tgt))
	df.each(func(id uint32, d int) {
		if d > 0 {
			*m.idf.at(id) = math.Log((n + 1) / float64(d))
		}
	})
	m.srcMass, m.tgtMass = make([]float64, len(m.src)), make([]float64, len(m.tgt))
	for i, b := range m.src {
		m.srcMass[i] = m.mass(b)
	}
	for i, b := range m.tgt {
		m.tgtMass[i] = m.mass(b)
	}
	return m, nil
}

// mass is the idf-weighted mass of a bag: its terms' weights times idf.
func (m *meaning) mass(b sim.Bag) float64 {
	var w float64
	for _, t := range b.Terms {
		w += float64(t.W) * m.idf.get(t.ID)
	}
	return w
}

// dice is the idf-weighted Dice coefficient of source si and target ti:
// twice the weight of the terms they share (the smaller weight of each,
// times its idf) over their masses.
func (m *meaning) dice(si, ti int) float64 {
	total := m.srcMass[si] + m.tgtMass[ti]
	if total == 0 {
		return 0
	}
	shared := sim.WeightedOverlap(m.src[si], m.tgt[ti], m.idf.get)
	return min(1, 2*shared/total)
}

// candidatesByMeaning returns the sources whose bags share the most with
// target ti's within its window (at most k), found through the inverted
// index: never all pairs.
func (idx *pairIndex) candidatesByMeaning(m *meaning, ti, k int, acc []float64, touched []int32) ([]int32, []int32) {
	touched = touched[:0]
	t := idx.targets[ti]
	// The rarest terms find a translation; the common ones only cost.
	terms := m.tgt[ti].Terms
	if k := idx.w.MeaningQueryTerms; len(terms) > k {
		// Sorted with their idf at hand, not looked up at each comparison.
		type rated struct {
			idf  float64
			term sim.Term
		}
		rs := make([]rated, len(terms))
		for i, term := range terms {
			rs[i] = rated{m.idf.get(term.ID), term}
		}
		slices.SortFunc(rs, func(a, b rated) int { return cmp.Compare(b.idf, a.idf) })
		terms = make([]sim.Term, k)
		for i := range terms {
			terms[i] = rs[i].term
		}
	}
	win := idx.window(t.post)
	for _, term := range terms {
		dated, dateless := win.of(m.postings.get(term.ID))
		for _, part := range [2][]int32{dated, dateless} {
			for _, si := range part {
				if acc[si] == 0 {
					touched = append(touched, si)
				}
				acc[si] += float64(term.W) * m.idf.get(term.ID)
			}
		}
	}
	// Rank by the Dice coefficient the accumulated weight estimates, so
	// that long sources do not crowd out the right one.
	// The k best by insertion into a short sorted list: cheaper than
	// sorting every source touched.
	best := make([]int32, 0, k+1)
	for _, si := range touched {
		d := 2 * acc[si] / (m.srcMass[si] + m.tgtMass[ti])
		acc[si] = d
		if len(best) == k && d <= acc[best[k-1]] {
			continue
		}
		at := len(best)
		for at > 0 && (acc[best[at-1]] < d || acc[best[at-1]] == d && best[at-1] > si) {
			at--
		}
		best = slices.Insert(best, at, si)
		if len(best) > k {
			best = best[:k]
		}
	}
	for _, si := range touched {
		acc[si] = 0
	}
	return best, touched
}

// settledPosts returns the posts of the settled pairs: meaning could not
// undo them, so their targets are not rescored (the index queries are the
// meaning stage's cost).
func settledPosts(pairs []*corpus.Pair, w *Weights) map[*corpus.Post]bool {
	settled := make(map[*corpus.Post]bool)
	for _, p := range pairs {
		if p.Score >= w.SettledScore && p.Margin >= w.SettledMargin {
			settled[p.Source], settled[p.Target] = true, true
		}
	}
	return settled
}

// rescore scores every target's candidates — the anchors' and those the
// index of meaning finds — by anchors, meaning and order together, best
// first. confident are the pairs the anchors settled.
func (idx *pairIndex) rescore(ctx context.Context, m *meaning, cands [][]Candidate, confident []*corpus.Pair, settled map[*corpus.Post]bool) ([][]Candidate, error) {
	order := newPostOrder(confident)
	cm, learned := idx.learnChannels(confident)
	learned = learned && cm.timed
	m.background = make([]float64, len(idx.targets))
	out := make([][]Candidate, len(idx.targets))
	err := pool.Chunks(ctx, len(idx.targets), idx.opt.Workers, func() func(lo, hi int) {
		acc := make([]float64, len(idx.sources))
		var touched []int32
		return func(lo, hi int) {
			for ti := lo; ti < hi; ti++ {
				touched = idx.rescoreTarget(m, cands, order, cm, learned, settled, ti, out, acc, touched)
			}
		}
	})
	return out, err
}

// rescoreTarget scores target ti's candidates into out[ti].
func (idx *pairIndex) rescoreTarget(m *meaning, cands [][]Candidate, order postOrder, cm channelModel, learned bool,
	settled map[*corpus.Post]bool, ti int, out [][]Candidate, acc []float64, touched []int32) []int32 {
	t := idx.targets[ti]
	if settled[t.post] {
		out[ti] = cands[ti]
		return touched
	}
	var more []int32
	more, touched = idx.candidatesByMeaning(m, ti, idx.w.MeaningCandidates, acc, touched)
	cs := make([]Candidate, 0, len(cands[ti])+len(more))
	for _, c := range cands[ti] {
		// The anchors scored it already (idx.score): add the meaning.
		c.Meaning = m.dice(idx.srcOf[c.Source].at, t.at)
		cs = append(cs, c)
	}
	for _, si := range more {
		// The anchors' candidates are few (Options.Candidates): a scan
		// is cheaper than a set.
		s := idx.sources[si]
		if !slices.ContainsFunc(cands[ti], func(c Candidate) bool { return c.Source == s.post }) {
			cs = append(cs, idx.scoreMeaning(m, s, t))
		}
	}
	// The background: how much this target's words meet those of
	// posts it does not translate (the middle of its candidates).
	ms := make([]float64, len(cs))
	for i := range cs {
		ms[i] = cs[i].Meaning
	}
	slices.Sort(ms)
	var bg float64
	if len(ms) > 0 {
		bg = ms[len(ms)/2]
	}
	m.background[ti] = bg
	for i := range cs {
		c := &cs[i]
		lift := min(1, idx.w.MeaningLift*max(0, c.Meaning-bg))
		if order.crosses(c.Source, c.Target) || learned && !cm.fits(c.Source, c.Target) {
			lift *= idx.w.Crossing
		}
		if learned {
			c.LengthPrior = cm.length.prior(idx.srcOf[c.Source], t)
		}
		c.Score = 1 - (1-c.Score)*(1-lift*(0.6+0.4*c.LengthPrior))
	}
	slices.SortStableFunc(cs, func(a, b Candidate) int { return cmp.Compare(b.Score, a.Score) })
	out[ti] = cs
	return touched
}

// scoreMeaning scores source s as the original of target t by anchors and
// meaning.
func (idx *pairIndex) scoreMeaning(m *meaning, s, t *postAnchors) Candidate {
	c := idx.score(s, t)
	c.Meaning = m.dice(s.at, t.at)
	return c
}

// postOrder tells whether a candidate pair keeps the order of the pairs
// the anchors settled: a translation published after another translates
// an original published after the other's original. Posts are ordered by
// date, dateless ones by id within their channel (page order).
type postOrder struct {
	byChannel map[string][]*corpus.Pair // target channel → pairs by target order
}

func newPostOrder(pairs []*corpus.Pair) postOrder {
	o := postOrder{byChannel: make(map[string][]*corpus.Pair)}
	for _, p := range pairs {
		o.byChannel[p.Target.Channel] = append(o.byChannel[p.Target.Channel], p)
	}
	for _, list := range o.byChannel {
		slices.SortFunc(list, func(a, b *corpus.Pair) int { return comparePosts(a.Target, b.Target) })
	}
	return o
}

// comparePosts orders two posts by date, then channel and id; a dateless
// post only by channel and id.
func comparePosts(a, b *corpus.Post) int {
	if a.HasDate() && b.HasDate() {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(a.Channel, b.Channel); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// crosses reports whether pairing a dateless target t with s would cross a
// settled pair: the settled pairs just before and after t (in t's
// channel) have originals after and before s. Sources of other channels than the neighbours' and
// dateless ones against dated neighbours are not judged.
func (o postOrder) crosses(s, t *corpus.Post) bool {
	if t.HasDate() {
		// Dated posts have their window and delay; translations posted
		// hours apart come out of order.
		return false
	}
	prev, next := o.neighbours(t)
	comparable := func(a, b *corpus.Post) bool {
		return a.HasDate() && b.HasDate() || !a.HasDate() && !b.HasDate() && a.Channel == b.Channel
	}
	return prev != nil && comparable(prev, s) && comparePosts(prev, s) > 0 ||
		next != nil && comparable(next, s) && comparePosts(next, s) < 0
}

// neighbours returns the originals of the settled pairs just before and
// after target t in its channel's order (nil at either end; a pair of t
// itself is neither).
func (o postOrder) neighbours(t *corpus.Post) (prev, next *corpus.Post) {
	list := o.byChannel[t.Channel]
	i, _ := slices.BinarySearchFunc(list, t, func(p *corpus.Pair, t *corpus.Post) int { return comparePosts(p.Target, t) })
	if i > 0 {
		prev = list[i-1].Source
	}
	if i < len(list) && list[i].Target != t {
		next = list[i].Source
	}
	return prev, next
}

// gap returns the originals of the pairs just before and after dateless
// target t in its channel's order (nil at either end), and whether both
// are dated: a page copy keeps the order of the originals, so t's
// original lies between them. ok is false too when the channel has no
// pairs to order by.
func (o postOrder) gap(t *corpus.Post) (prev, next *corpus.Post, ok bool) {
	if len(o.byChannel[t.Channel]) == 0 {
		return nil, nil, false
	}
	prev, next = o.neighbours(t)
	return prev, next, (prev == nil || prev.HasDate()) && (next == nil || next.HasDate())
}

// termTable maps the ids of bag terms to values: a slice for the ids of
// the target vocabulary (dense from 0), a map for the few others (a
// dictionary's concepts, from 1<<31): the meaning stage looks terms up
// millions of times.
type termTable[V any] struct {
	low  []V
	high map[uint32]*V
}

// termTableLow bounds the ids held in the slice.
const termTableLow = 1 << 24

// get returns the value of id, the zero value when it has none.
func (t *termTable[V]) get(id uint32) V {
	if id < uint32(len(t.low)) {
		return t.low[id]
	}
	if p := t.high[id]; p != nil && id >= termTableLow {
		return *p
	}
	var zero V
	return zero
}

// at returns a pointer to the value of id, adding it when new.
func (t *termTable[V]) at(id uint32) *V {
	if id < termTableLow {
		if int(id) >= len(t.low) {
			t.low = append(t.low, make([]V, int(id)+1-len(t.low))...)
			t.low = t.low[:cap(t.low)]
		}
		return &t.low[id]
	}
	if t.high == nil {
		t.high = make(map[uint32]*V)
	}
	p := t.high[id]
	if p == nil {
		p = new(V)
		t.high[id] = p
	}
	return p
}

// each calls fn for every id that has a slot, with its value.
func (t *termTable[V]) each(fn func(id uint32, v V)) {
	for id, v := range t.low {
		fn(uint32(id), v)
	}
	for id, p := range t.high {
		fn(id, *p)
	}
}
