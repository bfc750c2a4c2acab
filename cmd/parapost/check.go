package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/check"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/align/split"
	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/corpus/pipeline"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "audit the translations of a built corpus (or of INPUTs, built in memory): omissions, numbers, dates, names…",
		ArgsUsage: "DIR | INPUT...",
		Description: "Reports, for every pair, where the translation departs from its original:\n" +
			"omission and addition (sentences with no counterpart), abridged (declared cuts\n" +
			"such as <...> and a final \"Read in full\" link: not failures), number, date,\n" +
			"name, hashtag and flag mismatches, meaning (a sentence that says something\n" +
			"else), length outliers, and the share of the original that is aligned.\n" +
			"DIR is a corpus parapost build wrote; other arguments are built first, in\n" +
			"memory, as build would. Exit status: 0 when every pair passes, 1 when one\n" +
			"fails (--fail-on, --min-coverage), 2 on bad input.\n\n" +
			"Examples:\n" +
			"  parapost check corpus/\n" +
			"  parapost check --junit check.xml --html check.html corpus/\n" +
			"  parapost check --fail-on omission,number --markdown comment.md exports/\n" +
			"  parapost check --update-pairs corpus/    # findings into pairs.parquet's check_* columns",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "json", Usage: "write the report as JSON to `FILE`"},
			&cli.StringFlag{Name: "junit", Usage: "write JUnit XML to `FILE`: one test case per pair, a failure per failing finding"},
			&cli.StringFlag{Name: "markdown", Usage: "write a summary for a pull-request comment to `FILE`"},
			&cli.StringFlag{Name: "html", Usage: "write a self-contained review page to `FILE`"},
			&cli.Float64Flag{Name: "min-coverage", Usage: "fail a pair when less than `SHARE` (0 to 1) of its original's characters is aligned"},
			&cli.BoolFlag{Name: "update-pairs", Usage: "write the findings into DIR/pairs.parquet's check_* columns (a built corpus DIR only)"},
			&cli.StringFlag{Name: "fail-on", Value: kindList(check.DefaultFailOn),
				Usage: "finding `KINDS` that fail a pair, comma-separated (" + kindList(check.Kinds) + "; \"\" for none)"},
			langsFlag(), sourceLangFlag(), targetLangFlag(), windowFlag(), minScoreFlag(), minMarginFlag(), dictFlag(), dictLangsFlag(), dictCacheFlag(), mtFlag(),
			workersFlag(), quietFlag(), tzFlag(), skipBadFlag(),
		},
		Action: checkAction,
	}
}

func kindList(kinds []check.Kind) string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ",")
}

// isCorpusDir reports whether path is a directory parapost build wrote.
func isCorpusDir(path string) bool {
	st, err := os.Stat(corpus.TableFiles(path, "pairs")[0])
	return err == nil && st.Mode().IsRegular()
}

func checkAction(c *cli.Context) error {
	args := c.Args().Slice()
	if len(args) == 0 {
		return usagef("check: name a built corpus DIR or INPUTs to build")
	}
	failOn, err := check.ParseKinds(c.String("fail-on"))
	if err != nil {
		return usagef("--fail-on: %v", err)
	}
	minCov := c.Float64("min-coverage")
	if minCov < 0 || minCov > 1 {
		return usagef("--min-coverage: want a share from 0 to 1, got %g", minCov)
	}
	workers, err := checkWorkers(c)
	if err != nil {
		return err
	}
	for _, name := range []string{"json", "junit", "markdown", "html"} {
		if p := c.String(name); p != "" {
			if err := checkOutputFile(p); err != nil {
				return usagef("--%s %s: %v", name, p, err)
			}
		}
	}
	if err := checkDictLangs(c); err != nil {
		return err
	}
	dirMode := len(args) == 1 && isCorpusDir(args[0])
	update := c.Bool("update-pairs")
	if update && !dirMode {
		return usagef("--update-pairs: name one corpus DIR that parapost build wrote (got %s)", strings.Join(args, " "))
	}
	if update {
		// Locked as a build locks it: no build replaces the corpus while
		// its pairs are read and written back.
		out, err := openOutput(args[0], nil, c.App.ErrWriter)
		if err != nil {
			return err
		}
		defer out.close()
	}
	var pairs []*corpus.Pair
	var opt check.Options
	if dirMode {
		pairs, opt, err = checkCorpusDir(c, args[0])
	} else {
		pairs, opt, err = checkInputs(c, args)
	}
	if err != nil {
		return err
	}
	opt.FailOn, opt.MinCoverage, opt.Workers = failOn, minCov, workers
	rep, err := check.PairsContext(c.Context, pairs, opt)
	if err != nil {
		return err
	}

	var set corpus.OutputSet
	for _, out := range []struct {
		flag  string
		write func(io.Writer, *check.Report) error
	}{
		{"json", check.WriteJSON},
		{"junit", check.WriteJUnit},
		{"markdown", func(w io.Writer, r *check.Report) error { return check.WriteMarkdown(w, r, 0) }},
		{"html", check.WriteHTML},
		{"update-pairs", func(w io.Writer, r *check.Report) error {
			r.SetChecks(pairs)
			return corpus.WritePairs(w, pairs)
		}},
	} {
		path := ""
		switch {
		case out.flag != "update-pairs":
			path = c.String(out.flag)
		case update:
			path = filepath.Join(args[0], "pairs.parquet")
		}
		if path == "" {
			continue
		}
		f, err := set.Create(path)
		if err != nil {
			set.Abort()
			return fmt.Errorf("--%s: %w", out.flag, err)
		}
		if err := out.write(f, rep); err != nil {
			set.Abort()
			return fmt.Errorf("--%s %s: %w", out.flag, path, err)
		}
	}
	if err := set.Commit(); err != nil {
		return err
	}
	printCheckSummary(c.App.Writer, rep)
	if rep.Failed() {
		return &gateError{fmt.Sprintf("check: %d of %d pairs fail (--fail-on %s)", rep.Summary.Failed, rep.Summary.Pairs, kindList(failOn))}
	}
	return nil
}

