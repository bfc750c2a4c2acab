package align_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/eval"
	"github.com/parapost/parapost/align/internal/fixture"
	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
)

func pairKeys(pairs []*corpus.Pair) []eval.PostPair {
	out := make([]eval.PostPair, len(pairs))
	for i, p := range pairs {
		out[i] = eval.PostPair{Source: p.Source.Key(), Target: p.Target.Key()}
	}
	return out
}

// postsAndGold reads the posts of testdata files and the gold pairs of
// goldFile, their channels renamed as the posts name them.
func postsAndGold(t *testing.T, goldFile string, files ...string) ([]*corpus.Post, []eval.PostPair) {
	t.Helper()
	posts := fixture.ReadPosts(t, files...)
	gold := fixture.ReadGold(t, goldFile)
	keys := make([]corpus.Key, len(posts))
	for i, p := range posts {
		keys[i] = p.Key()
	}
	return posts, eval.Rename(gold, eval.MatchChannels(gold, keys))
}

// withTranslations returns the default options with machine translations
// for pairing and alignment, as --mt file: sets them.
func withTranslations(units []sim.Unit) align.Options {
	aopt := align.DefaultOptions()
	aopt.Vocabulary = sim.NewVocabulary("en")
	aopt.PairSimilarity = sim.NewTranslations(units, "ru", aopt.Vocabulary)
	aopt.Similarity = aopt.PairSimilarity
	return aopt
}

