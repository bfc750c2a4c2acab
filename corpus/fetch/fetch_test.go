package fetch_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/corpus/fetch"
	"github.com/parapost/parapost/corpus/fetch/fetchtest"
)

// The English side of wmt23-ruen-dev-hard: 72 posts of @DailyNewsEN in four
// saved t.me/s pages (see testdata/README.md).
const (
	pagesDir = "../../testdata/wmt23-ruen-dev-hard/en-pages"
	chName   = "DailyNewsEN"
)

func savedPages(t testing.TB) [][]byte {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(pagesDir, "*.html"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no pages in %s: %v", pagesDir, err)
	}
	var pages [][]byte
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, b)
	}
	return pages
}

// newServer serves the saved pages in pages of pageSize posts.
func newServer(t testing.TB, pageSize int) *fetchtest.Server {
	t.Helper()
	srv := fetchtest.NewServer()
	t.Cleanup(srv.Close)
	srv.PageSize = pageSize
	if err := srv.AddPages(chName, savedPages(t)...); err != nil {
		t.Fatal(err)
	}
	return srv
}

// fastOptions are polite in kind but not in speed.
func fastOptions(srv *fetchtest.Server) fetch.Options {
	return fetch.Options{
		BaseURL:    srv.URL,
		Rate:       1000,
		Backoff:    time.Millisecond,
		MaxBackoff: 5 * time.Second,
	}
}

func fetchOnce(t testing.TB, opt fetch.Options, dir string) *fetch.Result {
	t.Helper()
	f, err := fetch.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.Channel(context.Background(), dir, chName)
	if err != nil {
		t.Fatalf("fetch: %v", err)
	}
	return res
}

// stored reads the channel's folder as build does and checks that no post
// is stored twice.
func stored(t testing.TB, dir string) map[int64]*corpus.Post {
	t.Helper()
	posts, stats, err := corpus.ReadPaths(context.Background(), []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Duplicates != 0 {
		t.Errorf("%d posts stored twice", stats.Duplicates)
	}
	if len(stats.Skipped) != 0 {
		t.Errorf("build skips files of the folder: %v", stats.Skipped)
	}
	byID := make(map[int64]*corpus.Post)
	for _, p := range posts {
		if p.Channel != chName {
			t.Errorf("post %d of channel %q", p.ID, p.Channel)
		}
		byID[p.ID] = p
	}
	return byID
}

// original reads the saved pages themselves.
func original(t testing.TB) map[int64]*corpus.Post {
	t.Helper()
	posts, _, err := corpus.ReadPaths(context.Background(), []string{pagesDir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	byID := make(map[int64]*corpus.Post)
	for _, p := range posts {
		byID[p.ID] = p
	}
	return byID
}

// samePosts compares two sets of posts by id, text and date.
func samePosts(t testing.TB, got, want map[int64]*corpus.Post) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d posts, want %d", len(got), len(want))
	}
	for id, w := range want {
		g := got[id]
		switch {
		case g == nil:
			t.Errorf("post %d missing", id)
		case g.Text != w.Text || !g.Date.Equal(w.Date) || g.Edited != w.Edited:
			t.Errorf("post %d: got %q (%v, edited %v), want %q (%v, edited %v)", id, g.Text, g.Date, g.Edited, w.Text, w.Date, w.Edited)
		}
	}
}

func TestFetchWithFaults(t *testing.T) {
	srv := newServer(t, 8) // 72 posts: 9 pages
	faults := map[int]fetchtest.Fault{
		1:  fetchtest.TooMany, // the first request: Retry-After 1
		3:  fetchtest.ServerError,
		4:  fetchtest.ServerError,
		6:  fetchtest.CutBody,
		8:  fetchtest.CutHTML,
		10: fetchtest.NoMoreLinks, // a page in the middle of history without its links
	}
	srv.SetFault(func(n int, _ *http.Request) fetchtest.Fault { return faults[n] })
	dir := t.TempDir()
	start := time.Now()
	res := fetchOnce(t, fastOptions(srv), dir)
	elapsed := time.Since(start)

	samePosts(t, stored(t, filepath.Join(dir, chName)), original(t))
	// 9 pages, 1 request to learn there is nothing older, 5 retries.
	if res.Requests != 15 || len(srv.Requests()) != 15 {
		t.Errorf("%d requests (server saw %d), want 15:\n%s", res.Requests, len(srv.Requests()), strings.Join(srv.Requests(), "\n"))
	}
	if elapsed < time.Second {
		t.Errorf("done in %s: Retry-After: 1 not honoured", elapsed)
	}
	if srv.MaxConcurrent() != 1 {
		t.Errorf("%d requests at once, want 1", srv.MaxConcurrent())
	}
	if ua := srv.UserAgents(); len(ua) != 1 || !strings.HasPrefix(ua[0], "parapost/") || !strings.Contains(ua[0], "github.com/parapost/parapost") {
		t.Errorf("User-Agent %q", ua)
	}
	st, err := fetch.LoadState(filepath.Join(dir, chName))
	if err != nil {
		t.Fatal(err)
	}
	ids := srv.IDs(chName)
	if !st.BackfillComplete || st.OldestID != ids[0] || st.NewestID != ids[len(ids)-1] || st.Posts != 72 || st.Pages != 9 || res.Stopped != "history complete" {
		t.Errorf("state %+v, stopped %q", st, res.Stopped)
	}
}

func TestFetchNoPreview(t *testing.T) {
	srv := newServer(t, 20)
	f, err := fetch.New(fastOptions(srv))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	_, err = f.Channel(context.Background(), dir, "HiddenChannel")
	var ie *corpus.InputError
	if !errors.As(err, &ie) || !errors.Is(err, fetch.ErrNoPreview) {
		t.Fatalf("err = %v, want an InputError wrapping ErrNoPreview", err)
	}
	if !strings.Contains(err.Error(), "/s/HiddenChannel") || !strings.Contains(err.Error(), "redirected to") {
		t.Errorf("error does not say what was asked and answered: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %d entries in the output folder", len(entries))
	}
	if got := srv.Requests(); !slices.Equal(got, []string{"/s/HiddenChannel"}) {
		t.Errorf("requests %q", got)
	}
}

// TestFetchNotAPreview: a 404, or a 200 that is not a channel's preview
// (t.me's contact page of a user or bot), is no preview either.
func TestFetchNotAPreview(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		body   string
	}{
		{"404", http.StatusNotFound, "Not Found"},
		{"contact page", http.StatusOK, `<!DOCTYPE html><html><head><title>Telegram: Contact @someone</title></head><body><div class="tgme_page"><div class="tgme_page_title">Someone</div></div></body></html>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.status)
				io.WriteString(w, tc.body)
			}))
			defer srv.Close()
			f, err := fetch.New(fetch.Options{BaseURL: srv.URL, Rate: 1000})
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			_, err = f.Channel(context.Background(), dir, "someone")
			var ie *corpus.InputError
			if !errors.As(err, &ie) || !errors.Is(err, fetch.ErrNoPreview) {
				t.Errorf("err = %v, want an InputError wrapping ErrNoPreview", err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("left %d entries in the output folder", len(entries))
			}
		})
	}
}
