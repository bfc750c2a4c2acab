package check

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
)

// enWordsGz holds the lower-case words of SCOWL's American English list
// (words/README.md): common words, which SCOWL writes in lower case, as
// opposed to names, which it capitalises.
//
//go:embed words/en.txt.gz
var enWordsGz []byte

var enWords = sync.OnceValue(func() map[string]bool {
	zr, err := gzip.NewReader(bytes.NewReader(enWordsGz))
	if err != nil {
		panic("check: embedded word list: " + err.Error()) // built into the binary: a broken build
	}
	m := make(map[string]bool, 64_000)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		m[sc.Text()] = true
	}
	if err := sc.Err(); err != nil {
		panic("check: embedded word list: " + err.Error())
	}
	return m
})

// commonWords reports whether every word of a capitalised phrase of lang
// is a common word of the language rather than a name ("Red Crescent",
// "Board", "READERS"): a translation renders those, so an original need
// not spell them alike. Only English has a list; other languages report
// false.
func commonWords(phrase, lang string) bool {
	if !strings.EqualFold(strings.SplitN(lang, "-", 2)[0], "en") {
		return false
	}
	words := enWords()
	n := 0
	for _, w := range strings.FieldsFunc(phrase, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') }) {
		if !words[strings.ToLower(w)] {
			return false
		}
		n++
	}
	return n > 0
}
