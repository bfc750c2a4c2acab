package corpus

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLockDir: a second lock of one directory fails with ErrLocked and names
// the holder; after Unlock it succeeds.
func TestLockDir(t *testing.T) {
	dir := t.TempDir()
	l1, err := LockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = LockDir(dir)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second lock: %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), "pid") {
		t.Errorf("message %q does not name the holder", err)
	}
	if err := l1.Unlock(); err != nil {
		t.Fatal(err)
	}
	l2, err := LockDir(dir)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	l2.Unlock()
	if _, err := LockDir(filepath.Join(dir, "missing")); err == nil || errors.Is(err, ErrLocked) {
		t.Errorf("lock of a missing directory: %v", err)
	}
}

// TestRemoveLeftovers removes a killed run's temporary files of the named
// outputs, and nothing else.
func TestRemoveLeftovers(t *testing.T) {
	dir := t.TempDir()
	files := map[string]bool{ // name -> is a leftover
		".posts.parquet.tmp-123":     true,
		".sentences.parquet.tmp-9":   true,
		"posts.parquet":              false,
		".other.parquet.tmp-1":       false,
		"notes.txt":                  false,
		".posts.parquet.tmp-keepdir": false, // a directory
	}
	for name := range files {
		p := filepath.Join(dir, name)
		var err error
		if strings.HasSuffix(name, "keepdir") {
			err = os.Mkdir(p, 0o755)
		} else {
			err = os.WriteFile(p, []byte("x"), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	var unlocked *DirLock
	if _, err := unlocked.RemoveLeftovers("posts.parquet"); err == nil {
		t.Error("RemoveLeftovers without the lock succeeded")
	}
	l, err := LockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Unlock()
	removed, err := l.RemoveLeftovers("posts.parquet", "pairs.parquet", "sentences.parquet")
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 2 {
		t.Errorf("removed %v, want the 2 leftovers", removed)
	}
	for name, leftover := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if exists := err == nil; exists == leftover {
			t.Errorf("%s: exists %v after RemoveLeftovers", name, exists)
		}
	}
}

// TestCancelWriter: writes pass through and are counted until the context
// is cancelled; after that they fail with its error and nothing more
// reaches the file.
func TestCancelWriter(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	total := 0
	w := CancelWriter(ctx, &out, func(n int) { total += n })
	if n, err := w.Write([]byte("row 1\n")); n != 6 || err != nil {
		t.Fatalf("Write = %d, %v before cancel", n, err)
	}
	cancel()
	if n, err := w.Write([]byte("row 2\n")); n != 0 || !errors.Is(err, context.Canceled) {
		t.Fatalf("Write = %d, %v after cancel, want 0, context.Canceled", n, err)
	}
	if out.String() != "row 1\n" || total != 6 {
		t.Errorf("wrote %q and counted %d, want %q and 6", out.String(), total, "row 1\n")
	}
	// Without a counter.
	if _, err := CancelWriter(context.Background(), &out, nil).Write([]byte("x")); err != nil {
		t.Error(err)
	}
}
