package sim

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func bag(mass float32, terms ...Term) Bag { return Bag{Terms: terms, Mass: mass} }

// TestOverlapDice checks the bag arithmetic against values worked out by
// hand.
func TestOverlapDice(t *testing.T) {
	a := bag(3, Term{1, 1}, Term{2, 0.5}, Term{5, 1})
	b := bag(2, Term{2, 1}, Term{5, 1})
	if got := Overlap(a, b); got != 1.5 { // min(.5,1) + min(1,1)
		t.Errorf("Overlap = %g, want 1.5", got)
	}
	if got := Dice(a, b); got != 2*1.5/5 {
		t.Errorf("Dice = %g, want 0.6", got)
	}
	// A word matches once: the overlap is capped by the smaller mass.
	many := bag(1, Term{1, 1}, Term{2, 1}, Term{3, 1})
	if got := Overlap(many, bag(3, Term{1, 1}, Term{2, 1}, Term{3, 1})); got != 1 {
		t.Errorf("capped Overlap = %g, want 1", got)
	}
	if got := Dice(Bag{}, b); got != 0 {
		t.Errorf("Dice with an empty bag = %g, want 0", got)
	}
	if got := Dice(b, b); got != 1 {
		t.Errorf("Dice of a bag with itself = %g, want 1", got)
	}
}

type fixedModel struct{ src, tgt Bag }

func (m fixedModel) Source(string) Bag { return m.src }
func (m fixedModel) Target(string) Bag { return m.tgt }

// TestCombine: merged terms keep the larger weight, the mass is the
// largest (models that know the same word count it once), nil models are
// skipped and one model is returned as is.
func TestCombine(t *testing.T) {
	x := fixedModel{src: bag(2, Term{1, 0.5}, Term{3, 1}), tgt: bag(1, Term{1, 1})}
	y := fixedModel{src: bag(3, Term{1, 1}, Term{2, 0.25}), tgt: bag(2, Term{2, 1}, Term{4, 1})}
	got := Combine(x, nil, y).Source("")
	want := bag(3, Term{1, 1}, Term{2, 0.25}, Term{3, 1})
	if got.Mass != want.Mass || !slices.Equal(got.Terms, want.Terms) {
		t.Errorf("Combine.Source = %+v, want %+v", got, want)
	}
	if tg := Combine(x, y).Target(""); tg.Mass != 2 || len(tg.Terms) != 3 {
		t.Errorf("Combine.Target = %+v", tg)
	}
	if _, ok := Combine(nil, x).(fixedModel); !ok || Combine(nil) != nil {
		t.Error("Combine of one model (or none) should be that model (or nil)")
	}
}

// TestCombineTranslator: a source text a Translator knows gets its
// translation's bag alone, whatever word models (nested in a Combine too)
// guess beside it; a text no translation knows gets the word models' bag;
// target bags still merge every model's.
func TestCombineTranslator(t *testing.T) {
	vocab := NewVocabulary("en")
	tr := NewTranslations([]Unit{{Source: "Переговоры продлились час.", Translation: "The talks lasted an hour."}}, "ru", vocab)
	// A word model that guesses for every text: "weather" and "talks".
	guess := bag(2, normalise([]Term{{vocab.ID("weather"), 0.5}, {vocab.ID("talk"), 0.4}})...)
	words := fixedModel{src: guess, tgt: bag(1, Term{vocab.ID("weather"), 1})}
	for name, m := range map[string]Model{
		"flat":   Combine(words, tr),
		"nested": Combine(words, Combine(fixedModel{}, tr)),
	} {
		got, want := m.Source("Переговоры  продлились час."), tr.Source("Переговоры продлились час.")
		if want.Mass == 0 || got.Mass != want.Mass || !slices.Equal(got.Terms, want.Terms) {
			t.Errorf("%s: known text %+v, want its translation's bag %+v", name, got, want)
		}
		if got := m.Source("Погода была хорошей."); got.Mass != guess.Mass || !slices.Equal(got.Terms, guess.Terms) {
			t.Errorf("%s: unknown text %+v, want the word model's bag %+v", name, got, guess)
		}
		if got := m.Target("The weather was fine."); got.Mass != 2 || len(got.Terms) != 2 {
			t.Errorf("%s: target %+v, want the merged bags (weather, fine)", name, got)
		}
	}
}

