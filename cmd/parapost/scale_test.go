package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/corpus/pipeline/pipelinetest"
)

// spreadInputs writes the WMT23 corpus spread over eight months (see
// pipelinetest.Spread) as JSON Lines: the posts before 10 August in old/,
// the later ones in new/.
func spreadInputs(t *testing.T) (oldDir, newDir string) {
	t.Helper()
	root := t.TempDir()
	oldDir, newDir = filepath.Join(root, "old"), filepath.Join(root, "new")
	var older, newer []*corpus.Post
	for _, p := range pipelinetest.Spread(t, filepath.Join(data, "wmt23-ruen-dev")) {
		if p.Date.Before(time.Date(2024, 8, 10, 0, 0, 0, 0, time.UTC)) {
			older = append(older, p)
		} else {
			newer = append(newer, p)
		}
	}
	for dir, posts := range map[string][]*corpus.Post{oldDir: older, newDir: newer} {
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		pipelinetest.WriteJSONL(t, posts, dir)
	}
	return oldDir, newDir
}

func mustBuild(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := parapost(t, "", append([]string{"build", "--block-targets", "5"}, args...)...)
	if code != 0 {
		t.Fatalf("build %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	return out
}

// TestBuildShardsUpdate: on a corpus of eight blocks, the union of
// --shard 0/4 … 3/4 --partition month holds the pairs of one run, and
// --update with the newer posts gives, byte for byte, the files of a
// build from all the inputs.
func TestBuildShardsUpdate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds seven times")
	}
	oldDir, newDir := spreadInputs(t)
	full := t.TempDir()
	out := mustBuild(t, "-o", full, oldDir, newDir)
	if !strings.Contains(out, "paired and aligned in 8 blocks") {
		t.Errorf("summary does not name the blocks:\n%s", out)
	}
	wantPairs := readRows(t, filepath.Join(full, "pairs.parquet"), readPairs)

	// Shards: partitioned, part-<i>.parquet, one tree.
	tree := t.TempDir()
	var union []corpus.PairRow
	for i := range 4 {
		dir := filepath.Join(tree, fmt.Sprintf("shard-%d", i))
		out := mustBuild(t, "--shard", fmt.Sprintf("%d/4", i), "--partition", "month", "-o", dir, oldDir, newDir)
		if !strings.Contains(out, fmt.Sprintf("shard %d/4 built 2 of them", i)) {
			t.Errorf("shard %d/4 summary:\n%s", i, out)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "pairs", "month=*", fmt.Sprintf("part-%d.parquet", i)))
		if len(files) == 0 {
			t.Errorf("shard %d wrote no pairs partitions", i)
		}
		for _, f := range files {
			union = append(union, readRows(t, f, readPairs)...)
		}
		card, _ := os.ReadFile(filepath.Join(dir, "README.md"))
		if !bytes.Contains(card, []byte("path: pairs/month=*/*.parquet")) {
			t.Errorf("shard %d: the card does not point at the partitions", i)
		}
	}
	slices.SortFunc(union, func(a, b corpus.PairRow) int { return cmp.Compare(a.PairID, b.PairID) })
	if !reflect.DeepEqual(union, wantPairs) {
		t.Errorf("union of the shards: %d pairs; one run: %d", len(union), len(wantPairs))
	}
	// The shards' trees copied into one are a corpus that export reads
	// as one: the same beads as one run's.
	merged := t.TempDir()
	for i := range 4 {
		copyTree(t, filepath.Join(tree, fmt.Sprintf("shard-%d", i)), merged, "posts", "pairs", "sentences")
	}
	exported := func(dir string) []string {
		code, out, errs := parapost(t, "", "export", "--format", "tsv", "-o", "-", dir)
		if code != 0 {
			t.Fatalf("export %s: exit %d: %s", dir, code, errs)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		slices.Sort(lines)
		return lines
	}
	if got, want := exported(merged), exported(full); !slices.Equal(got, want) || len(want) < 800 {
		t.Errorf("export of the shards' union: %d beads; of one run: %d", len(got), len(want))
	}
	if code, _, errs := parapost(t, "", "check", merged); code == exitUsage {
		t.Errorf("check of the shards' union: %s", errs)
	}

	// More shards than blocks: the empty ones say so.
	code, _, errs := parapost(t, "", "build", "--shard", "3/9", "-o", t.TempDir(), oldDir, newDir)
	if code != 0 || !strings.Contains(errs, "shard 3/9 holds none of the 1 blocks") {
		t.Errorf("empty shard: exit %d: %s", code, errs)
	}

	// Update.
	upd := t.TempDir()
	mustBuild(t, "-o", upd, oldDir)
	out = mustBuild(t, "--update", upd, oldDir, newDir) // all read again, as a daily job does
	if !strings.Contains(out, "kept") {
		t.Errorf("update summary says nothing kept:\n%s", out)
	}
	var m manifest
	if b, err := os.ReadFile(filepath.Join(upd, "manifest.json")); err != nil || json.Unmarshal(b, &m) != nil || len(m.Inputs) != 4 {
		t.Errorf("the updated corpus's manifest lists %d inputs, want the 2 old and the 2 new: %v", len(m.Inputs), err)
	}
	for _, name := range []string{"posts.parquet", "pairs.parquet", "sentences.parquet"} {
		got, _ := os.ReadFile(filepath.Join(upd, name))
		want, _ := os.ReadFile(filepath.Join(full, name))
		if !bytes.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s: --update differs from a full build", name)
		}
	}
	// A partitioned corpus updated: the files of a partitioned full build.
	fullParts, updParts := t.TempDir(), t.TempDir()
	mustBuild(t, "--partition", "month", "-o", fullParts, oldDir, newDir)
	mustBuild(t, "--partition", "month", "-o", updParts, oldDir)
	mustBuild(t, "--partition", "month", "--update", updParts, oldDir, newDir)
	want, _ := filepath.Glob(filepath.Join(fullParts, "*", "month=*", "*.parquet"))
	got, _ := filepath.Glob(filepath.Join(updParts, "*", "month=*", "*.parquet"))
	if len(got) != len(want) || len(want) < 24 {
		t.Errorf("partitioned update: %d files, full build: %d", len(got), len(want))
	}
	for _, f := range want {
		rel, _ := filepath.Rel(fullParts, f)
		a, _ := os.ReadFile(f)
		b, _ := os.ReadFile(filepath.Join(updParts, rel))
		if !bytes.Equal(a, b) {
			t.Errorf("partitioned update: %s differs", rel)
		}
	}

	for _, bad := range [][]string{
		{"--update", upd, "--window", "0h,48h"}, {"--update", upd, "--block-targets", "6"},
		{"--shard", "4/4"}, {"--shard", "x"}, {"--partition", "week"}, {"--update", upd, "-o", t.TempDir()},
	} {
		code, _, errs := parapost(t, "", append(append([]string{"build"}, bad...), newDir)...)
		if code != exitUsage {
			t.Errorf("build %s: exit %d, want 2: %s", strings.Join(bad, " "), code, errs)
		}
	}
}

// copyTree copies the folders names of src into dst.
func copyTree(t *testing.T, src, dst string, names ...string) {
	t.Helper()
	for _, name := range names {
		err := filepath.WalkDir(filepath.Join(src, name), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(src, path)
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, rel)), 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
