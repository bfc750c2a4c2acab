package sim

import (
	"cmp"
	"slices"
	"sync"
)

// Term is one entry of a Bag: a word (a target-language stem, or a
// concept of a dictionary) by its id, and how sure the text holds it.
type Term struct {
	ID uint32
	W  float32
}

// Bag is what a text says, in a space of ids both languages map into:
// Terms sorted by ID, one per ID, weights in 0..1; Mass is how many of the
// text's words the model knew, the most the bag can match. A target text's
// bag holds its own stems; a source text's bag the stems a translation of
// it would likely use.
type Bag struct {
	Terms []Term
	Mass  float32
}

// Overlap is the weight two bags share: over common ids, the sum of the
// smaller weight, capped by the smaller mass (a word matches once).
func Overlap(a, b Bag) float64 {
	return min(WeightedOverlap(a, b, nil), float64(a.Mass), float64(b.Mass))
}

// WeightedOverlap is the sum over the ids two bags share of the smaller
// weight times weight(id) (1 when weight is nil), uncapped: for measures
// that weigh words, such as by rarity.
func WeightedOverlap(a, b Bag, weight func(id uint32) float64) float64 {
	var o float64
	x, y := a.Terms, b.Terms
	for len(x) > 0 && len(y) > 0 {
		switch {
		case x[0].ID < y[0].ID:
			x = x[1:]
		case x[0].ID > y[0].ID:
			y = y[1:]
		default:
			w := float64(min(x[0].W, y[0].W))
			if weight != nil {
				w *= weight(x[0].ID)
			}
			o += w
			x, y = x[1:], y[1:]
		}
	}
	return o
}

// MergeBags merges the bags of the parts of a text (its sentences) into the
// bag of the whole: masses add, a term keeps its larger weight.
func MergeBags(bags ...Bag) Bag {
	var out Bag
	for _, b := range bags {
		out.Terms = append(out.Terms, b.Terms...)
		out.Mass += b.Mass
	}
	out.Terms = normalise(out.Terms)
	return out
}

// MergeTerms merges terms in place as MergeBags merges the terms of its
// bags (sorted by id, one per id, the larger weight) and returns them: for
// callers that merge bags often into a buffer of their own.
func MergeTerms(terms []Term) []Term { return normalise(terms) }

// Dice is the similarity of two bags in 0..1: twice their overlap over
// their total mass; 0 when either is empty.
func Dice(a, b Bag) float64 {
	m := float64(a.Mass + b.Mass)
	if m == 0 {
		return 0
	}
	return 2 * Overlap(a, b) / m
}

// Model scores meaning across two languages: it maps a source-language text
// and a target-language text into bags of target-language stems, so that a
// text and its translation have bags that overlap (see Dice). Every source
// of similarity — the lexicon learned from the corpus, a dictionary,
// existing translations, a machine translation service — is a Model, and
// pairing and sentence alignment consume only this interface.
//
// Implementations must be safe for concurrent use: pairing and alignment
// call them from many goroutines.
type Model interface {
	// Source returns the bag of a source-language text (a sentence or a
	// post): the target-language stems its translation would hold.
	Source(text string) Bag
	// Target returns the bag of a target-language text: its own stems.
	Target(text string) Bag
}

// Vocabulary numbers the stems of the target language. The models of one
// run share one, so that their bags meet. It is safe for concurrent use.
type Vocabulary struct {
	lang string
	mu   sync.Mutex      // held to add a stem
	ids  readMap[uint32] // stem → id; read without a lock
	n    uint32          // stems added, under mu
	stem *stemCache
	// sources caches the stems of source languages for the lexicons
	// learned in the run (pairing learns one per round), under mu.
	sources map[string]*stemCache
}

// NewVocabulary returns an empty vocabulary of lang, the target language.
func NewVocabulary(lang string) *Vocabulary {
	lang = baseLang(lang)
	return &Vocabulary{lang: lang, stem: newStemCache(lang)}
}

// sourceStems returns the run's stem cache of source language lang.
func (v *Vocabulary) sourceStems(lang string) *stemCache {
	v.mu.Lock()
	defer v.mu.Unlock()
	c := v.sources[lang]
	if c == nil {
		c = newStemCache(lang)
		if v.sources == nil {
			v.sources = make(map[string]*stemCache)
		}
		v.sources[lang] = c
	}
	return c
}

// Lang returns the vocabulary's language.
func (v *Vocabulary) Lang() string { return v.lang }

