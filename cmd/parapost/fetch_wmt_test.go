package main

// One self-contained test: fetching the English side of wmt23-ruen-dev-hard
// from a fake t.me and building with its Russian export gives the pairs that
// building from the saved pages gives.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/corpus/fetch"
	"github.com/parapost/parapost/corpus/fetch/fetchtest"
	"github.com/parapost/parapost/detect"
)

func TestFetchThenPairWMTHard(t *testing.T) {
	ctx := context.Background()
	hard := filepath.Join(data, "wmt23-ruen-dev-hard")
	pages, err := filepath.Glob(filepath.Join(hard, "en-pages", "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no saved pages: %v", err)
	}
	srv := fetchtest.NewServer() // pages of 20 posts, as t.me
	defer srv.Close()
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := srv.AddPages("DailyNewsEN", b); err != nil {
			t.Fatal(err)
		}
	}
	f, err := fetch.New(fetch.Options{BaseURL: srv.URL, Rate: 1000})
	if err != nil {
		t.Fatal(err)
	}
	fetched := t.TempDir()
	if _, err := f.Channel(ctx, fetched, "DailyNewsEN"); err != nil {
		t.Fatal(err)
	}

	det, err := detect.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	pairs := func(english string) []string {
		posts, _, err := corpus.ReadPaths(ctx, []string{filepath.Join(hard, "ru.result.json"), english}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := det.DetectPosts(ctx, posts, 0); err != nil {
			t.Fatal(err)
		}
		ps, _, err := pair.Posts(ctx, posts, pair.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range ps {
			out = append(out, fmt.Sprintf("%s/%d %s/%d %.4f %.4f %v", p.Source.Channel, p.Source.ID, p.Target.Channel, p.Target.ID, p.Score, p.Margin, p.Evidence))
		}
		slices.Sort(out)
		return out
	}
	want := pairs(filepath.Join(hard, "en-pages"))
	got := pairs(fetched)
	if len(want) < 60 {
		t.Fatalf("only %d pairs from the saved pages", len(want))
	}
	t.Logf("%d pairs either way", len(want))
	if !slices.Equal(got, want) {
		t.Errorf("pairs from the fetched pages differ from those of the saved pages:\ngot  %q\nwant %q", got, want)
	}
}