// checkOutputFile checks that a report can be written at path: its
// directory exists and it is not a directory.
func checkOutputFile(path string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("is a directory")
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return fmt.Errorf("no directory %s", filepath.Dir(path))
	}
	return nil
}

// checkCorpusDir reads a built corpus and learns the lexicon the build
// would have from its confident beads.
func checkCorpusDir(c *cli.Context, dir string) ([]*corpus.Pair, check.Options, error) {
	opt := check.DefaultOptions()
	_, pairs, err := corpus.ReadCorpus(dir, split.Sentences)
	if err != nil {
		return nil, opt, err
	}
	src, tgt := c.String("source-lang"), c.String("target-lang")
	if len(pairs) > 0 {
		src, tgt = pairs[0].Source.Lang, pairs[0].Target.Lang
	}
	aopt, err := alignOptions(c, src, tgt, "")
	if err != nil {
		return nil, opt, err
	}
	var lex *sim.Learned
	if len(pairs) > 0 {
		lex = align.LearnLexicon(pairs, aopt)
	}
	return pairs, check.OptionsFor(src, tgt, lex, aopt.Similarity), nil
}

// checkInputs builds the INPUTs in memory as parapost build does.
func checkInputs(c *cli.Context, inputs []string) ([]*corpus.Pair, check.Options, error) {
	opt := check.DefaultOptions()
	ctx := c.Context
	langs, err := langList(c)
	if err != nil {
		return nil, opt, err
	}
	popt, err := pairOptions(c, detectorLangs(langs))
	if err != nil {
		return nil, opt, err
	}
	if _, err := scanInputs(inputs); err != nil {
		return nil, opt, err
	}
	aopt, err := alignOptions(c, popt.SourceLang, popt.TargetLang, "")
	if err != nil {
		return nil, opt, err
	}
	ropt, err := readOptions(c)
	if err != nil {
		return nil, opt, err
	}
	prog := newProgress(c.App.ErrWriter, c.Bool("quiet"))
	det, err := loadDetector(prog, langs)
	if err != nil {
		return nil, opt, err
	}
	view := &stageView{prog: prog}
	b := pipeline.NewBuilder(pipeline.Options{Read: ropt, Detector: det, Pair: popt, Align: aopt, Workers: popt.Workers, Events: view.event})
	view.b = b
	err = b.AddPosts(readPosts(ctx, ropt, inputs, c.App.Reader, prog, nil))
	for _, w := range b.ReadStats.Warnings {
		fmt.Fprintf(c.App.ErrWriter, "parapost: warning: %s\n", w)
	}
	if errors.Is(err, pipeline.ErrNoPosts) {
		return nil, opt, &corpus.InputError{File: strings.Join(inputs, " "), Err: fmt.Errorf("no posts found (%s)", describeRead(b.ReadStats))}
	}
	if err != nil {
		return nil, opt, err
	}
	if err := b.Detect(ctx); err != nil {
		view.abort()
		return nil, opt, err
	}
	if err := b.Align(ctx); err != nil {
		view.abort()
		return nil, opt, err
	}
	pairs, lex := b.Pairs, b.Lexicon
	if len(b.Blocks) > 1 && len(pairs) > 0 {
		// A lexicon per block: the audit learns one from all the pairs, as
		// it does for a built corpus.
		lex = align.LearnLexicon(pairs, aopt)
	}
	return pairs, check.OptionsFor(popt.SourceLang, popt.TargetLang, lex, aopt.Similarity), nil
}

// printCheckSummary prints the totals, the findings per kind and each
// failing pair's failing findings.
func printCheckSummary(w io.Writer, r *check.Report) {
	s := r.Summary
	fmt.Fprintf(w, "checked %s: %d pass, %d fail; %.1f%% of the originals' sentences aligned (%.1f%% of characters)\n",
		plural(s.Pairs, "pair"), s.Passed, s.Failed, 100*s.Coverage.Sentences, 100*s.Coverage.Chars)
	var kinds []string
	for _, k := range check.Kinds {
		if n := s.Findings[k]; n > 0 {
			kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
		}
	}
	if len(kinds) > 0 {
		fmt.Fprintf(w, "findings: %s\n", strings.Join(kinds, ", "))
	}
	for _, p := range r.Pairs {
		if p.Pass {
			continue
		}
		fmt.Fprintf(w, "FAIL pair %d %s/%d → %s/%d\n", p.PairID, p.SourceChannel, p.SourcePostID, p.TargetChannel, p.TargetPostID)
		for _, f := range p.Findings {
			if f.Fail {
				fmt.Fprintf(w, "  %s: %s\n", f.Kind, f.Detail)
			}
		}
	}
}
