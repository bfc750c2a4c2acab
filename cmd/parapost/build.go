package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/detect"
)

// Flags shared by the commands that read posts.
var (
	langsFlag = &cli.StringFlag{
		Name:  "langs",
		Usage: "comma-separated ISO 639-1 codes the detector chooses from (default: a wide set, see README)",
	}
	sourceLangFlag = &cli.StringFlag{Name: "source-lang", Value: "ru", Usage: "language of the originals"}
	targetLangFlag = &cli.StringFlag{Name: "target-lang", Value: "en", Usage: "language of the translations"}
	windowFlag     = &cli.StringFlag{
		Name:  "window",
		Value: "-24h,72h",
		Usage: "candidate window: a translation is posted from `BEFORE,AFTER` its original (Go durations; d = 24h)",
	}
	minScoreFlag  = &cli.Float64Flag{Name: "min-score", Value: pair.DefaultOptions().MinScore, Usage: "abstain from pairs scoring below this"}
	minMarginFlag = &cli.Float64Flag{Name: "min-margin", Value: pair.DefaultOptions().MinMargin, Usage: "abstain when the runner-up is closer than this"}
	dictFlag      = &cli.StringFlag{
		Name:  "dict",
		Usage: "bilingual dictionary for sentence alignment: dictd (`PATH`.index / .dict.dz, e.g. /usr/share/dictd/mueller7.index) or TSV",
	}
	dictLangsFlag = &cli.StringFlag{
		Name:  "dict-langs",
		Usage: "the dictionary's direction, `FROM-TO` (default: target-source, e.g. en-ru, as mueller7 is)",
	}
	mtFlag = &cli.StringFlag{
		Name: "mt",
		Usage: "existing translations of the originals, for pairing and alignment: `file:PATH`, JSON Lines " +
			"{\"ru\": ..., \"en\": ...} of sentences, segments or posts (with align --lines also one translation per source line)",
	}
	tzFlag = &cli.StringFlag{
		Name:  "tz",
		Usage: "time `ZONE` of dates written without an offset (old Telegram exports): IANA name such as Europe/Moscow, or +03:00 (default UTC, with a warning)",
	}
	skipBadFlag = &cli.BoolFlag{Name: "skip-bad", Usage: "leave out input files with bad data, name them in the summary, and read the rest"}
	jsonFlag    = &cli.BoolFlag{Name: "json", Usage: "one JSON object per line"}
	workersFlag = &cli.IntFlag{Name: "workers", Usage: "goroutines (default: all cores)"}
)

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "read, detect, pair and align posts; write DIR/posts.parquet, pairs.parquet, sentences.parquet",
		ArgsUsage: "[INPUT...] (none: the Foreign Ministry sample built into parapost)",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "parapost-out", Usage: "output `DIR`"},
			langsFlag, sourceLangFlag, targetLangFlag, windowFlag, minScoreFlag, minMarginFlag, dictFlag, dictLangsFlag, mtFlag, workersFlag, tzFlag, skipBadFlag,
			&cli.StringFlag{Name: "fetch", Usage: "first fetch the CHANNEL arguments (none: those already in `DIR`) into DIR, then read DIR"},
			&cli.StringFlag{Name: "license", Usage: "license id for the dataset card DIR/README.md (default: other)"},
		}, append(fetchFlags(), filterFlags()...)...),
		Action: func(c *cli.Context) error {
			start := time.Now()
			// Options first: a mistake in them should not wait for the inputs.
			popt, err := pairOptions(c)
			if err != nil {
				return err
			}
			aopt, err := alignOptions(c, "")
			if err != nil {
				return err
			}
			det, err := newDetector(c)
			if err != nil {
				return err
			}
			filter, err := newFilter(c, aopt.SourceLang, aopt.TargetLang, det)
			if err != nil {
				return err
			}
			posts, stats, err := readInputs(c)
			if err != nil {
				return err
			}
			if err := det.DetectPosts(c.Context, posts, c.Int("workers")); err != nil {
				return err
			}
			pairs, pstats, astats, err := align.Posts(c.Context, posts, popt, aopt, c.Int("workers"))
			if err != nil {
				return err
			}
			dir := c.String("output")
			if err := writeCorpus(dir, posts, pairs, aopt.SourceLang, aopt.TargetLang, filter, c.String("license")); err != nil {
				return err
			}
			w := c.App.Writer
			printSummary(w, posts, stats, pairs, pstats)
			if astats.LearnedFrom > 0 {
				fmt.Fprintf(w, "learned a lexicon of %d words from %d confident sentence pairs\n", astats.LexiconEntries, astats.LearnedFrom)
			}
			if filter != nil {
				fmt.Fprintf(w, "filters on sentences.parquet: %s\n", filter.Stats())
			}
			fmt.Fprintf(w, "\nwrote %s in %.1fs:\n", dir, time.Since(start).Seconds())
			for _, name := range []string{"posts.parquet", "pairs.parquet", "sentences.parquet", "README.md"} {
				fmt.Fprintf(w, "  %s\n", filepath.Join(dir, name))
			}
			return nil
		},
	}
}

