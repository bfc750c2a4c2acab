package check_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/check"
	"github.com/parapost/parapost/align/internal/fixture"
	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/align/sentence"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
)

// built is a corpus built in memory from testdata files, as parapost
// build builds it, with what a check needs.
type built struct {
	posts []*corpus.Post
	pairs []*corpus.Pair
	align sentence.Options // the final alignment options
	lex   *sim.Learned
	other sim.Model // the similarity besides the lexicon (machine translations), or nil
}

func build(t testing.TB, files ...string) *built {
	t.Helper()
	return buildWith(t, "", files...)
}

// buildWith builds as build does, with the machine translations of a
// translations file (testdata-relative; "" for none) as --mt file: gives
// them.
func buildWith(t testing.TB, mt string, files ...string) *built {
	t.Helper()
	posts := fixture.ReadPosts(t, files...)
	aopt := align.DefaultOptions()
	aopt.Vocabulary = sim.NewVocabulary("en")
	if mt != "" {
		f, err := os.Open(filepath.Join(fixture.Root, mt))
		if err != nil {
			t.Fatal(err)
		}
		units, err := sim.ReadTranslations(f, mt, "ru", "en")
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		aopt.Similarity = sim.NewTranslations(units, "ru", aopt.Vocabulary)
	}
	pairs, _, _, lex, err := align.PairPosts(context.Background(), posts, pair.DefaultOptions(), aopt, 0)
	if err != nil {
		t.Fatal(err)
	}
	final := aopt.Options
	if lex != nil {
		final.Similarity = sim.Combine(lex, aopt.Similarity)
	}
	if err := align.Sentences(context.Background(), pairs, final, 0); err != nil {
		t.Fatal(err)
	}
	return &built{posts: posts, pairs: pairs, align: final, lex: lex, other: aopt.Similarity}
}

// options are the check's options as parapost build and check set them.
func (b *built) options() check.Options {
	return check.OptionsFor("ru", "en", b.lex, b.other)
}

var mfaFiles = []string{"mfa-sample/mid_russia.result.json", "mfa-sample/mid_russia.page.html", "mfa-sample/mfa_russia.result.json"}

var wmtFiles = []string{"wmt23-ruen-dev-hard/ru.result.json", "wmt23-ruen-dev-hard/en-pages"}

var (
	mfaOnce  sync.Once
	mfaBuilt *built
)

// mfa builds the mfa-sample once for the tests that only read it.
func mfa(t *testing.T) *built {
	t.Helper()
	mfaOnce.Do(func() { mfaBuilt = build(t, mfaFiles...) })
	if mfaBuilt == nil {
		t.Fatal("mfa-sample did not build")
	}
	return mfaBuilt
}
