package pipeline

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/corpus/pipeline/pipelinetest"
	"github.com/parapost/parapost/detect"
)

// TestTextStore: texts spilled, dropped and loaded come back as they were;
// empty texts stay in memory.
func TestTextStore(t *testing.T) {
	s, err := newTextStore()
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	texts := []string{"Привет, мир 🇷🇺", "", "hello", strings.Repeat("длинный текст ", 5000)}
	var posts []*corpus.Post
	for i, text := range texts {
		posts = append(posts, &corpus.Post{ID: int64(i), Text: text})
	}
	if err := s.spill(posts[:2]); err != nil {
		t.Fatal(err)
	}
	if err := s.spill(posts); err != nil { // the first two again: stored once
		t.Fatal(err)
	}
	for i, p := range posts {
		if p.Text != "" {
			t.Errorf("post %d kept its text after spill", i)
		}
	}
	if s.stored(posts[1]) {
		t.Error("an empty text was stored")
	}
	if want := int64(len(texts[0]) + len(texts[2]) + len(texts[3])); s.size != want {
		t.Errorf("store holds %d bytes, want %d", s.size, want)
	}
	// Loaded in another order than stored.
	if err := s.load([]*corpus.Post{posts[3], posts[0]}); err != nil {
		t.Fatal(err)
	}
	if posts[0].Text != texts[0] || posts[3].Text != texts[3] || posts[2].Text != "" {
		t.Errorf("loaded %q, %q, %q", posts[0].Text, posts[2].Text, posts[3].Text[:20])
	}
	s.drop(posts)
	if err := s.load(posts); err != nil {
		t.Fatal(err)
	}
	for i, p := range posts {
		if p.Text != texts[i] {
			t.Errorf("post %d: %q after load, want %q", i, p.Text, texts[i])
		}
	}
}

// writeFiles writes b's files into a new directory and returns their
// contents by path relative to it.
func writeFiles(t *testing.T, b *Builder) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	out := map[string][]byte{}
	for _, f := range write(t, b, dir) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, f)
		out[rel] = data
	}
	return out
}

func sameFiles(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) || len(want) == 0 {
		t.Errorf("%d files, want %d", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs (%d bytes, want %d)", name, len(got[name]), len(data))
		}
	}
}

// TestSpillTexts: a build that keeps the texts on disk writes the same
// bytes as one that holds them, whole, partitioned and sharded, and holds
// no text once the blocks are aligned.
func TestSpillTexts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds six times")
	}
	for _, tc := range []struct {
		name string
		set  func(*Options)
	}{
		{"whole", func(*Options) {}},
		{"partitioned", func(o *Options) { o.Partition = PartitionMonth }},
		{"shard 1/4", func(o *Options) { o.Shard = Shard{1, 4} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := testOptions(5)
			tc.set(&opt)
			held := build(t, spreadPosts(t), opt)
			want := writeFiles(t, held)
			opt.SpillTexts = true
			b := build(t, spreadPosts(t), opt)
			defer b.Close()
			if len(b.Pairs) == 0 {
				t.Fatal("no pairs")
			}
			for _, p := range b.Posts {
				if p.Text != "" {
					t.Fatalf("%s/%d holds its text after Align", p.Channel, p.ID)
				}
			}
			for _, p := range b.Pairs {
				if p.Beads != nil || p.SourceSentences != nil || p.Check != nil || p.Evidence != nil {
					t.Fatalf("pair %d holds its alignment after Align", p.ID)
				}
			}
			if !maps.Equal(b.BeadShapes(), held.BeadShapes()) || len(b.BeadShapes()) == 0 {
				t.Errorf("bead shapes %v, want %v", b.BeadShapes(), held.BeadShapes())
			}
			sameFiles(t, writeFiles(t, b), want)
			// Loaded, the pairs are those of a build that holds them.
			if err := b.LoadPairs(b.Pairs); err != nil {
				t.Fatal(err)
			}
			if got, want := keysOf(b.Pairs), keysOf(held.Pairs); !slices.Equal(got, want) {
				t.Errorf("loaded pairs differ from held ones")
			}
			for i, p := range b.Pairs {
				if q := held.Pairs[i]; p.Source.Text != q.Source.Text || p.Target.Text != q.Target.Text || !reflect.DeepEqual(p.Check, q.Check) {
					t.Fatalf("pair %d: texts or check differ once loaded", p.ID)
				}
			}
		})
	}
}

