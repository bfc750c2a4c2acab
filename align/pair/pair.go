package pair

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/parapost/parapost/align/anchor"
	"github.com/parapost/parapost/align/internal/measure"
	"github.com/parapost/parapost/align/internal/pool"
	"github.com/parapost/parapost/align/internal/sorted"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
)

// Options configures post pairing. The zero value is not useful: start
// from DefaultOptions.
type Options struct {
	// SourceLang and TargetLang are the ISO 639-1 codes of originals and
	// translations ("ru", "en").
	SourceLang, TargetLang string
	// Before and After bound the candidate window: a source post is a
	// candidate for a target posted from Before before it to After after it.
	Before, After time.Duration
	// MinScore is the score below which a pair is not made (abstention).
	MinScore float64
	// MinMargin is the lead over the runner-up candidate (of either post,
	// among posts still free) below which a pair is not made.
	MinMargin float64
	// Similarity, when set, scores meaning (a dictionary, translations):
	// see Learn for how it is used.
	Similarity sim.Model
	// Learn, when set, is called with the pairs the anchors settle with
	// confidence and returns a model learned from them (a translation
	// lexicon), added to Similarity. With a model, pairing goes on by
	// meaning: every target's candidates — those of the anchors and those
	// whose words its translation shares, found through an inverted index
	// of the sources' bags within the window — are scored by anchors and
	// meaning together, and assigned again, with the same abstention; the
	// residual stage weighs meaning too.
	Learn func(ctx context.Context, confident []*corpus.Pair) (sim.Model, error)
	// Workers is the number of goroutines; <= 0 means GOMAXPROCS.
	Workers int
	// Candidates is how many best candidates per target post are kept.
	Candidates int
	// Weights are the constants of the meaning and residual stages; nil
	// means DefaultWeights.
	Weights *Weights
	// NoResidual turns off the second stage, which pairs posts with few
	// anchors by the length and delay of the pairs the first stage found.
	NoResidual bool
}

// DefaultOptions returns the defaults: Russian originals, English
// translations, a window from one day before to three days after, and
// thresholds set above every wrong candidate's score on the data sets with
// gold answers (TestPairScoreDistribution logs the distributions).
func DefaultOptions() Options {
	return Options{
		SourceLang: "ru",
		TargetLang: "en",
		Before:     24 * time.Hour,
		After:      72 * time.Hour,
		MinScore:   0.4,
		MinMargin:  0.05,
		Candidates: 8,
	}
}

// Candidate is one scored (source, target) candidate pair.
type Candidate struct {
	Source, Target *corpus.Post
	// Score combines the anchor overlap, the length prior and, when a
	// similarity model is given, meaning, in 0..1.
	Score float64
	// Meaning is the Dice coefficient of the two posts' bags under the
	// similarity model (0 without one).
	Meaning float64
	// Shared is the rarity-weighted share of anchors the two posts have in
	// common (a weighted Dice coefficient); LengthPrior is the prior on the
	// ratio of their lengths. Both in 0..1.
	Shared, LengthPrior float64
	// Evidence lists the shared anchors, rarest first.
	Evidence []string
}

// Stats says what pairing did.
type Stats struct {
	SourcePosts, TargetPosts int
	Candidates               int // candidate pairs scored
	Paired                   int
	// ByAnchors, ByMeaning and Residual count the pairs of each stage:
	// anchors alone, anchors and meaning (which may also undo an anchor
	// pair: ByMeaning is the net gain), and length and timing.
	ByAnchors, ByMeaning, Residual int
	// Reposts counts the untranslated copies of originals paired with
	// them (see corpus.Pair.Untranslated): pairs, but not in Paired or
	// TargetPosts, which count translations.
	Reposts int
	// BelowThreshold, Ambiguous and NoCandidate describe the anchor stage.
	BelowThreshold int // target posts whose best candidate scored below MinScore
	Ambiguous      int // pairs not made because the runner-up was too close
	NoCandidate    int // target posts that shared no rare anchor with any source in the window
}

