package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parapost/parapost/corpus/fetch/fetchtest"
)

func TestFetchCommand(t *testing.T) {
	pages, _ := filepath.Glob(filepath.Join(data, "wmt23-ruen-dev-hard/en-pages/*.html"))
	srv := fetchtest.NewServer()
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
	dir := t.TempDir()
	// One channel without preview: the other is fetched, the exit status is 2.
	code, out, errs := parapost(t, "", "fetch", "https://t.me/s/DailyNewsEN", "@NoSuchChannel", "-o", dir, "--base-url", srv.URL, "--rate", "1000")
	if code != 2 || !strings.Contains(errs, "NoSuchChannel: no public web preview") || !strings.Contains(out, "DailyNewsEN: 4 new pages (72 posts)") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	if !strings.Contains(errs, "fetch DailyNewsEN: 5 requests, 4 pages (72 posts) new") {
		t.Errorf("no progress line on stderr:\n%s", errs)
	}
	code, out, _ = parapost(t, "", "fetch", "DailyNewsEN", "-o", dir, "--base-url", srv.URL, "--rate", "1000")
	if code != 0 || !strings.Contains(out, "DailyNewsEN: 0 new pages (0 posts), 72 posts stored") {
		t.Errorf("rerun: exit %d\n%s", code, out)
	}
	code, out, _ = parapost(t, "", "build", "-o", t.TempDir(), filepath.Join(dir, "DailyNewsEN"))
	if code != 0 || !strings.Contains(out, "read 72 posts from 4 files") {
		t.Errorf("build of the fetched pages: exit %d\n%s", code, out)
	}
	// build --fetch: every channel already in DIR, then DIR (an export
	// dropped there included).
	ru, err := os.ReadFile(filepath.Join(data, "wmt23-ruen-dev-hard/ru.result.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ru.result.json"), ru, 0o644); err != nil {
		t.Fatal(err)
	}
	srv.ResetLog()
	code, out, errs = parapost(t, "", "build", "--fetch", dir, "--base-url", srv.URL, "--rate", "1000", "-o", t.TempDir())
	if code != 0 || !strings.Contains(out, "read 144 posts from 5 files") || !strings.Contains(out, " of 71 translations with 72 originals") {
		t.Errorf("build --fetch: exit %d\n%s\n%s", code, out, errs)
	}
	if got := srv.Requests(); len(got) != 1 || got[0] != "/s/DailyNewsEN?after=10160" {
		t.Errorf("build --fetch sent %q", got)
	}
	out3 := filepath.Join(t.TempDir(), "corpus")
	code, _, errs = parapost(t, "", "build", "--fetch", dir, "--base-url", srv.URL, "--rate", "1000", "-o", out3, "NoSuchChannel")
	if code != 2 || !strings.Contains(errs, "no public web preview") {
		t.Errorf("build --fetch of a channel without preview: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(out3, "posts.parquet")); err == nil {
		t.Errorf("build --fetch wrote a corpus after a failed fetch")
	}
	n := len(srv.Requests())
	empty := t.TempDir()
	for _, args := range [][]string{
		{"fetch"}, // and nothing fetched into DIR yet
		{"fetch", "https://example.org/x"},
		{"fetch", "--since", "yesterday", "DailyNewsEN"},
		{"fetch", "--rate", "0", "DailyNewsEN"},
		{"fetch", "--base-url", "ftp://t.me", "DailyNewsEN"},
	} {
		if code, _, errs := parapost(t, "", append(args, "-o", empty)...); code != 2 {
			t.Errorf("%q: exit %d, want 2: %s", args, code, errs)
		}
	}
	if len(srv.Requests()) != n {
		t.Errorf("bad command lines sent requests")
	}
}
