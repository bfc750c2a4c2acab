package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parapost/parapost/corpus/fetch"
	"github.com/parapost/parapost/corpus/fetch/fetchtest"
)

func TestFetchIncremental(t *testing.T) {
	for _, emptyAsNewest := range []bool{false, true} {
		t.Run(fmt.Sprintf("EmptyAsNewest=%v", emptyAsNewest), func(t *testing.T) {
			testFetchIncremental(t, emptyAsNewest)
		})
	}
}

func testFetchIncremental(t *testing.T, emptyAsNewest bool) {
	srv := newServer(t, 8)
	srv.EmptyAsNewest = emptyAsNewest
	srv.Publish(chName, 50)
	ids := srv.IDs(chName)
	dir := t.TempDir()
	fetchOnce(t, fastOptions(srv), dir)
	if got := stored(t, filepath.Join(dir, chName)); len(got) != 50 {
		t.Fatalf("first run: %d posts, want 50", len(got))
	}

	// Nothing new: one request, for what is newer than the newest post.
	srv.ResetLog()
	res := fetchOnce(t, fastOptions(srv), dir)
	want := []string{fmt.Sprintf("/s/%s?after=%d", chName, ids[49])}
	if got := srv.Requests(); !slices.Equal(got, want) || res.NewPages != 0 {
		t.Errorf("second run: requests %q, %d new pages; want %q and none", got, res.NewPages, want)
	}

	// 22 new posts: three pages forward, nothing else.
	srv.Publish(chName, -1)
	srv.ResetLog()
	fetchOnce(t, fastOptions(srv), dir)
	all := srv.IDs(chName)
	want = []string{
		fmt.Sprintf("/s/%s?after=%d", chName, all[49]),
		fmt.Sprintf("/s/%s?after=%d", chName, all[57]),
		fmt.Sprintf("/s/%s?after=%d", chName, all[65]),
	}
	if got := srv.Requests(); !slices.Equal(got, want) {
		t.Errorf("third run: requests %q, want %q", got, want)
	}
	samePosts(t, stored(t, filepath.Join(dir, chName)), original(t))
}

// TestFetchEdited re-fetches the posts younger than Recheck: an edited post
// comes in its newest form, once; older posts are not asked for again.
func TestFetchEdited(t *testing.T) {
	srv := newServer(t, 8)
	srv.Publish(chName, 60)
	dir := t.TempDir()
	fetchOnce(t, fastOptions(srv), dir)
	before := stored(t, filepath.Join(dir, chName))

	srv.Publish(chName, -1)
	ids := srv.IDs(chName)
	recent, old := ids[57], ids[3]  // stored by the first run, edited since
	word := func(id int64) string { // a plain word of the post, to edit
		for _, w := range strings.Fields(original(t)[id].Text) {
			if len(w) >= 5 && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" {
				return w
			}
		}
		t.Fatalf("post %d has no plain word", id)
		return ""
	}
	if err := srv.Edit(chName, recent, word(recent), "CORRECTED"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Edit(chName, old, word(old), "CORRECTED"); err != nil {
		t.Fatal(err)
	}
	// An hour after the newest post, re-checking back to the edited post:
	// the stored pages holding posts that young are asked for again.
	opt := fastOptions(srv)
	now := original(t)[ids[71]].Date.Add(time.Hour)
	opt.Now = func() time.Time { return now }
	opt.Recheck = now.Sub(original(t)[recent].Date) + time.Minute
	srv.ResetLog()
	res := fetchOnce(t, opt, dir)

	got := stored(t, filepath.Join(dir, chName))
	want := original(t)
	if p := got[recent]; p == nil || !p.Edited || p.Text == want[recent].Text || !strings.Contains(p.Text, "CORRECTED") {
		t.Errorf("post %d not in its edited form: %+v", recent, p)
	}
	if p := got[old]; p == nil || p.Edited || p.Text != before[old].Text {
		t.Errorf("post %d, older than --recheck, changed: %+v", old, p)
	}
	delete(got, recent)
	delete(want, recent)
	samePosts(t, got, want)
	st, err := fetch.LoadState(filepath.Join(dir, chName))
	if err != nil {
		t.Fatal(err)
	}
	if st.Posts != 72 || st.Pending != nil || st.NewestID != ids[71] || st.OldestID != ids[0] {
		t.Errorf("state %+v", st)
	}
	// The first run's newest page (ids[52:60]) again, then the 12 new posts.
	wantReq := []string{
		fmt.Sprintf("/s/%s?after=%d", chName, ids[52]-1),
		fmt.Sprintf("/s/%s?after=%d", chName, ids[59]),
		fmt.Sprintf("/s/%s?after=%d", chName, ids[67]),
	}
	if got := srv.Requests(); !slices.Equal(got, wantReq) || res.NewPages != 3 {
		t.Errorf("requests %q, %d new pages; want %q, 3", got, res.NewPages, wantReq)
	}
}

