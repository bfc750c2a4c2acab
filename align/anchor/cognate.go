package anchor

import (
	"strings"
	"unicode/utf8"
)

// CognatePrefix is how many letters of a word's skeleton make its cognate
// key: enough that "популярности" and "popularity" meet ("popul") while
// unrelated words rarely do.
const CognatePrefix = 5

// AppendCognates calls fn with the cognate key of every word of text that is
// long enough to carry one: the first letters of its skeleton (see
// Skeleton). International words — "профессионалы" and "professionals",
// "комедия" and "comedy", "Powerpoint" and "поверпоинте" — share theirs, so
// any two languages that borrow from each other meet, with no dictionary.
// buf is scratch space, returned for reuse.
//
// cache, when not nil, remembers the keys of words seen before: words
// repeat (Zipf), and the transliteration costs more than a map look-up.
func AppendCognates(buf []byte, text, lang string, cache *CognateCache, fn func(key string)) []byte {
	for head := range cognateHeads(text) {
		if cache != nil {
			if k, ok := cache.keys[head]; ok {
				if k != "" {
					fn(k)
				}
				continue
			}
		}
		var k string
		buf, k = cognateKey(buf, head)
		if k != "" {
			fn(k)
		}
		cache.add(head, k)
	}
	return buf
}

// AppendCognateIDs is AppendCognates for a caller that numbers the keys:
// fn gets id(key) of each word's key, and cache keeps the id with the
// word, so that a word seen before costs one look-up where it cost two. A
// cache must serve one id function only; a nil one caches for this call.
func AppendCognateIDs(buf []byte, text, lang string, cache *CognateCache, id func(key string) int32, fn func(id int32)) []byte {
	if cache == nil {
		cache = &CognateCache{}
	}
	if cache.ids == nil {
		cache.ids = make(map[string]int32)
	}
	for head := range cognateHeads(text) {
		if i, ok := cache.ids[head]; ok {
			if i >= 0 {
				fn(i)
			}
			continue
		}
		var k string
		buf, k = cognateKey(buf, head)
		i := int32(-1)
		if k != "" {
			i = id(k)
			fn(i)
		}
		if len(cache.ids) < maxCognateCache {
			cache.ids[strings.Clone(head)] = i
		}
	}
	return buf
}

// cognateHeads yields the first letters of every word of text long enough
// to carry a cognate key: those that decide the key.
//
// Only the word's first letters decide its key, so only they are
// transliterated: the endings that Skeleton strips lie beyond them in a word
// this long, and this runs on every word of every post.
func cognateHeads(text string) func(yield func(string) bool) {
	const head = CognatePrefix + 3 // letters read: transliteration may shorten (ъ, ь)
	return func(yield func(string) bool) {
		for w := range Words(text) {
			if len(w) < CognatePrefix+1 { // bytes: a quick lower bound on letters
				continue
			}
			letters, cut := 0, len(w)
			for i := range w {
				if letters == head {
					cut = i
					break
				}
				letters++
			}
			if cut == len(w) && utf8.RuneCountInString(w) < CognatePrefix+1 {
				continue
			}
			if !yield(w[:cut]) {
				return
			}
		}
	}
}

// cognateKey returns the cognate key of a word's first letters, "" for
// none; buf is scratch space, returned for reuse.
func cognateKey(buf []byte, head string) ([]byte, string) {
	buf = appendSkeleton(buf[:0], head, false, skelAcronym)
	if len(buf) < CognatePrefix {
		return buf, ""
	}
	return buf, string(buf[:CognatePrefix])
}

// CognateCache maps a word's first letters to its cognate key ("" for
// none). It is not safe for concurrent use: each goroutine keeps its own.
type CognateCache struct {
	keys map[string]string
	ids  map[string]int32 // for AppendCognateIDs: the id of the key, -1 for none
}

// maxCognateCache bounds the cache; past it, words are no longer added.
const maxCognateCache = 1 << 17

func NewCognateCache() *CognateCache { return &CognateCache{keys: make(map[string]string)} }

func (c *CognateCache) add(head, key string) {
	if c != nil && len(c.keys) < maxCognateCache {
		c.keys[strings.Clone(head)] = key
	}
}
