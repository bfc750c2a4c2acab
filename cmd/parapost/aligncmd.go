package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/eval"
	"github.com/parapost/parapost/corpus"
)

func alignCommand() *cli.Command {
	return &cli.Command{
		Name:  "align",
		Usage: "align the sentences of two documents (an original and its translation)",
		Description: "Plain text is split into sentences and printed as one bead per line:\n" +
			"SOURCE<TAB>TARGET<TAB>SHAPE<TAB>SCORE. With --lines, each file holds one sentence per\n" +
			"line (as hunalign and Vecalign take them) and beads are printed in the Vecalign format\n" +
			"[0]:[0, 1]:0.873 (0-based line numbers).",
		ArgsUsage: "SRC TGT",
		Flags: []cli.Flag{
			sourceLangFlag, targetLangFlag, dictFlag, dictLangsFlag, mtFlag,
			&cli.BoolFlag{Name: "lines", Usage: "inputs hold one sentence per line; print Vecalign-format beads"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usagef("align: want SRC and TGT, got %d arguments", c.NArg())
			}
			srcPath, tgtPath := c.Args().Get(0), c.Args().Get(1)
			src, err := readText(srcPath)
			if err != nil {
				return err
			}
			tgt, err := readText(tgtPath)
			if err != nil {
				return err
			}
			opt, err := alignOptions(c, map[bool]string{true: src}[c.Bool("lines")])
			if err != nil {
				return err
			}
			p := &corpus.Pair{
				Source: &corpus.Post{Text: src, Lang: opt.SourceLang},
				Target: &corpus.Post{Text: tgt, Lang: opt.TargetLang},
			}
			if c.Bool("lines") {
				p.SourceSentences, p.TargetSentences = eval.LineSpans(src), eval.LineSpans(tgt)
			}
			if _, _, err := align.Pairs(c.Context, []*corpus.Pair{p}, opt, 1); err != nil {
				return err
			}
			beads, srcSents, tgtSents := p.Beads, p.SourceSentences, p.TargetSentences
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

// readText reads a whole text file, repairing invalid UTF-8.
func readText(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD"), nil
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
