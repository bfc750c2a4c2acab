package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/parapost/parapost/corpus/fetch"
	"github.com/parapost/parapost/corpus/fetch/fetchtest"
)

// The test binary re-executed as a fetching process, to be killed.
const (
	helperEnv  = "PARAPOST_FETCH_HELPER"
	helperURL  = "PARAPOST_FETCH_URL"
	helperDir  = "PARAPOST_FETCH_DIR"
	helperNow  = "PARAPOST_FETCH_NOW"
	helperRech = "PARAPOST_FETCH_RECHECK"
)

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) == "" {
		os.Exit(m.Run())
	}
	opt := fetch.Options{BaseURL: os.Getenv(helperURL), Rate: 1000, Backoff: time.Millisecond}
	if v := os.Getenv(helperNow); v != "" {
		now, _ := time.Parse(time.RFC3339, v)
		opt.Now = func() time.Time { return now }
		opt.Recheck, _ = time.ParseDuration(os.Getenv(helperRech))
	}
	f, err := fetch.New(opt)
	if err == nil {
		_, err = f.Channel(context.Background(), os.Getenv(helperDir), chName)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	os.Exit(0)
}

// fetchKilled runs the helper process again and again, each killed with
// SIGKILL shortly after its k-th request was answered, until one finishes
// or maxKills were killed (0: no limit); then it lets one finish. It returns
// how many were killed.
func fetchKilled(t *testing.T, srv *fetchtest.Server, dir string, maxKills int, env ...string) int {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	kills := 0
	for attempt := 0; attempt < 100; attempt++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), helperEnv+"=1", helperURL+"="+srv.URL, helperDir+"="+dir)
		cmd.Env = append(cmd.Env, env...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		killAt := int64(1 + rng.IntN(3))
		delay := time.Duration(rng.IntN(3000)) * time.Microsecond
		var served atomic.Int64
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		kill := maxKills == 0 || kills < maxKills
		srv.SetServed(func(int) {
			if served.Add(1) == killAt && kill {
				time.Sleep(delay) // somewhere in writing the page or the state
				cmd.Process.Kill()
			}
		})
		err := cmd.Wait()
		srv.SetServed(nil)
		var ee *exec.ExitError
		switch {
		case err == nil:
			return kills
		case errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL:
			kills++
		default:
			t.Fatalf("helper: %v\n%s", err, stderr.String())
		}
	}
	t.Fatal("the helper never finished")
	return kills
}

// pageFiles lists the pages stored for the channel (hidden files left by a
// killed process included: build skips them, but they should not pile up).
func pageFiles(t *testing.T, dir string) (pages, hidden []string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, chName))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			if e.Name() != fetch.StateFile {
				hidden = append(hidden, e.Name())
			}
			continue
		}
		pages = append(pages, e.Name())
	}
	return pages, hidden
}

// TestFetchKilled kills the fetching process (SIGKILL) again and again in
// the middle of a backfill, then of a run that re-checks recent posts and
// fetches new ones: the folder ends as after uninterrupted runs.
func TestFetchKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	srv := newServer(t, 5) // 72 posts: 15 pages
	srv.Publish(chName, 60)
	killedDir, cleanDir := t.TempDir(), t.TempDir()

	// Backfill.
	kills := fetchKilled(t, srv, killedDir, 0)
	fetchOnce(t, fastOptions(srv), cleanDir)
	compareFolders(t, killedDir, cleanDir)
	t.Logf("backfill: %d processes killed", kills)
	if kills < 3 {
		t.Errorf("only %d processes killed: the test did not interrupt the backfill", kills)
	}

	// New posts and an edit; the recent pages are re-checked.
	srv.Publish(chName, -1)
	ids := srv.IDs(chName)
	if err := srv.Edit(chName, ids[58], "the", "THE"); err != nil {
		t.Fatal(err)
	}
	now := original(t)[ids[71]].Date.Add(time.Hour)
	recheck := now.Sub(original(t)[ids[55]].Date)
	// Each run re-fetches all that is younger than --recheck: kills as
	// frequent as in the backfill would never let one finish.
	kills = fetchKilled(t, srv, killedDir, 6, helperNow+"="+now.Format(time.RFC3339), helperRech+"="+recheck.String())
	opt := fastOptions(srv)
	opt.Now, opt.Recheck = func() time.Time { return now }, recheck
	fetchOnce(t, opt, cleanDir)
	compareFolders(t, killedDir, cleanDir)
	if p := stored(t, filepath.Join(killedDir, chName))[ids[58]]; p == nil || !p.Edited {
		t.Errorf("post %d not in its edited form: %+v", ids[58], p)
	}
	t.Logf("re-check and new posts: %d processes killed", kills)
}

func compareFolders(t *testing.T, killed, clean string) {
	t.Helper()
	kp, hidden := pageFiles(t, killed)
	cp, _ := pageFiles(t, clean)
	if !slices.Equal(kp, cp) {
		t.Errorf("pages after kills:\n%s\nwithout:\n%s", strings.Join(kp, "\n"), strings.Join(cp, "\n"))
	}
	if len(hidden) > 0 {
		t.Errorf("temporary files of killed processes left behind: %q", hidden)
	}
	samePosts(t, stored(t, filepath.Join(killed, chName)), stored(t, filepath.Join(clean, chName)))
	ks, err1 := fetch.LoadState(filepath.Join(killed, chName))
	cs, err2 := fetch.LoadState(filepath.Join(clean, chName))
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	ks.Updated, cs.Updated = time.Time{}, time.Time{}
	if fmt.Sprint(*ks) != fmt.Sprint(*cs) {
		t.Errorf("state after kills %+v\nwithout %+v", *ks, *cs)
	}
}