// ErrNoLanguage is returned when no post carries a language: pairing needs
// detection first.
var ErrNoLanguage = errors.New("posts have no language: run detection first")

// Pair finds, for every post in opt.TargetLang, the post in opt.SourceLang it
// translates, or abstains. Pairs are one-to-one, numbered from 1 in order of
// source date. Posts in other languages are ignored.
func Posts(ctx context.Context, posts []*corpus.Post, opt Options) ([]*corpus.Pair, Stats, error) {
	copies := reposts(posts, opt)
	idx, cands, stats, err := scoreCandidates(ctx, withoutReposts(posts, copies), opt)
	if err != nil {
		return nil, stats, err
	}
	pairs := assign(cands, opt.MinScore, opt.MinMargin, &stats)
	stats.ByAnchors = len(pairs)
	var m *meaning
	anchorCands := cands
	settled := settledPosts(pairs, idx.w)
	// With a model, pair again by anchors and meaning; a learned lexicon
	// grows with the pairs, so learn again from the new pairs while that
	// adds pairs (at most learnRounds times).
	for round := 0; round < idx.w.LearnRounds; round++ {
		model := opt.Similarity
		if opt.Learn != nil {
			for _, p := range pairs {
				p.Evidence = idx.evidence(idx.srcOf[p.Source], idx.tgtOf[p.Target])
			}
			learned, err := opt.Learn(ctx, pairs)
			if err != nil {
				return nil, stats, err
			}
			model = sim.Combine(learned, model)
		}
		if model == nil {
			break
		}
		m = nil // the last round's bags, garbage while the new ones are made
		if m, err = idx.newMeaning(ctx, model); err != nil {
			return nil, stats, err
		}
		if cands, err = idx.rescore(ctx, m, anchorCands, pairs, settled); err != nil {
			return nil, stats, err
		}
		before := len(pairs)
		rstats := stats
		rstats.BelowThreshold, rstats.Ambiguous, rstats.NoCandidate = 0, 0, 0
		pairs = assign(cands, opt.MinScore, opt.MinMargin, &rstats)
		stats = rstats
		stats.ByMeaning = len(pairs) - stats.ByAnchors
		// Another round only when this one paid: on a large corpus a few
		// more pairs do not change the lexicon.
		if opt.Learn == nil || len(pairs)-before < max(1, len(idx.targets)/100) {
			break
		}
	}
	// Evidence is listed for the pairs made, not for every candidate: a
	// list per candidate would cost more memory than the index.
	for _, p := range pairs {
		p.Evidence = idx.evidence(idx.srcOf[p.Source], idx.tgtOf[p.Target])
		if m != nil {
			s, t := idx.srcOf[p.Source], idx.tgtOf[p.Target]
			p.Evidence = append(p.Evidence, fmt.Sprintf("sim:%.2f", m.dice(s.at, t.at)))
		}
	}
	if !opt.NoResidual {
		more := idx.residual(pairs, opt, m)
		stats.Residual = len(more)
		pairs = append(pairs, more...)
	}
	more := unpairedReposts(copies, pairs)
	stats.Reposts = len(more)
	pairs = append(pairs, more...)
	Number(pairs)
	stats.Paired = len(pairs) - stats.Reposts
	return pairs, stats, nil
}

// Number sorts pairs by source date (then source channel and id) and
// numbers them from 1, as Posts does: for callers that assemble pairs from
// several pairings.
func Number(pairs []*corpus.Pair) {
	slices.SortFunc(pairs, func(a, b *corpus.Pair) int {
		if c := a.Source.Date.Compare(b.Source.Date); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Source.Channel, b.Source.Channel); c != 0 {
			return c
		}
		return cmp.Compare(a.Source.ID, b.Source.ID)
	})
	for i, p := range pairs {
		p.ID = int64(i + 1)
	}
}