// readInputs reads the command's arguments, or the built-in sample when
// there are none.
func readInputs(c *cli.Context) ([]*corpus.Post, corpus.ReadStats, error) {
	if dir := c.String("fetch"); dir != "" && c.Command.Name == "build" {
		return fetchThenRead(c, dir)
	}
	if c.NArg() == 0 {
		if c.Command.Name != "build" {
			return nil, corpus.ReadStats{}, usagef("%s: no INPUT given", c.Command.Name)
		}
		fmt.Fprintln(c.App.ErrWriter, "parapost: no INPUT given: using the built-in Foreign Ministry sample")
		return readSample(c.Context)
	}
	opt := corpus.ReadOptions{SkipBad: c.Bool("skip-bad")}
	if tz := c.String("tz"); tz != "" {
		zone, err := corpus.ParseZone(tz)
		if err != nil {
			return nil, corpus.ReadStats{}, usagef("--tz: %v", err)
		}
		opt.Zone = zone
	}
	posts, stats, err := opt.ReadPaths(c.Context, c.Args().Slice(), c.App.Reader)
	for _, w := range stats.Warnings {
		fmt.Fprintf(c.App.ErrWriter, "parapost: warning: %s\n", w)
	}
	return posts, stats, err
}

func newDetector(c *cli.Context) (*detect.Detector, error) {
	var langs []string
	if s := c.String("langs"); s != "" {
		for _, l := range strings.Split(s, ",") {
			if l = strings.TrimSpace(l); l != "" {
				langs = append(langs, l)
			}
		}
	}
	d, err := detect.New(langs)
	if err != nil {
		return nil, usagef("--langs: %v", err)
	}
	return d, nil
}

func detectLanguages(c *cli.Context, posts []*corpus.Post) error {
	d, err := newDetector(c)
	if err != nil {
		return err
	}
	return d.DetectPosts(c.Context, posts, c.Int("workers"))
}

func pairOptions(c *cli.Context) (pair.Options, error) {
	opt := pair.DefaultOptions()
	opt.SourceLang = c.String("source-lang")
	opt.TargetLang = c.String("target-lang")
	opt.MinScore = c.Float64("min-score")
	opt.MinMargin = c.Float64("min-margin")
	opt.Workers = c.Int("workers")
	before, after, err := parseWindow(c.String("window"))
	if err != nil {
		return opt, usagef("--window: %v", err)
	}
	opt.Before, opt.After = before, after
	return opt, nil
}

func pairPosts(c *cli.Context, posts []*corpus.Post) ([]*corpus.Pair, pair.Stats, error) {
	opt, err := pairOptions(c)
	if err != nil {
		return nil, pair.Stats{}, err
	}
	return pair.Posts(c.Context, posts, opt)
}