// TestReadStream: reading a Stream, detecting as it reads and keeping the
// texts on disk builds the same files as Read and Detect.
func TestReadStream(t *testing.T) {
	if testing.Short() {
		t.Skip("builds twice")
	}
	det, err := detect.New([]string{"ru", "en"})
	if err != nil {
		t.Fatal(err)
	}
	paths := pipelinetest.WriteJSONL(t, spreadPosts(t), t.TempDir())
	ctx := context.Background()
	opt := testOptions(5)
	opt.Detector = det

	held := NewBuilder(opt)
	if err := held.Read(ctx, os.DirFS("/"), trimRoot(paths)); err != nil {
		t.Fatal(err)
	}
	if err := held.Detect(ctx); err != nil {
		t.Fatal(err)
	}
	if err := held.Align(ctx); err != nil {
		t.Fatal(err)
	}

	opt.SpillTexts = true
	b := NewBuilder(opt)
	defer b.Close()
	s, err := opt.Read.StreamFS(ctx, os.DirFS("/"), trimRoot(paths))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := b.ReadStream(ctx, s); err != nil {
		t.Fatal(err)
	}
	if b.Detected != len(held.Posts) || len(b.Posts) != len(held.Posts) {
		t.Fatalf("streamed %d posts (%d detected), read %d", len(b.Posts), b.Detected, len(held.Posts))
	}
	for i, p := range b.Posts {
		if q := held.Posts[i]; p.Key() != q.Key() || p.Lang != q.Lang || p.Text != "" {
			t.Fatalf("post %d: %v %s (text %d bytes), read %v %s", i, p.Key(), p.Lang, len(p.Text), q.Key(), q.Lang)
		}
	}
	if err := b.Align(ctx); err != nil {
		t.Fatal(err)
	}
	if len(b.Pairs) == 0 {
		t.Fatal("no pairs")
	}
	sameFiles(t, writeFiles(t, b), writeFiles(t, held))

	again := NewBuilder(opt)
	defer again.Close()
	if err := again.ReadStream(ctx, s); err == nil {
		t.Error("a Stream read twice: no error")
	}
}

// trimRoot makes absolute paths names of os.DirFS("/").
func trimRoot(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = strings.TrimPrefix(filepath.ToSlash(p), "/")
	}
	return out
}

// TestAlignmentRoundTrip: a pair's alignment comes back from the store
// exactly, scores to the bit; a truncated record is an error.
func TestAlignmentRoundTrip(t *testing.T) {
	s, err := newTextStore()
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	check := &corpus.Check{Coverage: 0.1 + 0.2, SentenceCoverage: 1, Omissions: 2, Abridged: 300, Pass: true}
	full := &corpus.Pair{ID: 7, Evidence: []string{"flag:🇷🇺🇧🇷", "", "num:200"}, Beads: []corpus.Bead{
		{SrcStart: 0, SrcEnd: 1, TgtStart: 0, TgtEnd: 2, Score: 0.999551848489123}, {SrcStart: 1, SrcEnd: 2, TgtStart: 2, TgtEnd: 2, Score: -1e-300}},
		SourceSentences: []corpus.Span{{Start: 0, End: 10}, {Start: 11, End: 4000}}, TargetSentences: []corpus.Span{{Start: 0, End: 3}, {Start: 4, End: 9}}, Check: check}
	repost := &corpus.Pair{ID: 8, Evidence: []string{}} // nothing aligned: nothing stored
	want := *full
	if err := s.spillPairs([]*corpus.Pair{full, repost}); err != nil {
		t.Fatal(err)
	}
	if full.Beads != nil || full.Check != nil || len(s.pairs) != 1 {
		t.Fatalf("after spill: %+v, %d stored", full, len(s.pairs))
	}
	if err := s.loadPairs([]*corpus.Pair{full, repost}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*full, want) || repost.Evidence == nil {
		t.Errorf("loaded %+v\nwant %+v", *full, want)
	}
	// Dropped and loaded again.
	s.dropPairs([]*corpus.Pair{full, repost})
	if full.Evidence != nil || full.Beads != nil {
		t.Fatalf("after drop: %+v", full)
	}
	if err := s.loadPairs([]*corpus.Pair{full}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*full, want) {
		t.Errorf("loaded again %+v\nwant %+v", *full, want)
	}
	enc := encodeAlignment(nil, &want)
	for n := range len(enc) {
		var p corpus.Pair
		if err := decodeAlignment(enc[:n], &p); err == nil {
			t.Errorf("%d of %d bytes decoded without error", n, len(enc))
		}
	}
}

// FuzzDecodeAlignment: any bytes decode to an error or to an alignment
// that encodes back to them.
func FuzzDecodeAlignment(f *testing.F) {
	f.Add(encodeAlignment(nil, &corpus.Pair{Beads: []corpus.Bead{{SrcEnd: 1, TgtEnd: 1, Score: 0.5}},
		SourceSentences: []corpus.Span{{End: 1}}, TargetSentences: []corpus.Span{{End: 1}}, Check: &corpus.Check{Pass: true}}))
	f.Add([]byte{0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var p corpus.Pair
		if decodeAlignment(data, &p) != nil {
			return
		}
		if got := encodeAlignment(nil, &p); len(got) > len(data) {
			t.Errorf("decoded %+v from %d bytes; it encodes to %d", p, len(data), len(got))
		}
	})
}
