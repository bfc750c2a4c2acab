package pair

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/parapost/parapost/corpus"
)

// residual is the second pairing stage. Posts that share few anchors —
// reviews, opinions, posts without names or numbers — cannot be paired by
// anchors alone, but the first stage's pairs teach how the two channels
// work: how much longer or shorter translations run, and how long after the
// original they appear. A free target whose window holds a free source of
// the right length, with no anchor against it, and no rival nearly as good,
// is paired with it. A dateless target (a page copy) has no delay; its
// window is the free sources between the originals of the pairs around it
// in its channel's order, which a page copy keeps.
// channelModel is what pairs teach of how two channels work: the log
// ratio of translation to original length, and the range of delays from
// original to translation.
type channelModel struct {
	length             lengthModel
	minDelay, maxDelay time.Duration
	// timed says whether the delays were learned: the pairs hold enough
	// dated ones (not so where the translations are a dateless page copy).
	timed bool
}

// learnChannels learns the channel model from pairs; ok is false with too
// few pairs to learn the length ratio from, and cm.timed with too few
// dated pairs to learn the delays.
func (idx *pairIndex) learnChannels(pairs []*corpus.Pair) (cm channelModel, ok bool) {
	var ratios []float64
	var delays []time.Duration
	for _, p := range pairs {
		s, t := idx.srcOf[p.Source], idx.tgtOf[p.Target]
		if s.size > 0 && t.size > 0 {
			ratios = append(ratios, math.Log(float64(t.size)/float64(s.size)))
		}
		if p.Source.HasDate() && p.Target.HasDate() {
			delays = append(delays, p.Target.Date.Sub(p.Source.Date))
		}
	}
	if len(ratios) < idx.w.ResidualMinPairs {
		return cm, false
	}
	cm.length = learnLength(ratios)
	if len(delays) < idx.w.ResidualMinPairs {
		return cm, true
	}
	cm.timed = true
	slices.Sort(delays)
	// The delays seen, widened a little: the next translation may come a
	// bit sooner or later than any seen so far.
	slack := max(time.Hour, (delays[len(delays)-1]-delays[0])/10)
	cm.minDelay, cm.maxDelay = delays[0]-slack, delays[len(delays)-1]+slack
	return cm, true
}

// fits reports whether t could translate s by the delay the channels keep.
func (cm channelModel) fits(s, t *corpus.Post) bool {
	if !s.HasDate() || !t.HasDate() {
		return true
	}
	d := t.Date.Sub(s.Date)
	return cm.minDelay <= d && d <= cm.maxDelay
}

func (idx *pairIndex) residual(pairs []*corpus.Pair, opt Options, m *meaning) []*corpus.Pair {
	cm, ok := idx.learnChannels(pairs)
	if !ok {
		return nil
	}
	length, minDelay, maxDelay := cm.length, cm.minDelay, cm.maxDelay
	paired := make(map[*corpus.Post]bool, 2*len(pairs))
	for _, p := range pairs {
		paired[p.Source], paired[p.Target] = true, true
	}

	var free []*postAnchors  // dated free sources, by date
	var freeDate []time.Time // their dates side by side, for the window search
	for _, s := range idx.sources[:idx.nDated] {
		if !paired[s.post] {
			free, freeDate = append(free, s), append(freeDate, s.post.Date)
		}
	}
	order := newPostOrder(pairs)
	var cands [][]Candidate
	vetoed := make(map[[2]*corpus.Post]bool)
	for _, t := range idx.targets {
		if paired[t.post] {
			continue
		}
		// The window: the free sources the delays allow, or, for a
		// dateless translation (a page copy), those between the originals
		// of the pairs around it in its channel's order.
		var lo, hi int
		if t.post.HasDate() {
			if !cm.timed {
				continue
			}
			from, to := t.post.Date.Add(-maxDelay), t.post.Date.Add(-minDelay)
			lo = sort.Search(len(free), func(i int) bool { return !freeDate[i].Before(from) })
			hi = sort.Search(len(free), func(i int) bool { return freeDate[i].After(to) })
		} else {
			prev, next, ok := order.gap(t.post)
			if !ok {
				continue
			}
			lo, hi = 0, len(free)
			if prev != nil {
				lo = sort.Search(len(free), func(i int) bool { return comparePosts(free[i].post, prev) > 0 })
			}
			if next != nil {
				hi = sort.Search(len(free), func(i int) bool { return comparePosts(free[i].post, next) >= 0 })
			}
		}
		if hi-lo > idx.w.ResidualMaxWindow || hi <= lo {
			continue
		}
		var cs []Candidate
		for _, s := range free[lo:hi] {
			shared, _, sharedStrong := idx.sharedWeight(s, t)
			unmatched := max(0, s.strongMiss+t.strongMiss-2*sharedStrong)
			// With no anchors on either side the anchors are neutral (1);
			// numbers, dates, flags... on one side only push it down, shared
			// anchors up. Names do not count against: capitalisation finds
			// too many.
			neutral := idx.w.ResidualNeutral
			agree := (2*shared + neutral) / (2*shared + unmatched + neutral)
			lp := length.prior(s, t)
			// Shared anchors lift a length that fits less well: a shared rare
			// anchor or two (about 8 in weight) makes up for much of it.
			fit := lp + (1-lp)*(1-math.Exp(-shared/idx.w.ResidualLift))
			c := Candidate{Source: s.post, Target: t.post, Score: fit * agree, Shared: agree, LengthPrior: lp}
			if m != nil {
				// Meaning, when known, must not speak against the pair: a
				// translation leads the target's background. When both
				// posts have words the model knows and this one does not
				// lead, it is no translation; it still competes, so that
				// ruling it out lends no other candidate a margin, but
				// discounted as evidence against a candidate is elsewhere
				// (Weights.Crossing): a rival that length alone supports
				// no longer hides a translation that meaning supports.
				c.Meaning = m.dice(s.at, t.at)
				lead := c.Meaning - m.background[t.at]
				if lead <= 0 && m.srcMass[s.at] > 0 && m.tgtMass[t.at] > 0 {
					vetoed[[2]*corpus.Post{s.post, t.post}] = true
				}
				c.Score *= 0.5 + 0.5*min(1, idx.w.MeaningLift*max(0, lead))
				if vetoed[[2]*corpus.Post{s.post, t.post}] {
					c.Score *= idx.w.Crossing
				}
			}
			cs = append(cs, c)
		}
		slices.SortFunc(cs, func(a, b Candidate) int { return cmp.Compare(b.Score, a.Score) })
		cands = append(cands, cs)
	}
	more := slices.DeleteFunc(matchResidual(cands, idx.w), func(p *corpus.Pair) bool { return vetoed[[2]*corpus.Post{p.Source, p.Target}] })
	for _, p := range more {
		s, t := idx.srcOf[p.Source], idx.tgtOf[p.Target]
		p.Evidence = append(idx.evidence(s, t), fmt.Sprintf("length:%.2f", float64(t.size)/float64(max(1, s.size))))
		if p.Target.HasDate() {
			p.Evidence = append(p.Evidence, "delay:"+p.Target.Date.Sub(p.Source.Date).Round(time.Minute).String())
		} else {
			p.Evidence = append(p.Evidence, "order")
		}
	}
	return more
}