// TestWords: the streaming tokenizer gives what lower-casing the text and
// splitting it gives.
func TestWords(t *testing.T) {
	for _, text := range []string{
		"Военно-морской флот России провёл учения.",
		"Lavrov's talks with O'Neill — in the U.S.A.!",
		"ÉCOLE d'été, Straße 12-14; кого--то «Ё» ",
		"",
		"--- '' -a- b'",
	} {
		if got, want := Words(text), lexWords(strings.ToLower(text)); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestWordsRunes: whatever shortcut the tokenizer takes for ASCII and
// Cyrillic, every rune below U+3000 splits, joins and lower-cases as the
// reference says, at a word's start, inside it and alone.
func TestWordsRunes(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		c := string(r)
		for _, text := range []string{"a" + c + "b", c + "Ж", "Ж" + c + "-" + c, c} {
			if got, want := Words(text), lexWords(strings.ToLower(text)); !slices.Equal(got, want) {
				t.Fatalf("Words(%q) = %q, want %q", text, got, want)
			}
		}
	}
	for _, text := range []string{"ab\xffcd", "Ж\xd0", "\xd1Ж", "\xd0\xd0\x80"} {
		if got, want := Words(text), lexWords(strings.ToLower(text)); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", text, got, want)
		}
	}
}

func FuzzWords(f *testing.F) {
	f.Add("Военно-морской флот России провёл учения.")
	f.Add("Lavrov's talks — ÉCOLE d'été")
	f.Add("jusqu’à l'érosion, dell'anno; s'y")
	f.Fuzz(func(t *testing.T, text string) {
		got := Words(text)
		if want := lexWords(strings.ToLower(text)); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", text, got, want)
		}
		// Every word stems in every language, elided or not in those that
		// elide.
		for _, w := range got {
			for _, lang := range []string{"ru", "en", "fr", "es", "it", "ca", "de"} {
				if st := stem(w, lang); len(st) > len(w)+8 {
					t.Errorf("stem(%q, %s) = %q, longer than the word", w, lang, st)
				}
			}
		}
	})
}

// goldSentencePairs reads the bilingual gold beads of the WMT23 dev set.
func goldSentencePairs(t testing.TB) []SentencePair {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "wmt23-ruen-dev", "gold", "beads.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pairs []SentencePair
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var doc struct{ Beads []struct{ Ru, En string } }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		for _, b := range doc.Beads {
			if b.Ru != "" && b.En != "" {
				pairs = append(pairs, SentencePair{Source: b.Ru, Target: b.En})
			}
		}
	}
	return pairs
}

// TestLearnWordTranslations: from the dev set's sentence pairs the lexicon
// learns what words mean, through their inflections; from the same
// sentences paired at random (the negative control) it learns none of it.
func TestLearnWordTranslations(t *testing.T) {
	pairs := goldSentencePairs(t)
	want := map[string]string{ // Russian word → English stem
		"фильм": "film", "фильма": "film", "вода": "water", "воды": "water", "врач": "doctor",
		"персонал": "staff", "городе": "citi", "спортсмены": "athlet", "компании": "compani",
	}
	l := Learn(pairs, "ru", NewVocabulary("en"), DefaultLearnOptions())
	if l.Pairs() != len(pairs) || l.Entries() < 1000 {
		t.Errorf("learned %d entries from %d pairs, want >= 1000 from %d", l.Entries(), l.Pairs(), len(pairs))
	}
	for ru, en := range want {
		if got := l.Translations(ru); len(got) == 0 || got[0] != en {
			t.Errorf("Translations(%q) = %q, want %q first", ru, got, en)
		}
	}
	shuffled := slices.Clone(pairs)
	for i := range shuffled {
		shuffled[i].Target = pairs[(i+len(pairs)/2)%len(pairs)].Target
	}
	noise := Learn(shuffled, "ru", NewVocabulary("en"), DefaultLearnOptions())
	right := 0
	for ru, en := range want {
		if slices.Contains(noise.Translations(ru), en) {
			right++
		}
	}
	if right > 1 {
		t.Errorf("from random pairs the lexicon learned %d of %d translations", right, len(want))
	}
	// The bags of a sentence and its translation meet; those of unrelated
	// sentences much less.
	var same, other float64
	for i, p := range pairs[:200] {
		same += Dice(l.Source(p.Source), l.Target(p.Target))
		other += Dice(l.Source(p.Source), l.Target(pairs[(i+7)%len(pairs)].Target))
	}
	if same < 3*other {
		t.Errorf("mean Dice of translations %.3f, of unrelated sentences %.3f: want at least 3 times", same/200, other/200)
	}
}

