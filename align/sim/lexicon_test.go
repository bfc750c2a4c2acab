package sim

import (
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"
)

func dict(from, to string, pairs ...[]string) *Dictionary {
	d := &Dictionary{FromLang: from, ToLang: to}
	for _, p := range pairs {
		d.Entries = append(d.Entries, DictEntry{Head: p[0], Translations: p[1:]})
	}
	return d
}

// translates reports whether the lexicon links a source word to a target
// word, the way the aligner asks.
func translates(l *Lexicon, src, srcLang, tgt, tgtLang string) bool {
	a := l.SourceIDs(l.Stem(src, srcLang))
	b := l.TargetIDs(l.Stem(tgt, tgtLang))
	return SharedConcepts(a, b) > 0
}

func TestLexiconInflectedFormsMeet(t *testing.T) {
	d := dict("en", "ru", []string{"meeting", "встреча", "собрание"}, []string{"minister", "министр"})
	ru := []string{"встреча", "встречи", "встрече", "встречу", "встречей", "собрания"}
	en := []string{"meeting", "meetings"}
	// The dictionary is English→Russian; Russian posts are the sources here,
	// so the lexicon is built in reverse, and forward for the other way.
	rev := NewLexicon(d, "ru", "en")
	fwd := NewLexicon(d, "en", "ru")
	for _, r := range ru {
		for _, e := range en {
			if !translates(rev, r, "ru", e, "en") {
				t.Errorf("ru→en: %q (stem %q) and %q (stem %q) do not meet", r, rev.Stem(r, "ru"), e, rev.Stem(e, "en"))
			}
			if !translates(fwd, e, "en", r, "ru") {
				t.Errorf("en→ru: %q and %q do not meet", e, r)
			}
		}
		if translates(rev, r, "ru", "minister", "en") {
			t.Errorf("%q meets %q", r, "minister")
		}
	}
	if !translates(rev, "министров", "ru", "ministers", "en") {
		t.Error("министров and ministers do not meet")
	}
	if got := rev.Size(); got != 2 {
		t.Errorf("Size() = %d, want 2 concepts", got)
	}
}

func TestLexiconStopWords(t *testing.T) {
	d := dict("en", "ru",
		[]string{"war and peace", "война и мир"},
		[]string{"in", "в"},
		[]string{"the", "этот"},
		[]string{"go to war", "идти на войну"},
		[]string{"help", "помогать кому-л.", "оказывать помощь кому-либо"},
	)
	l := NewLexicon(d, "ru", "en")
	for _, tc := range []struct{ word, lang string }{
		{"в", "ru"}, {"и", "ru"}, {"на", "ru"}, {"этот", "ru"}, {"также", "ru"},
		{"the", "en"}, {"and", "en"}, {"in", "en"}, {"to", "en"},
	} {
		if st := l.Stem(tc.word, tc.lang); st != "" {
			t.Errorf("Stem(%q, %q) = %q, want \"\" for a stop word", tc.word, tc.lang, st)
		}
	}
	// Stop words and short words of phrases are no keys; content words are.
	for _, tc := range []struct {
		word, lang string
		known      bool
	}{
		{"войны", "ru", true}, {"миру", "ru", true}, {"помогать", "ru", true}, {"помощь", "ru", true},
		{"кому-л", "ru", false}, {"кого", "ru", false}, {"идти", "ru", true},
		{"war", "en", true}, {"peace", "en", true}, {"help", "en", true},
		{"go", "en", false}, // two letters, in a phrase
	} {
		var ids []uint32
		if tc.lang == "ru" {
			ids = l.SourceIDs(l.Stem(tc.word, "ru"))
		} else {
			ids = l.TargetIDs(l.Stem(tc.word, "en"))
		}
		if (len(ids) > 0) != tc.known {
			t.Errorf("%s %q: ids %v, want known=%v", tc.lang, tc.word, ids, tc.known)
		}
	}
	if got := l.SourceConcepts("И в этот раз, на том же месте."); len(got) != 0 {
		t.Errorf("a sentence of stop words has concepts %v", got)
	}
	if !translates(l, "войной", "ru", "wars", "en") || translates(l, "помощи", "ru", "war", "en") {
		t.Error("war/война linked wrongly")
	}
}

func TestLexiconDirection(t *testing.T) {
	enru := dict("en", "ru", []string{"bomb", "бомба"})
	for _, tc := range []struct {
		name             string
		d                *Dictionary
		srcLang, tgtLang string
		src, tgt         string
		want             int // concepts
	}{
		{"forward", enru, "en", "ru", "bombs", "бомбы", 1},
		{"reverse", enru, "ru", "en", "бомбы", "bombs", 1},
		{"regional codes", enru, "ru-RU", "en_US", "бомбы", "bombs", 1},
		{"no languages: as given", dict("", "", []string{"bomb", "бомба"}), "en", "ru", "bomb", "бомбу", 1},
		{"other languages", dict("de", "fr", []string{"Bombe", "bombe"}), "en", "ru", "bomb", "бомба", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := NewLexicon(tc.d, tc.srcLang, tc.tgtLang)
			if l.Size() != tc.want {
				t.Fatalf("Size() = %d, want %d", l.Size(), tc.want)
			}
			got := SharedConcepts(l.SourceConcepts(tc.src), l.TargetConcepts(tc.tgt))
			if got != tc.want {
				t.Errorf("%q ~ %q: %d shared concepts, want %d", tc.src, tc.tgt, got, tc.want)
			}
		})
	}
	if l := NewLexicon(nil, "ru", "en"); l.Size() != 0 || l.SourceConcepts("бомба") != nil {
		t.Error("a nil dictionary gives concepts")
	}
}

