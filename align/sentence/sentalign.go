package sentence

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parapost/parapost/align/anchor"
	"github.com/parapost/parapost/align/internal/measure"
	"github.com/parapost/parapost/align/internal/sorted"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
)

// Options configures sentence alignment.
type Options struct {
	// SourceLang and TargetLang are ISO 639-1 codes ("ru", "en").
	SourceLang, TargetLang string
	// Similarity, when set, scores meaning: a bead whose sentences' bags
	// overlap (a learned lexicon, a dictionary, translations) costs less,
	// one whose known words do not meet costs more.
	Similarity sim.Model
	// Costs are the constants of the cost model; nil means DefaultCosts.
	Costs *Costs
	// Band is the starting half-width, in sentences, of the search band
	// around the anchor path (0: Costs.Band). The band doubles for as long as the
	// best path touches its edge.
	Band int
}

// DefaultOptions returns options for Russian originals and English
// translations, without dictionary or translation.
func DefaultOptions() Options {
	return Options{SourceLang: "ru", TargetLang: "en"}
}

// Costs are the constants of the aligner's cost model: a bead's cost is
// about -ln P(bead), the sum of a shape prior, a length term and the
// evidence of shared anchors, cognates, meaning and breaks. One set serves
// every language pair and every kind of text: the values were set on the
// WMT23 ru-en development documents and checked on Text+Berg de-fr and the
// Foreign Ministry sample (see README "Accuracy").
type Costs struct {
	// Omission is the prior of a 1-0 or 0-1 bead; Merge of 2-1 and 1-2,
	// Merge22 of 2-2, Merge31 of 3-1 and 1-3 (Gale and Church's counts, with
	// omissions a little likelier: news translators drop sentences), and
	// Merge5 of the five-sentence beads 4-1, 1-4, 3-2 and 2-3 (a long
	// sentence that the other side cuts at every semicolon), and Merge6 of
	// 5-1 and 1-5 (a list one side runs into one sentence), and Merge33 of
	// 3-3 (a passage both sides cut into three sentences at different
	// places), which the aligner tries only with a similarity model:
	// meaning is what tells them from their splits. With three sentences
	// on each side a bead has room to hide a sentence left out: a 1-1, a
	// 1-2 and an omission read as one 3-3 bead in align/check's
	// TestDefects with Merge33 up to 7.2, so it is dearer than the other
	// six-sentence shapes (Text+Berg gains the same from 7.5 to 8.5, both
	// ways, with and without MT; nothing else moves). Not 4-2 or 2-4.
	Omission, Merge, Merge22, Merge31, Merge5, Merge6, Merge33 float64
	// OmissionRun is the most an omission costs after an omission of the
	// same side: omissions come in runs.
	OmissionRun float64
	// LengthVariance is Gale and Church's variance per character of the
	// length difference.
	LengthVariance float64
	// Anchor is the reward per unit of shared anchor weight (a weight is
	// 2/(sentences holding the anchor) in the document); Unmatched the
	// penalty per unit of a strong anchor (number, date, flag, hashtag,
	// Latin token) found on one side only.
	Anchor, Unmatched float64
	// Cognate is the reward per shared cognate, for at most MaxCognates
	// per sentence pair of the bead's diagonal (the fewer of its source
	// and target sentences): a merged bead earns what the beads it merges
	// would.
	Cognate     float64
	MaxCognates int
	// Similarity scales the meaning term: the bead's cost falls by
	// Similarity × (Dice − SimilarityBase) × min(1, known words /
	// SimilarityWords), so that a bead whose known words do not meet pays,
	// and a bead with few known words weighs little either way.
	Similarity, SimilarityBase, SimilarityWords float64
	// Stray is the cost of a sentence in a merged bead that has anchors or
	// cognates, shares none, beside one that does (an addition swallowed).
	// A sentence whose meaning overlaps a sentence of the other side by
	// StrayShared words or more (see sim.Overlap; 1: a word, as one anchor
	// or cognate is enough) is no stray either: its anchors are ones the
	// translation left out or put otherwise ("1952/53" for "1952 und
	// 1953"). 0 counts no meaning.
	Stray, StrayShared float64
	// Displaced is the cost, per unit of reward, of what a bead's end cuts
	// apart: the anchors and cognates that its last sentence on one side
	// shares with the next sentence of the other side and not with the
	// bead's other side, each counted as a shared one is rewarded (Anchor
	// times its weight, Cognate apiece). What two sentences share across a
	// boundary says the boundary is misplaced: the two sides cut a passage
	// into sentences differently ("… durch B.M ." / "Abalakow , seitdem …"
	// against "… par E. M. Abalakow ." / "Souvent visité depuis ."), a
	// 2-2 bead that two 1-1 beads would split.
	Displaced float64
	// Continuation is the reward for keeping in one bead a sentence and
	// the next that continues it (it ends with a comma, semicolon, colon or
	// dash, or the next starts in lower case after no final punctuation):
	// a split that the other side does not make.
	Continuation float64
	// Break is the cost per unit of difference between the breaks after
	// the two sides (0 inline, 1 line, 2 paragraph), and per break swallowed
	// inside a bead.
	Break float64
	// CutAlone is the cost of leaving out a cut mark ("<...>") on its own;
	// CutBeside that of an omission next to the other side's cut mark;
	// CutMatch the cost of a cut mark facing a cut mark (negative: a sure
	// bead); CutMismatch that of a cut mark in any other bead.
	CutAlone, CutBeside, CutMatch, CutMismatch float64
	// Band is the starting half-width, in sentences, of the search band
	// around the anchor path. The band doubles for as long as the best path
	// touches its edge, so it starts narrow: a translation's path keeps
	// close to its anchors (with 6 rather than 12, every output of make
	// eval and of a 5,000-line document with 60- and 40-line passages
	// left out was byte-identical, and the 5,000 WMT lines aligned 17 %
	// faster; with 4, some beads changed: the doubling is a heuristic).
	Band int
}

// DefaultCosts returns the cost model's constants.
func DefaultCosts() *Costs {
	return &Costs{
		Omission: 4.0, OmissionRun: 2.0, Merge: 2.3, Merge22: 4.4, Merge31: 4.6, Merge5: 5.5, Merge6: 6.5, Merge33: 8,
		LengthVariance: 6.8,
		Anchor:         1.5, Unmatched: 0.8,
		Cognate: 0.4, MaxCognates: 6,
		Similarity: 9, SimilarityBase: 0.15, SimilarityWords: 8,
		Stray: 2.0, StrayShared: 1, Displaced: 2, Continuation: 1.5,
		Break:    0.8,
		CutAlone: 0.5, CutBeside: 1, CutMatch: -3, CutMismatch: 30,
		Band: 6,
	}
}

// beadShapes are the links the aligner may make: (source, target) sentence
// counts; Costs gives the prior of each. Every shape of up to five
// sentences, then (from sixSentences on) 5-1, 1-5 and 3-3.
var beadShapes = [...]struct{ src, tgt int }{
	{1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 2}, {3, 1}, {1, 3},
	{4, 1}, {1, 4}, {3, 2}, {2, 3},
	{5, 1}, {1, 5}, {3, 3},
}

// sixSentences is the index in beadShapes of the first six-sentence shape.
const sixSentences = 12

// maxBead is the most sentences of one side a bead holds.
const maxBead = 5

// priors returns the prior cost of each of beadShapes.
func (c *Costs) priors() [len(beadShapes)]float64 {
	return [...]float64{0, c.Omission, c.Omission, c.Merge, c.Merge, c.Merge22, c.Merge31, c.Merge31,
		c.Merge5, c.Merge5, c.Merge5, c.Merge5, c.Merge6, c.Merge6, c.Merge33}
}

