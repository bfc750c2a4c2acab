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
// Only the word's first letters decide its key, so only they are
// transliterated: the endings that Skeleton strips lie beyond them in a word
// this long, and this runs on every word of every post.
//
// cache, when not nil, remembers the keys of words seen before: words
// repeat (Zipf), and the transliteration costs more than a map look-up.
func AppendCognates(buf []byte, text, lang string, cache *CognateCache, fn func(key string)) []byte {
	const head = CognatePrefix + 3 // letters read: transliteration may shorten (ъ, ь)
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
		if cache != nil {
			if k, ok := cache.keys[w[:cut]]; ok {
				if k != "" {
					fn(k)
				}
				continue
			}
		}
		buf = appendSkeleton(buf[:0], w[:cut], false, skelAcronym)
		k := ""
		if len(buf) >= CognatePrefix {
			k = string(buf[:CognatePrefix])
			fn(k)
		}
		cache.add(w[:cut], k)
	}
	return buf
}

// CognateCache maps a word's first letters to its cognate key ("" for
// none). It is not safe for concurrent use: each goroutine keeps its own.
type CognateCache struct{ keys map[string]string }

// maxCognateCache bounds the cache; past it, words are no longer added.
const maxCognateCache = 1 << 17

func NewCognateCache() *CognateCache { return &CognateCache{keys: make(map[string]string)} }

func (c *CognateCache) add(head, key string) {
	if c != nil && len(c.keys) < maxCognateCache {
		c.keys[strings.Clone(head)] = key
	}
}