// parseWindow parses "-24h,72h" (or "1d,3d"): how long before and after the
// original a translation may be posted. The sign of BEFORE is optional.
func parseWindow(s string) (before, after time.Duration, err error) {
	b, a, ok := strings.Cut(s, ",")
	if !ok {
		return 0, 0, fmt.Errorf("want BEFORE,AFTER such as -1d,3d, got %q", s)
	}
	if before, err = parseDays(strings.TrimPrefix(strings.TrimSpace(b), "-")); err != nil {
		return 0, 0, err
	}
	if after, err = parseDays(strings.TrimSpace(a)); err != nil {
		return 0, 0, err
	}
	return before, after, nil
}

// parseDays is time.ParseDuration that also takes days ("3d", "1.5d").
func parseDays(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		var days float64
		if _, err := fmt.Sscanf(n, "%g", &days); err != nil || days < 0 {
			return 0, fmt.Errorf("bad duration %q", s)
		}
		return time.Duration(days * float64(24*time.Hour)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("bad duration %q", s)
	}
	return d, nil
}

// alignOptions returns the alignment options of the command line, with the
// similarity models of --dict and --mt. sourceText is the source document
// of `align --lines`, whose translations may come one per line; "" for
// build.
func alignOptions(c *cli.Context, sourceText string) (align.Options, error) {
	opt := align.DefaultOptions()
	opt.SourceLang = c.String("source-lang")
	opt.TargetLang = c.String("target-lang")
	opt.Vocabulary = sim.NewVocabulary(opt.TargetLang)
	var models []sim.Model
	if path := c.String("dict"); path != "" {
		from, to := opt.TargetLang, opt.SourceLang
		if dl := c.String("dict-langs"); dl != "" {
			var ok bool
			if from, to, ok = strings.Cut(dl, "-"); !ok || from == "" || to == "" {
				return opt, usagef("--dict-langs: want FROM-TO such as en-ru, got %q", dl)
			}
		}
		d, err := sim.OpenDict(path, from, to)
		if err != nil {
			return opt, err
		}
		models = append(models, sim.NewLexicon(d, opt.SourceLang, opt.TargetLang))
	}
	if spec := c.String("mt"); spec != "" {
		m, err := translationModel(spec, sourceText, opt)
		if err != nil {
			return opt, err
		}
		models = append(models, m)
	}
	opt.Similarity = sim.Combine(models...)
	return opt, nil
}

// translationModel reads the translations of --mt: "file:PATH", JSON Lines
// of units, or, when sourceText is given, plain text with one translation
// per line of it.
func translationModel(spec, sourceText string, opt align.Options) (sim.Model, error) {
	path, ok := strings.CutPrefix(spec, "file:")
	if !ok {
		return nil, usagef("--mt: want file:PATH, got %q", spec)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &corpus.InputError{File: path, Err: err}
	}
	var units []sim.Unit
	if trimmed := bytes.TrimLeft(data, " \t\r\n\uFEFF"); len(trimmed) > 0 && trimmed[0] == '{' || sourceText == "" {
		units, err = sim.ReadTranslations(bytes.NewReader(data), path, opt.SourceLang, opt.TargetLang)
	} else {
		units, err = sim.LineUnits(sourceText, string(data), path)
	}
	if err != nil {
		return nil, err
	}
	return sim.NewTranslations(units, opt.SourceLang, opt.Vocabulary), nil
}