// TestTranslations: a unit of several sentences lends each its
// translation's sentence; a post made of units gets the merged bags; a
// text the file does not hold gets an empty bag.
func TestTranslations(t *testing.T) {
	vocab := NewVocabulary("en")
	m := NewTranslations([]Unit{
		{Source: "Министр прибыл в Москву. Переговоры продлились час.", Translation: "The minister arrived in Moscow. The talks lasted an hour."},
		{Source: "Погода была хорошей.", Translation: "The weather was fine."},
	}, "ru", vocab)
	if got, want := m.Source("Переговоры продлились час."), vocab.Bag("The talks lasted an hour."); !slices.Equal(got.Terms, want.Terms) {
		t.Errorf("sentence of a unit: %+v, want %+v", got, want)
	}
	post := m.Source("Министр прибыл в Москву.\nПереговоры продлились час. Погода была хорошей.")
	if want := vocab.Bag("The minister arrived in Moscow. The talks lasted an hour. The weather was fine."); Dice(post, want) != 1 {
		t.Errorf("post of units: Dice %.2f with its translation, want 1", Dice(post, want))
	}
	if b := m.Source("Совсем другой текст."); b.Mass != 0 || len(b.Terms) != 0 {
		t.Errorf("unknown text: %+v, want an empty bag", b)
	}
}

// TestModelsConcurrent runs the models from many goroutines (go test
// -race checks them).
func TestModelsConcurrent(t *testing.T) {
	pairs := goldSentencePairs(t)
	vocab := NewVocabulary("en")
	l := Learn(pairs[:300], "ru", vocab, DefaultLearnOptions())
	tr := NewTranslations([]Unit{{Source: pairs[0].Source, Translation: pairs[0].Target}}, "ru", vocab)
	m := Combine(l, tr)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for _, p := range pairs[g*50 : g*50+50] {
				Dice(m.Source(p.Source), m.Target(p.Target))
			}
		})
	}
	wg.Wait()
}

// skipWithoutMueller skips a test that needs Debian's mueller7-dict, unless
// PARAPOST_REQUIRE_DICT is set (CI installs the package and sets it), when
// its absence is a failure: nothing skips silently there.
func skipWithoutMueller(t *testing.T) {
	t.Helper()
	if os.Getenv("PARAPOST_REQUIRE_DICT") != "" {
		t.Fatal("mueller7-dict is not installed, and PARAPOST_REQUIRE_DICT is set")
	}
	t.Skip("mueller7-dict is not installed (apt-get install mueller7-dict)")
}

// FuzzReadTranslations: a translations file never panics the reader, and
// what it reads indexes.
func FuzzReadTranslations(f *testing.F) {
	f.Add(`{"ru": "Привет. Как дела?", "en": "Hello. How are you?"}` + "\n" + `{"ru": "Да", "en": "Yes"}`)
	f.Add(`{"ru": 1, "en": null}`)
	f.Add("\uFEFF" + `{"en": "x"}`)
	f.Fuzz(func(t *testing.T, data string) {
		units, err := ReadTranslations(strings.NewReader(data), "f.jsonl", "ru", "en")
		if err != nil {
			return
		}
		m := NewTranslations(units, "ru", NewVocabulary("en"))
		for _, u := range units {
			m.Source(u.Source)
		}
	})
}

