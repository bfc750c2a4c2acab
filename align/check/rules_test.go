package check

import (
	"slices"
	"strings"
	"testing"

	"github.com/parapost/parapost/align/anchor"
	"github.com/parapost/parapost/corpus"
)

// TestAddWordNumbers: numbers and dates written in words vouch for the
// digits of the other side.
func TestAddWordNumbers(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		want, not  []string
	}{
		{"ru", "Магазин находится на первом этаже.", []string{"num:1"}, nil},
		{"ru", "пятиминутной ходьбой после двухлетнего перерыва", []string{"num:5", "num:2"}, nil},
		{"ru", "вдвоем одолеть; уборка дважды", []string{"num:2"}, nil},
		{"ru", "в пятницу, десятого февраля", []string{"date:02-10", "num:10"}, []string{"num:5"}},
		{"ru", "с первого марта до двадцать первого апреля", []string{"date:03-01", "date:04-21"}, nil},
		{"ru", "в городах-миллионниках", []string{"num:1000000"}, nil},
		{"ru", "Семинар в пятницу во вторник", nil, []string{"num:7", "num:5", "num:2"}},
		{"en", "mopped twice a day, the game starts at 10 P.M.", []string{"num:2", "num:22:00"}, nil},
		{"en", "at 12 a.m. on the first floor", []string{"num:0:00", "num:1"}, nil},
	} {
		m := map[string]bool{}
		addWordNumbers(m, c.text, c.lang)
		for _, k := range c.want {
			if !m[k] {
				t.Errorf("%q: no %s in %v", c.text, k, m)
			}
		}
		for _, k := range c.not {
			if m[k] {
				t.Errorf("%q: %s, a number no word stands for", c.text, k)
			}
		}
	}
}

// TestDigitGroups: a number written in parts matches the same digits in
// other parts ("229 62 01" and "229-6201").
func TestDigitGroups(t *testing.T) {
	src, tgt := "Факс: +7 (495) 229 62 01", "Fax +7 (495) 229-6201"
	win := map[string]bool{}
	addDigitGroups(win, tgt)
	for _, a := range anchor.Find(src, "ru") {
		if a.Kind == anchor.Number && (a.Key == "62" || a.Key == "1") && !inDigitGroup(src, a, win) {
			t.Errorf("%s of %q not found in the groups of %q (%v)", a.Key, src, tgt, win)
		}
	}
	win = map[string]bool{}
	addDigitGroups(win, src)
	if !win["num:6201"] || !win["num:2296201"] || win["num:4952"] {
		t.Errorf("groups of %q: %v", src, win)
	}
	if g := digitGroups("in 2023, 15 people"); len(g) != 0 {
		t.Errorf("numbers apart are no group: %v", g)
	}
}

// TestLooseMatch: transliterations that the skeletons spell apart, and
// names that are not the same.
func TestLooseMatch(t *testing.T) {
	sk := func(w, lang string) string { return anchor.Skeleton(w, lang) }
	for _, c := range []struct {
		en, ru string
		want   bool
	}{
		{"Stewart", "Стюарт", true}, {"Lautner", "Лотнер", true}, {"Hughes", "Хьюз", true},
		{"Hewitt", "Хьюитт", true}, {"Japan", "Японию", true}, {"Etain", "Итэйн", true},
		{"Jacob", "Джейкобом", true}, {"Joe", "Джо", true}, {"Owen", "Оуэн", true}, {"Yangtze", "Янцзы", true},
		{"Shoigu", "Нижнем", false}, {"Shoigu", "Лавров", false}, {"Shoigu", "Новгороде", false}, {"Shoigu", "Насти", false},
	} {
		if got := looseMatch(sk(c.en, "en"), sk(c.ru, "ru")); got != c.want {
			t.Errorf("looseMatch(%s, %s) = %v (%q, %q)", c.en, c.ru, got, sk(c.en, "en"), sk(c.ru, "ru"))
		}
	}
	stems := appendNameSkeletons(nil, "палестино-израильского противостояния, советский", "ru")
	for _, en := range []string{"Israeli", "Soviet"} {
		if !slices.ContainsFunc(stems, func(s string) bool { return looseMatch(sk(en, "en"), s) }) {
			t.Errorf("%s: no counterpart among %v", en, stems)
		}
	}
}