// sentence is what the aligner knows of one sentence.
type sentence struct {
	size     float64 // characters other than spaces
	anchors  []int32 // document-local anchor ids, sorted, unique
	cognates []int32 // document-local word skeleton ids, sorted, unique
	bag      sim.Bag // meaning, when Options.Similarity is set
	strongW  float64 // weight of its anchors of the strong kinds
	anchorW  float64 // weight of all its anchors: the most it can share
	omitted  bool    // "<...>": an editor's mark of a cut passage
	noText   bool    // no letter or digit: "*****", "- _-", a lone emoji
	// open: the sentence does not close (it ends with ",", ";", ":" or a
	// dash, or without final punctuation before one that starts in lower
	// case): the next one continues it.
	open     bool
	breakAft int // 0 inline, 1 line break, 2 paragraph break after it
}

// Align aligns the sentences of src (spans srcSents) with those of
// tgt (spans tgtSents) and returns the beads in order, covering every
// sentence of both sides exactly once.
func Align(src, tgt string, srcSents, tgtSents []corpus.Span, opt Options) []corpus.Bead {
	return Prepare(src, tgt, srcSents, tgtSents, opt).Align()
}

// Doc is a pair of documents prepared for alignment: the anchors,
// cognates, lengths and breaks of every sentence. Aligning it again with
// another similarity model (the second pass of align.Pairs, with the
// lexicon the first taught) repeats none of that work, nor the anchor and
// cognate features of the band's cells. A Doc is not safe for concurrent
// use.
type Doc struct {
	a                  *aligner
	src, tgt           string
	srcSents, tgtSents []corpus.Span
}

// Prepare prepares the sentences of src and tgt for alignment with opt.
func Prepare(src, tgt string, srcSents, tgtSents []corpus.Span, opt Options) *Doc {
	d := &Doc{src: src, tgt: tgt, srcSents: srcSents, tgtSents: tgtSents}
	if len(srcSents) > 0 && len(tgtSents) > 0 {
		d.a = newAligner(src, tgt, srcSents, tgtSents, opt)
	}
	return d
}

// Align aligns the document's sentences and returns the beads in order,
// covering every sentence of both sides exactly once.
func (d *Doc) Align() []corpus.Bead {
	n, m := len(d.srcSents), len(d.tgtSents)
	switch {
	case n == 0 && m == 0:
		return nil
	case n == 0:
		return []corpus.Bead{{TgtEnd: m}}
	case m == 0:
		return []corpus.Bead{{SrcEnd: n}}
	}
	return d.a.run()
}

// SetSimilarity replaces the similarity model (Options.Similarity) the
// document was prepared with: Align then returns the beads a Doc
// prepared with m would, searched in a band no narrower than the last
// alignment's (see run).
func (d *Doc) SetSimilarity(m sim.Model) {
	if d.a == nil {
		return
	}
	a := d.a
	a.opt.Similarity = m
	a.s, a.t = a.bagsOfBoth(a.s, a.t, d.src, d.tgt, d.srcSents, d.tgtSents)
	a.sumS, a.sumT = sums(a.sumS, a.s), sums(a.sumT, a.t)
	for i := range a.cacheBuf {
		a.cacheBuf[i].meant = false
	}
}

type aligner struct {
	opt    Options
	s, t   []sentence
	weight []float64 // anchor id -> weight
	strong []bool    // anchor id -> of a kind a translation keeps (numbers, dates, flags, hashtags, Latin)
	ratio  float64   // expected target/source length ratio
	costs  *Costs
	priors [len(beadShapes)]float64
	center []float64 // row -> band centre column
	// marksS and marksT count the cut marks ("<...>") of each side.
	marksS, marksT int
	// cache[i][j-cacheBase[i]] holds pairFeatures(i, j) for the cells the
	// band's beads can reach.
	cache     [][]cachedFeatures
	cacheBase []int
	// Buffers of the band, reused when it widens.
	cacheBuf []cachedFeatures
	costBuf  []float64
	backBuf  []uint8
	// cacheW is the band half-width the cache is laid out for (0: none).
	cacheW int
	// sumS and sumT are the running sums of each side's sentences, which
	// mergeFloor reads for a run of sentences in a few loads.
	sumS, sumT []sentenceSums
	// copies counts a merged bead's source copies of each anchor or
	// cognate id (zero between beads); shared gathers the ids it shares.
	copies []int32
	shared []int32
	// unionS and unionT gather a merged bead's terms (see mergedMeaning).
	unionS, unionT []sim.Term
	// floors: the costs' rewards and penalties have the signs mergeFloor
	// assumes (the defaults do).
	floors bool
}

// shapes returns how many of beadShapes the aligner tries: the
// six-sentence ones only with a similarity model (see Costs.Merge6).
// Without one (the first pass, whose beads teach the lexicon) they would
// be told from their splits by length and anchors alone: the first pass
// spares their cost, and its beads are no worse for it.
func (a *aligner) shapes() int {
	if a.opt.Similarity == nil {
		return sixSentences
	}
	return len(beadShapes)
}

// sentenceSums are the sums over a side's sentences before one: of what
// they can share, of their lengths and masses, of the breaks and
// continuations after them, of their cut marks.
type sentenceSums struct {
	anchorW, strongW, size, mass  float64
	cognates, breaks, open, marks int
}

// sums returns the running sums of side (one more than its sentences).
func sums(buf []sentenceSums, side []sentence) []sentenceSums {
	buf = grow(buf, len(side)+1)
	for i, s := range side {
		p := buf[i]
		p.anchorW += s.anchorW
		p.strongW += s.strongW
		p.size += s.size
		p.mass += float64(s.bag.Mass)
		p.cognates += len(s.cognates)
		p.breaks += s.breakAft
		if s.open {
			p.open++
		}
		if s.omitted {
			p.marks++
		}
		buf[i+1] = p
	}
	return buf
}

// cachedFeatures is a cell's pairFeatures, in 32 bytes where the struct
// and its flags took 40 (the band's cache is the run's largest block of
// new memory): done when its anchors and cognates are counted, meant when
// its meaning is measured (which a new similarity model undoes).
type cachedFeatures struct {
	anchors, strong, meaning float64
	cognates                 int32 // a sentence's words: far fewer
	done, meant              bool
}

func newAligner(src, tgt string, srcSents, tgtSents []corpus.Span, opt Options) *aligner {
	a := &aligner{opt: opt, costs: opt.Costs}
	if a.costs == nil {
		a.costs = DefaultCosts()
	}
	a.priors = a.costs.priors()
	c := a.costs
	a.floors = c.Anchor >= 0 && c.Cognate >= 0 && c.Continuation >= 0 && c.Unmatched >= 0 &&
		c.Stray >= 0 && c.Break >= 0 && c.LengthVariance > 0 && c.Similarity >= 0 && c.Displaced >= 0
	// The two sides are prepared at once, each numbering its anchors and
	// cognates by itself; the target's ids are then renumbered as one map
	// filled source first would have numbered them (see joinIDs).
	if len(srcSents)+len(tgtSents) < minConcurrent {
		// A post: one numbering, source first, on this goroutine.
		var ids sideIDs
		a.s = prepare(src, srcSents, opt.SourceLang, &ids)
		a.t = prepare(tgt, tgtSents, opt.TargetLang, &ids)
		a.strong = ids.strong
	} else {
		srcIDs, tgtIDs := sideIDs{keys: []string{}}, sideIDs{keys: []string{}}
		both(len(srcSents)+len(tgtSents), func() {
			a.s = prepare(src, srcSents, opt.SourceLang, &srcIDs)
		}, func() {
			a.t = prepare(tgt, tgtSents, opt.TargetLang, &tgtIDs)
		})
		a.strong = joinIDs(&srcIDs, &tgtIDs, a.t)
	}
	nIDs := len(a.strong)
	a.s, a.t = a.bagsOfBoth(a.s, a.t, src, tgt, srcSents, tgtSents)
	a.copies = make([]int32, nIDs)
	// Weight anchors by their rarity within the document: a number in every
	// sentence tells no sentence apart.
	df := make([]int, nIDs)
	for _, side := range [][]sentence{a.s, a.t} {
		for _, s := range side {
			for _, id := range s.anchors {
				df[id]++
			}
		}
	}
	a.weight = make([]float64, nIDs)
	for id := range a.weight {
		a.weight[id] = 2 / float64(df[id])
	}
	for _, side := range [][]sentence{a.s, a.t} {
		for i := range side {
			side[i].strongW = a.strongTotal(&side[i])
			for _, id := range side[i].anchors {
				side[i].anchorW += a.weight[id]
			}
		}
	}
	var ls, lt float64
	for _, s := range a.s {
		ls += s.size
		if s.omitted {
			a.marksS++
		}
	}
	for _, t := range a.t {
		lt += t.size
		if t.omitted {
			a.marksT++
		}
	}
	a.sumS, a.sumT = sums(nil, a.s), sums(nil, a.t)
	a.ratio = measure.LengthRatio(opt.SourceLang, opt.TargetLang)
	if ls > 200 && lt > 200 {
		// The document's own ratio, pulled towards the language pair's.
		a.ratio = math.Sqrt(a.ratio * lt / ls)
	}
	return a
}

