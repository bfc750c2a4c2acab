package gmt

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/parapost/parapost/align/internal/pool"
)

// Batches cuts texts into requests within the API's limits, in order: at
// most MaxStrings texts and BatchRunes code points each, a longer text
// alone. Texts over MaxTextRunes are left out (the API refuses them).
func Batches(texts []string) [][]string {
	var (
		out   [][]string
		cur   []string
		runes int
	)
	for _, t := range texts {
		n := utf8.RuneCountInString(t)
		if n > MaxTextRunes {
			continue
		}
		if len(cur) > 0 && (len(cur) == MaxStrings || runes+n > BatchRunes) {
			out = append(out, cur)
			cur, runes = nil, 0
		}
		cur = append(cur, t)
		runes += n
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// Translator translates texts once each: from memory, from the cache, or
// by the Client in batches, storing each answered batch in the cache at
// once. Safe for concurrent use; a text asked for by several callers at
// once is sent once, the others wait for it.
type Translator struct {
	client *Client
	cache  *Cache // nil: none
	key    CacheKey
	// MaxChars, when > 0, is the most code points the translator sends:
	// a batch that would go over it fails with a KindBudget error.
	MaxChars int64
	reserved atomic.Int64

	CacheHits atomic.Int64 // texts found in the cache

	mu       sync.Mutex
	done     map[string]string
	inflight map[string]*call
}

type call struct {
	done chan struct{}
	err  error
}

// NewTranslator returns a translator over client and cache (nil: none).
func NewTranslator(client *Client, cache *Cache) *Translator {
	cfg := client.Config()
	return &Translator{client: client, cache: cache,
		key:  CacheKey{Source: cfg.Source, Target: cfg.Target, Model: modelKey(cfg.ModelName()), Glossary: cfg.GlossaryName()},
		done: map[string]string{}, inflight: map[string]*call{}}
}

// modelKey is a model's name without its project and location: Google's
// general models translate alike in every project.
func modelKey(name string) string {
	if _, m, ok := strings.Cut(name, "/models/"); ok && strings.HasPrefix(m, "general/") {
		return m
	}
	return name
}

// Client returns the translator's client (for its Stats).
func (t *Translator) Client() *Client { return t.client }

// Key returns the cache key of the translator's configuration.
func (t *Translator) Key() CacheKey { return t.key }

// Translate returns the translations of texts, in order ("" for a text
// too long to send). On an error, what was translated stays cached.
func (t *Translator) Translate(ctx context.Context, texts []string) ([]string, error) {
	var (
		mine   []string
		theirs = map[*call]bool{}
		my     = &call{done: make(chan struct{})} // one for all texts this call sends
	)
	t.mu.Lock()
	for _, s := range texts {
		if _, ok := t.done[s]; ok {
			continue
		}
		if c, ok := t.inflight[s]; ok {
			if c != my {
				theirs[c] = true
			}
			continue
		}
		t.inflight[s] = my
		mine = append(mine, s)
	}
	t.mu.Unlock()

	var err error
	if len(mine) > 0 {
		err = t.fetch(ctx, mine)
		t.mu.Lock()
		for _, s := range mine {
			delete(t.inflight, s)
			if _, ok := t.done[s]; !ok && err == nil {
				t.done[s] = "" // left out: too long
			}
		}
		my.err = err
		t.mu.Unlock()
		close(my.done)
	}
	for c := range theirs {
		select {
		case <-c.done:
			if c.err != nil && err == nil {
				err = c.err
			}
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err != nil {
		return nil, err
	}
	out := make([]string, len(texts))
	t.mu.Lock()
	for i, s := range texts {
		out[i] = t.done[s]
	}
	t.mu.Unlock()
	return out, nil
}

// fetch translates texts nobody else is translating: cache first, then
// the API.
func (t *Translator) fetch(ctx context.Context, texts []string) error {
	misses := texts
	if t.cache != nil {
		got, ok, err := t.cache.Get(t.key, texts)
		if err != nil {
			return err
		}
		misses = misses[:0:0]
		t.mu.Lock()
		for i, s := range texts {
			if ok[i] {
				t.done[s] = got[i]
			} else {
				misses = append(misses, s)
			}
		}
		t.mu.Unlock()
		t.CacheHits.Add(int64(len(texts) - len(misses)))
	}
	batches := Batches(misses)
	if len(batches) == 0 {
		return nil
	}
	var (
		once  sync.Once
		first error
	)
	fail := func(err error) { once.Do(func() { first = err }) }
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	perr := pool.Chunks(ctx, len(batches), t.client.cfg.Concurrency, func() func(lo, hi int) {
		return func(lo, hi int) {
			for _, b := range batches[lo:hi] {
				if ctx.Err() != nil {
					return
				}
				if err := t.batch(ctx, b); err != nil {
					fail(err)
					cancel()
					return
				}
			}
		}
	})
	if first != nil {
		return first
	}
	return perr
}

func (t *Translator) batch(ctx context.Context, b []string) error {
	if t.MaxChars > 0 {
		n := int64(0)
		for _, s := range b {
			n += int64(utf8.RuneCountInString(s))
		}
		if t.reserved.Add(n) > t.MaxChars {
			return &Error{Kind: KindBudget, Msg: fmt.Sprintf("the run would send more than --mt-max-chars %d characters; stopped (what was translated is cached)", t.MaxChars)}
		}
	}
	tr, err := t.client.Translate(ctx, b)
	if err != nil {
		return err
	}
	if t.cache != nil {
		if err := t.cache.Put(t.key, b, tr); err != nil {
			return fmt.Errorf("translation cache %s: %w", t.cache.Path(), err)
		}
	}
	t.mu.Lock()
	for i, s := range b {
		t.done[s] = tr[i]
	}
	t.mu.Unlock()
	return nil
}

// Plan is what translating a set of texts would send, after the cache.
type Plan struct {
	Texts    int   // distinct texts asked for
	Cached   int   // of them found in the cache
	TooLong  int   // of them left out (over MaxTextRunes)
	Strings  int   // texts to send
	Chars    int64 // code points to send (what Google bills)
	Requests int   // requests, without retries
}

// Plan says what Translate(texts) would send now, without any network.
func (t *Translator) Plan(texts []string) (Plan, error) {
	var p Plan
	uniq := make([]string, 0, len(texts))
	seen := map[string]bool{}
	for _, s := range texts {
		if !seen[s] {
			seen[s] = true
			uniq = append(uniq, s)
		}
	}
	p.Texts = len(uniq)
	misses := uniq
	if t.cache != nil {
		_, ok, err := t.cache.Get(t.key, uniq)
		if err != nil {
			return p, err
		}
		misses = nil
		for i, s := range uniq {
			if ok[i] {
				p.Cached++
			} else {
				misses = append(misses, s)
			}
		}
	}
	for _, b := range Batches(misses) {
		p.Requests++
		p.Strings += len(b)
		for _, s := range b {
			p.Chars += int64(utf8.RuneCountInString(s))
		}
	}
	p.TooLong = len(misses) - p.Strings
	return p, nil
}

// Price is the list price in US dollars of translating chars code points
// ($20 per million), and what is left after the monthly 500K free.
func Price(chars int64) (list, afterFree float64) {
	list = float64(chars) * 20 / 1e6
	afterFree = float64(max(0, chars-500_000)) * 20 / 1e6
	return list, afterFree
}

// IsUserError reports whether err is a Cloud Translation error the user
// must fix (see Error.UserError).
func IsUserError(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.UserError()
}