// writeCorpus writes the three Parquet files of a build and their dataset
// card, README.md, all or none; filter (nil: none) thins sentences.parquet.
func writeCorpus(dir string, posts []*corpus.Post, pairs []*corpus.Pair, srcLang, tgtLang string, filter *corpus.Filter, license string) (err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var set corpus.OutputSet
	defer func() {
		if err != nil {
			set.Abort()
		}
	}()
	outputs := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"posts.parquet", func(w io.Writer) error { return corpus.WritePosts(w, posts, pairs) }},
		{"pairs.parquet", func(w io.Writer) error { return corpus.WritePairs(w, pairs) }},
		{"sentences.parquet", func(w io.Writer) error { return corpus.WriteSentencesFiltered(w, pairs, srcLang, tgtLang, filter) }},
		{"README.md", func(w io.Writer) error {
			return corpus.WriteDatasetCard(w, datasetCard(posts, pairs, srcLang, tgtLang, filter, license))
		}},
	}
	for _, o := range outputs {
		path := filepath.Join(dir, o.name)
		f, err := set.Create(path)
		if err != nil {
			return err
		}
		if err := o.write(f); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return set.Commit()
}

// printSummary says what a build read, skipped, paired and aligned.
func printSummary(w io.Writer, posts []*corpus.Post, stats corpus.ReadStats, pairs []*corpus.Pair, ps pair.Stats) {
	type key struct{ channel, lang string }
	count := map[key]int{}
	for _, p := range posts {
		count[key{p.Channel, p.Lang}]++
	}
	keys := make([]key, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].channel != keys[j].channel {
			return keys[i].channel < keys[j].channel
		}
		return keys[i].lang < keys[j].lang
	})
	fmt.Fprintf(w, "read %d posts from %d files\n", len(posts), stats.Files)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  channel\tlang\tposts")
	for _, k := range keys {
		fmt.Fprintf(tw, "  %s\t%s\t%d\n", k.channel, k.lang, count[k])
	}
	tw.Flush()
	reasons := make([]string, 0, len(stats.Skipped))
	for r := range stats.Skipped {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		fmt.Fprintf(w, "skipped %d: %s\n", stats.Skipped[r], r)
	}
	if stats.Duplicates > 0 {
		fmt.Fprintf(w, "merged %d copies of posts read twice (forwards, several sources)\n", stats.Duplicates)
	}
	if stats.RepairedUTF8 > 0 {
		fmt.Fprintf(w, "repaired invalid UTF-8 in %d posts\n", stats.RepairedUTF8)
	}
	for _, line := range stats.SummaryLines() {
		fmt.Fprintln(w, line)
	}
	fmt.Fprintf(w, "paired %d of %d translations with %d originals (%d by shared anchors, %+d by meaning, %d by length and timing); %d left unpaired\n",
		ps.Paired, ps.TargetPosts, ps.SourcePosts, ps.ByAnchors, ps.ByMeaning, ps.Residual, ps.TargetPosts-ps.Paired)
	shapes := map[string]int{}
	beads := 0
	for _, p := range pairs {
		for _, b := range p.Beads {
			shapes[b.Type()]++
			if b.Bilingual() {
				beads++
			}
		}
	}
	if len(pairs) > 0 {
		names := make([]string, 0, len(shapes))
		for s := range shapes {
			names = append(names, s)
		}
		sort.Strings(names)
		parts := make([]string, len(names))
		for i, s := range names {
			parts[i] = fmt.Sprintf("%s: %d", s, shapes[s])
		}
		fmt.Fprintf(w, "aligned %d sentence beads (%s)\n", beads, strings.Join(parts, ", "))
	}
}

// datasetCard describes a build for its README.md; it runs after
// sentences.parquet is written, so the filter's counts are final.
func datasetCard(posts []*corpus.Post, pairs []*corpus.Pair, srcLang, tgtLang string, filter *corpus.Filter, license string) corpus.DatasetCard {
	card := corpus.DatasetCard{SourceLang: srcLang, TargetLang: tgtLang, License: license, Version: parapostVersion(),
		Posts: len(posts), Pairs: len(pairs)}
	if filter != nil {
		st := filter.Stats()
		card.Sentences, card.Filters = st.Kept, st.String()
		return card
	}
	for _, p := range pairs {
		for _, b := range p.Beads {
			if b.Bilingual() {
				card.Sentences++
			}
		}
	}
	return card
}
