// Command gencorpus writes a synthetic Russian and English channel pair for
// scale tests (make bench-scale): DIR/ru/result.json, DIR/en/result.json
// and DIR/gold/pairs.tsv, N posts per language, from the gold beads under
// -data (../shared/data or the project's testdata). See package
// corpus/internal/gen.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/parapost/parapost/corpus/internal/gen"
)

func main() {
	n := flag.Int("n", 1000, "posts per language")
	seed := flag.Uint64("seed", 1, "random seed: the same seed writes the same bytes")
	data := flag.String("data", "testdata", "directory holding "+fmt.Sprint(gen.BeadFiles))
	out := flag.String("o", "", "output directory (required)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	docs, err := gen.LoadDocs(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(2)
	}
	c, err := gen.Generate(docs, gen.Options{Posts: *n, Seed: *seed})
	if err == nil {
		err = gen.WriteDir(*out, c)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