// sideIDs numbers the anchors and cognates of one side (or of both, one
// after the other), in the order they are first met: ids maps each key to
// its id, keys (kept unless nil: for joinIDs) and strong are by id
// (strong: the anchor is of a kind a translation keeps, as first met).
type sideIDs struct {
	ids    map[string]int32
	keys   []string
	strong []bool
}

// joinIDs renumbers the target side's ids as one map filled with the
// source side's keys first, then the target's, would have numbered them
// (the source's ids stand), sorts each target sentence's ids again, and
// returns strong by joint id.
func joinIDs(src, tgt *sideIDs, side []sentence) []bool {
	strong := src.strong
	to := make([]int32, len(tgt.keys))
	next := int32(len(src.keys))
	for k, key := range tgt.keys {
		id, ok := src.ids[key]
		if !ok {
			id = next
			next++
			strong = append(strong, tgt.strong[k])
		}
		to[k] = id
	}
	for i := range side {
		s := &side[i]
		for k, id := range s.anchors {
			s.anchors[k] = to[id]
		}
		for k, id := range s.cognates {
			s.cognates[k] = to[id]
		}
		slices.Sort(s.anchors) // renumbering keeps them distinct
		slices.Sort(s.cognates)
	}
	return strong
}

// prepare returns what the aligner knows of the sentences of one side,
// their anchors and cognates numbered in ids.
func prepare(text string, spans []corpus.Span, lang string, ids *sideIDs) []sentence {
	out := make([]sentence, len(spans))
	if ids.ids == nil {
		ids.ids = make(map[string]int32)
	}
	var anchors []anchor.Anchor
	var key []byte
	cogs := cognateCaches.Get().(*anchor.CognateCache)
	defer cognateCaches.Put(cogs)
	// intern returns the id of key k; a new key is strong or not as
	// strong says.
	intern := func(k []byte, strong bool) int32 {
		id, ok := ids.ids[string(k)]
		if !ok {
			id = int32(len(ids.strong))
			key := string(k)
			ids.ids[key] = id
			if ids.keys != nil {
				ids.keys = append(ids.keys, key)
			}
			ids.strong = append(ids.strong, strong)
		}
		return id
	}
	for i, sp := range spans {
		s := &out[i]
		t := text[sp.Start:sp.End]
		s.omitted = anchor.IsCutMark(t)
		s.noText = !s.omitted
		for _, r := range t {
			// No space between U+0100 and U+167F (Cyrillic among them):
			// spared the Unicode table.
			if 0x100 <= r && r < 0x1680 || !unicode.IsSpace(r) {
				s.size++
			}
			if s.noText && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				s.noText = false
			}
		}
		if i+1 < len(spans) {
			s.open = continues(t, text[spans[i+1].Start:spans[i+1].End])
		}
		// What follows the sentence: a paragraph break, a line break, or more text.
		end := len(text)
		if i+1 < len(spans) {
			end = spans[i+1].Start
		}
		switch nl := strings.Count(text[sp.End:end], "\n"); {
		case nl >= 2 || i+1 == len(spans):
			s.breakAft = 2
		case nl == 1:
			s.breakAft = 1
		}
		anchors = anchor.Append(anchors[:0], t, lang)
		for _, an := range anchors {
			if an.Kind == anchor.Emoji {
				continue
			}
			key = append(append(append(key[:0], an.Kind.String()...), ':'), an.Key...)
			strong := an.Kind != anchor.Name && an.Kind != anchor.Quote && !(an.Kind == anchor.Number && anchor.IsRatio(an.Key)) &&
				!(an.Kind == anchor.Latin && isLowerWord(t[an.Start:an.End]))
			s.anchors = append(s.anchors, intern(key, strong))
		}
		if s.omitted {
			s.anchors = append(s.anchors, intern([]byte("mark:<...>"), false))
		}
		slices.Sort(s.anchors)
		s.anchors = slices.Compact(s.anchors)
		key = anchor.AppendCognates(key, t, lang, cogs, func(k string) {
			s.cognates = append(s.cognates, intern([]byte("cog:"+k), false))
		})
		slices.Sort(s.cognates)
		s.cognates = slices.Compact(s.cognates)
	}
	uninformativeBreaks(out)
	return out
}

// isLowerWord reports whether w is all lower-case letters: a word of
// foreign text quoted in Cyrillic ("bomb explosion"), which a translation
// into a Latin-script language keeps as plain words, not as anchors.
func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return w != ""
}

// uninformativeBreaks clears the breaks of a side whose every sentence
// ends its line (one sentence per line): such breaks tell no sentence apart.
func uninformativeBreaks(side []sentence) {
	if len(side) < 2 {
		return
	}
	for _, s := range side[:len(side)-1] {
		if s.breakAft != 1 {
			return
		}
	}
	for i := range side[:len(side)-1] {
		side[i].breakAft = 0
	}
}

// bagsOfBoth sets the meaning of the sentences of both sides with
// Options.Similarity: at once on two goroutines, unless the model's source
// bags number new stems (then the target's stems would get other ids).
func (a *aligner) bagsOfBoth(s, t []sentence, src, tgt string, srcSents, tgtSents []corpus.Span) ([]sentence, []sentence) {
	if a.opt.Similarity == nil || !sim.SourceNumbersNone(a.opt.Similarity) {
		s = a.bags(s, src, srcSents, true) // source first: its stems are numbered first
		return s, a.bags(t, tgt, tgtSents, false)
	}
	both(len(s)+len(t), func() {
		s = a.bags(s, src, srcSents, true)
	}, func() {
		t = a.bags(t, tgt, tgtSents, false)
	})
	return s, t
}

// minConcurrent is the least number of sentences whose work both splits
// over two goroutines: a post of a few sentences is not worth one (a build
// aligns many at once already).
const minConcurrent = 64

// both runs f and g, at once on two goroutines when they do the work of n
// sentences and n reaches minConcurrent.
func both(n int, f, g func()) {
	if n < minConcurrent {
		f()
		g()
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		g()
	}()
	f()
	<-done
}

// bags sets the meaning of every sentence of one side with
// Options.Similarity (none when it is nil).
func (a *aligner) bags(out []sentence, text string, spans []corpus.Span, source bool) []sentence {
	m := a.opt.Similarity
	if m != nil && source {
		texts := make([]string, len(spans))
		for i, sp := range spans {
			texts[i] = text[sp.Start:sp.End]
		}
		sim.PrefetchSources(m, texts)
	}
	for i, sp := range spans {
		t := text[sp.Start:sp.End]
		switch {
		case m == nil:
			out[i].bag = sim.Bag{}
		case source:
			out[i].bag = m.Source(t)
		default:
			out[i].bag = m.Target(t)
		}
	}
	return out
}

// cognateCaches lend each alignment a cache of cognate keys: words repeat
// across the documents of a corpus, and transliterating them is most of
// what preparing a document costs.
var cognateCaches = sync.Pool{New: func() any { return anchor.NewCognateCache() }}

