package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/eval"
	"github.com/parapost/parapost/corpus"
)

// maxAlignInput bounds a document given to align: it is read whole, and
// `parapost align /dev/zero x` must fail, not fill the memory. A variable
// for the test.
var maxAlignInput = 256 << 20

func alignCommand() *cli.Command {
	return &cli.Command{
		Name:  "align",
		Usage: "align the sentences of two documents (an original and its translation)",
		Description: "Plain text is split into sentences and printed as one bead per line:\n" +
			"SOURCE<TAB>TARGET<TAB>SHAPE<TAB>SCORE. With --lines, each file holds one\n" +
			"sentence per line (as hunalign and Vecalign take them) and beads are printed\n" +
			"in the Vecalign format [0]:[0, 1]:0.873 (0-based line numbers). With --json,\n" +
			"one JSON object holds the beads and their counts. Documents are text of at\n" +
			"most 256 MB.\n\n" +
			"Examples:\n" +
			"  parapost align ru.txt en.txt\n" +
			"  parapost align --lines doc.ru doc.en > doc.ruen\n" +
			"  parapost align --dict /usr/share/dictd/mueller7.index --json ru.txt en.txt",
		ArgsUsage: "SRC TGT",
		Flags: append([]cli.Flag{
			sourceLangFlag(), targetLangFlag(), dictFlag(), dictLangsFlag(), dictCacheFlag(), mtFlag(),
			&cli.BoolFlag{Name: "lines", Usage: "inputs hold one sentence per line; print Vecalign-format beads"},
			&cli.BoolFlag{Name: "json", Usage: "print the beads and their counts as one JSON object"},
		}, mtGoogleFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usagef("align: want SRC and TGT, got %d arguments", c.NArg())
			}
			srcLang, tgtLang, err := checkLangPair(c, nil)
			if err != nil {
				return err
			}
			if err := checkDictLangs(c); err != nil {
				return err
			}
			srcPath, tgtPath := c.Args().Get(0), c.Args().Get(1)
			for _, p := range []string{srcPath, tgtPath} {
				if err := checkFile(p); err != nil {
					return err
				}
			}
			src, err := readText(srcPath)
			if err != nil {
				return err
			}
			tgt, err := readText(tgtPath)
			if err != nil {
				return err
			}
			// --mt may give one translation per line of a --lines source.
			lines := ""
			if c.Bool("lines") {
				lines = src
			}
			opt, err := alignOptions(c, srcLang, tgtLang, lines)
			if err != nil {
				return err
			}
			defer mtClose(c)
			if stop, err := mtBefore(c, []string{src}); stop || err != nil {
				return err
			}
			p := &corpus.Pair{
				Source: &corpus.Post{Text: src, Lang: opt.SourceLang},
				Target: &corpus.Post{Text: tgt, Lang: opt.TargetLang},
			}
			if c.Bool("lines") {
				p.SourceSentences, p.TargetSentences = eval.LineSpans(src), eval.LineSpans(tgt)
			}
			// Two passes: the first's confident beads teach a lexicon.
			if _, _, err := align.Pairs(c.Context, []*corpus.Pair{p}, opt, 1); err != nil {
				return err
			}
			if err := mtCheck(c); err != nil {
				return err
			}
			beads, srcSents, tgtSents := p.Beads, p.SourceSentences, p.TargetSentences
			if c.Bool("json") {
				return writeJSON(c.App.Writer, alignSummaryOf(srcPath, tgtPath, src, tgt, srcSents, tgtSents, beads))
			}
			w := bufio.NewWriter(c.App.Writer)
			if c.Bool("lines") {
				lb := make([]eval.LineBead, len(beads))
				for i, b := range beads {
					lb[i] = eval.LineBeadOf(b)
				}
				if err := eval.WriteLineAlignment(w, lb, true); err != nil {
					return err
				}
				return w.Flush()
			}
			for _, b := range beads {
				fmt.Fprintf(w, "%s\t%s\t%s\t%.3f\n", joinSpans(src, srcSents[b.SrcStart:b.SrcEnd]),
					joinSpans(tgt, tgtSents[b.TgtStart:b.TgtEnd]), b.Type(), b.Score)
			}
			return w.Flush()
		},
	}
}

// alignSummary is `align --json`.
type alignSummary struct {
	Source          string         `json:"source"`
	Target          string         `json:"target"`
	SourceSentences int            `json:"source_sentences"`
	TargetSentences int            `json:"target_sentences"`
	Shapes          map[string]int `json:"bead_shapes"`
	Beads           []alignBead    `json:"beads"`
}

type alignBead struct {
	Source     []int   `json:"source"` // 0-based sentence indexes
	Target     []int   `json:"target"`
	Shape      string  `json:"alignment"`
	Score      float64 `json:"score"`
	SourceText string  `json:"source_text"`
	TargetText string  `json:"target_text"`
}

func alignSummaryOf(srcPath, tgtPath, src, tgt string, srcSents, tgtSents []corpus.Span, beads []corpus.Bead) alignSummary {
	s := alignSummary{Source: srcPath, Target: tgtPath, SourceSentences: len(srcSents), TargetSentences: len(tgtSents),
		Shapes: map[string]int{}, Beads: make([]alignBead, len(beads))}
	for i, b := range beads {
		s.Shapes[b.Type()]++
		s.Beads[i] = alignBead{Source: indexes(b.SrcStart, b.SrcEnd), Target: indexes(b.TgtStart, b.TgtEnd), Shape: b.Type(),
			Score: b.Score, SourceText: joinSpans(src, srcSents[b.SrcStart:b.SrcEnd]), TargetText: joinSpans(tgt, tgtSents[b.TgtStart:b.TgtEnd])}
	}
	return s
}

func indexes(lo, hi int) []int {
	out := make([]int, 0, hi-lo)
	for i := lo; i < hi; i++ {
		out = append(out, i)
	}
	return out
}

// readText reads a whole text file, repairing invalid UTF-8. Binary data
// and files over maxAlignInput are InputErrors.
func readText(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", inputErr(path, err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	head, err := br.Peek(64 << 10)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	if corpus.IsBinary(head) {
		return "", &corpus.InputError{File: path, Err: errors.New("binary data, not text")}
	}
	// Read into a builder of the file's size: grown as it reads, a
	// document's bytes were copied a dozen times; its string is the
	// builder's memory, not a copy (new memory costs page faults).
	var sb strings.Builder
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() <= int64(maxAlignInput) {
		sb.Grow(int(fi.Size()) + 1) // +1: the end of the file is seen without growing
	}
	if _, err := io.Copy(&sb, io.LimitReader(br, int64(maxAlignInput)+1)); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	if sb.Len() > maxAlignInput {
		return "", &corpus.InputError{File: path, Err: fmt.Errorf("larger than %d MB: align takes one document at a time", maxAlignInput>>20)}
	}
	return strings.ToValidUTF8(sb.String(), "\uFFFD"), nil
}

// joinSpans joins sentences with one space and puts tabs and newlines
// inside them on one line, for a TSV field.
func joinSpans(text string, spans []corpus.Span) string {
	parts := make([]string, len(spans))
	for i, sp := range spans {
		parts[i] = strings.Join(strings.Fields(text[sp.Start:sp.End]), " ")
	}
	return strings.Join(parts, " ")
}
