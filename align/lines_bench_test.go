package align_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/eval"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
)

// linesInput is what README measures `align --lines` on: the WMT
// documents' line files, all of them six times over, cut at 5,000 source
// and 4,940 target lines.
func linesInput(b *testing.B) (src, tgt string) {
	b.Helper()
	var rs, es strings.Builder
	for range 6 {
		for _, lang := range []string{"ru", "en"} {
			files, err := filepath.Glob(filepath.Join("..", "testdata", "wmt23-ruen-dev", "lines", "*."+lang))
			if err != nil || len(files) == 0 {
				b.Fatalf("no line files: %v", err)
			}
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					b.Fatal(err)
				}
				if lang == "ru" {
					rs.Write(data)
				} else {
					es.Write(data)
				}
			}
		}
	}
	head := func(s string, n int) string {
		at := 0
		for range n {
			at += strings.IndexByte(s[at:], '\n') + 1
		}
		return s[:at]
	}
	return head(rs.String(), 5000), head(es.String(), 4940)
}

// BenchmarkAlignLines is `parapost align --lines` on 5,000 × 4,940 lines
// without the process around it: both passes and the lexicon learned
// between them, on one core.
func BenchmarkAlignLines(b *testing.B) { benchAlignLines(b, 1, nil) }

// BenchmarkAlignLinesTwoCores is BenchmarkAlignLines on two cores, as the
// command runs on a machine of two: the sides of a document are prepared,
// bagged and learned from at once.
func BenchmarkAlignLinesTwoCores(b *testing.B) { benchAlignLines(b, 2, nil) }

// BenchmarkAlignLinesGappy is BenchmarkAlignLines on two cores with
// passages left out: 40 target lines from line 1,000 and 25 source lines
// from line 1,800. The band widens around them in the first pass; the
// second starts at the width the first ended with.
func BenchmarkAlignLinesGappy(b *testing.B) {
	cut := func(text string, from, n int) string {
		lines := strings.SplitAfter(text, "\n")
		return strings.Join(append(lines[:from:from], lines[from+n:]...), "")
	}
	benchAlignLines(b, 2, func(src, tgt string) (string, string) { return cut(src, 1800, 25), cut(tgt, 1000, 40) })
}

// benchAlignLines aligns linesInput, changed by edit unless it is nil,
// with align.Pairs on procs cores (the garbage collector's included).
func benchAlignLines(b *testing.B, procs int, edit func(src, tgt string) (string, string)) {
	src, tgt := linesInput(b)
	if edit != nil {
		src, tgt = edit(src, tgt)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	b.ReportAllocs()
	for b.Loop() {
		opt := linesOptions()
		opt.Vocabulary = sim.NewVocabulary("en")
		p := linesPair(src, tgt)
		if _, _, err := align.Pairs(context.Background(), []*corpus.Pair{p}, opt, 1); err != nil {
			b.Fatal(err)
		}
		if len(p.Beads) < 4000 {
			b.Fatalf("%d beads", len(p.Beads))
		}
	}
}

// linesOptions are the options of `align --lines` from Russian to English.
func linesOptions() align.Options {
	opt := align.DefaultOptions()
	opt.SourceLang, opt.TargetLang = "ru", "en"
	return opt
}

// linesPair is the pair of documents src and tgt, a sentence a line.
func linesPair(src, tgt string) *corpus.Pair {
	return &corpus.Pair{Source: &corpus.Post{Text: src, Lang: "ru"}, Target: &corpus.Post{Text: tgt, Lang: "en"},
		SourceSentences: eval.LineSpans(src), TargetSentences: eval.LineSpans(tgt)}
}

// BenchmarkLearnLines is the lexicon learned between the two passes of
// BenchmarkAlignLines, from the first pass's confident beads: the words
// of some 4,700 sentence pairs stemmed, their 660,000 word pairs counted,
// IBM Model 1 both ways.
func BenchmarkLearnLines(b *testing.B) {
	src, tgt := linesInput(b)
	opt := linesOptions()
	p := linesPair(src, tgt)
	opt.NoLearn = true
	if _, _, err := align.Pairs(context.Background(), []*corpus.Pair{p}, opt, 1); err != nil {
		b.Fatal(err)
	}
	opt.NoLearn = false
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b.ReportAllocs()
	for b.Loop() {
		opt.Vocabulary = sim.NewVocabulary("en") // empty caches, as in a run
		if lex := align.LearnLexicon([]*corpus.Pair{p}, opt); lex.Pairs() < 4000 {
			b.Fatalf("learned from %d pairs", lex.Pairs())
		}
	}
}
