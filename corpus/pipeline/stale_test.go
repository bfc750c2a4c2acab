package pipeline

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestRemoveStale: after a partitioned build, the months it did not write
// and the single files of an earlier unpartitioned build are gone; a shard
// leaves the other shards' parts alone.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	files := []string{
		"posts.parquet", "pairs.parquet", "sentences.parquet", "README.md",
		"posts/month=2024-01/part-0.parquet", "posts/month=2024-02/part-0.parquet", "posts/month=2024-02/part-1.parquet",
		"pairs/month=2024-01/part-0.parquet", "pairs/month=2023-12/part-0.parquet",
	}
	for _, f := range files {
		path := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	left := func() []string {
		var out []string
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(dir, path)
				out = append(out, filepath.ToSlash(rel))
			}
			return nil
		})
		return out
	}
	keep := []string{filepath.Join(dir, "posts/month=2024-02/part-1.parquet")}
	if err := RemoveStale(dir, Shard{1, 2}, keep); err != nil {
		t.Fatal(err)
	}
	if got := left(); len(got) != len(files)-3 || slices.Contains(got, "posts.parquet") {
		t.Errorf("shard 1/2 left %v", got)
	}
	keep = []string{filepath.Join(dir, "posts/month=2024-01/part-0.parquet"), filepath.Join(dir, "pairs/month=2024-01/part-0.parquet")}
	if err := RemoveStale(dir, Shard{}, keep); err != nil {
		t.Fatal(err)
	}
	want := []string{"README.md", "pairs/month=2024-01/part-0.parquet", "posts/month=2024-01/part-0.parquet"}
	if got := left(); !slices.Equal(got, want) {
		t.Errorf("a whole build left %v, want %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "pairs", "month=2023-12")); err == nil {
		t.Error("the emptied month folder is still there")
	}
}
