package align

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/parapost/parapost/align/eval"
	"github.com/parapost/parapost/align/internal/fixture"
	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/align/split"
	"github.com/parapost/parapost/corpus"
)

func TestCandidatesOf(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 6, d, 12, 0, 0, 0, time.UTC) }
	post := func(id int64, date time.Time) *corpus.Post { return &corpus.Post{ID: id, Date: date} }
	sources := []*corpus.Post{post(1, day(1)), post(2, day(5)), post(3, time.Time{}), post(4, day(9)), post(5, day(10))}
	popt := pair.DefaultOptions() // a source from 3 days before a target to 1 day after
	for _, tc := range []struct {
		name    string
		targets []*corpus.Post
		want    []int64
	}{
		{"none undecided", nil, nil},
		{"one window", []*corpus.Post{post(10, day(6))}, []int64{2, 3}},
		{"window edges", []*corpus.Post{post(10, day(8))}, []int64{2, 3, 4}},
		{"two windows", []*corpus.Post{post(10, day(2)), post(11, day(11))}, []int64{1, 3, 4, 5}},
		{"dateless target: every source", []*corpus.Post{post(10, day(20)), post(11, time.Time{})}, []int64{1, 2, 3, 4, 5}},
		{"no source in the window", []*corpus.Post{post(10, day(25))}, []int64{3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int64
			for _, p := range candidatesOf(tc.targets, sources, popt) {
				got = append(got, p.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("candidates %v, want %v", got, tc.want)
			}
		})
	}
}

// fakeMT is a Fetcher over translations known in advance: it counts what
// it is asked to fetch and every text whose bag is looked up.
type fakeMT struct {
	model sim.Model
	mu    sync.Mutex
	calls [][]string
	seen  map[string]bool // texts looked up through Known
}

func (f *fakeMT) Prefetch(_ context.Context, texts []string) error {
	f.mu.Lock()
	f.calls = append(f.calls, slices.Clone(texts))
	f.mu.Unlock()
	return nil
}

func (f *fakeMT) Known() sim.Model { return fakeKnown{f} }

type fakeKnown struct{ f *fakeMT }

func (k fakeKnown) Source(text string) sim.Bag {
	k.f.mu.Lock()
	k.f.seen[text] = true
	k.f.mu.Unlock()
	return k.f.model.Source(text)
}

func (k fakeKnown) Target(text string) sim.Bag { return k.f.model.Target(text) }

func hardTranslations(t *testing.T, vocab *sim.Vocabulary) sim.Model {
	return sim.NewTranslations(fixture.ReadTranslations(t, "wmt23-ruen-dev-hard/mt/ru-en.jsonl"), "ru", vocab)
}

