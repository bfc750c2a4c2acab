package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/parapost/parapost/corpus"
)

// write writes a build's files into dir and publishes them.
func write(t testing.TB, b *Builder, dir string) []string {
	t.Helper()
	var set corpus.OutputSet
	files, err := b.Write(context.Background(), &set, dir, "ru", "en", nil)
	if err != nil {
		set.Abort()
		t.Fatal(err)
	}
	if err := set.Commit(); err != nil {
		t.Fatal(err)
	}
	return files
}

// TestUpdate: a corpus built from the older posts and updated with the
// newer ones is, byte for byte, the corpus built from all of them; an
// update recomputes only the blocks the new posts touch or whose months
// change, keeping the others' pairs as they were (renumbered).
func TestUpdate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds several times")
	}
	full := build(t, spreadPosts(t), testOptions(5))
	fullDir := t.TempDir()
	write(t, full, fullDir)

	for _, tc := range []struct {
		name     string
		isNew    func(p *corpus.Post) bool
		minKept  int
		maxKept  int
		blocksOf int
	}{
		{"daily", func(p *corpus.Post) bool { return !p.Date.Before(time.Date(2024, 8, 10, 0, 0, 0, 0, time.UTC)) }, 7, 7, 8},
		{"early", func(p *corpus.Post) bool {
			return p.Lang == "en" && p.Date.After(time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC)) && p.Date.Before(time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC))
		}, 7, 7, 8}, // March's block only; the later ones are renumbered
		{"shifting", func(p *corpus.Post) bool {
			// Without most of March's translations, the old plan made March
			// and April one block: both are recomputed.
			return p.Lang == "en" && p.Date.After(time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)) && p.Date.Before(time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC))
		}, 6, 6, 8}, // March and April; May on keeps its months
	} {
		t.Run(tc.name, func(t *testing.T) {
			var old, added []*corpus.Post
			for _, p := range spreadPosts(t) {
				if tc.isNew(p) {
					added = append(added, p)
				} else {
					old = append(old, p)
				}
			}
			if len(added) == 0 {
				t.Fatal("no new posts")
			}
			dir := t.TempDir()
			write(t, build(t, old, testOptions(5)), dir)
			if tc.name == "daily" {
				// Every input read again, as a daily job reads its pages:
				// the old posts merge into the corpus's copies.
				for _, p := range spreadPosts(t) {
					if !tc.isNew(p) {
						added = append(added, p)
					}
				}
			}

			opt := testOptions(5)
			opt.SpillTexts = tc.name != "early" // updates with texts on disk, as the CLI's, and without
			b := NewBuilder(opt)
			defer b.Close()
			if err := b.Update(context.Background(), dir); err != nil {
				t.Fatal(err)
			}
			if err := b.AddPosts(added, corpus.ReadStats{}, nil); err != nil {
				t.Fatal(err)
			}
			if err := b.Detect(context.Background()); err != nil {
				t.Fatal(err)
			}
			if err := b.Align(context.Background()); err != nil {
				t.Fatal(err)
			}
			t.Logf("%d posts read: kept %d of %d blocks (%d pairs)", len(added), b.KeptBlocks, len(b.Blocks), b.KeptPairs)
			if b.KeptBlocks < tc.minKept || b.KeptBlocks > tc.maxKept || len(b.Blocks) != tc.blocksOf {
				t.Errorf("kept %d of %d blocks, want %d to %d of %d", b.KeptBlocks, len(b.Blocks), tc.minKept, tc.maxKept, tc.blocksOf)
			}
			// With SpillTexts the beads are on disk until loaded.
			if err := b.LoadPairs(b.Pairs); err != nil {
				t.Fatal(err)
			}
			if got, want := keysOf(b.Pairs), keysOf(full.Pairs); !slices.Equal(got, want) {
				t.Errorf("update: %d pairs, full rebuild: %d", len(got), len(want))
				for i := range min(len(got), len(want)) {
					if got[i] != want[i] {
						t.Errorf("first difference:\n%+v\n%+v", got[i], want[i])
						break
					}
				}
			}
			write(t, b, dir)
			for _, name := range []string{"posts.parquet", "pairs.parquet", "sentences.parquet"} {
				got, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				want, _ := os.ReadFile(filepath.Join(fullDir, name))
				if !bytes.Equal(got, want) {
					t.Errorf("%s of the update differs from the full rebuild's", name)
				}
			}
		})
	}
}

// TestUpdateEdit: a post read again with another text (an edit) replaces
// the corpus's copy, as a build from the new inputs has it, and its blocks
// are recomputed.
func TestUpdateEdit(t *testing.T) {
	edit := func(posts []*corpus.Post) *corpus.Post {
		for _, p := range posts {
			if p.Lang == "en" && p.Date.Month() == time.April {
				p.Text += " (Edited.)"
				return p
			}
		}
		t.Fatal("no April translation")
		return nil
	}
	edited := spreadPosts(t)
	edit(edited)
	full := build(t, edited, testOptions(5))
	fullDir := t.TempDir()
	write(t, full, fullDir)

	dir := t.TempDir()
	write(t, build(t, spreadPosts(t), testOptions(5)), dir)
	b := NewBuilder(testOptions(5))
	if err := b.Update(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	again := spreadPosts(t)
	p := edit(again)
	p.Lang = "" // read again: to be detected
	if err := b.AddPosts([]*corpus.Post{p}, corpus.ReadStats{}, nil); err != nil {
		t.Fatal(err)
	}
	p.Lang = "en" // as the detector says (no detector in this test)
	if err := b.Align(context.Background()); err != nil {
		t.Fatal(err)
	}
	// April's block, and its neighbour when the post is near a month's
	// end (a competitor there), are recomputed.
	if len(b.Posts) != len(full.Posts) || b.KeptBlocks < 6 || b.KeptBlocks > 7 {
		t.Errorf("%d posts (want %d), %d blocks kept (want 6 or 7)", len(b.Posts), len(full.Posts), b.KeptBlocks)
	}
	write(t, b, dir)
	for _, name := range []string{"posts.parquet", "pairs.parquet", "sentences.parquet"} {
		got, _ := os.ReadFile(filepath.Join(dir, name))
		want, _ := os.ReadFile(filepath.Join(fullDir, name))
		if !bytes.Equal(got, want) {
			t.Errorf("%s after the edit differs from a full rebuild's", name)
		}
	}
}