func TestFetchLimits(t *testing.T) {
	srv := newServer(t, 8)
	dir := t.TempDir()
	opt := fastOptions(srv)
	opt.MaxPosts = 20
	res := fetchOnce(t, opt, dir)
	if res.Stopped != "--max-posts" || res.Requests != 3 || res.State.Posts != 24 || res.State.BackfillComplete {
		t.Errorf("--max-posts 20: %d requests, stopped %q, state %+v", res.Requests, res.Stopped, res.State)
	}
	// Going on later fetches the rest and nothing twice.
	opt.MaxPosts = 0
	res = fetchOnce(t, opt, dir)
	if res.Stopped != "history complete" || res.Requests != 1+6+1 {
		t.Errorf("resumed: %d requests, stopped %q", res.Requests, res.Stopped)
	}
	samePosts(t, stored(t, filepath.Join(dir, chName)), original(t))

	// --since: stop once a post older than the date is stored.
	posts := original(t)
	ids := srv.IDs(chName)
	since := posts[ids[40]].Date
	dir = t.TempDir()
	opt.Since = since
	res = fetchOnce(t, opt, dir)
	got := stored(t, filepath.Join(dir, chName))
	oldest := res.State.OldestDate
	if res.Stopped != "--since" || !oldest.Before(since) || len(got) >= 72 {
		t.Errorf("--since %s: stopped %q, oldest %s, %d posts", since, res.Stopped, oldest, len(got))
	}
	for _, id := range ids[40:] {
		if got[id] == nil {
			t.Errorf("post %d, newer than --since, missing", id)
		}
	}
}

// TestFetchCancel: Ctrl-C while waiting out a Retry-After returns at once,
// and the next run goes on from what was stored.
func TestFetchCancel(t *testing.T) {
	srv := newServer(t, 8)
	srv.RetryAfter = "60"
	srv.SetFault(func(n int, _ *http.Request) fetchtest.Fault {
		if n == 4 {
			return fetchtest.TooMany
		}
		return fetchtest.OK
	})
	dir := t.TempDir()
	opt := fastOptions(srv)
	opt.MaxBackoff = 2 * time.Minute
	f, err := fetch.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for len(srv.Requests()) < 4 {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(50 * time.Millisecond)
		cancel()
	}()
	start := time.Now()
	_, err = f.Channel(ctx, dir, chName)
	if !errors.Is(err, context.Canceled) || time.Since(start) > 10*time.Second {
		t.Fatalf("err %v after %s, want context.Canceled at once", err, time.Since(start))
	}
	if got := stored(t, filepath.Join(dir, chName)); len(got) != 24 {
		t.Errorf("%d posts stored before the interruption, want 24", len(got))
	}
	srv.SetFault(nil)
	srv.ResetLog()
	fetchOnce(t, fastOptions(srv), dir)
	samePosts(t, stored(t, filepath.Join(dir, chName)), original(t))
	if got := len(srv.Requests()); got != 1+6+1 {
		t.Errorf("resumed with %d requests, want 8: %q", got, srv.Requests())
	}
}

func TestParseChannel(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"MID_Russia", "MID_Russia"},
		{"@MFARussia", "MFARussia"},
		{"t.me/MID_Russia", "MID_Russia"},
		{"https://t.me/s/MID_Russia", "MID_Russia"},
		{"https://t.me/MID_Russia/62145", "MID_Russia"},
		{"https://telegram.me/s/MFARussia?before=20", "MFARussia"},
		{" @EmbUSA ", "EmbUSA"},
		{"https://t.me/+AbCdEf", ""},
		{"https://t.me/c/123/45", ""},
		{"https://example.org/MID_Russia", ""},
		{"МИД", ""},
		{"a b", ""},
		{"", ""},
		{"1channel", ""},
	} {
		got, err := fetch.ParseChannel(tc.in)
		if got != tc.want || (err != nil) != (tc.want == "") {
			t.Errorf("ParseChannel(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
		if err != nil && !errors.Is(err, fetch.ErrBadChannel) {
			t.Errorf("ParseChannel(%q): %v does not wrap ErrBadChannel", tc.in, err)
		}
	}
}
