package check_test

import (
	"context"
	"os"
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
	other sim.Model // the similarity besides the lexicon (translations, a dictionary), or nil
}

func build(t testing.TB, files ...string) *built {
	t.Helper()
	return buildWith(t, "", files...)
}

// buildWith builds as build does, with a source of similarity besides the
// learned lexicon: "" none, a translations file (testdata-relative) as
// --mt file: gives it, or mueller7 for Debian's mueller7-dict as --dict
// gives it (the test skips when the package is absent, and fails then on
// CI, which installs it and sets PARAPOST_REQUIRE_DICT).
func buildWith(t testing.TB, extra string, files ...string) *built {
	t.Helper()
	posts := fixture.ReadPosts(t, files...)
	aopt := align.DefaultOptions()
	aopt.Vocabulary = sim.NewVocabulary("en")
	switch extra {
	case "":
	case mueller7:
		const index = "/usr/share/dictd/mueller7.index"
		if _, err := os.Stat(index); err != nil {
			if os.Getenv("PARAPOST_REQUIRE_DICT") != "" {
				t.Fatal("mueller7-dict is not installed, and PARAPOST_REQUIRE_DICT is set")
			}
			t.Skip("mueller7-dict is not installed (apt-get install mueller7-dict)")
		}
		lex, err := sim.OpenLexicon(index, "en", "ru", "ru", "en", "")
		if err != nil {
			t.Fatal(err)
		}
		aopt.Similarity = lex
	default:
		aopt.Similarity = sim.NewTranslations(fixture.ReadTranslations(t, extra), "ru", aopt.Vocabulary)
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

// mueller7 asks buildWith for Debian's English–Russian dictionary.
const mueller7 = "mueller7"

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