// ID returns the id of stem, adding it when new.
func (v *Vocabulary) ID(stem string) uint32 {
	if id, ok := v.ids.Load(stem); ok {
		return id
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	id, loaded := v.ids.LoadOrStore(stem, v.n)
	if !loaded {
		v.n++
	}
	return id
}

// Prime numbers the stems of texts, in their order. Models that number a
// text's new stems as they bag it (translations) are called from many
// goroutines, and ids handed out in the order goroutines meet stems
// differ from run to run; ids order the sums of overlaps and break ties,
// so a run that primes the vocabulary with its texts in a fixed order
// first is the same run every time.
func (v *Vocabulary) Prime(texts ...string) {
	for _, text := range texts {
		for w := range words(text) {
			if st := v.stem.get(w); st != "" {
				v.ID(st)
			}
		}
	}
}

// StemAhead stems the words of texts into the run's caches, numbering
// nothing: source texts in srcLang, target texts in the vocabulary's
// language. A lexicon learned later (Learn) and its bags then find their
// words stemmed; align stems a document's words while its first pass
// runs.
func (v *Vocabulary) StemAhead(srcLang string, source, target []string) {
	src := v.sourceStems(baseLang(srcLang))
	for _, text := range source {
		for w := range words(text) {
			src.get(w)
		}
	}
	for _, text := range target {
		for w := range words(text) {
			v.stem.get(w)
		}
	}
}

// names returns the stems by id.
func (v *Vocabulary) names() []string {
	v.mu.Lock()
	out := make([]string, v.n)
	v.mu.Unlock()
	v.ids.Range(func(st string, i uint32) bool {
		if int(i) < len(out) {
			out[i] = st
		}
		return true
	})
	return out
}

// Lookup returns the id of stem, if it is known.
func (v *Vocabulary) Lookup(stem string) (uint32, bool) {
	return v.ids.Load(stem)
}

// Bag returns the bag of a target-language text: one term of weight 1 per
// distinct content stem (stop words and one-letter words left out).
func (v *Vocabulary) Bag(text string) Bag {
	var b Bag
	for w := range words(text) {
		if st := v.stem.get(w); st != "" {
			b.Terms = append(b.Terms, Term{ID: v.ID(st), W: 1})
		}
	}
	b.Terms = normalise(b.Terms)
	b.Mass = float32(len(b.Terms))
	return b
}

// normalise sorts terms by id and merges the terms of one id, keeping the
// larger weight: a bag says whether a text holds a word, not how often.
func normalise(terms []Term) []Term {
	slices.SortFunc(terms, func(x, y Term) int { return cmp.Compare(x.ID, y.ID) })
	out := terms[:0]
	for _, t := range terms {
		if n := len(out); n > 0 && out[n-1].ID == t.ID {
			out[n-1].W = max(out[n-1].W, t.W)
			continue
		}
		t.W = min(1, t.W)
		out = append(out, t)
	}
	return out
}

// Translator is implemented by the models whose Source bag is that of a
// translation of the text itself (translations read from a file, a
// translation service), not of its words looked up one by one (a learned
// lexicon, a dictionary). Combine lets a translation speak alone.
type Translator interface {
	Model
	// Translates reports whether the model's Source bags are translations
	// of whole texts.
	Translates() bool
}

// Combine returns a model whose bags merge those of models (the larger
// weight of each term): each source of similarity adds what it knows. A
// source text that a Translator knows (its bag has mass) gets the bag of
// its translation alone: a translation of the sentence says what it means,
// and a lexicon's guesses beside it would only make unrelated sentences
// meet (Text+Berg with its translations, each way: 0.904 → 0.912 and
// 0.903 → 0.911). The models must share one Vocabulary, or map into
// disjoint ids. Nil models are skipped, combined ones flattened; with one
// model left, it is returned as is.
func Combine(models ...Model) Model {
	var ms combined
	for _, m := range models {
		switch m := m.(type) {
		case nil:
		case combined:
			ms = append(ms, m...)
		default:
			ms = append(ms, m)
		}
	}
	switch len(ms) {
	case 0:
		return nil
	case 1:
		return ms[0]
	}
	return ms
}

type combined []Model

// Prefetcher is a Model that fetches the bags of many texts at once (a
// translation service: one request, not one per text). It is optional, as
// io.WriterTo is beside io.Writer.
type Prefetcher interface{ PrefetchSources(texts []string) }

// PrefetchSources offers m the source texts a caller is about to ask the
// bags of; models that are no Prefetcher ignore it.
func PrefetchSources(m Model, texts []string) {
	switch m := m.(type) {
	case Prefetcher:
		m.PrefetchSources(texts)
	case combined:
		for _, x := range m {
			PrefetchSources(x, texts)
		}
	}
}

// Source and Target merge the models' bags (Source the translations' alone
// when they know the text: see Combine). Models that know the same word
// each count it, so the mass is the largest of theirs, not the sum.
func (c combined) Source(text string) Bag {
	if b := c.merge(text, Model.Source, isTranslator); b.Mass > 0 {
		return b
	}
	return c.merge(text, Model.Source, func(m Model) bool { return !isTranslator(m) })
}

func (c combined) Target(text string) Bag { return c.merge(text, Model.Target, nil) }

// merge merges the bags of the models use accepts (all when use is nil).
func (c combined) merge(text string, bag func(Model, string) Bag, use func(Model) bool) Bag {
	var out Bag
	for _, m := range c {
		if use != nil && !use(m) {
			continue
		}
		b := bag(m, text)
		out.Terms = append(out.Terms, b.Terms...)
		out.Mass = max(out.Mass, b.Mass)
	}
	out.Terms = normalise(out.Terms)
	return out
}

// isTranslator reports whether m is a Translator of whole texts.
func isTranslator(m Model) bool {
	t, ok := m.(Translator)
	return ok && t.Translates()
}

// SourceNumbersNone reports whether m's Source bags number no new stem in
// the Vocabulary: then the source and the target bags of a document can be
// made at once, and each stem gets the id it gets when the source bags are
// made first. A learned lexicon, translations read from a file and a
// dictionary only look their source bags up; a model it does not know (a
// translation service bags what it is sent) is taken to number stems.
func SourceNumbersNone(m Model) bool {
	switch m := m.(type) {
	case nil, *Learned, *Translations, *Lexicon:
		return true
	case combined:
		for _, x := range m {
			if !SourceNumbersNone(x) {
				return false
			}
		}
		return true
	}
	return false
}
