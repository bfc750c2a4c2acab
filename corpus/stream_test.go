package corpus

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/parapost/parapost/corpus/internal/gen"
)

// collectStream reads paths with StreamPaths and collects what Posts
// yields, checking that Keys announced the same posts in the same order.
func collectStream(t testing.TB, o ReadOptions, paths []string, stdin []byte) ([]*Post, ReadStats, error) {
	t.Helper()
	s, err := o.StreamPaths(context.Background(), paths, bytes.NewReader(stdin))
	if err != nil {
		return nil, ReadStats{}, err
	}
	defer s.Close()
	keys := slices.Collect(s.Keys())
	var posts []*Post
	for p, err := range s.Posts(context.Background()) {
		if err != nil {
			return nil, ReadStats{}, err
		}
		posts = append(posts, p)
	}
	got := make([]Key, len(posts))
	for i, p := range posts {
		got[i] = p.Key()
	}
	if !slices.Equal(keys, got) {
		t.Errorf("Keys yielded %d keys, Posts %d posts, or in another order", len(keys), len(posts))
	}
	if n := s.Stats().Posts; n != len(posts) {
		t.Errorf("Stats().Posts = %d, yielded %d posts", n, len(posts))
	}
	return posts, s.Stats(), nil
}

// sortedPosts orders posts as ReadPaths returns them, text last.
func sortedPosts(posts []*Post) []*Post {
	out := slices.Clone(posts)
	slices.SortStableFunc(out, func(a, b *Post) int {
		if c := comparePostsRead(a, b); c != 0 {
			return c
		}
		return cmp.Compare(a.Text, b.Text)
	})
	return out
}

// sameRead fails t unless the stream yielded exactly what ReadPaths
// returned: the same posts, field by field (merged provenances, renamed
// channels), and the same counts and warnings.
func sameRead(t *testing.T, want, got []*Post, wantStats, gotStats ReadStats) {
	t.Helper()
	want, got = sortedPosts(want), sortedPosts(got)
	if len(want) != len(got) {
		t.Fatalf("stream yielded %d posts, ReadPaths returned %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(want[i], got[i]) {
			t.Fatalf("post %d differs:\nReadPaths %+v\nstream    %+v", i, *want[i], *got[i])
		}
	}
	if !reflect.DeepEqual(wantStats, gotStats) {
		t.Errorf("stats differ:\nReadPaths %+v\nstream    %+v", wantStats, gotStats)
	}
}

func TestStreamYieldsWhatReadPathsReturns(t *testing.T) {
	mfa := func(names ...string) []string {
		for i, n := range names {
			names[i] = filepath.Join("..", "testdata", "mfa-sample", n)
		}
		return names
	}
	dir := t.TempDir()
	// A gzipped export, and an export with a copy of a post of another file.
	raw, err := os.ReadFile("../testdata/mfa-sample/mid_russia.result.json")
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(raw)
	zw.Close()
	gzPath := filepath.Join(dir, "mid.json.gz")
	if err := os.WriteFile(gzPath, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	jsonl, err := os.ReadFile("../testdata/readers/posts.jsonl")
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		paths []string
		stdin []byte
		opt   ReadOptions
	}{
		{"mfa sample: exports, saved page, dateless page copy", mfa("mid_russia.result.json", "mid_russia.page.html", "mfa_russia.result.json", "embassy_usa.page.txt"), nil, ReadOptions{}},
		{"mfa sample, inputs reversed", mfa("embassy_usa.page.txt", "mfa_russia.result.json", "mid_russia.page.html", "mid_russia.result.json"), nil, ReadOptions{}},
		{"reader fixtures: every format, chats sharing a title, skipped files", []string{"../testdata/readers"}, nil, ReadOptions{SkipBad: true}},
		{"wmt23 exports", []string{"../testdata/wmt23-ruen-dev/ru.result.json", "../testdata/wmt23-ruen-dev/en.result.json"}, nil, ReadOptions{}},
		{"gzip and its plain copy", []string{gzPath, "../testdata/mfa-sample/mid_russia.result.json"}, nil, ReadOptions{}},
		{"stdin with files", []string{"-", "../testdata/readers/tree"}, jsonl, ReadOptions{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, wantStats, err := tt.opt.ReadPaths(context.Background(), tt.paths, bytes.NewReader(tt.stdin))
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 {
				t.Fatal("ReadPaths read no posts: the case tests nothing")
			}
			got, gotStats, err := collectStream(t, tt.opt, tt.paths, tt.stdin)
			if err != nil {
				t.Fatal(err)
			}
			sameRead(t, want, got, wantStats, gotStats)
		})
	}
}

// The mfa sample has copies (an export and a saved page of one channel)
// and forwards: the stream must merge them as ReadPaths does.
func TestStreamMergesCopies(t *testing.T) {
	paths := []string{"../testdata/mfa-sample/mid_russia.result.json", "../testdata/mfa-sample/mid_russia.page.html"}
	posts, stats, err := collectStream(t, ReadOptions{}, paths, nil)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Duplicates == 0 {
		t.Fatal("no copies merged")
	}
	multi := 0
	for _, p := range posts {
		if len(p.Provenance) > 1 {
			multi++
		}
		if p.Text == "" {
			t.Fatalf("post %v yielded without its text", p.Key())
		}
	}
	if multi == 0 {
		t.Error("no post carries the provenance of its copy")
	}
}

