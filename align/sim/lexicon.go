package sim

import (
	"iter"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	snowballen "github.com/blevesearch/snowballstem/english"
	snowballfr "github.com/blevesearch/snowballstem/french"
	snowballru "github.com/blevesearch/snowballstem/russian"
	snowballes "github.com/blevesearch/snowballstem/spanish"
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"

	"github.com/parapost/parapost/align/internal/measure"
)

// Lexicon answers "can these two words translate each other?" for sentence
// alignment. Both sides are stemmed (see stem: Russian, English, French
// and Spanish with the Snowball stemmers, other languages cut to a prefix)
// so that inflected forms meet:
// "встречи" and "meetings" are found through an entry meeting → встреча.
//
// Words are mapped to small integer concept ids: every distinct stem of a
// dictionary headword is a concept; the headword's stem maps to it and so
// does the stem of every content word of its translations. A source stem and
// a target stem that translate each other thus share at least one id, and
// two sentences' overlap is the size of the intersection of their id sets.
//
// Stop words of both languages (и, в, на, the, of, to...) are never keys:
// they would link every sentence to every other. A Lexicon is safe for
// concurrent use.
type Lexicon struct {
	srcLang, tgtLang string
	src, tgt         map[string][]uint32 // stem → sorted concept ids
	concepts         int

	// Stemming is the hot path of alignment: stems are cached per language.
	srcCache, tgtCache *stemCache
}

// lexMaxCached bounds each stem cache (a word and its stem take about 100
// bytes): a corpus's vocabulary fits, a stream of junk tokens does not grow
// memory without end.
const lexMaxCached = 1 << 20

// lexMaxContentWords is the longest translation, in content words, that is
// indexed: longer ones are explanations rather than translations, and their
// words would link the head to unrelated sentences.
const lexMaxContentWords = 4

// stemCache maps words of one language to their stems.
// It is read on every word of every post from many goroutines, so reads
// take no lock (a readMap: written once per word, read many times).
type stemCache struct {
	lang string
	m    readMap[string] // word → stem
	n    atomic.Int64
}

func newStemCache(lang string) *stemCache { return &stemCache{lang: lang} }

// NewLexicon indexes d for aligning srcLang text with tgtLang text. d may
// go either way: a dictionary from tgtLang to srcLang is indexed in reverse.
// A dictionary whose languages are set and match neither direction gives an
// empty lexicon; a dictionary without languages is taken as srcLang→tgtLang.
func NewLexicon(d *Dictionary, srcLang, tgtLang string) *Lexicon {
	l := &Lexicon{
		srcLang:  baseLang(srcLang),
		tgtLang:  baseLang(tgtLang),
		src:      make(map[string][]uint32),
		tgt:      make(map[string][]uint32),
		srcCache: newStemCache(baseLang(srcLang)),
		tgtCache: newStemCache(baseLang(tgtLang)),
	}
	if d == nil {
		return l
	}
	switch from, to := baseLang(d.FromLang), baseLang(d.ToLang); {
	case from == l.srcLang && to == l.tgtLang, from == "" && to == "":
		l.index(d, l.src, l.tgt, l.srcLang, l.tgtLang)
	case from == l.tgtLang && to == l.srcLang:
		l.index(d, l.tgt, l.src, l.tgtLang, l.srcLang)
	}
	return l
}

// index fills heads (headword stem → its concept) and trans (translation
// stem → the concepts of the headwords it translates).
func (l *Lexicon) index(d *Dictionary, heads, trans map[string][]uint32, headLang, transLang string) {
	stems := l.stemEntries(d.Entries, headLang, transLang)
	concept := make(map[string]uint32)
	var ids []uint32
	for _, es := range stems {
		ids = ids[:0]
		for _, st := range es.head {
			id, ok := concept[st]
			if !ok {
				id = uint32(len(concept))
				concept[st] = id
				heads[st] = []uint32{id}
			}
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			continue
		}
		for _, ts := range es.trans {
			for _, st := range ts {
				trans[st] = append(trans[st], ids...)
			}
		}
	}
	for st, list := range trans {
		slices.Sort(list)
		trans[st] = slices.Clip(slices.Compact(list))
	}
	l.concepts = len(concept)
}