// TestPairByMeaning: on the WMT documents in their hard form (reviews
// without names or numbers, translations without originals), anchors miss
// the reviews, and length and timing pair one translation that has no
// original; the lexicon learned from the pairs the anchors settle finds
// the reviews and undoes the wrong pair, without a wrong one. The
// evidence says what meaning contributed.
func TestPairByMeaning(t *testing.T) {
	posts, gold := postsAndGold(t, "wmt23-ruen-dev-hard/gold/pairs.tsv", "wmt23-ruen-dev-hard/ru.result.json", "wmt23-ruen-dev-hard/en-pages")
	wrong := eval.PostPair{
		Source: corpus.Key{Channel: "Новости дня 🇷🇺", ID: 50165},
		Target: corpus.Key{Channel: "DailyNewsEN", ID: 10116},
	}

	// Without meaning, length and timing pair a translation that has no
	// original with the wrong post.
	residual, _, err := pair.Posts(context.Background(), posts, pair.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(pairKeys(residual), wrong) {
		t.Fatalf("without meaning, pairing no longer makes the wrong pair %v: the test needs another case", wrong)
	}

	// The residual stage (length and timing) off, to see what meaning does.
	popt := pair.DefaultOptions()
	popt.NoResidual = true
	anchors, _, err := pair.Posts(context.Background(), posts, popt)
	if err != nil {
		t.Fatal(err)
	}
	before := eval.Pairs(gold, pairKeys(anchors))

	pairs, stats, ast, _, err := align.PairPosts(context.Background(), posts, popt, align.DefaultOptions(), 0)
	if err != nil {
		t.Fatal(err)
	}
	after := eval.Pairs(gold, pairKeys(pairs))
	t.Logf("anchors: P %.3f R %.3f; with meaning: P %.3f R %.3f (lexicon of %d words from %d sentence pairs; %+d pairs by meaning)",
		before.Precision, before.Recall, after.Precision, after.Recall, ast.LexiconEntries, ast.LearnedFrom, stats.ByMeaning)
	if after.Precision < 1 || after.Recall < before.Recall+0.05 {
		t.Errorf("with meaning P %.3f R %.3f, want P 1 and R at least %.3f", after.Precision, after.Recall, before.Recall+0.05)
	}
	sims := 0
	for _, p := range pairs {
		if slices.ContainsFunc(p.Evidence, func(e string) bool { return strings.HasPrefix(e, "sim:") }) {
			sims++
		}
	}
	if sims == 0 {
		t.Error("no pair's evidence says what meaning contributed (sim:...)")
	}

	// The whole pipeline: nothing wrong, every translation that has an
	// original, and the original reposted untranslated (10034: Russian
	// text) as a copy.
	full, _, _, _, err := align.PairPosts(context.Background(), posts, pair.DefaultOptions(), align.DefaultOptions(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(pairKeys(full), wrong) {
		t.Errorf("meaning kept the wrong pair %v", wrong)
	}
	if s := eval.Pairs(gold, pairKeys(full)); s.Precision < 1 || s.Recall < 1 {
		t.Errorf("all stages: P %.3f R %.3f, want 1 and 1", s.Precision, s.Recall)
	}

	// The negative control: without learning, nothing changes.
	noLearn := align.DefaultOptions()
	noLearn.NoLearn = true
	same, _, _, _, err := align.PairPosts(context.Background(), posts, popt, noLearn, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pairKeys(same), pairKeys(anchors)) {
		t.Error("without a lexicon, PairPosts differs from pair.Posts")
	}
}

// TestResidualMeaningVeto: where originals come every 50 minutes, length
// and timing alone would pair a translation that has no original with a
// post it does not translate; with the documents' machine translations,
// meaning speaks against that pair and it is not made.
func TestResidualMeaningVeto(t *testing.T) {
	posts, gold := postsAndGold(t, "wmt23-ruen-dev-dense/gold/pairs.tsv", "wmt23-ruen-dev-dense/ru.result.json", "wmt23-ruen-dev-dense/en-pages")
	units := fixture.ReadTranslations(t, "wmt23-ruen-dev-dense/mt/ru-en.jsonl")
	pairs, stats, _, _, err := align.PairPosts(context.Background(), posts, pair.DefaultOptions(), withTranslations(units), 0)
	if err != nil {
		t.Fatal(err)
	}
	s := eval.Pairs(gold, pairKeys(pairs))
	t.Logf("P %.4f R %.4f; %d by length and timing", s.Precision, s.Recall, stats.Residual)
	if s.Precision < 1 || s.Recall < 1 {
		t.Errorf("with translations P %.4f R %.4f, want 1 and 1", s.Precision, s.Recall)
	}
}

// TestResidualPageOrder: a dateless page copy has no delays to learn, but
// it keeps the order of the originals, so a review that neither anchors
// nor meaning could place is paired with the one free original between
// the originals of its neighbours' pairs, when its length fits and
// meaning does not speak against it (evidence "order"). The negative
// control: without the residual stage the review stays unpaired.
func TestResidualPageOrder(t *testing.T) {
	posts, gold := postsAndGold(t, "wmt23-ruen-dev-hard/gold/pagecopy_pairs.tsv", "wmt23-ruen-dev-hard/ru.result.json", "wmt23-ruen-dev-hard/en.page.txt")
	review := eval.PostPair{
		Source: corpus.Key{Channel: "Новости дня 🇷🇺", ID: 50234},
		Target: corpus.Key{Channel: "Embassy Digest", ID: 70},
	}
	if !slices.Contains(gold, review) {
		t.Fatalf("gold lacks %v", review)
	}
	run := func(popt pair.Options) ([]*corpus.Pair, eval.PRF) {
		t.Helper()
		pairs, _, _, _, err := align.PairPosts(context.Background(), posts, popt, align.DefaultOptions(), 0)
		if err != nil {
			t.Fatal(err)
		}
		return pairs, eval.Pairs(gold, pairKeys(pairs))
	}
	pairs, s := run(pair.DefaultOptions())
	t.Logf("P %.4f R %.4f", s.Precision, s.Recall)
	// One review of 63 stays unpaired (Embassy Digest/39: its score falls
	// short); another (42) is paired only because its rival, which
	// length fits as well but meaning speaks against, competes discounted.
	if s.Precision < 1 || s.Recall < 62.0/63 {
		t.Errorf("P %.4f R %.4f, want 1 and 62 of 63", s.Precision, s.Recall)
	}
	i := slices.Index(pairKeys(pairs), review)
	if i < 0 {
		t.Fatalf("the review %v is not paired", review)
	}
	if !slices.Contains(pairs[i].Evidence, "order") {
		t.Errorf("evidence %v does not say the page order placed it", pairs[i].Evidence)
	}

	popt := pair.DefaultOptions()
	popt.NoResidual = true
	if pairs, _ := run(popt); slices.Contains(pairKeys(pairs), review) {
		t.Errorf("without the residual stage %v is paired: the test no longer shows the order window", review)
	}
}

// TestPairPostsMTDeterministic: with translations, which number the new
// stems of the texts they bag from many goroutines, pairing gives the same
// pairs, scores and margins, to the bit, run after run (the vocabulary is
// primed in a fixed order; before, 2 runs in 8 scored a pair differently).
func TestPairPostsMTDeterministic(t *testing.T) {
	posts, _ := postsAndGold(t, "wmt23-ruen-dev-dense/gold/pairs.tsv", "wmt23-ruen-dev-dense/ru.result.json", "wmt23-ruen-dev-dense/en-pages")
	units := fixture.ReadTranslations(t, "wmt23-ruen-dev-dense/mt/ru-en.jsonl")
	run := func() []string {
		pairs, _, _, _, err := align.PairPosts(context.Background(), posts, pair.DefaultOptions(), withTranslations(units), 4)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range pairs {
			out = append(out, fmt.Sprintf("%v %v %x %x %q", p.Source.Key(), p.Target.Key(), math.Float64bits(p.Score), math.Float64bits(p.Margin), p.Evidence))
		}
		return out
	}
	first := run()
	for i := range 7 {
		if got := run(); !slices.Equal(got, first) {
			for j := range min(len(got), len(first)) {
				if got[j] != first[j] {
					t.Fatalf("run %d differs from the first: %s, then %s", i+2, first[j], got[j])
				}
			}
			t.Fatalf("run %d: %d pairs, the first %d", i+2, len(got), len(first))
		}
	}
}
