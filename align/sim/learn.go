package sim

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/parapost/parapost/align/anchor"
)

// SentencePair is a source sentence and its translation, as a lexicon
// learns from them.
type SentencePair struct{ Source, Target string }

// LearnOptions are the constants of lexicon learning. One set serves every
// language pair.
type LearnOptions struct {
	// Iterations of IBM Model 1's expectation maximisation.
	Iterations int
	// MinCooccur is how many sentence pairs a word pair must share to be a
	// candidate translation, unless the words are cognates.
	MinCooccur int
	// MinProb is the least translation probability p(t|s) a kept entry has;
	// MaxTranslations bounds the entries of one source word.
	MinProb         float64
	MaxTranslations int
	// MaxPairs bounds the sentence pairs learned from (the first ones
	// given): the lexicon's cost grows with them, its quality much less.
	MaxPairs int
}

// DefaultLearnOptions returns the learning constants.
func DefaultLearnOptions() LearnOptions {
	return LearnOptions{Iterations: 6, MinCooccur: 2, MinProb: 0.15, MaxTranslations: 4, MaxPairs: 50_000}
}

// Learned is a translation lexicon learned from sentence pairs: for each
// source stem, the target stems its translations use, with IBM Model 1's
// probabilities. It is a Model, safe for concurrent use once learned.
type Learned struct {
	vocab   *Vocabulary
	srcLang string
	src     map[string][]Term // source stem → target terms, weight p/max p
	known   map[uint32]bool   // target ids some source stem translates to
	stems   *stemCache        // source-language stems
	pairs   int               // sentence pairs learned from
	// Bags are made word by word, for every post and sentence of a run:
	// srcWords maps a source word straight to the index in srcTerms of its
	// stem's translations (-1: none), tgtWords a target word to its id
	// when some source stem translates to it (-1: none), one lookup
	// where a stem cache and a map of stems took two or three.
	srcTerms           [][]Term
	srcIndex           map[string]int32 // stem → index in srcTerms
	srcWords, tgtWords readMap[int64]
	nSrcWords          atomic.Int64
	nTgtWords          atomic.Int64
}