// lexEntryStems holds the content stems of one dictionary entry.
type lexEntryStems struct {
	head  []string
	trans [][]string
}

// stemEntries returns the content stems of every entry. Stemming a large
// dictionary is most of NewLexicon's time (0.7 s for Mueller's on one
// core), so the entries are shared among goroutines, each with its own
// cache; the caches then seed the lexicon's.
func (l *Lexicon) stemEntries(entries []DictEntry, headLang, transLang string) []lexEntryStems {
	out := make([]lexEntryStems, len(entries))
	workers := min(runtime.GOMAXPROCS(0), 4, len(entries)/1000+1)
	caches := make([]map[string]map[string]string, workers) // per worker: lang → word → stem
	var wg sync.WaitGroup
	for w := range workers {
		cache := map[string]map[string]string{headLang: {}, transLang: {}}
		caches[w] = cache
		stem := func(word, lang string) string {
			st, ok := cache[lang][word]
			if !ok {
				st = stem(word, lang)
				cache[lang][word] = st
			}
			return st
		}
		lo, hi := w*len(entries)/workers, (w+1)*len(entries)/workers
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				e := &entries[i]
				out[i].head = lexContentStems(e.Head, headLang, stem)
				if out[i].head == nil {
					continue
				}
				out[i].trans = make([][]string, len(e.Translations))
				for j, t := range e.Translations {
					out[i].trans[j] = lexContentStems(t, transLang, stem)
				}
			}
		})
	}
	wg.Wait()
	for _, c := range []*stemCache{l.srcCache, l.tgtCache} {
		for _, cache := range caches {
			for word, st := range cache[c.lang] {
				c.put(word, st)
			}
		}
	}
	return out
}

// lexContentStems returns the stems of the words of a headword or
// translation that are worth indexing: a single word unless it is a stop
// word; in a phrase, words of three letters or more that are not stop
// words, unless the phrase has too many of them to be a translation.
// Indefinite pronouns ("кого-л.", "что-либо") are skipped; a hyphenated word
// is indexed whole, joined ("co-operation" as "cooperation") and by its
// parts, as texts may spell or tokenise it either way.
func lexContentStems(text, lang string, stem func(word, lang string) string) []string {
	words := lexWords(strings.ToLower(text))
	var out []string
	add := func(w string, phrase bool) {
		if phrase && lexLetters(w) < 3 {
			return
		}
		if st := stem(w, lang); st != "" && !slices.Contains(out, st) {
			out = append(out, st)
		}
	}
	phrase := len(words) > 1
	content := 0 // words that gave a stem
	for _, w := range words {
		if lexIndefinite(w) {
			continue
		}
		n := len(out)
		add(w, phrase)
		if strings.ContainsRune(w, '-') {
			add(strings.ReplaceAll(w, "-", ""), phrase)
			for part := range strings.SplitSeq(w, "-") {
				add(part, true)
			}
		}
		if len(out) > n {
			content++
		}
	}
	if content > lexMaxContentWords {
		return nil
	}
	return out
}

// Size returns the number of concepts: 0 when the dictionary gave nothing
// for this language pair.
func (l *Lexicon) Size() int { return l.concepts }

// Stem returns the stem of a lower-cased word of lang, the form the lexicon
// is keyed by, or "" for a stop word. ё is read as е, ’ as ', and Russian
// stems lose a final "ов"/"ев" so that surnames meet (see lexTrimOv).
func (l *Lexicon) Stem(word, lang string) string {
	var c *stemCache
	switch lang = baseLang(lang); lang {
	case l.srcCache.lang:
		c = l.srcCache
	case l.tgtCache.lang:
		c = l.tgtCache
	default:
		return stem(word, lang)
	}
	return c.get(word)
}

// get returns the stem of a lower-cased word of the cache's language.
func (c *stemCache) get(word string) string {
	if st, ok := c.m.Load(word); ok {
		return st
	}
	st := stem(word, c.lang)
	c.put(word, st)
	return st
}

