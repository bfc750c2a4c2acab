package pipeline

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/parapost/parapost/corpus"
)

// BenchmarkAlign pairs and aligns the spread WMT23 corpus (81 translations
// over eight months) as one block and as blocks of 5 and 20 translations.
func BenchmarkAlign(b *testing.B) {
	for _, targets := range []int{0, 20, 5} {
		name := fmt.Sprintf("blockTargets=%d", targets)
		if targets == 0 {
			name = "oneBlock"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				posts := spreadPosts(b)
				b.StartTimer()
				build(b, posts, testOptions(targets))
			}
		})
	}
}

// BenchmarkSpill builds the spread WMT23 corpus in blocks of 5
// translations, holding the texts and alignments and keeping them on disk
// (SpillTexts), and writes it; held-B/op is the heap still in use once
// the blocks are aligned (after a GC), what a large build holds between
// its stages (the posts' metadata and texts, the pairs and their beads).
func BenchmarkSpill(b *testing.B) {
	build(b, spreadPosts(b), testOptions(5)) // the caches of a first build are not the heap of either
	for _, spill := range []bool{false, true} {
		b.Run(fmt.Sprintf("SpillTexts=%v", spill), func(b *testing.B) {
			var held uint64
			for b.Loop() {
				b.StopTimer()
				runtime.GC()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				posts := spreadPosts(b)
				b.StartTimer()
				opt := testOptions(5)
				opt.SpillTexts = spill
				bl := build(b, posts, opt)
				b.StopTimer()
				posts = nil
				runtime.GC()
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				held += after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
				runtime.KeepAlive(bl)
				b.StartTimer()
				write(b, bl, b.TempDir())
				bl.Close()
			}
			b.ReportMetric(float64(held)/float64(b.N), "held-B/op")
		})
	}
}

// BenchmarkTextStore spills and loads back 10,000 texts of 1.3 KB (the
// mean post of the scale corpus).
func BenchmarkTextStore(b *testing.B) {
	text := strings.Repeat("Министр иностранных дел России. ", 25)
	posts := make([]*corpus.Post, 10000)
	for i := range posts {
		posts[i] = &corpus.Post{ID: int64(i)}
	}
	b.SetBytes(int64(len(text) * len(posts)))
	for b.Loop() {
		s, err := newTextStore()
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range posts {
			p.Text = text
		}
		if err := s.spill(posts); err != nil {
			b.Fatal(err)
		}
		if err := s.load(posts); err != nil {
			b.Fatal(err)
		}
		s.close()
	}
}