// pairIndex holds the anchors of both sides, interned to integers, and an
// inverted index from anchor to source posts.
type pairIndex struct {
	opt      Options
	sources  []*postAnchors // dated ones sorted by date, then the dateless
	targets  []*postAnchors
	weight   []float64 // anchor id -> weight (kind weight x IDF)
	miss     []float64 // anchor id -> cost of finding it on one side only
	strong   []bool    // anchor id -> of a kind translations keep (see kindWeights)
	keys     []string  // anchor id -> "kind:key"
	postings [][]int32 // anchor id -> source indices, in sources order
	nDated   int       // sources[:nDated] have dates
	srcTime  []int64   // source index -> Unix nanoseconds, for the window search
	srcOf    map[*corpus.Post]*postAnchors
	tgtOf    map[*corpus.Post]*postAnchors
	length   lengthModel
	w        *Weights
}

type postAnchors struct {
	post  *corpus.Post
	ids   []int32 // unique anchor ids, sorted
	total float64 // sum of the weights of ids
	miss  float64 // sum of the miss weights of ids
	// strongMiss sums the miss weights of ids of the kinds translations
	// keep: numbers, dates, flags, hashtags, Latin tokens.
	strongMiss float64
	size       int  // letters and digits, for the length prior
	cut        bool // the post marks a passage left out ("<...>")
	at         int  // index in idx.sources or idx.targets
}

// maxPostings bounds how many source posts one anchor may bring in as
// candidates for one target: an anchor shared by more posts than this in
// the window is too common to find a translation by (its weight is tiny
// anyway) and would make pairing quadratic.
const maxPostings = 256

// ScoreCandidates returns, for each target post, its best-scoring candidate
// sources by anchors (at most opt.Candidates), best first. It is the first
// stage of Pair, exposed so that thresholds can be studied on the score
// distribution.
func ScoreCandidates(ctx context.Context, posts []*corpus.Post, opt Options) ([][]Candidate, Stats, error) {
	idx, cands, stats, err := scoreCandidates(ctx, posts, opt)
	for ti, cs := range cands {
		for i := range cs {
			cs[i].Evidence = idx.evidence(idx.srcOf[cs[i].Source], idx.targets[ti])
		}
	}
	return cands, stats, err
}

func scoreCandidates(ctx context.Context, posts []*corpus.Post, opt Options) (*pairIndex, [][]Candidate, Stats, error) {
	var stats Stats
	idx, err := buildPairIndex(ctx, posts, opt)
	if err != nil {
		return nil, nil, stats, err
	}
	stats.SourcePosts, stats.TargetPosts = len(idx.sources), len(idx.targets)
	out := make([][]Candidate, len(idx.targets))
	var (
		mu    sync.Mutex
		total int
	)
	err = pool.Chunks(ctx, len(idx.targets), opt.Workers, func() func(lo, hi int) {
		sc := &candScratch{acc: make([]float64, len(idx.sources))}
		return func(lo, hi int) {
			scored := 0
			for ti := lo; ti < hi; ti++ {
				var n int
				out[ti], n = idx.candidatesFor(idx.targets[ti], sc)
				scored += n
			}
			mu.Lock()
			total += scored
			mu.Unlock()
		}
	})
	if err != nil {
		return nil, nil, stats, err
	}
	stats.Candidates = total
	return idx, out, stats, nil
}