func TestLexiconSpelling(t *testing.T) {
	d := dict("en", "ru",
		[]string{"co-operation", "сотрудничество"},
		[]string{"fir-tree", "ёлка"},
		[]string{"Lavrov", "Лавров"},
		[]string{"Navy", "военно-морской флот"},
	)
	l := NewLexicon(d, "ru", "en")
	for _, tc := range []struct{ ru, en string }{
		{"сотрудничества", "co-operation"},
		{"сотрудничества", "cooperation"}, // joined spelling of a hyphenated head
		{"елки", "fir-tree"},              // ё read as е
		{"ёлки", "fir-tree"},
		{"Лаврова", "Lavrov’s"}, // capitals, typographic apostrophe
		{"военно-морского", "navy"},
		{"морского", "navy"}, // a part of a hyphenated word
	} {
		if SharedConcepts(l.SourceConcepts(tc.ru), l.TargetConcepts(tc.en)) == 0 {
			t.Errorf("%q and %q do not meet", tc.ru, tc.en)
		}
	}
}

func TestLexiconSentences(t *testing.T) {
	d, err := OpenDict(filepath.Join("..", "..", "testdata", "dict", "en-ru-small.tsv"), "en", "ru")
	if err != nil {
		t.Fatal(err)
	}
	l := NewLexicon(d, "ru", "en")
	ru := "Министр иностранных дел России провёл переговоры с президентом."
	en := "Russia's Foreign Minister held talks with the President."
	other := "A WW2-era bomb exploded in the port town."
	if got := SharedConcepts(l.SourceConcepts(ru), l.TargetConcepts(en)); got != 5 {
		t.Errorf("translation shares %d concepts, want 5 (minister, foreign, Russia, talks, president)", got)
	}
	if got := SharedConcepts(l.SourceConcepts(ru), l.TargetConcepts(other)); got != 0 {
		t.Errorf("unrelated sentence shares %d concepts, want 0", got)
	}
}

func TestSharedConcepts(t *testing.T) {
	for _, tc := range []struct {
		a, b []uint32
		want int
	}{
		{nil, nil, 0},
		{[]uint32{1, 2, 3}, nil, 0},
		{[]uint32{1, 2, 3}, []uint32{2, 3, 4}, 2},
		{[]uint32{1, 5, 9}, []uint32{0, 2, 4, 6, 8}, 0},
		{[]uint32{0, 7}, []uint32{0, 1, 2, 3, 4, 5, 6, 7}, 2},
	} {
		if got := SharedConcepts(tc.a, tc.b); got != tc.want {
			t.Errorf("SharedConcepts(%v, %v) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := SharedConcepts(tc.b, tc.a); got != tc.want {
			t.Errorf("SharedConcepts(%v, %v) = %d, want %d", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestLexiconConcurrent(t *testing.T) {
	d := dict("en", "ru", []string{"meeting", "встреча"})
	l := NewLexicon(d, "ru", "en")
	want := l.SourceConcepts("встречи")
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, w := range []string{"встречи", "встречам", "встречах", "совещания"} {
				got := l.SourceConcepts(w)
				if w == "встречи" && !reflect.DeepEqual(got, want) {
					t.Errorf("SourceConcepts(%q) = %v, want %v", w, got, want)
				}
				l.TargetConcepts("meetings and more meetings")
			}
		})
	}
	wg.Wait()
}

// TestLexiconMueller7 builds a lexicon from Debian's mueller7-dict when it
// is installed (apt-get install mueller7-dict).
func TestLexiconMueller7(t *testing.T) {
	const index = "/usr/share/dictd/mueller7.index"
	if _, err := os.Stat(index); err != nil {
		skipWithoutMueller(t)
	}
	start := time.Now()
	d, err := OpenDict(index, "en", "ru")
	if err != nil {
		t.Fatal(err)
	}
	loaded := time.Since(start)
	l := NewLexicon(d, "ru", "en")
	t.Logf("mueller7: dictionary loaded in %v, lexicon built in %v: %d concepts, %d Russian and %d English keys",
		loaded, time.Since(start)-loaded, l.Size(), len(l.src), len(l.tgt))
	for _, p := range [][2]string{
		{"встречи", "meetings"}, {"министра", "minister"}, {"посольства", "embassy"},
		{"переговоров", "talks"}, {"президенту", "president"}, {"сотрудничество", "cooperation"},
		{"бомба", "bomb"}, {"государства", "states"},
	} {
		if !translates(l, p[0], "ru", p[1], "en") {
			t.Errorf("%q and %q do not meet", p[0], p[1])
		}
	}
	// Real sentences (WMT23, testdata/wmt23-ruen-dev, doc010).
	ru := "В Англии, в портовом городе Грейт-Ярмут, в пятницу взорвалась авиабомба времен Второй мировой войны, которую пытались обезвредить саперы."
	en := "In the port town of Great Yarmouth in England, a WW2-era aviation bomb that sappers were trying to defuse exploded."
	other := "Subscribe to our Context mailing list: it will help you understand events."
	same := SharedConcepts(l.SourceConcepts(ru), l.TargetConcepts(en))
	diff := SharedConcepts(l.SourceConcepts(ru), l.TargetConcepts(other))
	t.Logf("translation shares %d concepts, unrelated sentence %d", same, diff)
	if same < 3 || diff >= same {
		t.Errorf("translation shares %d concepts, unrelated sentence %d", same, diff)
	}
}