func TestStreamStopsAndNoticesChanges(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.result.json")
	raw, err := os.ReadFile("../testdata/wmt23-ruen-dev/en.result.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := StreamPaths(context.Background(), []string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range s.Posts(context.Background()) {
		if n++; n == 3 {
			break
		}
	}
	if n != 3 {
		t.Fatalf("ranged over %d posts, want to stop at 3", n)
	}
	for p, err := range s.Posts(context.Background()) {
		if err == nil {
			t.Fatalf("a second range yielded post %v, want an error", p.Key())
		}
	}

	s, err = StreamPaths(context.Background(), []string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The file loses its last message between the passes.
	var export map[string]any
	if err := json.Unmarshal(raw, &export); err != nil {
		t.Fatal(err)
	}
	msgs := export["messages"].([]any)
	export["messages"] = msgs[:len(msgs)-1]
	shorter, _ := json.Marshal(export)
	if err := os.WriteFile(path, shorter, 0o644); err != nil {
		t.Fatal(err)
	}
	var last error
	for _, err := range s.Posts(context.Background()) {
		last = err
	}
	if last == nil || !strings.Contains(last.Error(), "changed while it was read") || !strings.Contains(last.Error(), path) {
		t.Fatalf("error = %v, want the file named as changed", last)
	}
}

// FuzzStream checks that on any input the stream yields what ReadPaths
// returns, or fails where it fails. The data is read twice, as a file and
// as a second file beside a fixed export, so that copies get merged.
func FuzzStream(f *testing.F) {
	addSeeds(f, "../testdata/mfa-sample/mid_russia.result.json", "../testdata/mfa-sample/mid_russia.page.html",
		"../testdata/mfa-sample/embassy_usa.page.txt", "../testdata/readers/posts.jsonl",
		"../testdata/readers/account.result.json", "../testdata/readers/escapes.result.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
		if err := os.WriteFile(a, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(b, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths := []string{a, "../testdata/mfa-sample/mid_russia.result.json", b}
		want, wantStats, wantErr := ReadPaths(context.Background(), paths, nil)
		got, gotStats, gotErr := collectStream(t, ReadOptions{}, paths, nil)
		if (wantErr == nil) != (gotErr == nil) {
			t.Fatalf("ReadPaths error %v, stream error %v", wantErr, gotErr)
		}
		if wantErr != nil {
			if wantErr.Error() != gotErr.Error() {
				t.Fatalf("errors differ: ReadPaths %q, stream %q", wantErr, gotErr)
			}
			return
		}
		sameRead(t, want, got, wantStats, gotStats)
	})
}

// BenchmarkStream compares the heap that ReadPaths's result and a Stream
// between its passes hold, on generated channels (corpus/internal/gen) of 5000
// posts each: live-MB is the heap in use after a GC, less what it was
// before reading.
func BenchmarkStream(b *testing.B) {
	docs, err := gen.LoadDocs("../testdata")
	if err != nil {
		b.Fatal(err)
	}
	c, err := gen.Generate(docs, gen.Options{Posts: 5000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := gen.WriteDir(dir, c); err != nil {
		b.Fatal(err)
	}
	paths := []string{filepath.Join(dir, "ru"), filepath.Join(dir, "en")}
	heap := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	b.Run("ReadPaths", func(b *testing.B) {
		for b.Loop() {
			base := heap()
			posts, _, err := ReadPaths(context.Background(), paths, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(heap()-base)/(1<<20), "live-MB")
			runtime.KeepAlive(posts)
		}
	})
	b.Run("Stream", func(b *testing.B) {
		for b.Loop() {
			base := heap()
			s, err := StreamPaths(context.Background(), paths, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(heap()-base)/(1<<20), "live-MB")
			for _, err := range s.Posts(context.Background()) {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// TestStreamChunks: Chunks yields the posts Posts would, in order, in
// chunks of the size asked (the last shorter), and a consumer that stops
// early stops the reading.
func TestStreamChunks(t *testing.T) {
	paths := []string{"../testdata/wmt23-ruen-dev/ru.result.json", "../testdata/wmt23-ruen-dev/en.result.json"}
	want, _, err := collectStream(t, ReadOptions{}, paths, nil)
	if err != nil {
		t.Fatal(err)
	}
	open := func() *Stream {
		s, err := StreamPaths(context.Background(), paths, nil)
		if err != nil {
			t.Fatal(err)
		}
		for range s.Keys() { // the first pass
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	var got []*Post
	for chunk, err := range open().Chunks(context.Background(), 7) {
		if err != nil {
			t.Fatal(err)
		}
		if len(chunk) != 7 && len(got)+len(chunk) != len(want) {
			t.Errorf("a chunk of %d posts before the last", len(chunk))
		}
		got = append(got, chunk...)
	}
	if len(got) != len(want) {
		t.Fatalf("%d posts in chunks, %d from Posts", len(got), len(want))
	}
	for i := range got {
		if got[i].Key() != want[i].Key() || got[i].Text != want[i].Text {
			t.Fatalf("post %d: %v, Posts yields %v", i, got[i].Key(), want[i].Key())
		}
	}
	n := 0
	for range open().Chunks(context.Background(), 7) {
		if n++; n == 2 {
			break // returns only once the reader has stopped
		}
	}
}
