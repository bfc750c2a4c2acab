package gmt_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parapost/parapost/align/sim/gmt"
)

// TestCacheLockedByAnother opens a cache twice: bbolt's flock holds per
// open file, so the second open waits like a second process would, then
// fails with a message saying what to do.
func TestCacheLockedByAnother(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "cache.db")
	a, err := gmt.OpenCache(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	old := gmt.LockTimeout
	gmt.LockTimeout = 200 * time.Millisecond
	defer func() { gmt.LockTimeout = old }()
	start := time.Now()
	_, err = gmt.OpenCache(path, true)
	if err == nil || !strings.Contains(err.Error(), "in use by another process") || !strings.Contains(err.Error(), "--mt-cache") {
		t.Fatalf("second open: %v", err)
	}
	if d := time.Since(start); d < 100*time.Millisecond {
		t.Errorf("gave up after %v, before the timeout", d)
	}
	a.Close()
	b, err := gmt.OpenCache(path, true)
	if err != nil {
		t.Fatalf("open after the first closed: %v", err)
	}
	b.Close()
}