// pairFeatures is what one source sentence and one target sentence share.
type pairFeatures struct {
	anchors  float64 // weight of shared anchors
	strong   float64 // weight of shared anchors of the strong kinds
	cognates int
	meaning  float64 // the overlap of the two sentences' bags
}

// pairFeatures returns what source sentence i and target sentence j
// share, from the band's cache when the cell is in it.
func (a *aligner) pairFeatures(i, j int) pairFeatures {
	if c := a.cell(i, j); c != nil {
		if !c.done {
			a.countShared(c, i, j)
		}
		if !c.meant {
			c.meaning, c.meant = a.meaning(i, j), true
		}
		return pairFeatures{anchors: c.anchors, strong: c.strong, cognates: int(c.cognates), meaning: c.meaning}
	}
	f := a.sharedFeatures(i, j)
	f.meaning = a.meaning(i, j)
	return f
}

// cell returns the band cache's cell of source sentence i and target
// sentence j, nil when the band's beads cannot reach it.
func (a *aligner) cell(i, j int) *cachedFeatures {
	if i < len(a.cacheBase) {
		if k := j - a.cacheBase[i]; k >= 0 && k < len(a.cache[i]) {
			return &a.cache[i][k]
		}
	}
	return nil
}

// countShared counts into cell c (of sentences i and j) what the two
// sentences share of anchors and cognates.
func (a *aligner) countShared(c *cachedFeatures, i, j int) {
	f := a.sharedFeatures(i, j)
	c.anchors, c.strong, c.cognates, c.done = f.anchors, f.strong, int32(f.cognates), true
}

// cellMeaning is the meaning of pairFeatures(i, j), from the band's cache
// when the cell is in it, without counting the cell's anchors and
// cognates.
func (a *aligner) cellMeaning(i, j int) float64 {
	if c := a.cell(i, j); c != nil {
		if !c.meant {
			c.meaning, c.meant = a.meaning(i, j), true
		}
		return c.meaning
	}
	return a.meaning(i, j)
}

// cellShared is the anchors' weight and the cognates that source sentence
// i and target sentence j share (pairFeatures without the meaning), from
// the band's cache when the cell is in it.
func (a *aligner) cellShared(i, j int) (anchors float64, cognates int) {
	if c := a.cell(i, j); c != nil {
		if !c.done {
			a.countShared(c, i, j)
		}
		return c.anchors, int(c.cognates)
	}
	f := a.sharedFeatures(i, j)
	return f.anchors, f.cognates
}

// displaced is what the end of the bead [i0, i1) × [j0, j1) cuts apart
// (see Costs.Displaced), in units of reward: the anchors and cognates its
// last source sentence shares with the next target sentence and with none
// of the bead's, and the same of its last target sentence and the next
// source sentence. The band's cache answers most beads: a cut sentence
// that shares nothing with the next one, or nothing with the bead's other
// side, needs no list compared.
func (a *aligner) displaced(i0, i1, j0, j1 int) float64 {
	var d float64
	if j1 < len(a.t) {
		if aw, cg := a.cellShared(i1-1, j1); aw > 0 || cg > 0 {
			inBead := false
			for j := j0; j < j1 && !inBead; j++ {
				w, n := a.cellShared(i1-1, j)
				inBead = w > 0 || n > 0
			}
			d += a.cut(&a.s[i1-1], &a.t[j1], a.t[j0:j1], aw, cg, inBead)
		}
	}
	if i1 < len(a.s) {
		if aw, cg := a.cellShared(i1, j1-1); aw > 0 || cg > 0 {
			inBead := false
			for i := i0; i < i1 && !inBead; i++ {
				w, n := a.cellShared(i, j1-1)
				inBead = w > 0 || n > 0
			}
			d += a.cut(&a.t[j1-1], &a.s[i1], a.s[i0:i1], aw, cg, inBead)
		}
	}
	return d
}

// cut is one side of displaced: what sentence last shares with next (aw
// of anchors' weight, cg cognates) and with no sentence of bead, the
// other side's sentences of the bead; inBead says whether last shares
// anything with them.
func (a *aligner) cut(last, next *sentence, bead []sentence, aw float64, cg int, inBead bool) float64 {
	c := a.costs
	if !inBead {
		return c.Anchor*aw + c.Cognate*float64(cg)
	}
	// Both: compare the lists, leaving out what the bead shares.
	var d float64
	sorted.Intersect(last.anchors, next.anchors, func(id int32) {
		if !anyHolds(bead, id, false) {
			d += c.Anchor * a.weight[id]
		}
	})
	sorted.Intersect(last.cognates, next.cognates, func(id int32) {
		if !anyHolds(bead, id, true) {
			d += c.Cognate
		}
	})
	return d
}

// anyHolds reports whether a sentence of side has anchor (cognate when
// cognates is set) id.
func anyHolds(side []sentence, id int32, cognates bool) bool {
	for k := range side {
		ids := side[k].anchors
		if cognates {
			ids = side[k].cognates
		}
		if _, ok := slices.BinarySearch(ids, id); ok {
			return true
		}
	}
	return false
}

// meaning is the overlap of the bags of source sentence i and target
// sentence j.
func (a *aligner) meaning(i, j int) float64 {
	if a.opt.Similarity == nil {
		return 0
	}
	return sim.Overlap(a.s[i].bag, a.t[j].bag)
}

// sharedFeatures returns the anchors and cognates source sentence i and
// target sentence j share.
func (a *aligner) sharedFeatures(i, j int) pairFeatures {
	s, t := &a.s[i], &a.t[j]
	var f pairFeatures
	sorted.Intersect(s.anchors, t.anchors, func(id int32) {
		f.anchors += a.weight[id]
		if a.strong[id] {
			f.strong += a.weight[id]
		}
	})
	sorted.Intersect(s.cognates, t.cognates, func(int32) { f.cognates++ })
	return f
}

// strongTotal is the weight of a sentence's anchors of the kinds a
// translation keeps.
func (a *aligner) strongTotal(s *sentence) float64 {
	var w float64
	for _, id := range s.anchors {
		if a.strong[id] {
			w += a.weight[id]
		}
	}
	return w
}

// firstMerge is the index in beadShapes of the first merge (2-1): after
// 1-1 and the omissions, which set the cell's best so far.
const firstMerge = 3

// mergeFloor is a lower bound of the cost of the merged bead
// beadCost(i0, i1, j0, j1, shape): its prior and the penalties it pays
// whatever its sentences share (its length term, its breaks, the strong
// anchors one side has beyond the other's), less all the rewards it could
// earn (every anchor and cognate of the side with fewer shared, every
// sentence continued) and the meaning its sentence pairs share (see
// meaningShortfall), the other penalties taken as 0. Cheaper than the
// cost (no shared anchors counted), it lets the dynamic programme skip the
// beads that cannot beat the cell's best; it is lowered by a margin far
// above the rounding of the sums, so that skipping never changes a
// comparison the cost would have won. Once the floor reaches budget (the
// cell's best less the path to the bead's start), nothing more is added:
// the bead is skipped anyway.
func (a *aligner) mergeFloor(i0, i1, j0, j1, shape int, budget float64) float64 {
	return a.finishFloor(a.floorRewards(i0, i1, j0, j1, shape), i0, i1, j0, j1, budget)
}

// finishFloor returns mergeFloor from the floor of the bead's rewards:
// it adds the meaning the rewards' floor allowed and the bead does not
// earn, then the penalties, each only while the floor is under budget.
// It reads the band's cache, so it runs on the programme's goroutine.
func (a *aligner) finishFloor(floor float64, i0, i1, j0, j1 int, budget float64) float64 {
	if floor-1e-6 < budget {
		floor += a.meaningShortfall(i0, i1, j0, j1)
	}
	if floor-1e-6 < budget {
		if p, ok := a.floorPenalties(i0, i1, j0, j1); ok {
			floor += p
		}
	}
	return floor - 1e-6
}

