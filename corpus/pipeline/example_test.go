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