// TestVocabularyPrime: priming numbers stems in the order of the texts and
// their words, whatever was asked before of another vocabulary, and the
// bags made afterwards, from any goroutine, use those ids.
func TestVocabularyPrime(t *testing.T) {
	texts := []string{"The ministers discussed trade.", "Trade grew; ministers met again."}
	a, b := NewVocabulary("en"), NewVocabulary("en")
	b.Bag("again and again the ministers met") // b numbers other stems first
	a.Prime(texts...)
	var want []uint32
	for _, st := range []string{"minist", "discuss", "trade", "grew", "met"} {
		id, ok := a.Lookup(st)
		if !ok {
			t.Fatalf("stem %q not numbered by Prime (stems: %v)", st, a.names())
		}
		want = append(want, id)
	}
	if !slices.IsSorted(want) || want[0] != 0 {
		t.Errorf("ids %v: want them in the order the texts hold the stems, from 0", want)
	}
	n := len(a.names())
	a.Bag(texts[1])
	if len(a.names()) != n {
		t.Error("bagging a primed text numbered new stems")
	}
}

// TestLearnedWordCaches: the word caches Learn fills from its training
// words give the answers srcWord and tgtWord compute for a word they have
// not seen: the bags of the second pass are the bags of an empty cache.
func TestLearnedWordCaches(t *testing.T) {
	pairs := goldSentencePairs(t)[:400]
	l := Learn(pairs, "ru", NewVocabulary("en"), DefaultLearnOptions())
	if n := l.nSrcWords.Load(); n < 1000 {
		t.Fatalf("%d source words cached, want the training words", n)
	}
	fresh := Learn(pairs, "ru", NewVocabulary("en"), DefaultLearnOptions())
	known := 0
	for _, p := range pairs {
		for w := range words(p.Source) {
			got := l.srcWord(w)
			want := int32(-1)
			if st := fresh.stems.get(w); st != "" {
				if i, ok := fresh.srcIndex[st]; ok {
					want = i
				}
			}
			if got >= 0 {
				known++
			}
			// The indexes may differ (srcTerms is filled from a map): the
			// translations they lead to may not.
			if (got < 0) != (want < 0) || got >= 0 && !slices.Equal(l.srcTerms[got], fresh.srcTerms[want]) {
				t.Fatalf("source %q: cached %d, computed %d", w, got, want)
			}
		}
		for w := range words(p.Target) {
			want := int64(-1)
			if st := l.vocab.stem.get(w); st != "" {
				if id, ok := l.vocab.Lookup(st); ok && l.known[id] {
					want = int64(id)
				}
			}
			if got := l.tgtWord(w); got != want {
				t.Fatalf("target %q: cached %d, computed %d", w, got, want)
			}
		}
	}
	if known == 0 {
		t.Error("no training word has translations")
	}
}