// meaningShortfall is what the bead's meaning earns less than floorRewards
// allowed it: the floor takes its meaning to be the smaller side's mass,
// this the sum of its cells' overlaps (which the band's cache keeps), no
// less than what the bead's cost counts (mergedMeaning) and, on most
// beads, as much. Adding it makes the meaning term of the floor nearly
// exact, where a loose one let a quarter of the merged beads of a pass
// with meaning through to be costed.
func (a *aligner) meaningShortfall(i0, i1, j0, j1 int) float64 {
	c := a.costs
	massS, massT := a.sumS[i1].mass-a.sumS[i0].mass, a.sumT[j1].mass-a.sumT[j0].mass
	if massS <= 0 || massT <= 0 {
		return 0
	}
	var meaning float64
	for i := i0; i < i1; i++ {
		for j := j0; j < j1; j++ {
			meaning += a.cellMeaning(i, j)
		}
	}
	return c.meaningReward(min(massS, massT), massS, massT) - c.meaningReward(meaning, massS, massT)
}

// floorRewards is mergeFloor's prior less the rewards the bead could earn,
// before any penalty.
func (a *aligner) floorRewards(i0, i1, j0, j1, shape int) float64 {
	c := a.costs
	s0, s1, t0, t1 := &a.sumS[i0], &a.sumS[i1], &a.sumT[j0], &a.sumT[j1]
	massS, massT := s1.mass-s0.mass, t1.mass-t0.mass
	// The breaks and continuations inside the bead: after every sentence
	// but the last of each side.
	open := a.sumS[i1-1].open - s0.open + a.sumT[j1-1].open - t0.open
	// A merged bead shares an anchor or cognate as often as the side with
	// fewer copies holds it (mergedShared): no more than that side has.
	floor := a.priors[shape] - c.Anchor*min(s1.anchorW-s0.anchorW, t1.anchorW-t0.anchorW) -
		c.Cognate*float64(min(s1.cognates-s0.cognates, t1.cognates-t0.cognates, c.maxCognates(i1-i0, j1-j0))) - c.Continuation*float64(open)
	// The bead shares at most the smaller side's mass (finishFloor then
	// counts what it shares).
	return floor - c.meaningReward(min(massS, massT), massS, massT)
}

// maxCognates is the most cognates a bead of ns source and nt target
// sentences is rewarded for: MaxCognates per sentence pair of its diagonal.
func (c *Costs) maxCognates(ns, nt int) int { return c.MaxCognates * min(ns, nt) }

// meaningReward is the meaning term's reward (see Similarity) for a bead
// whose sides know massS and massT words and share shared of them: one
// formula for the cost and its floors.
func (c *Costs) meaningReward(shared, massS, massT float64) float64 {
	known := massS + massT
	if known <= 0 {
		return 0
	}
	dice := 2 * min(shared, massS, massT) / known
	return c.Similarity * (dice - c.SimilarityBase) * min(1, known/c.SimilarityWords)
}

// floorPenalties returns the penalties mergeFloor adds to the rewards'
// floor, false for a bead with a cut mark (it costs CutMismatch instead).
func (a *aligner) floorPenalties(i0, i1, j0, j1 int) (float64, bool) {
	c := a.costs
	s0, s1, t0, t1 := &a.sumS[i0], &a.sumS[i1], &a.sumT[j0], &a.sumT[j1]
	if s1.marks != s0.marks || t1.marks != t0.marks {
		return 0, false
	}
	breaks := a.sumS[i1-1].breaks - s0.breaks + a.sumT[j1-1].breaks - t0.breaks
	breaks += max(a.s[i1-1].breakAft-a.t[j1-1].breakAft, a.t[j1-1].breakAft-a.s[i1-1].breakAft)
	return lengthCost(s1.size-s0.size, t1.size-t0.size, a.ratio, c.LengthVariance) +
		c.Unmatched*math.Abs((s1.strongW-s0.strongW)-(t1.strongW-t0.strongW)) + c.Break*float64(breaks), true
}

// beadCost is the cost (about -ln P) of aligning source sentences [i0, i1)
// with target sentences [j0, j1); shape is the index in beadShapes.
func (a *aligner) beadCost(i0, i1, j0, j1, shape int) float64 {
	c := a.costs
	cost := a.priors[shape]
	if i0 == i1 || j0 == j1 {
		// An omission. A cut mark ("<...>") standing alone is cheap to leave
		// out: it is the trace of one.
		side, lo, hi := a.s, i0, i1
		if i0 == i1 {
			side, lo, hi = a.t, j0, j1
		}
		if (side[lo].omitted || side[lo].noText) && hi == lo+1 {
			return c.CutAlone
		}
		// Beside a cut mark on the other side, the sentences it stands for
		// are expected to be missing — when that side has marks this one
		// lacks; marks on both sides stand for each other ("<...>" ↔ "<...>").
		other, at, extra := a.t, j0, a.marksT > a.marksS
		if i0 == i1 {
			other, at, extra = a.s, i0, a.marksS > a.marksT
		}
		if extra && (at > 0 && other[at-1].omitted || at < len(other) && other[at].omitted) {
			return c.CutBeside
		}
		return cost
	}
	var ls, lt, totS, totT float64
	marksS, marksT := 0, 0
	for i := i0; i < i1; i++ {
		ls += a.s[i].size
		totS += a.s[i].strongW
		if a.s[i].omitted {
			marksS++
		}
	}
	for j := j0; j < j1; j++ {
		lt += a.t[j].size
		totT += a.t[j].strongW
		if a.t[j].omitted {
			marksT++
		}
	}
	if marksS > 0 || marksT > 0 {
		// A cut mark matches only a cut mark.
		if marksS == i1-i0 && marksT == j1-j0 && shape == 0 {
			return c.CutMatch
		}
		return c.CutMismatch
	}
	cost += lengthCost(ls, lt, a.ratio, c.LengthVariance)
	var shared, sharedStrong, meaning, massS, massT float64
	var cog int
	var hitS, hitT [maxBead]uint8 // what each sentence shares (see strayCount)
	for i := i0; i < i1; i++ {
		massS += float64(a.s[i].bag.Mass)
		for j := j0; j < j1; j++ {
			f := a.pairFeatures(i, j)
			shared += f.anchors
			sharedStrong += f.strong
			cog += f.cognates
			meaning += f.meaning
			if f.anchors > 0 || f.cognates > 0 {
				hitS[i-i0], hitT[j-j0] = sharesAnchor, sharesAnchor
			} else if c.StrayShared > 0 && f.meaning >= c.StrayShared {
				hitS[i-i0], hitT[j-j0] = max(hitS[i-i0], sharesMeaning), max(hitT[j-j0], sharesMeaning)
			}
		}
	}
	for j := j0; j < j1; j++ {
		massT += float64(a.t[j].bag.Mass)
	}
	if i1-i0 > 1 || j1-j0 > 1 {
		// The cells count an anchor once for every sentence pair that
		// shares it; the bead shares it as often as the side with fewer
		// copies holds it.
		shared, sharedStrong, cog = a.mergedShared(i0, i1, j0, j1, shared > 0, cog > 0)
		// And a word of meaning once, however many of its sentence pairs
		// share it.
		if meaning > 0 {
			meaning = a.mergedMeaning(i0, i1, j0, j1, meaning)
		}
	}
	// Numbers, dates and the like on one side only speak against a bead;
	// names found by capitalisation do not (English capitalises more).
	unmatched := max(0, totS+totT-2*sharedStrong)
	cost += -c.Anchor*shared + c.Unmatched*unmatched
	cost -= c.Cognate * float64(min(cog, c.maxCognates(i1-i0, j1-j0)))
	cost -= c.meaningReward(meaning, massS, massT)
	// In a merged bead every sentence should have something of the other
	// side: a sentence with anchors or cognates of its own, none of them
	// shared and little of its meaning, while its partner shares some, is
	// likely one the translator added or dropped.
	if i1-i0 > 1 || j1-j0 > 1 {
		cost += c.Stray * strayCount(a.s[i0:i1], a.t[j0:j1], hitS[:i1-i0], hitT[:j1-j0])
	}
	if c.Displaced > 0 {
		cost += c.Displaced * a.displaced(i0, i1, j0, j1)
	}
	// A sentence that the next continues belongs in its bead; one without
	// text (a row of dots) belongs in none.
	for i := i0; i < i1; i++ {
		if i+1 < i1 && a.s[i].open {
			cost -= c.Continuation
		}
		if a.s[i].noText && i1-i0 > 1 {
			cost += c.Stray
		}
	}
	for j := j0; j < j1; j++ {
		if j+1 < j1 && a.t[j].open {
			cost -= c.Continuation
		}
		if a.t[j].noText && j1-j0 > 1 {
			cost += c.Stray
		}
	}
	// Line and paragraph breaks are soft anchors: a bead should end where
	// both sides break, and not swallow a paragraph break.
	bs, bt := a.s[i1-1].breakAft, a.t[j1-1].breakAft
	cost += c.Break * math.Abs(float64(bs-bt))
	for i := i0; i < i1-1; i++ {
		cost += c.Break * float64(a.s[i].breakAft)
	}
	for j := j0; j < j1-1; j++ {
		cost += c.Break * float64(a.t[j].breakAft)
	}
	return cost
}