// Learn estimates a lexicon from sentence pairs (confident beads of a first
// alignment) with IBM Model 1, on stems, over the word pairs that co-occur
// at least opt.MinCooccur times or are cognates (the prior: international
// words and names share their first letters across scripts). The target
// stems are numbered in vocab, which the other models of a run share.
func Learn(pairs []SentencePair, srcLang string, vocab *Vocabulary, opt LearnOptions) *Learned {
	srcLang = baseLang(srcLang)
	l := &Learned{
		vocab: vocab, srcLang: srcLang,
		src:   make(map[string][]Term),
		known: make(map[uint32]bool),
		stems: vocab.sourceStems(srcLang),
	}
	if len(pairs) > opt.MaxPairs {
		pairs = pairs[:opt.MaxPairs]
	}
	l.pairs = len(pairs)

	// Sentences as lists of distinct source stem ids and target ids, with
	// the cognate key of each stem for the prior.
	srcID := make(map[string]int32)
	var srcStems []string
	var srcCog, tgtCog []string // by id: cognate key or ""
	cogOf := func(word, lang string) string {
		k := ""
		anchor.AppendCognates(nil, word, lang, nil, func(key string) { k = key })
		return k
	}
	type sent struct {
		s []int32
		t []uint32
	}
	// Each word's id (-1: a stop word), looked up once per word, not per
	// occurrence: stemming through the shared caches and numbering the
	// stem took three lookups. They also fill the bags' word caches below.
	srcOf := make(map[string]int32)
	tgtOf := make(map[string]int64)
	srcWordID := func(w string) int32 {
		if id, ok := srcOf[w]; ok {
			return id
		}
		id := int32(-1)
		if stm := l.stems.get(w); stm != "" {
			var ok bool
			if id, ok = srcID[stm]; !ok {
				id = int32(len(srcStems))
				srcID[stm] = id
				srcStems = append(srcStems, stm)
				srcCog = append(srcCog, cogOf(w, srcLang))
			}
		}
		srcOf[strings.Clone(w)] = id
		return id
	}
	tgtWordID := func(w string) int64 {
		if id, ok := tgtOf[w]; ok {
			return id
		}
		id := int64(-1)
		if stm := vocab.stem.get(w); stm != "" {
			u := vocab.ID(stm)
			for int(u) >= len(tgtCog) {
				tgtCog = append(tgtCog, "")
			}
			if tgtCog[u] == "" {
				tgtCog[u] = cogOf(w, vocab.lang)
			}
			id = int64(u)
		}
		tgtOf[strings.Clone(w)] = id
		return id
	}
	// The two sides are numbered apart (source stems here, target stems
	// in the vocabulary), each in the order of its own texts: the target
	// side's run on another goroutine gives the same ids.
	all := make([]sent, len(pairs))
	numbered := make(chan struct{})
	go func() {
		defer close(numbered)
		for k, p := range pairs {
			var t []uint32
			for w := range words(p.Target) {
				if id := tgtWordID(w); id >= 0 {
					t = append(t, uint32(id))
				}
			}
			slices.Sort(t)
			all[k].t = slices.Compact(t)
		}
	}()
	for k, p := range pairs {
		var s []int32
		for w := range words(p.Source) {
			if id := srcWordID(w); id >= 0 {
				s = append(s, id)
			}
		}
		slices.Sort(s)
		all[k].s = slices.Compact(s)
	}
	<-numbered
	sents := all[:0]
	for _, st := range all {
		if len(st.s) > 0 && len(st.t) > 0 {
			sents = append(sents, st)
		}
	}

	// Every cell of every sentence's source × target grid, numbered by
	// the word pair it holds (one map access per cell, once): the
	// expectation maximisation then runs over flat arrays.
	key := func(s int32, t uint32) uint64 { return uint64(s)<<32 | uint64(t) }
	grids := make([]sentGrid, len(sents))
	size := 0
	for _, st := range sents {
		size += len(st.s) * len(st.t)
	}
	cells := make([]int32, 0, size) // every grid's cells, one array
	var cellKeys []uint64
	// A word pair and its number fit in one word of a packed table, as
	// they do unless the vocabularies or the training set are huge.
	tBits := bits.Len(uint(len(tgtCog)))
	if packed := newPackedCells(bits.Len(uint(len(srcStems)))+tBits, size); packed != nil {
		for i, st := range sents {
			start := len(cells)
			for _, s := range st.s {
				row := uint64(s) << tBits
				for _, t := range st.t {
					cells = append(cells, packed.get(row|uint64(t)))
				}
			}
			grids[i] = sentGrid{s: st.s, t: st.t, cells: cells[start:len(cells):len(cells)]}
		}
		cellKeys = packed.byCell(tBits)
	} else {
		var cellOf cellTable
		for i, st := range sents {
			start := len(cells)
			for _, s := range st.s {
				for _, t := range st.t {
					c, _ := cellOf.get(key(s, t), int32(cellOf.n))
					cells = append(cells, c)
				}
			}
			grids[i] = sentGrid{s: st.s, t: st.t, cells: cells[start:len(cells):len(cells)]}
		}
		cellKeys = cellOf.byCell()
	}
	// How many sentences hold each word pair: an array of its final size,
	// not grown cell by cell.
	cooccur := make([]int32, len(cellKeys))
	for _, c := range cells {
		cooccur[c]++
	}
	// Candidates: word pairs that co-occur often enough, or cognates; the
	// others carry no probability.
	init := make([]float64, len(cellKeys))
	for c, k := range cellKeys {
		s, t := int32(k>>32), uint32(k)
		cognate := srcCog[s] != "" && srcCog[s] == tgtCog[t]
		switch {
		case cognate:
			init[c] = 4 // the prior: start cognates likelier
		case int(cooccur[c]) >= opt.MinCooccur:
			init[c] = 1
		}
	}
	// IBM Model 1 both ways: a word is generated by one of the words of the
	// other side's sentence, or by none (NULL, which takes what no
	// candidate explains). Only candidate pairs carry probability. A pair
	// is as likely as the geometric mean of its two directions: a frequent
	// word that co-occurs with everything is likely one way only.
	// The two directions are independent: one runs on another core.
	var rev []float64
	done := make(chan struct{})
	go func() {
		defer close(done)
		rev = ibm1(grids, cellKeys, init, len(tgtCog), opt.Iterations, true)
	}()
	fwd := ibm1(grids, cellKeys, init, len(srcStems), opt.Iterations, false)
	<-done

	// Keep each source stem's likeliest translations.
	by := make([][]Term, len(srcStems))
	for c, k := range cellKeys {
		if init[c] == 0 {
			continue
		}
		if p := math.Sqrt(fwd[c] * rev[c]); p >= opt.MinProb {
			s := int32(k >> 32)
			by[s] = append(by[s], Term{ID: uint32(k), W: float32(p)})
		}
	}
	for s, ts := range by {
		if len(ts) == 0 {
			continue
		}
		slices.SortFunc(ts, func(a, b Term) int {
			if c := cmp.Compare(b.W, a.W); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
		ts = ts[:min(len(ts), opt.MaxTranslations)]
		best := ts[0].W
		for i := range ts {
			ts[i].W = float32(math.Min(1, float64(ts[i].W/best)))
			l.known[ts[i].ID] = true
		}
		slices.SortFunc(ts, func(a, b Term) int { return cmp.Compare(a.ID, b.ID) })
		l.src[strings.Clone(srcStems[s])] = slices.Clip(ts)
	}
	l.srcIndex = make(map[string]int32, len(l.src))
	for st, ts := range l.src {
		if len(ts) > 0 {
			l.srcIndex[st] = int32(len(l.srcTerms))
			l.srcTerms = append(l.srcTerms, ts)
		}
	}
	// The words learned from are the words of the bags to come (the second
	// pass bags the same documents): their answers, as srcWord and tgtWord
	// give them, cached at once.
	srcWords := make(map[string]int64, len(srcOf))
	for w, id := range srcOf {
		v := int64(-1)
		if id >= 0 {
			if i, ok := l.srcIndex[srcStems[id]]; ok {
				v = int64(i)
			}
		}
		srcWords[w] = v
	}
	tgtWords := make(map[string]int64, len(tgtOf))
	for w, id := range tgtOf {
		if id >= 0 && !l.known[uint32(id)] {
			id = -1
		}
		tgtWords[w] = id
	}
	l.nSrcWords.Store(l.srcWords.fill(srcWords, lexMaxCached))
	l.nTgtWords.Store(l.tgtWords.fill(tgtWords, lexMaxCached))
	return l
}

// srcWord returns the index in l.srcTerms of the translations of a
// source word's stem, -1 when it has none.
func (l *Learned) srcWord(w string) int32 {
	if v, ok := l.srcWords.Load(w); ok {
		return int32(v)
	}
	v := int32(-1)
	if st := l.stems.get(w); st != "" {
		if i, ok := l.srcIndex[st]; ok {
			v = i
		}
	}
	if l.nSrcWords.Load() < lexMaxCached {
		if _, loaded := l.srcWords.LoadOrStore(w, int64(v)); !loaded {
			l.nSrcWords.Add(1)
		}
	}
	return v
}

// tgtWord returns the vocabulary id of a target word's stem when some
// source stem translates to it, -1 otherwise. The answer cannot change:
// the ids translated to were all numbered when the lexicon was learned.
func (l *Learned) tgtWord(w string) int64 {
	if v, ok := l.tgtWords.Load(w); ok {
		return v
	}
	v := int64(-1)
	if st := l.vocab.stem.get(w); st != "" {
		if id, ok := l.vocab.Lookup(st); ok && l.known[id] {
			v = int64(id)
		}
	}
	if l.nTgtWords.Load() < lexMaxCached {
		if _, loaded := l.tgtWords.LoadOrStore(w, v); !loaded {
			l.nTgtWords.Add(1)
		}
	}
	return v
}

// Entries returns the number of source stems the lexicon translates.
func (l *Learned) Entries() int { return len(l.src) }

// Pairs returns the number of sentence pairs it learned from.
func (l *Learned) Pairs() int { return l.pairs }

// Translations returns the target stems of a source word's translations,
// likeliest first, for tests and diagnostics.
func (l *Learned) Translations(word string) []string {
	ts := slices.Clone(l.src[l.stems.get(strings.ToLower(word))])
	slices.SortStableFunc(ts, func(a, b Term) int { return cmp.Compare(b.W, a.W) })
	names := l.vocab.names()
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = names[t.ID]
	}
	return out
}

// Source returns the bag of a source-language text: the translations of
// its words the lexicon knows; its mass counts those words.
func (l *Learned) Source(text string) Bag {
	var b Bag
	var buf [64]int32
	stems := buf[:0]
	for w := range words(text) {
		if i := l.srcWord(w); i >= 0 {
			stems = append(stems, i)
		}
	}
	slices.Sort(stems)
	scratch := termScratch.Get().(*[]Term)
	terms := (*scratch)[:0]
	for _, i := range slices.Compact(stems) {
		b.Mass++
		terms = append(terms, l.srcTerms[i]...)
	}
	b.Terms = exactTerms(normalise(terms))
	*scratch = terms[:0]
	termScratch.Put(scratch)
	return b
}

// termScratch lends Source a buffer to gather a bag's terms in: the bag
// keeps an exact copy, not an array grown by appending (twice the size on
// average, for every post of a corpus while pairing holds their bags).
var termScratch = sync.Pool{New: func() any { return new([]Term) }}

// exactTerms returns a copy of terms of exactly their length, nil for none.
func exactTerms(terms []Term) []Term {
	if len(terms) == 0 {
		return nil
	}
	return slices.Clone(terms)
}

// Target returns the bag of a target-language text: its stems that some
// source word translates to.
func (l *Learned) Target(text string) Bag {
	var b Bag
	scratch := termScratch.Get().(*[]Term)
	terms := (*scratch)[:0]
	for w := range words(text) {
		if id := l.tgtWord(w); id >= 0 {
			terms = append(terms, Term{ID: uint32(id), W: 1})
		}
	}
	b.Terms = exactTerms(normalise(terms))
	b.Mass = float32(len(b.Terms))
	*scratch = terms[:0]
	termScratch.Put(scratch)
	return b
}

// sentGrid is a training sentence pair: its distinct source and target
// word ids, and the cell number of each (source, target) word pair, row by
// source word.
type sentGrid struct {
	s     []int32
	t     []uint32
	cells []int32
}

// ibm1 runs IBM Model 1's expectation maximisation over the cells of the
// grids (word pairs, keys s<<32|t), starting from init (zero: not a
// candidate, never likely), generating target words from source words, or,
// reversed, source words from target words. It returns the probabilities
// by cell.
func ibm1(grids []sentGrid, keys []uint64, init []float64, n, iterations int, reversed bool) []float64 {
	prob := slices.Clone(init)
	count := make([]float64, len(prob))
	total := make([]float64, n) // by the generating word
	gen := make([]uint32, len(keys))
	for c, k := range keys {
		gen[c] = uint32(k >> 32)
		if reversed {
			gen[c] = uint32(k)
		}
	}
	for range iterations {
		clear(count)
		clear(total)
		for _, g := range grids {
			ns, nt := len(g.s), len(g.t)
			if !reversed {
				for j := range nt {
					z := 1.0 / float64(ns+1)
					for i := range ns {
						z += prob[g.cells[i*nt+j]]
					}
					for i := range ns {
						if c := g.cells[i*nt+j]; prob[c] > 0 {
							count[c] += prob[c] / z
						}
					}
				}
				continue
			}
			for i := range ns {
				row := g.cells[i*nt : (i+1)*nt]
				z := 1.0 / float64(nt+1)
				for _, c := range row {
					z += prob[c]
				}
				for _, c := range row {
					if prob[c] > 0 {
						count[c] += prob[c] / z
					}
				}
			}
		}
		for c, v := range count {
			total[gen[c]] += v
		}
		for c := range prob {
			if t := total[gen[c]]; t > 0 {
				prob[c] = count[c] / t
			}
		}
	}
	return prob
}

// cellSlot is the first slot a word pair's key probes in a table of
// mask+1 slots (Fibonacci hashing), in packedCells and cellTable alike.
func cellSlot(key, mask uint64) uint64 { return (key * 0x9E3779B97F4A7C15) >> 20 & mask }

// packedCells numbers word pairs as cellTable does, a pair (its key, of
// keyBits bits) and its number packed in one slot: one memory access per
// probe, and two thirds of the memory.
type packedCells struct {
	slots    []uint64 // key<<cellBits | number+1; 0: empty
	cellBits uint
	n        int
}

// newPackedCells returns a table for keys of keyBits bits and at most
// maxCells numbers, nil when they do not fit in a slot.
func newPackedCells(keyBits, maxCells int) *packedCells {
	cellBits := bits.Len(uint(maxCells + 1))
	if keyBits+cellBits > 64 {
		return nil
	}
	// Sized for a quarter of the cells being distinct pairs (the training
	// sentences of a document share many): it grows, by doubling and
	// copying into new memory, only past that.
	return &packedCells{cellBits: uint(cellBits), slots: make([]uint64, max(1024, 1<<bits.Len(uint(maxCells/4))))}
}

// get returns the number of key, giving it the next one when it has none.
func (t *packedCells) get(key uint64) int32 {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for h := cellSlot(key, mask); ; h = (h + 1) & mask {
		v := t.slots[h]
		if v == 0 {
			t.slots[h] = key<<t.cellBits | uint64(t.n+1)
			t.n++
			return int32(t.n - 1)
		}
		if v>>t.cellBits == key {
			return int32(v&(1<<t.cellBits-1)) - 1
		}
	}
}

// byCell returns the word pairs, source id << 32 | target id, in the
// order of their numbers, from keys whose target ids take tBits bits.
func (t *packedCells) byCell(tBits int) []uint64 {
	keys := make([]uint64, t.n)
	for _, v := range t.slots {
		if v != 0 {
			k := v >> t.cellBits
			keys[v&(1<<t.cellBits-1)-1] = k>>tBits<<32 | k&(1<<tBits-1)
		}
	}
	return keys
}

func (t *packedCells) grow() {
	old := t.slots
	t.slots = make([]uint64, max(1024, 2*len(old)))
	mask := uint64(len(t.slots) - 1)
	for _, v := range old {
		if v == 0 {
			continue
		}
		h := cellSlot(v>>t.cellBits, mask)
		for t.slots[h] != 0 {
			h = (h + 1) & mask
		}
		t.slots[h] = v
	}
}

// cellTable numbers the word pairs (source id << 32 | target id) of the
// training grids: an open-addressing hash table, for the millions of
// lookups of a large training set.
type cellTable struct {
	keys  []uint64
	cells []int32 // -1: empty slot
	n     int
}

// get returns the number of key, giving it next when it has none (ok
// false).
func (t *cellTable) get(key uint64, next int32) (cell int32, ok bool) {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	for h := cellSlot(key, mask); ; h = (h + 1) & mask {
		switch t.cells[h] {
		case -1:
			t.keys[h], t.cells[h] = key, next
			t.n++
			return next, false
		default:
			if t.keys[h] == key {
				return t.cells[h], true
			}
		}
	}
}

// byCell returns the keys in the order of their numbers.
func (t *cellTable) byCell() []uint64 {
	keys := make([]uint64, t.n)
	for i, c := range t.cells {
		if c >= 0 {
			keys[c] = t.keys[i]
		}
	}
	return keys
}

func (t *cellTable) grow() {
	keys, cells := t.keys, t.cells
	size := max(1024, 2*len(keys))
	t.keys, t.cells, t.n = make([]uint64, size), make([]int32, size), 0
	for i := range t.cells {
		t.cells[i] = -1
	}
	for i, c := range cells {
		if c >= 0 {
			t.get(keys[i], c)
		}
	}
}
