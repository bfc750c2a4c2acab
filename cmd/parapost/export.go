package main

import (
	"context"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/detect"
)

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write a built corpus's sentence beads as Moses, TSV, JSONL or TMX files",
		Description: "Reads DIR/sentences.parquet (from parapost build) and writes one bead per line or unit:\n" +
			"  moses  PATH.SRC and PATH.TGT, parallel plain-text files (train.ru, train.en)\n" +
			"  tsv    SOURCE<TAB>TARGET lines, no header, no quoting\n" +
			"  jsonl  {\"id\", ..., \"score\", \"translation\": {\"en\": ..., \"ru\": ...}} (Hugging Face)\n" +
			"  tmx    a TMX 1.4b translation memory for CAT tools\n" +
			"Texts are one line each: line breaks, tabs and control characters become spaces.\n" +
			"Filters (--train, or one by one) drop beads unfit for training; the summary counts them.\n\n" +
			"Examples:\n" +
			"  parapost export --format moses -o corpus/train corpus/\n" +
			"  parapost export --train --format jsonl -o - corpus/ | gzip > train.jsonl.gz",
		ArgsUsage: "DIR (a build output, or its sentences.parquet)",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: string(corpus.ExportMoses), Usage: "moses, tsv, jsonl or tmx"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "output `PATH` (moses: a prefix, e.g. out/train; - : standard output, not for moses)"},
			sourceLangFlag(), targetLangFlag(), langsFlag(),
		}, filterFlags()...),
		Action: runExport,
	}
}

func runExport(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("export: want one DIR (a parapost build output), got %d arguments", c.NArg())
	}
	format, err := corpus.ParseExportFormat(c.String("format"))
	if err != nil {
		return usagef("--format: %v", err)
	}
	out := c.String("output")
	switch {
	case out == "":
		return usagef("export: --output PATH is required")
	case out == "-" && format == corpus.ExportMoses:
		return usagef("--output -: the moses format writes two files; give a prefix such as out/train")
	case out != "-":
		if st, err := os.Stat(out); err == nil && st.IsDir() {
			return usagef("--output %s is a directory: give a file name (moses: a prefix such as %s)", out, filepath.Join(out, "train"))
		}
	}
	srcLang, tgtLang := c.String("source-lang"), c.String("target-lang")
	filter, err := newFilter(c, srcLang, tgtLang, nil)
	if err != nil {
		return err
	}

	// A corpus directory: its sentences.parquet, or its month partitions.
	paths := []string{c.Args().First()}
	if st, err := os.Stat(paths[0]); err == nil && st.IsDir() {
		paths = corpus.TableFiles(paths[0], "sentences")
	}
	var parts []iter.Seq2[corpus.SentenceRow, error]
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return &corpus.InputError{File: path, Err: unwrapPath(err)}
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		langs, rows, err := corpus.SentencesParquetRows(f, st.Size())
		if err != nil {
			return &corpus.InputError{File: path, Err: err}
		}
		for _, l := range []string{srcLang, tgtLang} {
			if !slices.Contains(langs[:], l) {
				return usagef("--source-lang %s --target-lang %s: %s holds %s and %s", srcLang, tgtLang, path, langs[0], langs[1])
			}
		}
		parts = append(parts, asInputErrors(c.Context, path, rows))
	}
	rows := concatRows(parts)
	if filter != nil {
		rows = filter.Rows(rows)
	}
	opt := corpus.ExportOptions{SourceLang: srcLang, TargetLang: tgtLang, ToolVersion: parapostVersion()}

	var files []string
	var n int
	if out == "-" {
		n, err = corpus.WriteExport(c.App.Writer, format, rows, opt)
		files = []string{"standard output"}
	} else {
		if err = os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		files, n, err = corpus.ExportFiles(out, format, rows, opt)
	}
	if err != nil {
		return err
	}
	w := c.App.ErrWriter // messages; the data may be on standard output
	if filter != nil {
		fmt.Fprintf(w, "filters: %s\n", filter.Stats())
	}
	fmt.Fprintf(w, "exported %d beads (%s) to %s\n", n, format, strings.Join(files, ", "))
	return nil
}

// concatRows yields the rows of each sequence in turn.
func concatRows(seqs []iter.Seq2[corpus.SentenceRow, error]) iter.Seq2[corpus.SentenceRow, error] {
	return func(yield func(corpus.SentenceRow, error) bool) {
		for _, seq := range seqs {
			for row, err := range seq {
				if !yield(row, err) || err != nil {
					return
				}
			}
		}
	}
}

// asInputErrors marks the read errors of a sentences.parquet stream as
// problems with the user's file (exit 2), not internal ones, and ends the
// stream with ctx's error when ctx is done (Ctrl-C), so that nothing is
// published.
func asInputErrors(ctx context.Context, path string, rows iter.Seq2[corpus.SentenceRow, error]) iter.Seq2[corpus.SentenceRow, error] {
	return func(yield func(corpus.SentenceRow, error) bool) {
		for row, err := range rows {
			if ctxErr := ctx.Err(); ctxErr != nil {
				yield(row, ctxErr)
				return
			}
			if err != nil {
				yield(row, &corpus.InputError{File: path, Err: err})
				return
			}
			if !yield(row, nil) {
				return
			}
		}
	}
}

