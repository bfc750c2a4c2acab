package pipeline_test

import (
	"context"
	"fmt"
	"os"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/corpus/pipeline"
)

// A build of the Foreign Ministry sample, written as three Parquet files.
func Example() {
	ctx := context.Background()
	opt := pipeline.Options{Pair: pair.DefaultOptions(), Align: align.DefaultOptions()}
	b := pipeline.NewBuilder(opt)
	fsys := os.DirFS("../../testdata/mfa-sample")
	if err := b.Read(ctx, fsys, []string{"mid_russia.result.json", "mid_russia.page.html", "mfa_russia.result.json"}); err != nil {
		panic(err)
	}
	if err := b.Detect(ctx); err != nil {
		panic(err)
	}
	if err := b.Align(ctx); err != nil {
		panic(err)
	}
	dir, err := os.MkdirTemp("", "corpus")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	var set corpus.OutputSet
	files, err := b.Write(ctx, &set, dir, "ru", "en", nil)
	if err != nil {
		set.Abort()
		panic(err)
	}
	if err := set.Commit(); err != nil {
		panic(err)
	}
	fmt.Printf("%d posts, %d blocks, %d pairs, %d files\n", len(b.Posts), len(b.Blocks), len(b.Pairs), len(files))
	// Output: 44 posts, 1 blocks, 13 pairs, 3 files
}

// A build in bounded memory: the inputs streamed (read once to merge
// copies, again to detect), texts and alignments kept on disk between the
// stages that need them.
func ExampleBuilder_ReadStream() {
	ctx := context.Background()
	opt := pipeline.Options{Pair: pair.DefaultOptions(), Align: align.DefaultOptions(), SpillTexts: true}
	b := pipeline.NewBuilder(opt)
	defer b.Close() // removes the temporary file
	fsys := os.DirFS("../../testdata/mfa-sample")
	s, err := opt.Read.StreamFS(ctx, fsys, []string{"mid_russia.result.json", "mid_russia.page.html", "mfa_russia.result.json"})
	if err != nil {
		panic(err)
	}
	defer s.Close()
	if err := b.ReadStream(ctx, s); err != nil { // read and detect
		panic(err)
	}
	if err := b.Align(ctx); err != nil {
		panic(err)
	}
	// Texts and beads are on disk: LoadPairs reads a pair's back.
	first := b.Pairs[0]
	fmt.Println(first.Target.Text == "", len(first.Beads))
	if err := b.LoadPairs(b.Pairs[:1]); err != nil {
		panic(err)
	}
	fmt.Println(first.Target.Text != "", len(first.Beads) > 0, b.BeadShapes()["1-1"])
	// Output:
	// true 0
	// true true 106
}
