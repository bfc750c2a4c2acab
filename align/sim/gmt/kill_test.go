//go:build unix

package gmt_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/parapost/parapost/align/sim/gmt"
	"github.com/parapost/parapost/align/sim/gmt/gmttest"
)

// TestKillNineLeavesWholeEntries runs a translation in a child process
// (this test binary again), kills it with SIGKILL while batches are being
// stored, and checks that the cache opens and holds whole, right entries
// only, and that a rerun translates just the rest.
func TestKillNineLeavesWholeEntries(t *testing.T) {
	in := texts(20000, "kill")
	if path := os.Getenv("GMT_KILL_CACHE"); path != "" {
		cfg := gmt.Config{Project: "p", Endpoint: os.Getenv("GMT_KILL_URL"), Source: "ru", Target: "en", Concurrency: 2}
		tr, _ := newTranslator(t, cfg, path)
		tr.Translate(context.Background(), in)
		t.Fatal("the child was not killed")
	}
	srv := gmttest.New()
	defer srv.Close()
	srv.SetLatency(20 * time.Millisecond)
	path := filepath.Join(t.TempDir(), "cache.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillNineLeavesWholeEntries$")
	cmd.Env = append(os.Environ(), "GMT_KILL_CACHE="+path, "GMT_KILL_URL="+srv.URL)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for srv.Requests.Load() < 12 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("child ended with %v, not by SIGKILL", err)
	}

	c := cached(t, path)
	ans := srv.Answered()
	if len(c) == 0 || len(c) >= len(in) {
		t.Fatalf("cache holds %d of %d entries: the kill did not land mid-run", len(c), len(in))
	}
	for s, tr := range c {
		if tr != "[en] "+s || ans[s] != 1 {
			t.Errorf("cache: %q → %q (answered %d times)", s, tr, ans[s])
		}
	}
	t.Logf("killed after %d requests; cache holds %d entries, server answered %d texts", srv.Requests.Load(), len(c), len(ans))

	srv.Reset()
	srv.SetLatency(0)
	tr, cache := newTranslator(t, config(srv), path)
	if _, err := tr.Translate(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	cache.Close()
	if h := tr.CacheHits.Load(); h != int64(len(c)) {
		t.Errorf("rerun: %d cache hits, want %d", h, len(c))
	}
	ans = srv.Answered()
	if len(ans) != len(in)-len(c) {
		t.Errorf("rerun translated %d texts, want %d", len(ans), len(in)-len(c))
	}
	for s, n := range ans {
		if _, ok := c[s]; ok || n != 1 {
			t.Errorf("rerun: %q translated %d times (cached: %v)", s, n, ok)
		}
	}
	if got := cached(t, path); len(got) != len(in) {
		t.Errorf("cache holds %d entries after the rerun, want %d", len(got), len(in))
	}
}