// TestLowerWord: lowerWord is strings.ToLower for every rune below U+3000
// alone, in a Russian word and in an English one, and for broken UTF-8.
func TestLowerWord(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		c := string(r)
		for _, w := range []string{c, "Ж" + c + "Я", "Ab" + c} {
			if got, want := lowerWord(w), strings.ToLower(w); got != want {
				t.Fatalf("lowerWord(%q) = %q, want %q", w, got, want)
			}
		}
	}
	for _, w := range []string{"", "ЁЖИК", "Лавров", "\xd0", "Ж\xd0", "\xd0\x41", "\xd1\xa0Ж", "ÉCOLE"} {
		if got, want := lowerWord(w), strings.ToLower(w); got != want {
			t.Errorf("lowerWord(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestTrimJoin: lexTrimJoin is strings.TrimRight of the join marks.
func TestTrimJoin(t *testing.T) {
	for _, w := range []string{"", "кого-", "кого--", "o'", "o’", "o'’-", "a\x99", "word", "-", "’"} {
		if got, want := lexTrimJoin(w), strings.TrimRight(w, "-'’"); got != want {
			t.Errorf("lexTrimJoin(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestStemElision: French, Italian and Catalan drop the vowel of an
// article or pronoun before an apostrophe; the word after it stems as it
// does alone, so that "l'érosion" of a translation meets "l' érosion" of a
// tokenised text (and "érosion" of another sentence). Other languages keep
// their apostrophes.
func TestStemElision(t *testing.T) {
	for _, tc := range []struct{ word, lang, alone string }{
		{"l'érosion", "fr", "érosion"},
		{"l’érosion", "fr", "érosion"},
		{"d'attribuer", "fr", "attribuer"},
		{"jusqu'aux", "fr", "aux"},
		{"dell'anno", "it", "anno"},
		{"l'any", "ca", "any"},
	} {
		if got, want := stem(tc.word, tc.lang), stem(tc.alone, tc.lang); got != want {
			t.Errorf("stem(%q, %s) = %q, want %q as for %q", tc.word, tc.lang, got, want, tc.alone)
		}
	}
	// No elision in English; and a letter alone after the apostrophe
	// ("s'y") is no word to keep.
	if got, other := stem("o'neill", "en"), stem("neill", "en"); got == other {
		t.Errorf("stem(o'neill, en) = %q, the stem of neill: English elides nothing", got)
	}
	if got := elide("s'y"); got != "s'y" {
		t.Errorf("elide(s'y) = %q, want it whole", got)
	}
}

// TestSourceNumbersNone: the models whose source bags only look up say
// so, and their source bags indeed number no stem; a model it does not
// know, and a combination holding one, are taken to number stems.
func TestSourceNumbersNone(t *testing.T) {
	vocab := NewVocabulary("en")
	tr := NewTranslations([]Unit{{Source: "Мир и дружба.", Translation: "Peace and friendship."}}, "ru", vocab)
	learned := Learn([]SentencePair{{Source: "мир дружба", Target: "peace friendship"}, {Source: "мир дружба", Target: "peace friendship"}}, "ru", vocab, DefaultLearnOptions())
	for _, m := range []Model{nil, tr, learned, Combine(tr, learned)} {
		if !SourceNumbersNone(m) {
			t.Errorf("SourceNumbersNone(%T) = false, want true", m)
		}
		before := len(vocab.names())
		if m != nil {
			m.Source("Новые слова: океан, пустыня, вулкан. Мир и дружба.")
		}
		if after := len(vocab.names()); after != before {
			t.Errorf("%T: Source numbered %d new stems", m, after-before)
		}
	}
	for _, m := range []Model{fixedModel{}, Combine(tr, fixedModel{})} {
		if SourceNumbersNone(m) {
			t.Errorf("SourceNumbersNone(%T) = true for a model it does not know", m)
		}
	}
}

// TestStemAhead: the words of both sides land in the run's stem caches,
// where Learn and the bags look them up, and no stem is numbered.
func TestStemAhead(t *testing.T) {
	v := NewVocabulary("en")
	v.StemAhead("ru", []string{"Министры обсудили сотрудничество."}, []string{"The ministers discussed cooperation."})
	if n := len(v.names()); n != 0 {
		t.Errorf("StemAhead numbered %d stems", n)
	}
	for _, c := range []struct {
		cache *stemCache
		word  string
	}{{v.sourceStems("ru"), "сотрудничество"}, {v.stem, "ministers"}, {v.stem, "cooperation"}} {
		st, ok := c.cache.m.Load(c.word)
		if !ok || st != stem(c.word, c.cache.lang) {
			t.Errorf("%s: cached %q (%v), want %q", c.word, st, ok, stem(c.word, c.cache.lang))
		}
	}
}

// TestStem pins the stems the Snowball algorithms give (the stems key every
// lexicon, bag and cache): inflected forms meet, short words and stop
// words are left alone, ё is е, and a Russian surname's "ов" goes.
func TestStem(t *testing.T) {
	for _, tc := range []struct{ lang, word, want string }{
		{"ru", "встречи", "встреч"},
		{"ru", "встреча", "встреч"},
		{"ru", "сотрудничества", "сотрудничеств"},
		{"ru", "провёл", "провел"},
		{"ru", "Лавров", "лавр"},
		{"ru", "ей", ""}, // a stop word
		{"ru", "ао", "ао"},
		{"en", "meetings", "meet"},
		{"en", "Ministers", "minist"},
		{"en", "cooperation", "cooper"},
		{"en", "the", ""},
		{"fr", "érosion", "éros"},
		{"fr", "rétrograde", "rétrograd"},
		{"es", "relaciones", "relacion"},
		{"de", "Durchbruchstäler", "durchb"},
		{"de", "Tal", ""},
	} {
		if got := stem(tc.word, tc.lang); got != tc.want {
			t.Errorf("stem(%q, %s) = %q, want %q", tc.word, tc.lang, got, tc.want)
		}
	}
}