func buildPairIndex(ctx context.Context, posts []*corpus.Post, opt Options) (*pairIndex, error) {
	idx := &pairIndex{opt: opt, length: defaultLengthModel(opt.SourceLang, opt.TargetLang), w: opt.Weights}
	if idx.w == nil {
		idx.w = DefaultWeights()
	}
	seen := false
	var mine []*corpus.Post
	for _, p := range posts {
		if p.Lang != "" {
			seen = true
		}
		if p.Lang == opt.SourceLang || p.Lang == opt.TargetLang {
			mine = append(mine, p)
		}
	}
	if !seen && len(posts) > 0 {
		return nil, ErrNoLanguage
	}
	// Anchor extraction is the costly part: run it on every core. Each
	// worker interns keys in its own dictionary, so a key is allocated once
	// per worker rather than once per post; the dictionaries are merged
	// after.
	type dict struct {
		ids  map[string]int32
		keys []string
	}
	var (
		dicts   []*dict
		dictsMu sync.Mutex
	)
	local := make([][]int32, len(mine)) // worker-local ids
	owner := make([]int32, len(mine))   // which dictionary
	sizes := make([]int, len(mine))
	cuts := make([]bool, len(mine))
	err := pool.Chunks(ctx, len(mine), opt.Workers, func() func(lo, hi int) {
		d := &dict{ids: make(map[string]int32)}
		dictsMu.Lock()
		dicts = append(dicts, d)
		di := int32(len(dicts) - 1)
		dictsMu.Unlock()
		intern := func(k []byte) int32 {
			id, ok := d.ids[string(k)]
			if !ok {
				id = int32(len(d.keys))
				key := string(k)
				d.ids[key] = id
				d.keys = append(d.keys, key)
			}
			return id
		}
		var buf []anchor.Anchor
		var key []byte
		var ids []int32 // scratch: a post's ids are kept in a slice of their exact size
		cogs := anchor.NewCognateCache()
		cognateID := func(k string) int32 {
			var kb [4 + anchor.CognatePrefix]byte
			return intern(append(append(kb[:0], "cog:"...), k...))
		}
		addCognate := func(id int32) { ids = append(ids, id) }
		return func(lo, hi int) {
			for i := lo; i < hi; i++ {
				p := mine[i]
				buf = anchor.Append(buf[:0], p.Text, p.Lang)
				ids = ids[:0]
				for _, a := range buf {
					key = append(append(append(key[:0], a.Kind.String()...), ':'), a.Key...)
					ids = append(ids, intern(key))
				}
				key = anchor.AppendCognateIDs(key, p.Text, p.Lang, cogs, cognateID, addCognate)
				local[i], owner[i] = slices.Clone(ids), di
				sizes[i] = measure.TextSize(p.Text)
				cuts[i] = anchor.HasCutMark(p.Text)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	// Global ids are given in order of first appearance in the input, so
	// that a run does not depend on which worker read which post.
	global := make(map[string]int32)
	remap := make([][]int32, len(dicts))
	for di, d := range dicts {
		remap[di] = make([]int32, len(d.keys))
		for li := range remap[di] {
			remap[di][li] = -1
		}
	}
	read := make([]*postAnchors, len(mine))
	for i, p := range mine {
		pa := &postAnchors{post: p, size: sizes[i], cut: cuts[i], ids: local[i]}
		local[i] = nil
		rm, keys := remap[owner[i]], dicts[owner[i]].keys
		for j, li := range pa.ids {
			if rm[li] < 0 {
				id, ok := global[keys[li]]
				if !ok {
					id = int32(len(idx.keys))
					global[keys[li]] = id
					idx.keys = append(idx.keys, keys[li])
				}
				rm[li] = id
			}
			pa.ids[j] = rm[li]
		}
		read[i] = pa
	}
	// Sorting the ids was most of the loop above: on every core.
	err = pool.Chunks(ctx, len(read), opt.Workers, func() func(lo, hi int) {
		return func(lo, hi int) {
			for _, pa := range read[lo:hi] {
				slices.Sort(pa.ids)
				pa.ids = slices.Compact(pa.ids)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	df := make([]int32, len(idx.keys))
	for _, pa := range read {
		for _, id := range pa.ids {
			df[id]++
		}
		if pa.post.Lang == opt.SourceLang {
			idx.sources = append(idx.sources, pa)
		} else {
			idx.targets = append(idx.targets, pa)
		}
	}
	// Inverse document frequency over both sides: an anchor every post has
	// says nothing; one two posts share says they belong together.
	n := float64(len(idx.sources) + len(idx.targets))
	idx.weight = make([]float64, len(idx.keys))
	idx.miss = make([]float64, len(idx.keys))
	idx.strong = make([]bool, len(idx.keys))
	for id, key := range idx.keys {
		idf := math.Log((n + 1) / float64(df[id]))
		w, m := kindWeights(key)
		idx.weight[id], idx.miss[id], idx.strong[id] = w*idf, m*idf, m == 1
	}
	for _, side := range [][]*postAnchors{idx.sources, idx.targets} {
		for _, pa := range side {
			for _, id := range pa.ids {
				pa.total += idx.weight[id]
				pa.miss += idx.miss[id]
				if idx.strong[id] {
					pa.strongMiss += idx.miss[id]
				}
			}
		}
	}
	// Dated sources by date, dateless ones after them.
	slices.SortStableFunc(idx.sources, func(x, y *postAnchors) int {
		a, b := x.post, y.post
		if a.HasDate() != b.HasDate() {
			if a.HasDate() {
				return -1
			}
			return 1
		}
		return a.Date.Compare(b.Date)
	})
	idx.nDated = sort.Search(len(idx.sources), func(i int) bool { return !idx.sources[i].post.HasDate() })
	idx.srcOf = make(map[*corpus.Post]*postAnchors, len(idx.sources))
	for i, pa := range idx.sources {
		idx.srcOf[pa.post], pa.at = pa, i
	}
	idx.tgtOf = make(map[*corpus.Post]*postAnchors, len(idx.targets))
	for i, pa := range idx.targets {
		idx.tgtOf[pa.post], pa.at = pa, i
	}
	idx.srcTime = make([]int64, len(idx.sources))
	for i, pa := range idx.sources[:idx.nDated] {
		idx.srcTime[i] = unixNano(pa.post.Date)
	}
	// The lists share one array, cut to their lengths counted first:
	// appending to millions of lists, each growing, cost more than the
	// counting and held twice the memory.
	count := make([]int32, len(idx.keys))
	total := 0
	for _, pa := range idx.sources {
		for _, id := range pa.ids {
			count[id]++
		}
		total += len(pa.ids)
	}
	all := make([]int32, total)
	idx.postings = make([][]int32, len(idx.keys))
	for id, c := range count {
		if c > 0 {
			idx.postings[id], all = all[:0:c], all[c:]
		}
	}
	for si, pa := range idx.sources {
		for _, id := range pa.ids {
			idx.postings[id] = append(idx.postings[id], int32(si))
		}
	}
	return idx, nil
}

// kindWeights scales an anchor's IDF by how reliable its kind is across a
// translation: the weight when both sides have it, and the miss weight when
// only one side has it. Numbers, dates, flags, hashtags and Latin tokens
// survive translation, so one found on one side only speaks against a pair.
// Cognates (see appendCognates) are weak evidence both ways.
// Names are found by capitalisation, which the two languages use
// differently ("Foreign Minister" against "министр иностранных дел"), and
// emoji and quoted titles are often dropped or reworded: finding them on one
// side only says little.
func kindWeights(key string) (weight, miss float64) {
	switch {
	case strings.HasPrefix(key, "name:"):
		return 1, 0.3
	case strings.HasPrefix(key, "emoji:"), strings.HasPrefix(key, "quote:"):
		return 0.5, 0.2
	case strings.HasPrefix(key, "num:") && anchor.IsRatio(key):
		// Ratios ("24/7", "4/5") are often put into words.
		return 1, 0.2
	case strings.HasPrefix(key, "cog:"):
		// Most words are not international: a word without a cognate
		// says nothing, one with a cognate a little.
		return 0.4, 0
	}
	return 1, 1
}

// candScratch is a worker's scratch space for candidatesFor.
type candScratch struct {
	acc     []float64 // by source: the weight shared with the target
	touched []int32   // the sources acc holds weight for
	first   []firstEstimate
	scored  []Candidate
}

// firstEstimate is a first estimate of a candidate, to choose whom to
// score in full.
type firstEstimate struct {
	dice float64
	src  *postAnchors
}

// candidatesFor accumulates the weight of anchors shared with each source in
// the target's window through the inverted index, then scores the best in
// full. It returns the candidates and how many sources it looked at.
func (idx *pairIndex) candidatesFor(t *postAnchors, sc *candScratch) ([]Candidate, int) {
	acc, touched := sc.acc, sc.touched[:0]
	win := idx.window(t.post)
	for _, id := range t.ids {
		dated, dateless := win.of(idx.postings[id])
		w := idx.weight[id]
		for _, part := range [2][]int32{dated, dateless} {
			for _, si := range part {
				if acc[si] == 0 {
					touched = append(touched, si)
				}
				acc[si] += w
			}
		}
	}
	sc.touched = touched
	k := idx.opt.Candidates
	if k <= 0 {
		k = 8
	}
	// Keep the 2k best estimates — more than k, because the estimate left
	// out the common anchors — by insertion into a short sorted list:
	// cheaper than sorting every source touched.
	first := sc.first[:0]
	for _, si := range touched {
		s := idx.sources[si]
		d := 2 * acc[si] / (s.total + t.total)
		acc[si] = 0
		if len(first) == 2*k && d <= first[len(first)-1].dice {
			continue
		}
		at := len(first)
		for at > 0 && first[at-1].dice < d {
			at--
		}
		first = slices.Insert(first, at, firstEstimate{d, s})
		if len(first) > 2*k {
			first = first[:2*k]
		}
	}
	sc.first = first
	// Scored and sorted in scratch space; the k kept are copied out, so
	// that the candidates of every target hold no more than they keep.
	scored := sc.scored[:0]
	for _, f := range first {
		scored = append(scored, idx.score(f.src, t))
	}
	sc.scored = scored
	slices.SortStableFunc(scored, func(a, b Candidate) int { return cmp.Compare(b.Score, a.Score) })
	return slices.Clone(scored[:min(len(scored), k)]), len(touched)
}

// score scores source s as the original of target t: a weighted Dice
// coefficient of their anchors (shared weight against the miss weight of
// anchors found on one side only), times a length prior.
func (idx *pairIndex) score(s, t *postAnchors) Candidate {
	shared, sharedMiss, _ := idx.sharedWeight(s, t)
	unmatched := max(0, s.miss+t.miss-2*sharedMiss)
	c := Candidate{Source: s.post, Target: t.post}
	if shared > 0 {
		c.Shared = 2 * shared / (2*shared + unmatched)
	}
	c.LengthPrior = idx.length.prior(s, t)
	c.Score = c.Shared * (0.6 + 0.4*c.LengthPrior)
	return c
}

// window is a target t's window over the sources, worked out once per
// target: of returns the sources of a posting list that may be the original
// of t: those dated within [t-After, t+Before], and the dateless
// ones. A list longer than maxPostings in the window is dropped: what so
// many posts share does not find a translation. A dateless target has no
// window, so only a list that is short over the whole input brings
// candidates in.
type window struct {
	nDated int32
	dated  bool // the target has a date: [from, to) applies to the dated sources
	// from and to bound the window as source indexes: sources are sorted
	// by date, and posting lists by source index, so that a list's part
	// in the window is found by comparing its own entries, never reading
	// a date.
	from, to int32
}

// unixNano is t in nanoseconds since 1970, saturated outside the years
// int64 holds (1678–2262): a post dated 9999 by a broken export must not
// wrap around and unsort the sources the windows search.
func unixNano(t time.Time) int64 {
	switch {
	case t.Before(minNano):
		return math.MinInt64
	case t.After(maxNano):
		return math.MaxInt64
	}
	return t.UnixNano()
}

var minNano, maxNano = time.Unix(0, math.MinInt64), time.Unix(0, math.MaxInt64)

func (idx *pairIndex) window(t *corpus.Post) window {
	w := window{nDated: int32(idx.nDated), dated: t.HasDate()}
	if w.dated {
		from := unixNano(t.Date.Add(-idx.opt.After))
		to := unixNano(t.Date.Add(idx.opt.Before))
		dated := idx.srcTime[:idx.nDated]
		// The first source dated at or after from, and the first after to
		// (none before the first: an empty window when to < from).
		lo, _ := slices.BinarySearch(dated, from)
		hi := lo + sort.Search(len(dated)-lo, func(k int) bool { return dated[lo+k] > to })
		w.from, w.to = int32(lo), int32(hi)
	}
	return w
}

// of returns the sources of a posting list in the window.
func (w window) of(list []int32) (dated, dateless []int32) {
	dated, dateless = splitAt(list, w.nDated)
	if w.dated {
		dated = dated[:len(splitBefore(dated, w.to))]
		dated = dated[len(splitBefore(dated, w.from)):]
	}
	if len(dated) > maxPostings {
		dated = nil
	}
	if len(dateless) > maxPostings {
		dateless = nil
	}
	return dated, dateless
}

// splitBefore returns the entries of a sorted posting list below si.
func splitBefore(list []int32, si int32) []int32 {
	before, _ := splitAt(list, si)
	return before
}

// splitAt splits a sorted posting list into its entries below si and the
// others.
func splitAt(list []int32, si int32) (below, rest []int32) {
	// Most lists lie on one side (sources are mostly dated; a window
	// holds a few days of years).
	if len(list) == 0 || list[len(list)-1] < si {
		return list, nil
	}
	if list[0] >= si {
		return nil, list
	}
	lo, hi := 0, len(list)
	for lo < hi {
		if mid := int(uint(lo+hi) >> 1); list[mid] < si {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return list[:lo], list[lo:]
}

// sharedWeight returns the total weight and miss weight of the anchors s
// and t share, and the miss weight of those of the strong kinds.
func (idx *pairIndex) sharedWeight(s, t *postAnchors) (weight, miss, strongMiss float64) {
	sorted.Intersect(s.ids, t.ids, func(id int32) {
		weight += idx.weight[id]
		miss += idx.miss[id]
		if idx.strong[id] {
			strongMiss += idx.miss[id]
		}
	})
	return weight, miss, strongMiss
}

// evidence lists the anchors s and t share, heaviest first.
func (idx *pairIndex) evidence(s, t *postAnchors) []string {
	var shared []int32
	sorted.Intersect(s.ids, t.ids, func(id int32) { shared = append(shared, id) })
	slices.SortFunc(shared, func(a, b int32) int {
		if c := cmp.Compare(idx.weight[b], idx.weight[a]); c != 0 {
			return c
		}
		return cmp.Compare(idx.keys[a], idx.keys[b])
	})
	ev := make([]string, len(shared))
	for i, id := range shared {
		ev[i] = idx.keys[id]
	}
	return ev
}

// lengthModel is the distribution of log(target length / source length)
// over translations: normal with mean mu and deviation sigma.
type lengthModel struct{ mu, sigma float64 }

// defaultLengthModel is the prior before any pair is known; the spread is
// wide because translators drop and add passages.
func defaultLengthModel(src, tgt string) lengthModel {
	return lengthModel{mu: math.Log(measure.LengthRatio(src, tgt)), sigma: 0.35}
}

// prior is high when the target's length is what a translation of the
// source would have: exp(-z²/2). A post that marks a cut ("<...>") may be
// as much shorter as it likes.
func (m lengthModel) prior(s, t *postAnchors) float64 {
	if s.size == 0 || t.size == 0 {
		return 0
	}
	z := (math.Log(float64(t.size)/float64(s.size)) - m.mu) / m.sigma
	if z < 0 && t.cut || z > 0 && s.cut {
		return 1
	}
	return math.Exp(-z * z / 2)
}

// assign turns scored candidates into one-to-one pairs: candidate edges in
// descending score, each accepted when both posts are still free, the score
// reaches minScore and it leads the best alternative of either post among
// posts still free by minMargin. Greedy assignment on sorted edges is what a
// translation's uniqueness asks for: the surest pair is settled first and
// takes its posts out of the competition for the rest. Pairs come back
// unnumbered.
func assign(cands [][]Candidate, minScore, minMargin float64, stats *Stats) []*corpus.Pair {
	type edge struct {
		c    *Candidate
		t, s int
	}
	srcID := make(map[*corpus.Post]int)
	n := 0
	for _, cs := range cands {
		n += len(cs)
	}
	// The sort keys side by side, not behind the candidates' pointers:
	// sorting millions of edges is most of the assignment's cost. Only the
	// edges that reach minScore: the walk below stops at the first that
	// does not, so the others' order never mattered.
	type key struct {
		score float64
		delay time.Duration
		ei    int32
	}
	keys := make([]key, 0, n)
	edges := make([]edge, 0, n)
	for ti := range cands {
		if len(cands[ti]) == 0 {
			stats.NoCandidate++
			continue
		}
		if cands[ti][0].Score < minScore {
			stats.BelowThreshold++
		}
		for ci := range cands[ti] {
			c := &cands[ti][ci]
			si, ok := srcID[c.Source]
			if !ok {
				si = len(srcID)
				srcID[c.Source] = si
			}
			if c.Score >= minScore {
				keys = append(keys, key{c.Score, c.Target.Date.Sub(c.Source.Date), int32(len(edges))})
			}
			edges = append(edges, edge{c, ti, si})
		}
	}
	// source -> edge indices, in one array cut by counts: appending to a
	// list per source cost more.
	bySource := make([][]int, len(srcID))
	count := make([]int, len(srcID))
	for _, e := range edges {
		count[e.s]++
	}
	all := make([]int, len(edges))
	for si, c := range count {
		bySource[si], all = all[:0:c], all[c:]
	}
	for ei, e := range edges {
		bySource[e.s] = append(bySource[e.s], ei)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		// Equal scores: the shorter delay first, then input order.
		if c := cmp.Compare(a.delay, b.delay); c != 0 {
			return c
		}
		return cmp.Compare(a.ei, b.ei)
	})
	order := make([]int32, len(keys))
	for i, k := range keys {
		order[i] = k.ei
	}
	usedT := make([]bool, len(cands))
	usedS := make([]bool, len(srcID))
	var pairs []*corpus.Pair
	for _, ei := range order {
		e := edges[ei]
		ei := int(ei)
		if usedT[e.t] || usedS[e.s] {
			continue
		}
		if e.c.Score < minScore {
			break
		}
		runner := 0.0
		for ci := range cands[e.t] {
			c := &cands[e.t][ci]
			if c != e.c && !usedS[srcID[c.Source]] {
				runner = max(runner, c.Score)
			}
		}
		for _, oi := range bySource[e.s] {
			if o := edges[oi]; oi != ei && !usedT[o.t] {
				runner = max(runner, o.c.Score)
			}
		}
		margin := e.c.Score - runner
		// Either way both posts leave the competition: an ambiguous target
		// must not fall back to a worse source.
		usedT[e.t], usedS[e.s] = true, true
		if margin < minMargin {
			stats.Ambiguous++
			continue
		}
		pairs = append(pairs, &corpus.Pair{
			Source: e.c.Source, Target: e.c.Target,
			Score: e.c.Score, Margin: margin, Evidence: e.c.Evidence,
		})
	}
	return pairs
}