// TestPostsMT: with MT, Posts asks once, for part of the source posts, and
// looks up nothing else; it pairs what --mt file: pairs on the hard set.
func TestPostsMT(t *testing.T) {
	posts := fixture.ReadPosts(t, "wmt23-ruen-dev-hard/ru.result.json", "wmt23-ruen-dev-hard/en-pages")
	gold := fixture.ReadGold(t, "wmt23-ruen-dev-hard/gold/pairs.tsv")
	keys := make([]corpus.Key, len(posts))
	sources := 0
	for i, p := range posts {
		keys[i] = p.Key()
		if p.Lang == "ru" {
			sources++
		}
	}
	gold = eval.Rename(gold, eval.MatchChannels(gold, keys))
	score := func(pairs []*corpus.Pair) eval.PRF {
		var got []eval.PostPair
		for _, p := range pairs {
			got = append(got, eval.PostPair{Source: p.Source.Key(), Target: p.Target.Key()})
		}
		return eval.Pairs(gold, got)
	}
	ctx := context.Background()
	free, _, _, err := Posts(ctx, posts, pair.DefaultOptions(), DefaultOptions(), 0)
	if err != nil {
		t.Fatal(err)
	}

	opt := DefaultOptions()
	opt.Vocabulary = sim.NewVocabulary("en")
	fake := &fakeMT{model: hardTranslations(t, opt.Vocabulary), seen: map[string]bool{}}
	opt.MT = NewMT(fake)
	var asked []Asks
	opt.MT.Asked = func(a Asks) error { asked = append(asked, a); return nil }
	pairs, _, stats, err := Posts(ctx, posts, pair.DefaultOptions(), opt, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(fake.calls) != 1 || len(asked) != 1 || !slices.Equal(fake.calls[0], asked[0].Texts) {
		t.Fatalf("MT fetched %d times, Asked called %d times; want once each, with the same texts", len(fake.calls), len(asked))
	}
	a := asked[0]
	if a.Undecided == 0 || a.Candidates == 0 || a.Candidates >= sources || a.Realign == 0 || stats.MT.Undecided != a.Undecided {
		t.Errorf("asks %+v (stats %+v) of %d source posts: want some undecided, some but not all sources, some pairs to align again", a, stats.MT, sources)
	}
	// Nothing outside what was asked was looked up: a post asked, or a
	// sentence of one, or a sentence asked.
	scope := map[string]bool{}
	for _, text := range a.Texts {
		scope[text] = true
		for _, sp := range split.Sentences(text, "ru") {
			scope[text[sp.Start:sp.End]] = true
		}
	}
	for text := range fake.seen {
		if !scope[text] {
			t.Errorf("looked up a text not asked: %.60q", text)
		}
	}
	before, after := score(free), score(pairs)
	a.Texts = nil
	t.Logf("asked %+v; pairs without MT P %.3f R %.3f, with MT P %.3f R %.3f", a, before.Precision, before.Recall, after.Precision, after.Recall)
	if after.Precision < 1 || after.Recall < before.Recall {
		t.Errorf("with MT: P %.3f R %.3f, without P %.3f R %.3f", after.Precision, after.Recall, before.Precision, before.Recall)
	}
}

// TestMTInert: before anything is asked, an MT added to the similarity
// changes nothing: the free passes are what they would be without it.
func TestMTInert(t *testing.T) {
	posts := fixture.ReadPosts(t, "wmt23-ruen-dev-hard/ru.result.json", "wmt23-ruen-dev-hard/en-pages")
	ctx := context.Background()
	opt := DefaultOptions()
	opt.Vocabulary = sim.NewVocabulary("en")
	free, _, _, err := Posts(ctx, posts, pair.DefaultOptions(), opt, 0)
	if err != nil {
		t.Fatal(err)
	}
	fake := &fakeMT{model: hardTranslations(t, opt.Vocabulary), seen: map[string]bool{}}
	opt.Similarity = NewMT(fake)
	with, _, _, err := Posts(ctx, posts, pair.DefaultOptions(), opt, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(free) != len(with) || len(fake.seen) > 0 {
		t.Fatalf("%d pairs without MT, %d with an MT nothing was asked of (%d texts looked up)", len(free), len(with), len(fake.seen))
	}
	for i := range free {
		if free[i].Source != with[i].Source || free[i].Target != with[i].Target || !slices.Equal(free[i].Beads, with[i].Beads) {
			t.Errorf("pair %d differs", i)
		}
	}
}

// TestPairsMT: Pairs asks for the source sentences of the pairs with an
// unsure bead only, and aligns those again.
func TestPairsMT(t *testing.T) {
	mk := func(src, tgt string) *corpus.Pair {
		return &corpus.Pair{Source: &corpus.Post{Text: src, Lang: "ru"}, Target: &corpus.Post{Text: tgt, Lang: "en"}}
	}
	sure := mk("Министр встретился с послом Франции 12 мая. Стороны обсудили 3 вопроса.", "The minister met the ambassador of France on 12 May. The sides discussed 3 issues.")
	unsure := mk("Министр встретился с послом. Переговоры прошли в конструктивной атмосфере. Стороны обсудили отношения.",
		"The minister met the ambassador. The sides discussed relations.")
	opt := DefaultOptions()
	opt.Vocabulary = sim.NewVocabulary("en")
	opt.NoLearn = true
	fake := &fakeMT{model: sim.NewTranslations([]sim.Unit{
		{Source: "Министр встретился с послом.", Translation: "The minister met the ambassador."},
		{Source: "Переговоры прошли в конструктивной атмосфере.", Translation: "The talks were held in a constructive atmosphere."},
		{Source: "Стороны обсудили отношения.", Translation: "The sides discussed relations."},
	}, "ru", opt.Vocabulary), seen: map[string]bool{}}
	opt.MT = NewMT(fake)
	_, stats, err := Pairs(context.Background(), []*corpus.Pair{sure, unsure}, opt, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(fake.calls) != 1 || len(fake.calls[0]) != 3 || stats.MT.Realign != 1 || stats.MT.Pairs != 2 {
		t.Fatalf("asked %v, stats %+v: want the 3 sentences of the unsure pair", fake.calls, stats.MT)
	}
	for _, b := range unsure.Beads {
		if b.SrcStart == 1 && (b.SrcEnd != 2 || b.TgtEnd != b.TgtStart) {
			t.Errorf("the sentence left out is in bead %+v, want 1-0", b)
		}
	}
}
