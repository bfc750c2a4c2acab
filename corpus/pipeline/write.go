package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parapost/parapost/corpus"
)

// Partition is the layout of a build's Parquet files.
type Partition string

const (
	// PartitionNone writes DIR/posts.parquet, pairs.parquet and
	// sentences.parquet.
	PartitionNone Partition = ""
	// PartitionMonth writes Hive-style month folders that DuckDB, Spark and
	// BigQuery read as one table: DIR/posts/month=2024-06/part-0.parquet by
	// the post's month, pairs and sentences by the translation's month,
	// month=none for dateless posts. A shard's files are part-<shard>, so
	// that the shards' trees can be copied into one. The key is "month",
	// not "date": readers of Hive partitions put the key in place of a
	// column of the same name, and posts.parquet has a date column (DuckDB
	// read 2024-06 for every post's time).
	PartitionMonth Partition = "month"
)

// ParsePartition parses the value of --partition: "" or "none", "month".
func ParsePartition(s string) (Partition, error) {
	switch s {
	case "", "none":
		return PartitionNone, nil
	case "month":
		return PartitionMonth, nil
	}
	return "", fmt.Errorf("want month or none, got %q", s)
}

// Tables are the three tables of a corpus, in the order they are written.
var Tables = []string{"posts", "pairs", "sentences"}

// noDate is the partition of dateless posts.
const noDate = "none"

// partitionOf names the month partition of a date.
func partitionOf(t time.Time) string {
	if t.IsZero() {
		return noDate
	}
	return t.UTC().Format("2006-01")
}

// PartName is the file name of a shard's part of a partition.
func PartName(shard Shard) string {
	return "part-" + strconv.Itoa(shard.Index) + ".parquet"
}

// Writer creates the output files of a build; corpus.OutputSet is one,
// publishing them all at once.
type Writer interface {
	Create(path string) (*corpus.AtomicFile, error)
}

// Write writes the Parquet files of the build's shard into dir through w,
// and returns their paths: the posts dated in the shard's blocks, its pairs
// and their sentence beads (thinned by filter when not nil). Events report
// bytes written; a cancelled ctx stops the writers.
func (b *Builder) Write(ctx context.Context, w Writer, dir, srcLang, tgtLang string, filter *corpus.Filter) ([]string, error) {
	type file struct {
		path  string
		write func(io.Writer) error
	}
	posts := b.ShardPosts()
	pairs := b.Pairs
	// posts.parquet names the pair of a post made by another shard too.
	linked := append(slices.Clip(pairs), b.links...)
	// The writers take the posts and pairs in their files' order, with
	// their texts loaded a chunk at a time (SpillTexts).
	writePosts := func(w io.Writer, posts []*corpus.Post, pairs []*corpus.Pair) error {
		sorted := slices.Clone(posts)
		slices.SortStableFunc(sorted, corpus.ComparePostKeys)
		return corpus.WritePostsSeq(w, chunked(sorted, writeChunk, b.LoadTexts, b.DropTexts), pairs)
	}
	byID := func(pairs []*corpus.Pair) []*corpus.Pair {
		sorted := slices.Clone(pairs)
		slices.SortStableFunc(sorted, func(a, b *corpus.Pair) int { return cmp.Compare(a.ID, b.ID) })
		return sorted
	}
	writePairs := func(w io.Writer, pairs []*corpus.Pair) error {
		return corpus.WritePairsSeq(w, chunked(byID(pairs), writeChunk, b.LoadPairs, b.DropPairs))
	}
	writeSentences := func(w io.Writer, pairs []*corpus.Pair) error {
		return corpus.WriteSentencesSeq(w, chunked(byID(pairs), writeChunk, b.LoadPairs, b.DropPairs), srcLang, tgtLang, filter)
	}
	var files []file
	if b.opt.Partition == PartitionNone {
		files = []file{
			{filepath.Join(dir, "posts.parquet"), func(w io.Writer) error { return writePosts(w, posts, linked) }},
			{filepath.Join(dir, "pairs.parquet"), func(w io.Writer) error { return writePairs(w, pairs) }},
			{filepath.Join(dir, "sentences.parquet"), func(w io.Writer) error { return writeSentences(w, pairs) }},
		}
	} else {
		part := PartName(b.opt.Shard)
		path := func(table, key string) string { return filepath.Join(dir, table, "month="+key, part) }
		postsBy := map[string][]*corpus.Post{}
		for _, p := range posts {
			k := partitionOf(p.Date)
			postsBy[k] = append(postsBy[k], p)
		}
		pairsBy := map[string][]*corpus.Pair{}
		touching := map[*corpus.Post][]*corpus.Pair{} // the pairs of each post
		for _, p := range pairs {
			k := partitionOf(p.Target.Date)
			pairsBy[k] = append(pairsBy[k], p)
		}
		for _, p := range linked {
			touching[p.Source] = append(touching[p.Source], p)
			touching[p.Target] = append(touching[p.Target], p)
		}
		for _, k := range sortedKeys(postsBy) {
			ps := postsBy[k]
			files = append(files, file{path("posts", k), func(w io.Writer) error {
				// The pairs of these posts are enough to describe them.
				seen := map[*corpus.Pair]bool{}
				var mine []*corpus.Pair
				for _, p := range ps {
					for _, pr := range touching[p] {
						if !seen[pr] {
							seen[pr] = true
							mine = append(mine, pr)
						}
					}
				}
				return writePosts(w, ps, mine)
			}})
		}
		for _, k := range sortedKeys(pairsBy) {
			prs := pairsBy[k]
			files = append(files, file{path("pairs", k), func(w io.Writer) error { return writePairs(w, prs) }})
		}
		for _, k := range sortedKeys(pairsBy) {
			prs := pairsBy[k]
			files = append(files, file{path("sentences", k), func(w io.Writer) error { return writeSentences(w, prs) }})
		}
	}
	b.event(Event{Stage: StageWrite, Kind: Started})
	written := func(n int) { b.event(Event{Stage: StageWrite, Kind: Advanced, N: int64(n)}) }
	var paths []string
	for _, f := range files {
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			return paths, fmt.Errorf("write %s: %w", f.path, err)
		}
		out, err := w.Create(f.path)
		if err != nil {
			return paths, err
		}
		b.event(Event{Stage: StageWrite, Kind: Advanced, Item: filepath.Base(f.path)})
		if f.path != "" {
			paths = append(paths, f.path)
		}
		if err := f.write(corpus.CancelWriter(ctx, out, written)); err != nil {
			if ctx.Err() != nil {
				return paths, ctx.Err()
			}
			return paths, fmt.Errorf("write %s: %w", f.path, err)
		}
	}
	b.event(Event{Stage: StageWrite, Kind: Finished})
	return paths, nil
}