// put caches the stem of word while the cache is not full.
func (c *stemCache) put(word, st string) {
	if c.n.Load() < lexMaxCached {
		if _, loaded := c.m.LoadOrStore(word, st); !loaded {
			c.n.Add(1)
		}
	}
}

// SourceIDs returns the concept ids of a source-language stem, sorted; nil
// when the lexicon does not know it. The slice must not be modified.
func (l *Lexicon) SourceIDs(stem string) []uint32 { return l.src[stem] }

// TargetIDs returns the concept ids of a target-language stem, sorted; nil
// when the lexicon does not know it. The slice must not be modified.
func (l *Lexicon) TargetIDs(stem string) []uint32 { return l.tgt[stem] }

// SourceConcepts returns the sorted, distinct concept ids of the words of a
// source-language text (a sentence).
func (l *Lexicon) SourceConcepts(text string) []uint32 {
	return l.textConcepts(text, l.srcLang, l.src)
}

// TargetConcepts returns the sorted, distinct concept ids of the words of a
// target-language text (a sentence).
func (l *Lexicon) TargetConcepts(text string) []uint32 {
	return l.textConcepts(text, l.tgtLang, l.tgt)
}

func (l *Lexicon) textConcepts(text, lang string, m map[string][]uint32) []uint32 {
	if len(m) == 0 {
		return nil
	}
	var ids []uint32
	for _, w := range lexWords(strings.ToLower(text)) {
		ids = append(ids, m[l.Stem(w, lang)]...)
		if strings.ContainsRune(w, '-') {
			ids = append(ids, m[l.Stem(strings.ReplaceAll(w, "-", ""), lang)]...)
			for part := range strings.SplitSeq(w, "-") {
				ids = append(ids, m[l.Stem(part, lang)]...)
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// SharedConcepts returns the number of ids that two sorted id sets share.
func SharedConcepts(a, b []uint32) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// stem stems one word without the cache: Snowball for the languages it
// has, else the first stemPrefix letters (a crude stem that works for
// inflected languages without a stemmer). "" is a stop word, or a word too
// short to carry meaning in a language without a stop list.
func stem(word, lang string) string {
	w := strings.ToLower(word)
	switch lang {
	case "fr", "it", "ca":
		w = elide(w)
	}
	switch lang {
	case "ru":
		w = strings.ReplaceAll(w, "ё", "е")
		if lexStopRU[w] || russian.IsStopWord(w) {
			return ""
		}
		return lexTrimOv(snowball(w, snowballru.Stem))
	case "en":
		w = strings.ReplaceAll(w, "’", "'")
		if lexStopEN[w] || english.IsStopWord(w) {
			return ""
		}
		return snowball(w, snowballen.Stem)
	case "fr":
		if french.IsStopWord(w) {
			return ""
		}
		return snowball(w, snowballfr.Stem)
	case "es":
		if spanish.IsStopWord(w) {
			return ""
		}
		return snowball(w, snowballes.Stem)
	}
	if utf8.RuneCountInString(w) <= 3 {
		return ""
	}
	n := 0
	for i := range w {
		if n == stemPrefix {
			return w[:i]
		}
		n++
	}
	return w
}

// snowball stems a lower-case word with a stemmer the Snowball compiler
// generated (blevesearch/snowballstem, some times faster than
// kljensen/snowball's, whose stop word lists stem uses). Words of one or
// two letters stay as they are.
func snowball(w string, stemmer func(*snowballstem.Env) bool) string {
	if utf8.RuneCountInString(w) <= 2 {
		return w
	}
	env := snowballstem.NewEnv(w)
	stemmer(env)
	return env.Current()
}

// elide drops the article, pronoun or preposition elided before an
// apostrophe in French, Italian and Catalan ("l'érosion", "qu'il",
// "dell'anno", "d'una"): the word is the one after it, as a text
// tokenised with a space after the apostrophe ("l' érosion") has it.
// A word whose last apostrophe leaves less than two letters after it
// stays whole.
func elide(w string) string {
	i := strings.LastIndexAny(w, "'’")
	if i < 0 {
		return w
	}
	_, size := utf8.DecodeRuneInString(w[i:])
	if rest := w[i+size:]; utf8.RuneCountInString(rest) >= 2 {
		return rest
	}
	return w
}

// stemPrefix is how many letters stand for a word of a language without a
// stemmer.
const stemPrefix = 6

// lexTrimOv drops a final "ов"/"ев" from a Russian stem. Snowball reads it
// as a plural genitive ending only at the end of a word, so the surname
// "Лавров" stems to "лавр" but "Лаврова", "Лавровым" to "лавров"; trimming
// every stem the same way makes all forms meet. Short stems are kept
// ("слов" of "слово").
func lexTrimOv(st string) string {
	if (strings.HasSuffix(st, "ов") || strings.HasSuffix(st, "ев")) && utf8.RuneCountInString(st) >= 5 {
		return st[:len(st)-len("ов")]
	}
	return st
}

// lexLang returns the base of a language code: "en-US" → "en".
func baseLang(lang string) string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}

// lexWords splits lower-cased text into words: runs of letters and digits,
// with inner hyphens and apostrophes ("военно-морской", "lavrov's").
func lexWords(s string) []string {
	var out []string
	start := -1
	prevJoin := false // the previous rune was a hyphen or apostrophe inside a word
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		join := r == '-' || r == '\'' || r == '’'
		switch {
		case word:
			if start < 0 {
				start = i
			}
			prevJoin = false
		case join && start >= 0 && !prevJoin:
			prevJoin = true
		default:
			if start >= 0 {
				out = append(out, lexTrimJoin(s[start:i]))
			}
			start, prevJoin = -1, false
		}
	}
	if start >= 0 {
		out = append(out, lexTrimJoin(s[start:]))
	}
	return out
}

// Words returns the lower-cased words of text: runs of letters and digits,
// with inner hyphens and apostrophes ("военно-морской", "lavrov's"). It is
// the tokenizer of every similarity model.
func Words(text string) []string { return slices.Collect(words(text)) }

// words yields the words of Words without collecting them, lower-casing
// only the words that need it: it runs over every post of a corpus.
func words(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start, upper := -1, false
		prevJoin := false // the previous rune was a hyphen or apostrophe inside a word
		emit := func(end int) bool {
			w := lexTrimJoin(text[start:end])
			if upper {
				w = lowerWord(w)
			}
			return yield(w)
		}
		for i, size := 0, 0; i < len(text); i += size {
			r := rune(text[i])
			size = 1
			var word, capital bool
			switch c := text[i]; {
			case c < utf8.RuneSelf:
				lc := c | 0x20
				word = 'a' <= lc && lc <= 'z' || '0' <= c && c <= '9'
				capital = 'A' <= c && c <= 'Z'
			case measure.RussianAt(text, i):
				// U+0400–U+047F, the Russian alphabet among them, are all
				// letters, capitals below U+0430: decided without the
				// Unicode tables, as this runs over every word of a corpus.
				r, size = rune(c&0x1F)<<6|rune(text[i+1]&0x3F), 2
				word = true
				capital = r < 0x430 || r >= 0x460 && unicode.ToLower(r) != r
			default:
				r, size = utf8.DecodeRuneInString(text[i:])
				word = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
				capital = word && unicode.ToLower(r) != r
			}
			join := r == '-' || r == '\'' || r == '’'
			switch {
			case word:
				if start < 0 {
					start, upper = i, false
				}
				if capital {
					upper = true
				}
				prevJoin = false
			case join && start >= 0 && !prevJoin:
				prevJoin = true
			default:
				if start >= 0 && !emit(i) {
					return
				}
				start, prevJoin = -1, false
			}
		}
		if start >= 0 {
			emit(len(text))
		}
	}
}

// lexTrimJoin drops a trailing hyphen or apostrophe ("кого-" in "кого--то").
func lexTrimJoin(w string) string {
	// Most words end in a letter: only a last byte a join can end in
	// ('-', '\'', the last of '’') calls for the trim.
	if n := len(w); n == 0 || w[n-1] != '-' && w[n-1] != '\'' && w[n-1] != 0x99 {
		return w
	}
	return strings.TrimRight(w, "-'’")
}

// lowerWord is strings.ToLower, with a word of ASCII and Russian letters
// (U+0400–U+045F) lower-cased byte by byte: words runs it on every
// capitalised word of a corpus.
func lowerWord(w string) string {
	var b strings.Builder
	b.Grow(len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c < utf8.RuneSelf:
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			continue
		case i+1 >= len(w):
			return strings.ToLower(w)
		}
		c2 := w[i+1]
		switch {
		case c == 0xD0 && 0x80 <= c2 && c2 <= 0x8F: // Ѐ–Џ → ѐ–џ (D1 90–9F)
			c, c2 = 0xD1, c2+0x10
		case c == 0xD0 && 0x90 <= c2 && c2 <= 0x9F: // А–П → а–п
			c2 += 0x20
		case c == 0xD0 && 0xA0 <= c2 && c2 <= 0xAF: // Р–Я → р–я (D1 80–8F)
			c, c2 = 0xD1, c2-0x20
		case c == 0xD0 && 0xB0 <= c2 && c2 <= 0xBF, c == 0xD1 && 0x80 <= c2 && c2 <= 0x9F: // small already
		default:
			return strings.ToLower(w)
		}
		b.WriteByte(c)
		b.WriteByte(c2)
		i++
	}
	return b.String()
}