// matchResidual pairs residual candidates by the matching of largest total
// score in each connected group of candidates, so that a post's second
// choice can win when its first choice is another post's only one. A pair is
// made when its score reaches ResidualMinScore and the best matching
// without it scores at least ResidualMinMargin less: its margin.
func matchResidual(cands [][]Candidate, ws *Weights) []*corpus.Pair {
	// Candidate graph: targets are rows, sources columns.
	srcIndex := map[*corpus.Post]int{}
	var srcs []*corpus.Post
	parent := []int{}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	nT := len(cands)
	for range nT {
		parent = append(parent, len(parent))
	}
	for ti, cs := range cands {
		for _, c := range cs {
			if c.Score < ws.ResidualFloor {
				continue
			}
			si, ok := srcIndex[c.Source]
			if !ok {
				si = len(srcs)
				srcIndex[c.Source] = si
				srcs = append(srcs, c.Source)
				parent = append(parent, len(parent))
			}
			a, b := find(ti), find(nT+si)
			parent[a] = b
		}
	}
	groups := map[int][]int{} // root -> target rows
	for ti := range cands {
		groups[find(ti)] = append(groups[find(ti)], ti)
	}
	var pairs []*corpus.Pair
	for _, rows := range groups {
		cols := map[*corpus.Post]int{}
		var colPosts []*corpus.Post
		for _, ti := range rows {
			for _, c := range cands[ti] {
				if _, ok := cols[c.Source]; !ok && c.Score >= ws.ResidualFloor {
					cols[c.Source] = len(colPosts)
					colPosts = append(colPosts, c.Source)
				}
			}
		}
		if len(colPosts) == 0 || len(rows) > ws.ResidualMaxGroup || len(colPosts) > ws.ResidualMaxGroup {
			// Nothing to pair, or a crowd that length and timing cannot sort.
			continue
		}
		w := make([][]float64, len(rows))
		at := make([][]*Candidate, len(rows))
		for r, ti := range rows {
			w[r] = make([]float64, len(colPosts))
			at[r] = make([]*Candidate, len(colPosts))
			for ci := range cands[ti] {
				c := &cands[ti][ci]
				if c.Score >= ws.ResidualFloor {
					w[r][cols[c.Source]], at[r][cols[c.Source]] = c.Score, c
				}
			}
		}
		match, total := maxWeightMatching(w)
		for r, col := range match {
			if col < 0 || w[r][col] < ws.ResidualMinScore {
				continue
			}
			keep := w[r][col]
			w[r][col] = 0
			_, without := maxWeightMatching(w)
			w[r][col] = keep
			if margin := total - without; margin >= ws.ResidualMinMargin {
				c := at[r][col]
				pairs = append(pairs, &corpus.Pair{Source: c.Source, Target: c.Target, Score: c.Score, Margin: margin, Evidence: c.Evidence})
			}
		}
	}
	return pairs
}

// learnLength fits the log length ratio of known pairs: median and a robust
// deviation (1.4826 × the median absolute deviation), floored so that a few
// very regular pairs do not make the model brittle.
func learnLength(ratios []float64) lengthModel {
	slices.Sort(ratios)
	mu := median(ratios)
	dev := make([]float64, len(ratios))
	for i, r := range ratios {
		dev[i] = math.Abs(r - mu)
	}
	slices.Sort(dev)
	return lengthModel{mu: mu, sigma: max(0.2, 1.4826*median(dev))}
}

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}