func TestCommonWords(t *testing.T) {
	for _, c := range []struct {
		phrase, lang string
		want         bool
	}{
		{"Red Crescent", "en", true}, {"Board", "en", true}, {"READERS", "en", true}, {"Frog Princess", "en", true},
		{"Shoigu", "en", false}, {"Moscow", "en", false}, {"Warsaw Pact", "en", false}, {"Board", "de", false}, {"", "en", false},
	} {
		if got := commonWords(c.phrase, c.lang); got != c.want {
			t.Errorf("commonWords(%q, %s) = %v", c.phrase, c.lang, got)
		}
	}
}

func TestAdjective(t *testing.T) {
	for _, c := range []struct {
		word    string
		english bool
		want    bool
	}{
		{"Romans", true, true}, {"Russians", true, true}, {"Korean", true, true}, {"Evans", true, false},
		{"Shoigu", true, false}, {"Japan", true, false}, {"Корейского", false, true}, {"Лавров", false, false},
	} {
		if got := adjective(c.word, c.english); got != c.want {
			t.Errorf("adjective(%s) = %v", c.word, got)
		}
	}
}

func TestInitialOf(t *testing.T) {
	c := &checker{opt: DefaultOptions()}
	text := "Министр С.В.Лавров встретился с Н. Пандор в Нижнем Новгороде."
	sk := func(w string) string { return anchor.Skeleton(w, "en") }
	for _, tc := range []struct {
		given, surname string
		want           bool
	}{
		{"Sergey", "Lavrov", true}, {"Naledi", "Pandor", true}, {"Ivan", "Lavrov", false}, {"Shoigu", "Novgorod", false},
	} {
		if got := c.initialOf(text, sk(tc.surname), sk(tc.given)); got != tc.want {
			t.Errorf("initialOf(%s %s) = %v", tc.given, tc.surname, got)
		}
	}
}

// FuzzRules runs the rules that read a bead's text on any text: they must
// not panic on user data.
func FuzzRules(f *testing.F) {
	for _, s := range []string{"Факс: +7 (495) 229 62 01", "С.В.Лавров и Н. Пандор", "десятого февраля, 10 P.M.", "2-", "- 1", "А.", ".", "4-хместный"} {
		f.Add(s, "ru")
		f.Add(s, "en")
	}
	c := &checker{opt: DefaultOptions()}
	f.Fuzz(func(t *testing.T, text, lang string) {
		m := map[string]bool{}
		addWordNumbers(m, text, lang)
		addDigitGroups(m, text)
		for _, a := range anchor.Find(text, lang) {
			inDigitGroup(text, a, m)
			inWindow(a, m)
		}
		names := appendNameSkeletons(nil, text, lang)
		for _, n := range names {
			looseMatch(n, "lavrov")
			c.initialOf(text, n, "s")
		}
		commonWords(text, lang)
	})
}

// TestShoutedLine: capitals tell no name from a word in a heading set in
// capitals, and still do in the line after it.
func TestShoutedLine(t *testing.T) {
	text := "TECHNICAL REGULATIONS FOR THE INDOOR ARAF\nThe ARAF met in Moscow."
	if !shoutedLine(text, 37) {
		t.Error("ARAF in the capital heading: not shouted")
	}
	if shoutedLine(text, 46) {
		t.Error("ARAF in the sentence after the heading: shouted")
	}
	if shoutedLine("NATO", 0) {
		t.Error("one capital word is no heading")
	}
}

// TestUntranslated: a repost of the original is one finding of its own,
// passing by default, with no coverage finding however high the bar.
func TestUntranslated(t *testing.T) {
	text := "Первое предложение о переговорах. Второе предложение о торговле."
	dot := strings.Index(text, ".") + 1
	spans := []corpus.Span{{Start: 0, End: dot}, {Start: dot + 1, End: len(text)}}
	p := &corpus.Pair{ID: 1, Source: &corpus.Post{Channel: "MID", ID: 1, Text: text, Lang: "ru"},
		Target:          &corpus.Post{Channel: "Embassy", ID: 2, Text: text, Lang: "ru"},
		SourceSentences: spans, TargetSentences: spans}
	opt := DefaultOptions()
	opt.MinCoverage = 0.9
	rep := Pairs([]*corpus.Pair{p}, opt)
	pr := rep.Pairs[0]
	if len(pr.Findings) != 1 || pr.Findings[0].Kind != Untranslated || !pr.Pass {
		t.Errorf("findings %+v, pass %v; want one untranslated finding, passing", pr.Findings, pr.Pass)
	}
}