// mergedShared returns the weight of the anchors, of the strong
// anchors, and the number of cognates that source sentences [i0, i1) and
// target sentences [j0, j1) share, each counted as often as the side with
// fewer copies of it holds it.
//
// The bead's sentences share an id only if two of them do: anyAnchor and
// anyCognate, false when no source sentence shares an anchor or cognate
// with a target one, spare the count whose answer is 0.
func (a *aligner) mergedShared(i0, i1, j0, j1 int, anyAnchor, anyCognate bool) (shared, strong float64, cog int) {
	if anyAnchor {
		shared, strong = a.mergedAnchors(i0, i1, j0, j1)
	}
	if anyCognate {
		cog = len(a.matches(a.shared[:0], i0, i1, j0, j1, true))
	}
	return shared, strong, cog
}

// mergedMeaning is the meaning a merged bead shares: the overlap of its
// source sentences' bags, merged, with its target sentences' (see
// sim.MergeBags), in which a word counts once; but no more than cells, the
// sum of its sentence pairs' overlaps, each capped by the two sentences'
// masses (a word matches once, however many translations a lexicon lends
// it), as the merged bags no longer are. The sum alone, which the merge
// floors take (an upper bound, so the floors stay floors), counts a word
// once per sentence pair holding it: two sentences on a topic ("camp",
// "glacier") then shared it twice in a 2-2 bead, and merging beads earned
// meaning that splitting them did not (Text+Berg without MT 0.889 → 0.892,
// fr→de 0.885 → 0.895; with MT 0.912 → 0.916, fr→de unchanged; the WMT
// sets and mfa-sample unchanged, with the dictionary too).
func (a *aligner) mergedMeaning(i0, i1, j0, j1 int, cells float64) float64 {
	a.unionS = mergedTerms(a.unionS, a.s[i0:i1])
	a.unionT = mergedTerms(a.unionT, a.t[j0:j1])
	return min(cells, sim.WeightedOverlap(sim.Bag{Terms: a.unionS}, sim.Bag{Terms: a.unionT}, nil))
}

// mergedTerms returns the terms of side's bags merged, in buf.
func mergedTerms(buf []sim.Term, side []sentence) []sim.Term {
	buf = buf[:0]
	for k := range side {
		buf = append(buf, side[k].bag.Terms...)
	}
	return sim.MergeTerms(buf)
}

// mergedAnchors returns the weight of the anchors, and of the strong
// anchors, that source sentences [i0, i1) and target sentences [j0, j1)
// share, as mergedShared counts them.
func (a *aligner) mergedAnchors(i0, i1, j0, j1 int) (shared, strong float64) {
	// Summed in the order of the ids, as Intersect on the two sides' lists
	// merged and sorted summed them: the same floating-point sums.
	a.shared = a.matches(a.shared[:0], i0, i1, j0, j1, false)
	slices.Sort(a.shared)
	for _, id := range a.shared {
		shared += a.weight[id]
		if a.strong[id] {
			strong += a.weight[id]
		}
	}
	return shared, strong
}

// matches appends to buf, in no particular order, the anchors (cognates
// when cognates is set) that source sentences [i0, i1) and target
// sentences [j0, j1) share, each as often as the side with fewer copies
// holds it: each target copy takes a source copy left. It merges and sorts
// no lists (they are long: a sentence has a cognate for most words).
func (a *aligner) matches(buf []int32, i0, i1, j0, j1 int, cognates bool) []int32 {
	ids := func(s *sentence) []int32 {
		if cognates {
			return s.cognates
		}
		return s.anchors
	}
	for i := i0; i < i1; i++ {
		for _, id := range ids(&a.s[i]) {
			a.copies[id]++
		}
	}
	for j := j0; j < j1; j++ {
		for _, id := range ids(&a.t[j]) {
			if a.copies[id] > 0 {
				a.copies[id]--
				buf = append(buf, id)
			}
		}
	}
	for i := i0; i < i1; i++ {
		for _, id := range ids(&a.s[i]) {
			a.copies[id] = 0
		}
	}
	return buf
}

// What a sentence of a merged bead shares with the bead's other side.
const (
	sharesNothing uint8 = iota
	sharesMeaning       // StrayShared words of meaning or more
	sharesAnchor        // an anchor or a cognate
)

// strayCount counts, in a merged bead, each sentence that has anchors or
// cognates, shares nothing with the other side (see the shares
// constants), and sits beside one that shares an anchor or a cognate.
// Meaning saves a sentence from being a stray, but does not make its
// neighbours ones: words in common are weaker evidence than an anchor,
// and counted as sharing they made strays of sentences in beads that
// anchors leave unjudged, which moved a sentence left out of a
// translation into a merged bead where the check cannot see it
// (align/check's TestDefects).
func strayCount(src, tgt []sentence, hitS, hitT []uint8) float64 {
	loneS, anchoredS := strays(src, hitS)
	loneT, anchoredT := strays(tgt, hitT)
	if !anchoredS && !anchoredT {
		return 0
	}
	return float64(loneS + loneT)
}

// strays counts the sentences of one side of a merged bead that have
// anchors or cognates and share nothing, and reports whether any of them
// shares an anchor or a cognate.
func strays(side []sentence, hit []uint8) (lone int, anchored bool) {
	for k, s := range side {
		switch {
		case hit[k] == sharesAnchor:
			anchored = true
		case hit[k] == sharesNothing && len(s.anchors)+len(s.cognates) > 0:
			lone++
		}
	}
	return lone, anchored
}

// lengthCost is Gale and Church's length cost: -ln of the probability that a
// translation of ls characters has lt, the difference being normal with a
// variance growing with the length.
func lengthCost(ls, lt, ratio, variance float64) float64 {
	mean := (ls*ratio + lt) / 2
	if mean == 0 {
		return 0
	}
	return tailCost(math.Abs(lt-ls*ratio) / math.Sqrt(variance*mean))
}

// tailCost is -ln P(|Z| >= x) for a standard normal Z, capped at 27.6
// (P = 1e-12). It runs in every cell of the dynamic programme, so it reads
// a table instead of calling Erfc and Log.
func tailCost(x float64) float64 {
	f := x * tailSteps
	i := int(f)
	if i >= len(tailTable)-1 {
		return tailTable[len(tailTable)-1]
	}
	frac := f - float64(i)
	return tailTable[i] + frac*(tailTable[i+1]-tailTable[i])
}

const tailSteps = 100 // table entries per unit of x

var tailTable = func() []float64 {
	t := make([]float64, 8*tailSteps)
	for i := range t {
		p := math.Erfc(float64(i) / tailSteps / math.Sqrt2)
		t[i] = min(27.6, -math.Log(max(p, 1e-300)))
	}
	return t
}()

