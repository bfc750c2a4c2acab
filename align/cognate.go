package align

import "unicode/utf8"

// cognatePrefix is how many letters of a word's skeleton make its cognate
// key: enough that "популярности" and "popularity" meet ("popul") while
// unrelated words rarely do.
const cognatePrefix = 5

// appendCognates calls fn with the cognate key of every word of text that is
// long enough to carry one: the first letters of its Skeleton. International
// words — "профессионалы" and "professionals", "комедия" and "comedy",
// "Powerpoint" and "поверпоинте" — share theirs, so any two languages that
// borrow from each other meet, with no dictionary. buf is scratch space,
// returned for reuse.
func appendCognates(buf []byte, text, lang string, fn func(key []byte)) []byte {
	ru := isLang(lang, "ru")
	for w := range words(text) {
		if utf8.RuneCountInString(w) < cognatePrefix+1 {
			continue
		}
		buf = appendSkeleton(buf[:0], w, ru, skelWord)
		if len(buf) >= cognatePrefix {
			fn(buf[:cognatePrefix])
		}
	}
	return buf
}
