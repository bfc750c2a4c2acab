package gmt

import (
	"context"
	"strings"
	"sync"

	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/align/split"
)

// Model is a sim.Model over machine translation: the bag of a source text
// is the bag of its sentences' translations (as sim.Translations lends a
// post the bags of its translated sentences), the bag of a target text its
// own stems.
//
// It translates lazily: Source translates the sentences it is asked for
// and does not know yet, as one batch per call (within the API limits);
// concurrent calls share a sentence's request rather than send it twice.
// That sends only what pairing and alignment look at, at the price of
// small batches when many goroutines ask at once; Prefetch translates a
// whole set first in full batches (`--mt-scope all`).
//
// Source cannot return an error: the first failure is kept (see Err), the
// texts it touched get the bags known so far, and no request is sent
// after it. Safe for concurrent use.
type Model struct {
	ctx   context.Context
	tr    *Translator
	vocab *sim.Vocabulary
	lang  string
	bags  sync.Map // sentence key → sim.Bag

	errMu sync.Mutex
	err   error
}

// NewModel returns a model translating texts of srcLang with tr, whose
// bags number target stems in vocab; ctx bounds every request.
func NewModel(ctx context.Context, tr *Translator, srcLang string, vocab *sim.Vocabulary) *Model {
	return &Model{ctx: ctx, tr: tr, vocab: vocab, lang: srcLang}
}

// Translator returns the model's translator.
func (m *Model) Translator() *Translator { return m.tr }

// Err returns the first error of a translation, nil when none.
func (m *Model) Err() error {
	m.errMu.Lock()
	defer m.errMu.Unlock()
	return m.err
}

func (m *Model) fail(err error) {
	m.errMu.Lock()
	if m.err == nil {
		m.err = err
	}
	m.errMu.Unlock()
}

// Sentences returns the distinct sentences of texts of lang, white space
// folded, in the order first met: what the model sends for them.
func Sentences(texts []string, lang string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range texts {
		for _, s := range sentenceKeys(t, lang) {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}

func sentenceKeys(text, lang string) []string {
	spans := split.Sentences(text, lang)
	out := make([]string, 0, len(spans))
	for _, sp := range spans {
		if k := textKey(text[sp.Start:sp.End]); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// textKey folds white space, as sim.Translations does for look-up.
func textKey(s string) string { return strings.Join(strings.Fields(s), " ") }

// Prefetch translates every sentence of texts (source-language posts) in
// full batches, so that Source then only looks them up.
func (m *Model) Prefetch(ctx context.Context, texts []string) error {
	sents := Sentences(texts, m.lang)
	tr, err := m.tr.Translate(ctx, sents)
	if err != nil {
		m.fail(err)
		return err
	}
	for i, s := range sents {
		m.bags.LoadOrStore(s, m.vocab.Bag(tr[i]))
	}
	return nil
}

// PrefetchSources translates, in full batches, the sentences of texts the
// model does not know yet: a caller about to ask for the bags of many
// source texts (the sentences of a post pair, the posts of a pairing)
// offers them first, so that the requests are few and full. An error is
// kept, as Source keeps it.
func (m *Model) PrefetchSources(texts []string) {
	var missing []string
	for _, k := range Sentences(texts, m.lang) {
		if _, ok := m.bags.Load(k); !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 || m.Err() != nil || m.ctx.Err() != nil {
		return
	}
	tr, err := m.tr.Translate(m.ctx, missing)
	if err != nil {
		m.fail(err)
		return
	}
	for i, k := range missing {
		m.bags.LoadOrStore(k, m.vocab.Bag(tr[i]))
	}
}

// Plan says what Prefetch(texts) would send now, without any network.
func (m *Model) Plan(texts []string) (Plan, error) {
	return m.tr.Plan(Sentences(texts, m.lang))
}

// Source returns the bag of the translation of text.
func (m *Model) Source(text string) sim.Bag {
	keys := sentenceKeys(text, m.lang)
	bags := make([]sim.Bag, len(keys))
	var missing []string
	for i, k := range keys {
		if b, ok := m.bags.Load(k); ok {
			bags[i] = b.(sim.Bag)
		} else {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 && m.Err() == nil && m.ctx.Err() == nil {
		tr, err := m.tr.Translate(m.ctx, missing)
		if err != nil {
			m.fail(err)
		} else {
			for i, k := range missing {
				m.bags.LoadOrStore(k, m.vocab.Bag(tr[i]))
			}
		}
		for i, k := range keys {
			if b, ok := m.bags.Load(k); ok {
				bags[i] = b.(sim.Bag)
			}
		}
	}
	if len(bags) == 1 {
		return bags[0]
	}
	return sim.MergeBags(bags...)
}

// Target returns the bag of a target-language text: its content stems.
func (m *Model) Target(text string) sim.Bag { return m.vocab.Bag(text) }

var _ sim.Translator = (*Model)(nil)

// Translates reports true: the bags are those of Google's translations
// (see sim.Translator).
func (m *Model) Translates() bool { return true }

// Known returns a view of m that never translates: the bag of a source
// text merges the bags of its sentences translated so far (by Prefetch or
// Source), those not translated adding nothing; the bag of a target text
// is its content stems. It is what the frugal scope of align.MT looks at
// after fetching what a run decided to ask.
func (m *Model) Known() sim.Model { return known{m} }

type known struct{ m *Model }

func (k known) Source(text string) sim.Bag {
	keys := sentenceKeys(text, k.m.lang)
	bags := make([]sim.Bag, 0, len(keys))
	for _, key := range keys {
		if b, ok := k.m.bags.Load(key); ok {
			bags = append(bags, b.(sim.Bag))
		}
	}
	if len(bags) == 1 {
		return bags[0]
	}
	return sim.MergeBags(bags...)
}

func (k known) Target(text string) sim.Bag { return k.m.Target(text) }