// writeChunk is how many posts or pairs the writers load the texts of at
// once (SpillTexts).
const writeChunk = 1024

// RemoveStale removes the corpus files under dir that a build did not
// write (keep: the paths it wrote), once the new ones are published: the
// partition files of months that are gone (a whole build removes every
// part-*.parquet it did not write, a shard only its own part-<shard>), and
// the single-file tables a partitioned build replaces. Readers would
// otherwise read them with the new ones. Folders it empties are removed.
func RemoveStale(dir string, shard Shard, keep []string) error {
	mine := map[string]bool{}
	partitioned := false
	for _, k := range keep {
		mine[filepath.Clean(k)] = true
		partitioned = partitioned || strings.Contains(k, "month=")
	}
	part := "part-*.parquet"
	if !shard.Whole() {
		part = PartName(shard)
	}
	for _, table := range Tables {
		matches, err := filepath.Glob(filepath.Join(dir, table, "month=*", part))
		if err != nil {
			return err
		}
		if partitioned {
			matches = append(matches, filepath.Join(dir, table+".parquet"))
		}
		for _, m := range matches {
			if mine[filepath.Clean(m)] {
				continue
			}
			if err := os.Remove(m); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove stale %s: %w", m, err)
			}
			if filepath.Dir(m) != filepath.Clean(dir) {
				os.Remove(filepath.Dir(m)) // only when empty
			}
		}
		os.Remove(filepath.Join(dir, table)) // only when empty
	}
	return nil
}

// Leftovers returns the temporary files of partition files that a killed
// build left under dir, for removal under the directory's lock.
func Leftovers(dir string) []string {
	var out []string
	for _, table := range Tables {
		m, _ := filepath.Glob(filepath.Join(dir, table, "month=*", ".part-*.parquet.tmp-*"))
		out = append(out, m...)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		// month=none after the months.
		if (a == noDate) != (b == noDate) {
			if a == noDate {
				return 1
			}
			return -1
		}
		return cmp.Compare(a, b)
	})
	return keys
}
