package pipeline

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// arrowRows reads a Parquet file with arrow-go, an independent reader,
// each row as arrow-go marshals it to JSON.
func arrowRows(t *testing.T, path string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pf, err := file.NewParquetReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("arrow-go cannot open %s: %v", path, err)
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 4096}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	table, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatalf("arrow-go cannot read %s: %v", path, err)
	}
	defer table.Release()
	tr := array.NewTableReader(table, 4096)
	defer tr.Release()
	var rows []map[string]any
	for tr.Next() {
		b, err := tr.RecordBatch().MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var batch []map[string]any
		if err := json.Unmarshal(b, &batch); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, batch...)
	}
	return rows
}

// canonical sorts rows by the JSON of their key columns and returns each
// row as JSON.
func canonical(rows []map[string]any, key ...string) []string {
	out := make([]string, len(rows))
	keys := make([]string, len(rows))
	for i, r := range rows {
		b, _ := json.Marshal(r)
		out[i] = string(b)
		var k []string
		for _, c := range key {
			k = append(k, fmt.Sprintf("%20v", r[c]))
		}
		keys[i] = strings.Join(k, "|")
	}
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	sorted := make([]string, len(rows))
	for i, j := range idx {
		sorted[i] = out[j]
	}
	return sorted
}

// TestPartitionShards: four shards write Hive-style month partitions,
// part-<shard>.parquet, that arrow-go reads back; their union holds the
// rows of one unpartitioned run: the same pairs, beads and posts.
func TestPartitionShards(t *testing.T) {
	if testing.Short() {
		t.Skip("builds five times")
	}
	one := build(t, spreadPosts(t), testOptions(5))
	oneDir := t.TempDir()
	write(t, one, oneDir)
	tree := t.TempDir() // the shards' trees copied into one
	for i := range 4 {
		opt := testOptions(5)
		opt.Shard, opt.Partition = Shard{i, 4}, PartitionMonth
		dir := filepath.Join(tree, fmt.Sprintf("shard-%d", i))
		files := write(t, build(t, spreadPosts(t), opt), dir)
		for _, f := range files {
			rel, _ := filepath.Rel(dir, f)
			parts := strings.Split(rel, string(filepath.Separator))
			if len(parts) != 3 || !slices.Contains(Tables, parts[0]) || !strings.HasPrefix(parts[1], "month=2024-") || parts[2] != fmt.Sprintf("part-%d.parquet", i) {
				t.Errorf("shard %d wrote %s", i, rel)
			}
		}
	}
	for _, tc := range []struct {
		table string
		key   []string
		month string // the column whose month names the partition
	}{
		{"posts", []string{"channel", "post_id"}, "date"},
		{"pairs", []string{"pair_id"}, "target_date"},
		{"sentences", []string{"pair_id", "id"}, ""},
	} {
		files, _ := filepath.Glob(filepath.Join(tree, "*", tc.table, "month=*", "*.parquet"))
		var union []map[string]any
		for _, f := range files {
			rows := arrowRows(t, f)
			month := strings.TrimPrefix(filepath.Base(filepath.Dir(f)), "month=")
			for _, r := range rows {
				if d, ok := r[tc.month].(string); tc.month != "" && (!ok || !strings.HasPrefix(d, month)) {
					t.Errorf("%s: row dated %v", f, r[tc.month])
				}
			}
			union = append(union, rows...)
		}
		want := canonical(arrowRows(t, filepath.Join(oneDir, tc.table+".parquet")), tc.key...)
		got := canonical(union, tc.key...)
		if len(got) != len(want) || len(want) == 0 {
			t.Errorf("%s: %d rows in %d partition files, %d in one run", tc.table, len(got), len(files), len(want))
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: row %d of the union differs from one run's:\n%s\n%s", tc.table, i, got[i], want[i])
				break
			}
		}
	}
}