// filterFlags are the training filters of build and export. All are off
// unless given, so that a build keeps every bead; --train turns on the
// preset (corpus.TrainingFilterOptions plus the language check), and a
// filter flag given with it overrides the preset's value.
func filterFlags() []cli.Flag {
	p := corpus.TrainingFilterOptions()
	return []cli.Flag{
		&cli.BoolFlag{Name: "train", Usage: fmt.Sprintf("training preset: --min-words %d --max-words %d --max-ratio %g --drop-noise --dedup --check-lang",
			p.MinWords, p.MaxWords, p.MaxRatio)},
		&cli.Float64Flag{Name: "min-bead-score", Usage: "drop sentence beads scoring below this (0..1)"},
		&cli.IntFlag{Name: "min-chars", Usage: "drop beads with a side shorter than this many characters"},
		&cli.IntFlag{Name: "max-chars", Usage: "drop beads with a side longer than this many characters"},
		&cli.IntFlag{Name: "min-words", Usage: "drop beads with a side of fewer words"},
		&cli.IntFlag{Name: "max-words", Usage: "drop beads with a side of more words"},
		&cli.Float64Flag{Name: "max-ratio", Usage: "drop beads whose longer side has more than this many times the characters of the other"},
		&cli.BoolFlag{Name: "check-lang", Usage: "drop beads with a side in the other language, or a long one (120+ characters) in any other"},
		&cli.BoolFlag{Name: "drop-noise", Usage: "drop beads with a side of only hashtags, emoji, links, mentions or numbers"},
		&cli.BoolFlag{Name: "dedup", Usage: "drop exact and normalised (case, punctuation, digits) duplicate beads"},
	}
}

// newFilter builds the filter the flags ask for, or nil when none. det is
// the detector for --check-lang (nil: one is made from --langs).
func newFilter(c *cli.Context, srcLang, tgtLang string, det *detect.Detector) (*corpus.Filter, error) {
	opt := corpus.FilterOptions{SourceLang: srcLang, TargetLang: tgtLang}
	checkLang := false
	if c.Bool("train") {
		opt = corpus.TrainingFilterOptions()
		opt.SourceLang, opt.TargetLang = srcLang, tgtLang
		checkLang = true
	}
	if c.IsSet("min-bead-score") {
		opt.MinScore = c.Float64("min-bead-score")
	}
	for name, field := range map[string]*int{"min-chars": &opt.MinChars, "max-chars": &opt.MaxChars, "min-words": &opt.MinWords, "max-words": &opt.MaxWords} {
		if c.IsSet(name) {
			*field = c.Int(name)
		}
	}
	if c.IsSet("max-ratio") {
		opt.MaxRatio = c.Float64("max-ratio")
	}
	if c.IsSet("check-lang") {
		checkLang = c.Bool("check-lang")
	}
	if c.IsSet("drop-noise") {
		opt.DropNoise = c.Bool("drop-noise")
	}
	if c.IsSet("dedup") {
		opt.Dedup = c.Bool("dedup")
	}
	if checkLang {
		if det == nil {
			var err error
			if det, _, err = newDetector(c); err != nil {
				return nil, err
			}
		}
		langs := det.Languages()
		for _, l := range []string{srcLang, tgtLang} {
			if !slices.Contains(langs, l) {
				return nil, usagef("--check-lang: the detector's languages (--langs) lack %q", l)
			}
		}
		opt.LangCheck = langCheck(det, srcLang, tgtLang)
	}
	if !opt.Active() {
		return nil, nil
	}
	f, err := corpus.NewFilter(opt)
	if err != nil {
		return nil, usagef("filters: %v", err)
	}
	return f, nil
}

// reliableLangChars is the length from which a sentence's detected
// language is trusted whatever it is: lingua's two accuracy modes agree
// from 120 characters up, while shorter sentences full of names come out
// French, Romanian or Mongolian (71 of WMT23's 902 correct beads failed a
// check that trusted every answer).
const reliableLangChars = 120

// langCheck fails a side detected as the pair's other language
// (untranslated or swapped text: "Подпись к видео: WW2 bomb explosion..."),
// and, from reliableLangChars code points up, a side detected as any
// language but its own; a text too short or noisy to tell passes.
func langCheck(det *detect.Detector, srcLang, tgtLang string) func(text, lang string) bool {
	return func(text, lang string) bool {
		got := det.Detect(text).Lang
		switch {
		case got == lang || got == corpus.Unknown:
			return true
		case got == srcLang || got == tgtLang:
			return false
		}
		return utf8.RuneCountInString(text) < reliableLangChars
	}
}