// run aligns inside a band around the anchor path, widening the band until
// the best path no longer touches its edge. Aligned again (a second pass,
// with meaning), the document starts at the band the last alignment ended
// with: its path needs as much room again, and the cache is laid out for
// that band (a document with passages left out: 1.8 s → 1.05 s).
func (a *aligner) run() []corpus.Bead {
	n, m := len(a.s), len(a.t)
	if a.center == nil {
		a.center = a.anchorPath()
	}
	w := a.opt.Band
	if w <= 0 {
		w = a.costs.Band
	}
	w = max(w, a.cacheW)
	for {
		beads, touched := a.dp(w)
		if !touched || w >= max(n, m) {
			return beads
		}
		w *= 2
	}
}

// anchorPath returns, for each row 0..n, the column the band is centred on:
// a monotone path through the sentence pairs that share an anchor found in
// no other sentence of either side (the longest chain of such pairs in
// order), interpolated linearly between them.
func (a *aligner) anchorPath() []float64 {
	n, m := len(a.s), len(a.t)
	where := make(map[int32][2]int) // anchor -> (source sentence, target sentence), -2 when ambiguous
	note := func(id int32, side, idx int) {
		v, ok := where[id]
		if !ok {
			v = [2]int{-1, -1}
		}
		if v[side] == -1 {
			v[side] = idx
		} else {
			v[side] = -2
		}
		where[id] = v
	}
	for i, s := range a.s {
		for _, id := range s.anchors {
			note(id, 0, i)
		}
	}
	for j, t := range a.t {
		for _, id := range t.anchors {
			note(id, 1, j)
		}
	}
	type point struct{ i, j int }
	var pts []point
	for _, v := range where {
		if v[0] >= 0 && v[1] >= 0 {
			pts = append(pts, point{v[0], v[1]})
		}
	}
	slices.SortFunc(pts, func(x, y point) int {
		if x.i != y.i {
			return x.i - y.i
		}
		return x.j - y.j
	})
	pts = slices.Compact(pts)
	// Longest chain increasing in both coordinates (patience sorting).
	var tails []int // index into pts of the smallest tail of each length
	prev := make([]int, len(pts))
	for k, p := range pts {
		lo, hi := 0, len(tails)
		for lo < hi {
			mid := (lo + hi) / 2
			q := pts[tails[mid]]
			if q.j < p.j && q.i < p.i {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		prev[k] = -1
		if lo > 0 {
			prev[k] = tails[lo-1]
		}
		if lo == len(tails) {
			tails = append(tails, k)
		} else {
			tails[lo] = k
		}
	}
	chain := []point{{n, m}}
	if len(tails) > 0 {
		for k := tails[len(tails)-1]; k >= 0; k = prev[k] {
			// Sentence pair (i, j) aligned means the path passes near (i+0.5, j+0.5).
			chain = append(chain, point{pts[k].i, pts[k].j})
		}
	}
	chain = append(chain, point{0, 0})
	slices.Reverse(chain)
	center := make([]float64, n+1)
	k := 0
	for i := 0; i <= n; i++ {
		for k+1 < len(chain)-1 && chain[k+1].i <= i {
			k++
		}
		p, q := chain[k], chain[k+1]
		if q.i == p.i {
			center[i] = float64(q.j)
			continue
		}
		center[i] = float64(p.j) + float64(q.j-p.j)*float64(i-p.i)/float64(q.i-p.i)
	}
	return center
}

// dp runs the dynamic programme in the band of half-width w and reports
// whether the best path touched the band's edge.
func (a *aligner) dp(w int) ([]corpus.Bead, bool) {
	n, m := len(a.s), len(a.t)
	lo := make([]int, n+1)
	hi := make([]int, n+1)
	for i := 0; i <= n; i++ {
		lo[i] = max(0, int(math.Floor(a.center[i]))-w)
		hi[i] = min(m, int(math.Ceil(a.center[i]))+w)
		if i > 0 {
			lo[i] = max(lo[i], lo[i-1]) // keep the band monotone
			hi[i] = max(hi[i], hi[i-1])
			lo[i] = min(lo[i], hi[i-1]) // and connected
		}
	}
	lo[0], hi[n] = 0, m
	for i := n - 1; i >= 0; i-- {
		hi[i] = min(hi[i], hi[i+1])
	}
	// Source sentence i takes part in beads ending at rows i+1..i+maxBead,
	// whose target sentences lie in [lo[i+1]-maxBead, hi[i+maxBead]).
	// The band's rows are carved out of buffers kept across widenings: a
	// widening reallocated them all.
	cells, rows := 0, 0
	for i := range n {
		cells += max(0, hi[min(n, i+maxBead)]-max(0, lo[i+1]-maxBead))
	}
	for i := 0; i <= n; i++ {
		rows += hi[i] - lo[i] + 1
	}
	a.costBuf = grow(a.costBuf, rows)
	a.backBuf = grow(a.backBuf, rows)
	fresh := a.cacheW != w
	if fresh {
		// A band of another width: the cache laid out anew. With the same
		// width (a second pass), the cells keep their anchors and cognates.
		a.cacheW = w
		a.cacheBuf = grow(a.cacheBuf, cells)
		a.cache = grow(a.cache, n)
		a.cacheBase = grow(a.cacheBase, n)
		for i, at := 0, 0; i < n; i++ {
			base := max(0, lo[i+1]-maxBead)
			size := max(0, hi[min(n, i+maxBead)]-base)
			a.cacheBase[i] = base
			a.cache[i] = a.cacheBuf[at : at+size : at+size]
			at += size
		}
	}
	cost := grow[[]float64](nil, n+1)
	back := grow[[]uint8](nil, n+1)
	for i, at := 0, 0; i <= n; i++ {
		size := hi[i] - lo[i] + 1
		cost[i], back[i] = a.costBuf[at:at+size:at+size], a.backBuf[at:at+size:at+size]
		at += size
	}
	inf := math.Inf(1)
	// A large document's merge floors are worked out by another goroutine,
	// rows ahead of the programme (see floorRows).
	var fl *floorRows
	if a.floors && n >= minPipelined && runtime.GOMAXPROCS(0) > 1 {
		if fresh {
			// Its new memory is first written there too (see fillFloors).
			fl = a.startFloors(lo, hi, cost, back)
		} else {
			fl = a.startFloors(lo, hi, nil, nil)
		}
		defer fl.stop()
	}
	var row []float64 // the floors of row i, by fl
	for i := 0; i <= n; i++ {
		if fl != nil {
			row = fl.row(i)
		}
		for j := lo[i]; j <= hi[i]; j++ {
			best, arg := inf, uint8(255)
			if i == 0 && j == 0 {
				best = 0
			}
			for k, sh := range beadShapes[:a.shapes()] {
				pi, pj := i-sh.src, j-sh.tgt
				if pi < 0 || pj < 0 || pj < lo[pi] || pj > hi[pi] {
					continue
				}
				prev := cost[pi][pj-lo[pi]]
				if prev == inf {
					continue
				}
				if k >= firstMerge && a.floors {
					var floor float64
					if row != nil {
						floor = a.finishFloor(row[(j-lo[i])*cellFloats+k-firstMerge], pi, i, pj, j, best-prev)
					} else {
						floor = a.mergeFloor(pi, i, pj, j, k, best-prev)
					}
					if prev+floor >= best {
						continue // it cannot win: its cost is not weighed
					}
				}
				var bc float64
				if k == 0 && row != nil && fl.oneOne && !blockStart(i) {
					bc = row[(j-lo[i])*cellFloats+nMerges] // worked out by fl
				} else {
					bc = a.beadCost(pi, i, pj, j, k)
				}
				if c := prev + a.runCost(bc, k, back[pi][pj-lo[pi]]); c < best {
					best, arg = c, uint8(k)
				}
			}
			cost[i][j-lo[i]] = best
			back[i][j-lo[i]] = arg
		}
	}
	var beads []corpus.Bead
	touched := false
	for i, j := n, m; i > 0 || j > 0; {
		if (j == lo[i] && lo[i] > 0) || (j == hi[i] && hi[i] < m) {
			touched = true
		}
		k := back[i][j-lo[i]]
		sh := beadShapes[k]
		pi, pj := i-sh.src, j-sh.tgt
		c := a.runCost(a.beadCost(pi, i, pj, j, int(k)), int(k), back[pi][pj-lo[pi]])
		beads = append(beads, corpus.Bead{SrcStart: pi, SrcEnd: i, TgtStart: pj, TgtEnd: j, Score: beadScore(c)})
		i, j = pi, pj
	}
	slices.Reverse(beads)
	return beads, touched
}

// minPipelined is the least number of source sentences for which the
// dynamic programme has another goroutine work out its merge floors.
var minPipelined = 256 // a variable for the tests

// nMerges is the number of merged bead shapes, from firstMerge on.
const nMerges = len(beadShapes) - firstMerge

// cellFloats is what floorRows holds of a cell: its merge floors, and its
// 1-1 bead's cost.
const cellFloats = nMerges + 1

// floorRows works out the merge floors of the band's rows on a goroutine
// of its own, a block of rows ahead of the dynamic programme, into a ring
// of blocks: for each cell (i, j) and merged shape k, the rewards' floor
// of bead (i-src, i, j-tgt, j) (floorRewards), which the programme
// finishes as mergeFloor does (the meaning the bead earns, then the
// penalties, while the floor is under the cell's budget). The floors read
// only what preparing the document set, so the two goroutines share
// nothing else; the programme costs the beads (beadCost, runCost) and
// compares, as it did. (Working out the
// penalties ahead too, or the 1-1 beads' features, left the programme
// waiting for the floors: measured slower.)
type floorRows struct {
	lo, hi     []int
	stride     int       // floats per row: the band's widest row
	buf        []float64 // ringRows rows
	full, free chan int  // blocks filled, blocks the programme is done with
	quit       chan struct{}
	done       chan struct{}
	held       int // the block the programme reads, -1 for none
	// cost and back, when set, are the programme's rows, new and zero,
	// and so is the band's cache.
	cost [][]float64
	back [][]uint8
	// oneOne: the 1-1 beads' costs are worked out too (when the band's
	// cache holds their anchors and cognates, in a second pass: then the
	// floors alone leave this goroutine idle half the time), but those of
	// a block's first row: they read the cache's row of the sentence
	// before (see displaced), the row the programme ends the block before
	// with. Each goroutine then keeps to rows of the cache the other does
	// not touch.
	oneOne bool
}

const (
	blockRows = 16 // rows of a block: one hand-over per block
	ringRows  = 4 * blockRows
)

// blockStart reports whether row i is a block's first row, whose 1-1
// beads the programme costs itself (see floorRows.oneOne).
func blockStart(i int) bool { return i%blockRows == 0 }

func (a *aligner) startFloors(lo, hi []int, cost [][]float64, back [][]uint8) *floorRows {
	f := &floorRows{lo: lo, hi: hi, held: -1, cost: cost, back: back, oneOne: cost == nil,
		full: make(chan int, ringRows/blockRows), free: make(chan int, ringRows/blockRows),
		quit: make(chan struct{}), done: make(chan struct{})}
	for i := range lo {
		f.stride = max(f.stride, (hi[i]-lo[i]+1)*cellFloats)
	}
	f.buf = make([]float64, ringRows*f.stride)
	for b := 0; b < ringRows/blockRows; b++ {
		f.free <- b
	}
	go a.fillFloors(f)
	return f
}

// fillFloors fills the ring, block after block, as the programme frees
// them.
func (a *aligner) fillFloors(f *floorRows) {
	defer close(f.done)
	n := len(f.lo) - 1
	for i0 := 0; i0 <= n; i0 += blockRows {
		var b int
		select {
		case b = <-f.free:
		case <-f.quit:
			return
		}
		for i := i0; i < min(i0+blockRows, n+1); i++ {
			if f.cost != nil {
				// The first write to new memory faults its pages in, which
				// costs the kernel some microseconds a page: zeros written
				// to the rows the programme has not reached (and to the
				// cache's row of sentence i, which it reads and fills from
				// row i on: displaced looks one sentence ahead) make those
				// faults here, on this core.
				clear(f.cost[i])
				clear(f.back[i])
				if i < len(a.cache) {
					clear(a.cache[i])
				}
			}
			row := f.buf[(b*blockRows+i-i0)*f.stride:][:f.stride]
			for j := f.lo[i]; j <= f.hi[i]; j++ {
				cell := row[(j-f.lo[i])*cellFloats:][:cellFloats]
				if f.oneOne && !blockStart(i) && j > 0 && j-1 >= f.lo[i-1] && j-1 <= f.hi[i-1] {
					cell[nMerges] = a.beadCost(i-1, i, j-1, j, 0)
				}
				for k := firstMerge; k < a.shapes(); k++ {
					sh := beadShapes[k]
					pi, pj := i-sh.src, j-sh.tgt
					if pi < 0 || pj < 0 || pj < f.lo[pi] || pj > f.hi[pi] {
						continue
					}
					cell[k-firstMerge] = a.floorRewards(pi, i, pj, j, k)
				}
			}
		}
		f.full <- b
	}
}

// row returns the floors of row i, waiting for its block; rows are asked
// for in order.
func (f *floorRows) row(i int) []float64 {
	if i%blockRows == 0 {
		if f.held >= 0 {
			f.free <- f.held
		}
		f.held = <-f.full
	}
	return f.buf[(f.held*blockRows+i%blockRows)*f.stride:][:f.stride]
}

// stop ends the filling goroutine and waits for it.
func (f *floorRows) stop() {
	close(f.quit)
	<-f.done
}

// runCost is the cost of bead shape k, of cost c, after a bead of shape
// prev: an omission that continues a run of omissions of the same side
// costs at most Costs.OmissionRun, since what a translator leaves out (a
// paragraph, a caption, a page's running head) runs over several lines.
func (a *aligner) runCost(c float64, k int, prev uint8) float64 {
	if (k == 1 || k == 2) && int(prev) == k {
		return min(c, a.costs.OmissionRun)
	}
	return c
}

// beadScore maps a bead's cost to 0..1: a confident 1-1 bead costs about 0
// or less, an omission about 4, a forced mismatch 10 or more.
func beadScore(cost float64) float64 {
	return 1 / (1 + math.Exp(cost-3))
}

// grow returns buf resized to n zeroed elements, reusing its array when it
// is large enough.
func grow[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}

// continues reports whether sentence next continues sentence s: s ends
// with a comma, semicolon, colon or dash, or has no final punctuation and
// next starts with a lower-case letter, or next closes a round bracket or
// a guillemet that s leaves open: one sentence that the splitter or a line
// break cut ("( « Alpine Journal » No ." / "293 ) .").
func continues(s, next string) bool {
	if round, quote := unclosed(s); (round > 0 || quote > 0) && closesOne(next, round, quote) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	switch last {
	case ',', ';', ':', '-', '–', '—', '(':
		return true
	case '.', '!', '?', '…', '"', '»', '”', ')', ']':
		return false
	}
	first, _ := utf8.DecodeRuneInString(strings.TrimSpace(next))
	return unicode.IsLower(first)
}

// unclosed returns how many round brackets and guillemets s leaves open.
func unclosed(s string) (round, quote int) {
	for _, r := range s {
		round, quote = nest(r, round, quote)
	}
	return round, quote
}

// closesOne reports whether next closes one of round brackets and quote
// guillemets left open before it.
func closesOne(next string, round, quote int) bool {
	r0, q0 := round, quote
	for _, r := range next {
		if round, quote = nest(r, round, quote); r0 > 0 && round < r0 || q0 > 0 && quote < q0 {
			return true
		}
	}
	return false
}

// nest counts r into the depths of round brackets and guillemets.
func nest(r rune, round, quote int) (int, int) {
	switch r {
	case '(':
		round++
	case ')':
		round--
	case '«':
		quote++
	case '»':
		quote--
	}
	return round, quote
}
