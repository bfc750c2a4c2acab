package check_test

import (
	"context"
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
}

func build(t testing.TB, files ...string) *built {
	t.Helper()
	posts := fixture.ReadPosts(t, files...)
	aopt := align.DefaultOptions()
	aopt.Vocabulary = sim.NewVocabulary("en")
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
	return &built{posts: posts, pairs: pairs, align: final, lex: lex}
}

func (b *built) options() check.Options {
	opt := check.DefaultOptions()
	if b.lex != nil {
		opt.Model, opt.Learned = b.lex, b.lex
	}
	return opt
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