// lexLetters counts the letters of w.
func lexLetters(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// lexIndefinite reports an indefinite pronoun as dictionaries write them:
// "кого-л", "что-либо", "где-нибудь", "smb", "smth".
func lexIndefinite(w string) bool {
	return strings.HasSuffix(w, "-л") || strings.HasSuffix(w, "-либо") ||
		strings.HasSuffix(w, "-нибудь") || w == "smb" || w == "smth" || w == "sth" || w == "sb"
}

// lexStopRU and lexStopEN add to the Snowball stop lists frequent words that
// carry no meaning of their own, and dictionary abbreviations.
var (
	lexStopRU = lexSet("это", "эта", "эти", "этих", "этим", "также", "который", "которая",
		"которое", "которые", "которых", "которым", "очень", "свой", "своя", "свое", "свои",
		"весь", "вся", "кого", "кому", "чему", "самый",
		"тж", "напр", "др", "т", "п", "г", "см", "л", "либо", "нибудь")
	lexStopEN = lexSet("would", "could", "also", "may", "might", "must", "shall", "upon",
		"one's", "oneself", "smb's", "smth's", "etc")
)

func lexSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// conceptBase sets a dictionary's concept ids apart from the stem ids of a
// Vocabulary, so that a Lexicon combines with the other models.
const conceptBase = 1 << 31

// Source returns the bag of a source-language text: the concepts of its
// words, weight 1 each (a dictionary does not rank its translations); its
// mass counts the words the dictionary knows.
func (l *Lexicon) Source(text string) Bag { return l.bag(text, l.srcLang, l.src) }

// Target returns the bag of a target-language text, as Source.
func (l *Lexicon) Target(text string) Bag { return l.bag(text, l.tgtLang, l.tgt) }

func (l *Lexicon) bag(text, lang string, m map[string][]uint32) Bag {
	var b Bag
	if len(m) == 0 {
		return b
	}
	for w := range words(text) {
		ids := m[l.Stem(w, lang)]
		if strings.ContainsRune(w, '-') {
			ids = append(slices.Clip(ids), m[l.Stem(strings.ReplaceAll(w, "-", ""), lang)]...)
		}
		if len(ids) == 0 {
			continue
		}
		b.Mass++
		for _, id := range ids {
			b.Terms = append(b.Terms, Term{ID: conceptBase | id, W: 1})
		}
	}
	b.Terms = normalise(b.Terms)
	return b
}
