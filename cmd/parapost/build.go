package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/align/sentence"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/corpus/pipeline"
	"github.com/parapost/parapost/detect"
)

// Flags shared by several commands: new values each time, since
// urfave/cli writes into a flag while parsing (two apps in one process,
// as in the tests, must not share them).
func langsFlag() cli.Flag {
	return &cli.StringFlag{Name: "langs", Usage: "comma-separated ISO 639-1 `CODES` the detector chooses from (default: a wide set, see README)"}
}

func sourceLangFlag() cli.Flag {
	return &cli.StringFlag{Name: "source-lang", Value: "ru", Usage: "language of the originals, an ISO 639-1 `CODE`"}
}

func targetLangFlag() cli.Flag {
	return &cli.StringFlag{Name: "target-lang", Value: "en", Usage: "language of the translations, an ISO 639-1 `CODE`"}
}

func windowFlag() cli.Flag {
	return &cli.StringFlag{Name: "window", Value: "-24h,72h",
		Usage: "a translation is posted from `BEFORE,AFTER` its original (Go durations or days such as 1.5d; each at most 365d)"}
}

func minScoreFlag() cli.Flag {
	return &cli.Float64Flag{Name: "min-score", Value: pair.DefaultOptions().MinScore, Usage: "abstain from pairs scoring below `SCORE` (0 to 1)"}
}

func minMarginFlag() cli.Flag {
	return &cli.Float64Flag{Name: "min-margin", Value: pair.DefaultOptions().MinMargin, Usage: "abstain when the runner-up is closer than `MARGIN` (0 to 1)"}
}

func dictFlag() cli.Flag {
	return &cli.StringFlag{Name: "dict",
		Usage: "bilingual dictionary for sentence alignment: dictd `PATH`.index (with its .dict.dz, e.g. /usr/share/dictd/mueller7.index) or .tsv"}
}

func dictCacheFlag() cli.Flag {
	return &cli.StringFlag{Name: "dict-cache",
		Usage: "`DIR` where the index of --dict is kept for the next run (default: parapost/lexicons in the user's cache folder; \"off\": none)"}
}

func dictLangsFlag() cli.Flag {
	return &cli.StringFlag{Name: "dict-langs", Usage: "the dictionary's direction, `FROM-TO` (default: target-source, e.g. en-ru, as mueller7 is)"}
}

func mtFlag() cli.Flag {
	return &cli.StringFlag{Name: "mt",
		Usage: "existing translations of the originals, for pairing and alignment: `file:PATH`, JSON Lines " +
			"{\"ru\": ..., \"en\": ...} of sentences, segments or posts (with align --lines also one translation per source line); " +
			"or google: Google Cloud Translation (see --gcp-project and the --mt- flags)"}
}

func tzFlag() cli.Flag {
	return &cli.StringFlag{Name: "tz",
		Usage: "time `ZONE` of dates written without an offset (old Telegram exports): IANA name such as Europe/Moscow, or +03:00 (default UTC, with a warning)"}
}

func skipBadFlag() cli.Flag {
	return &cli.BoolFlag{Name: "skip-bad", Usage: "leave out input files with bad data, name them in the summary, and read the rest"}
}

func jsonFlag() cli.Flag { return &cli.BoolFlag{Name: "json", Usage: "one JSON object per line"} }
func workersFlag() cli.Flag {
	return &cli.IntFlag{Name: "workers", Usage: "`N` goroutines; 0: one per core"}
}
func quietFlag() cli.Flag {
	return &cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress and no stage lines on stderr (errors and warnings only)"}
}

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "read, detect, pair and align posts; write the corpus to DIR",
		ArgsUsage: "INPUT...",
		Description: "Reads the INPUTs (files, directories, .gz, - for stdin), detects each post's\n" +
			"language, pairs translations with their originals, aligns their sentences and\n" +
			"writes DIR/posts.parquet, pairs.parquet and sentences.parquet, all at once.\n" +
			"Every option and the output directory are checked before anything is read.\n" +
			"One build at a time writes a DIR (it is locked); a build that pairs nothing\n" +
			"warns, and does not replace a corpus with pairs unless --force is given.\n\n" +
			"Examples:\n" +
			"  parapost build -o corpus/ exports/ pages/*.html\n" +
			"  parapost build --dict /usr/share/dictd/mueller7.index -o corpus/ exports/\n" +
			"  parapost build --json --quiet -o corpus/ exports/ > summary.json\n" +
			"  parapost build --sample -o out/sample    # the built-in sample",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "parapost-out", Usage: "output `DIR`"},
			&cli.BoolFlag{Name: "sample", Usage: "build the Foreign Ministry sample built into parapost (no INPUT)"},
			&cli.BoolFlag{Name: "force", Usage: "replace a corpus with pairs even by one without any"},
			&cli.BoolFlag{Name: "json", Usage: "print the summary as one JSON object"},
			langsFlag(), sourceLangFlag(), targetLangFlag(), windowFlag(), minScoreFlag(), minMarginFlag(), dictFlag(), dictLangsFlag(), dictCacheFlag(), mtFlag(),
			workersFlag(), quietFlag(), tzFlag(), skipBadFlag(),
			&cli.StringFlag{Name: "fetch", Usage: "first fetch the CHANNEL arguments (none: those already in `DIR`) into DIR, then read DIR"},
			&cli.StringFlag{Name: "license", Usage: "license id for the dataset card DIR/README.md (default: other)"},
			&cli.StringFlag{Name: "update", Usage: "add the INPUTs' new posts to the corpus in `DIR` (built with the same options), recomputing only the blocks they touch"},
			&cli.StringFlag{Name: "shard", Usage: "build share `I/N` of the blocks (0 ≤ I < N): its pairs and the posts dated in its blocks; the union of the N shares is one build"},
			&cli.StringFlag{Name: "partition", Usage: "`month`: write DIR/posts/month=YYYY-MM/part-I.parquet (pairs and sentences by the translation's month; undated: month=none) instead of three files"},
			&cli.IntFlag{Name: "block-targets", Value: pipeline.DefaultBlockTargets, Usage: "pair and align in blocks of whole months holding at least `N` translations each"},
		}, append(append(fetchFlags(), filterFlags()...), mtGoogleFlags()...)...),
		Action: buildAction,
	}
}

func buildAction(c *cli.Context) error {
	start := time.Now()
	// A build's live heap is mostly long-lived: the posts' metadata, held
	// from reading to writing, with the stages' garbage churning over it.
	// Collecting when the heap has grown by half, not doubled, keeps peak
	// memory at 1.5 times the live heap instead of twice (1M posts: 1.49
	// GB → see corpus/pipeline/NOTES.md) for about 1% more CPU. GOGC
	// overrides it.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	ctx := c.Context
	inputs := c.Args().Slice()
	update := c.String("update")
	switch {
	case c.Bool("sample") && len(inputs) > 0:
		return usagef("build: --sample takes no INPUT (got %s)", strings.Join(inputs, " "))
	case update != "" && (c.Bool("sample") || c.String("fetch") != ""):
		return usagef("build: --update takes INPUTs, not --sample or --fetch")
	case update != "" && c.IsSet("output") && c.String("output") != update:
		return usagef("build: --update %s writes the corpus it updates; -o %s names another directory", update, c.String("output"))
	case !c.Bool("sample") && len(inputs) == 0 && c.String("fetch") == "":
		return usagef("build: no INPUT given: name Telegram exports, saved pages or directories (--sample builds the built-in sample)")
	}
	// Options, then the output place, then the inputs: mistakes fail fast.
	langs, err := langList(c)
	if err != nil {
		return err
	}
	popt, err := pairOptions(c, detectorLangs(langs))
	if err != nil {
		return err
	}
	if err := checkDictLangs(c); err != nil {
		return err
	}
	shard, partition, err := scaleOptions(c)
	if err != nil {
		return err
	}
	if dir := c.String("fetch"); dir != "" {
		// The arguments name channels; the inputs are what is fetched.
		inputs = []string{dir}
	} else if !c.Bool("sample") {
		if _, err := scanInputs(inputs); err != nil {
			return err
		}
	}
	outPath := c.String("output")
	if update != "" {
		outPath = update
	}
	out, err := openOutput(outPath, inputs, c.App.ErrWriter)
	if err != nil {
		return err
	}
	defer out.close()
	aopt, err := alignOptions(c, popt.SourceLang, popt.TargetLang, "")
	if err != nil {
		return err
	}
	defer mtClose(c)
	ropt, err := readOptions(c)
	if err != nil {
		return err
	}
	prog := newProgress(c.App.ErrWriter, c.Bool("quiet"))
	det, err := loadDetector(prog, langs)
	if err != nil {
		return err
	}
	filter, err := newFilter(c, popt.SourceLang, popt.TargetLang, det)
	if err != nil {
		return err
	}

	view := &stageView{prog: prog}
	var warnings []string
	warn := func(w string) {
		warnings = append(warnings, w)
		fmt.Fprintf(c.App.ErrWriter, "parapost: warning: %s\n", w)
	}
	// Once the pairs are known, and before their sentences are aligned: a
	// build that pairs nothing warns, and does not replace a corpus.
	paired := func(b *pipeline.Builder) error {
		pstats := b.PairStats
		switch {
		case len(b.ShardBlocks()) == 0:
			warn(fmt.Sprintf("shard %s holds none of the %d blocks: it writes %s and no pairs", shard, len(b.Blocks), plural(len(b.ShardPosts()), "post")))
		case pstats.Paired == 0:
			w := fmt.Sprintf("no pairs: none of %d %s posts was paired with one of %d %s posts (check --source-lang, --target-lang, --langs and --window)",
				pstats.TargetPosts, popt.TargetLang, pstats.SourcePosts, popt.SourceLang)
			if n := out.existingPairs(); n > 0 && !c.Bool("force") {
				return usagef("%s; %s holds a corpus with %d pairs: not replaced (--force replaces it)", w, out.path, n)
			}
			warn(w)
		}
		return nil
	}
	b := pipeline.NewBuilder(pipeline.Options{Read: ropt, Detector: det, Pair: popt, Align: aopt, Workers: popt.Workers,
		BlockTargets: c.Int("block-targets"), Shard: shard, Partition: partition, Events: view.event, Paired: paired,
		SpillTexts: true})
	defer b.Close()
	view.b = b
	var base *manifest
	if update != "" {
		if base, err = checkUpdate(c, update); err != nil {
			return err
		}
		if err := b.Update(ctx, update); err != nil {
			return err
		}
	}
	hashes := &inputHashes{}
	// A build streams its inputs (corpus.Stream): read once to merge copies
	// of posts without their texts, then again to detect a chunk at a time,
	// each text going to a temporary file until a block or a writer needs
	// it. An update merges the new posts into the corpus's by their texts:
	// it reads them whole, as the built-in sample is.
	streamed := update == "" && !c.Bool("sample")
	switch dir := c.String("fetch"); {
	case c.Bool("sample"):
		if !c.Bool("quiet") {
			fmt.Fprintln(c.App.ErrWriter, "parapost: building the built-in Foreign Ministry sample")
		}
		err = b.AddPosts(readSample(ctx))
	case update != "":
		err = b.AddPosts(readPosts(ctx, ropt, inputs, c.App.Reader, prog, hashes))
	default:
		paths := inputs
		if dir != "" {
			if err := fetchChannels(c, dir, false); err != nil {
				return err
			}
			paths = []string{dir}
		}
		s, err := streamPaths(ctx, ropt, paths, c.App.Reader, c.App.ErrWriter, prog, hashes)
		if err != nil {
			return err
		}
		defer s.Close()
		if err := b.ReadStream(ctx, s); err != nil {
			view.abort()
			return err
		}
	}
	stats := b.ReadStats
	if !streamed {
		for _, w := range stats.Warnings {
			fmt.Fprintf(c.App.ErrWriter, "parapost: warning: %s\n", w)
		}
		if errors.Is(err, pipeline.ErrNoPosts) {
			return &corpus.InputError{File: strings.Join(inputs, " "), Err: fmt.Errorf("no posts found (%s)", describeRead(stats))}
		}
		if err != nil {
			return err
		}
		if err := b.Detect(ctx); err != nil {
			view.abort()
			return err
		}
	}
	var sources []string
	if mtState(c) != nil {
		// --mt google's dry run, budget and prefetch see every source text.
		var src []*corpus.Post
		for _, p := range b.Posts {
			if p.Lang == popt.SourceLang {
				src = append(src, p)
			}
		}
		if err := b.LoadTexts(src); err != nil {
			return err
		}
		sources = sourceTexts(src, popt.SourceLang)
		b.DropTexts(src)
	}
	if stop, err := mtBefore(c, sources); stop || err != nil {
		return err
	}
	if err := b.Align(ctx); err != nil {
		view.abort()
		return err
	}
	if err := mtCheck(c); err != nil {
		return err
	}
	posts, pairs, pstats := b.ShardPosts(), b.Pairs, b.PairStats
	// The pairs' beads may be on disk (SpillTexts): counts come from the
	// Builder.
	shapes := b.BeadShapes()
	man := newManifest(c, hashes, c.Bool("sample"), posts, pairs, b)
	mergeInputs(base, man)
	ws := prog.start("writing", "wrote", unitBytes, 0)
	view.write = ws
	card := func() corpus.DatasetCard {
		card := datasetCard(posts, pairs, shapes, popt.SourceLang, popt.TargetLang, filter, c.String("license"))
		card.Partitioned = partition == pipeline.PartitionMonth
		return card
	}
	files, err := out.write(ctx, ws, b, popt.SourceLang, popt.TargetLang, filter, card, man)
	if err != nil {
		ws.abort()
		return err
	}
	ws.finish("wrote %s (%s)", out.path, formatBytes(ws.done()))

	sum := newBuildSummary(posts, stats, pairs, pstats, shapes)
	sum.LexiconEntries, sum.LexiconLearnedFrom = b.AlignStats.LexiconEntries, b.AlignStats.LearnedFrom
	sum.Blocks, sum.KeptBlocks, sum.KeptPairs = len(b.Blocks), b.KeptBlocks, b.KeptPairs
	if b.Updating() {
		sum.NewPosts = b.Fresh
	}
	if !shard.Whole() {
		sum.Shard = shard.String()
		sum.ShardBlocks = len(b.ShardBlocks())
	}
	if filter != nil {
		sum.Filters = filter.Stats().String()
	}
	sum.Output = out.path
	sum.Files = files
	sum.MT = mtSummaryOf(c)
	sum.Seconds = time.Since(start).Seconds()
	sum.Warnings = warnings
	if c.Bool("json") {
		return writeJSON(c.App.Writer, sum)
	}
	sum.print(c.App.Writer)
	return nil
}

// scaleOptions checks --shard and --partition.
func scaleOptions(c *cli.Context) (pipeline.Shard, pipeline.Partition, error) {
	var shard pipeline.Shard
	if s := c.String("shard"); s != "" {
		var err error
		if shard, err = pipeline.ParseShard(s); err != nil {
			return shard, "", usagef("--shard: %v", err)
		}
	}
	partition, err := pipeline.ParsePartition(c.String("partition"))
	if err != nil {
		return shard, "", usagef("--partition: %v", err)
	}
	if c.Int("block-targets") < 0 {
		return shard, "", usagef("--block-targets: want a positive number, got %d", c.Int("block-targets"))
	}
	if c.String("update") != "" && !shard.Whole() {
		return shard, "", usagef("--update: updates a whole corpus, not a shard")
	}
	return shard, partition, nil
}

// stageView shows a build's events on the progress display.
type stageView struct {
	prog  *progress
	b     *pipeline.Builder
	cur   *stage
	write *stage
}

func (v *stageView) event(e pipeline.Event) {
	if e.Stage == pipeline.StageWrite {
		// The writing stage is the command's: it also writes the card and
		// the manifest.
		if v.write != nil {
			if e.Item != "" {
				v.write.setItem(e.Item)
			}
			v.write.add(e.N)
		}
		return
	}
	switch e.Kind {
	case pipeline.Started:
		switch e.Stage {
		case pipeline.StageDetect:
			v.cur = v.prog.start("detecting", "detected", "posts", e.Total)
		case pipeline.StagePair:
			v.cur = v.prog.start("pairing", "paired", "", 0)
		case pipeline.StageAlign:
			v.cur = v.prog.start("aligning", "aligned", "pairs", e.Total)
		case pipeline.StageBlocks:
			v.cur = v.prog.start("pairing and aligning", "paired and aligned", "blocks", e.Total)
		}
	case pipeline.Advanced:
		if v.cur == nil {
			return
		}
		if e.Item != "" {
			v.cur.setItem(e.Item)
		}
		v.cur.add(e.N)
	case pipeline.Finished:
		if v.cur == nil {
			return
		}
		st := v.cur
		v.cur = nil
		b := v.b
		switch e.Stage {
		case pipeline.StageDetect:
			if b.Updating() {
				st.finish("detected the language of %s (the corpus: %s)", plural(b.Detected, "new post"), topLangs(b.Posts))
				break
			}
			st.finish("detected the language of %s (%s)", plural(len(b.Posts), "post"), topLangs(b.Posts))
		case pipeline.StagePair:
			st.finish("paired %s of %s translations with their originals", count(b.PairStats.Paired), count(b.PairStats.TargetPosts))
		case pipeline.StageAlign:
			st.finish("aligned the sentences of %s (%s bilingual beads)", plural(len(b.Pairs), "pair"), count(bilingualShapes(b.BeadShapes())))
		case pipeline.StageBlocks:
			kept := ""
			if b.KeptBlocks > 0 {
				kept = fmt.Sprintf(", %s kept as they were", plural(b.KeptBlocks, "block"))
			}
			st.finish("paired %s of %s translations in %s of %d%s; aligned their sentences (%s bilingual beads)",
				count(b.PairStats.Paired), count(b.PairStats.TargetPosts), plural(len(b.ShardBlocks()), "block"), len(b.Blocks), kept,
				count(bilingualShapes(b.BeadShapes())))
		}
	}
}

// abort ends the current stage's line after an error.
func (v *stageView) abort() {
	if v.cur != nil {
		v.cur.abort()
		v.cur = nil
	}
}

// bilingualShapes counts the bilingual beads among beads counted by shape
// ("1-2"; pipeline.Builder.BeadShapes).
func bilingualShapes(shapes map[string]int) int {
	n := 0
	for shape, k := range shapes {
		if src, tgt, _ := strings.Cut(shape, "-"); src != "0" && tgt != "0" {
			n += k
		}
	}
	return n
}

func bilingualBeads(pairs []*corpus.Pair) int {
	n := 0
	for _, p := range pairs {
		for _, b := range p.Beads {
			if b.Bilingual() {
				n++
			}
		}
	}
	return n
}

// topLangs lists the four commonest languages of posts with their counts.
func topLangs(posts []*corpus.Post) string {
	byLang := map[string]int{}
	for _, p := range posts {
		byLang[p.Lang]++
	}
	return langSummary(byLang)
}

// describeRead says what reading found, for the message about no posts.
func describeRead(stats corpus.ReadStats) string {
	parts := []string{plural(stats.Files, "file") + " read"}
	for _, r := range sortedKeys(stats.Skipped) {
		parts = append(parts, fmt.Sprintf("%d skipped: %s", stats.Skipped[r], r))
	}
	return strings.Join(parts, ", ")
}

// Chunk sizes of the stages that report progress: small enough for the
// display to move, large enough that the workers stay busy.
const (
	detectChunk = 2048
	alignChunk  = 64
)

// detectStage detects the language of every post, chunk by chunk for the
// progress display; each chunk is passed to emit (nil: none) when done.
func detectStage(ctx context.Context, prog *progress, det *detect.Detector, posts []*corpus.Post, workers int, emit func([]*corpus.Post) error) error {
	st := prog.start("detecting", "detected", "posts", int64(len(posts)))
	for lo := 0; lo < len(posts); lo += detectChunk {
		chunk := posts[lo:min(lo+detectChunk, len(posts))]
		if err := det.DetectPosts(ctx, chunk, workers); err != nil {
			st.abort()
			return err
		}
		st.add(int64(len(chunk)))
		if emit != nil {
			if err := emit(chunk); err != nil {
				st.abort()
				return err
			}
		}
	}
	st.finish("detected the language of %s (%s)", plural(len(posts), "post"), topLangs(posts))
	return nil
}

// pairStage pairs translations with originals: one call, shown as a
// spinner.
// pairStage pairs the posts, learning a lexicon from the surest pairs
// (see align.PairPosts), and returns it for the alignment.
func pairStage(ctx context.Context, prog *progress, posts []*corpus.Post, popt pair.Options, aopt align.Options) ([]*corpus.Pair, pair.Stats, align.Stats, *sim.Learned, error) {
	st := prog.start("pairing", "paired", "", 0)
	pairs, stats, astats, lex, err := align.PairPosts(ctx, posts, popt, aopt, popt.Workers)
	if err != nil {
		st.abort()
		return nil, stats, astats, nil, err
	}
	st.finish("paired %s of %s translations with their originals", count(stats.Paired), count(stats.TargetPosts))
	return pairs, stats, astats, lex, nil
}

// alignStage aligns the sentences of every pair, in chunks for the
// progress display.
func alignStage(ctx context.Context, prog *progress, pairs []*corpus.Pair, opt sentence.Options, workers int) error {
	st := prog.start("aligning", "aligned", "pairs", int64(len(pairs)))
	chunk := alignChunk * max(workers, runtime.GOMAXPROCS(0))
	for lo := 0; lo < len(pairs); lo += chunk {
		part := pairs[lo:min(lo+chunk, len(pairs))]
		if err := align.Sentences(ctx, part, opt, workers); err != nil {
			st.abort()
			return err
		}
		st.add(int64(len(part)))
	}
	st.finish("aligned the sentences of %s (%s bilingual beads)", plural(len(pairs), "pair"), count(bilingualBeads(pairs)))
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// buildSummary is what a build read, skipped, paired and aligned: printed
// as text, or as one JSON object with --json.
type buildSummary struct {
	Output       string         `json:"output"`
	Files        []string       `json:"files"`
	Seconds      float64        `json:"seconds"`
	InputFiles   int            `json:"input_files"`
	Posts        int            `json:"posts"`
	Channels     []channelCount `json:"channels"`
	Skipped      map[string]int `json:"skipped"`
	Duplicates   int            `json:"duplicates_merged"`
	RepairedUTF8 int            `json:"repaired_utf8"`
	Pairs        pairSummary    `json:"pairs"`
	Beads        int            `json:"beads"`
	Shapes       map[string]int `json:"bead_shapes"`
	Warnings     []string       `json:"warnings"`
	// ReadNotes says how page copies were split, what was left out and
	// which ids conflict (corpus.ReadStats.SummaryLines).
	ReadNotes []string `json:"read_notes"`
	// The lexicon learned from the corpus: its source words and the
	// sentence pairs it was learned from.
	LexiconEntries     int `json:"lexicon_entries"`
	LexiconLearnedFrom int `json:"lexicon_learned_from"`
	// Filters says what the training filters removed ("" without any).
	Filters string `json:"filters,omitempty"`
	// MT is what --mt google sent (nil without it).
	MT *mtSummary `json:"mt,omitempty"`
	// Blocks counts the blocks of the corpus; Shard ("i/n") and ShardBlocks
	// say which share of them this build made; KeptBlocks and KeptPairs
	// what --update kept from the corpus it updated.
	Blocks      int    `json:"blocks"`
	Shard       string `json:"shard,omitempty"`
	ShardBlocks int    `json:"shard_blocks,omitempty"`
	KeptBlocks  int    `json:"kept_blocks,omitempty"`
	KeptPairs   int    `json:"kept_pairs,omitempty"`
	// NewPosts is what --update read (Posts: the whole corpus).
	NewPosts int `json:"new_posts,omitempty"`
}

type channelCount struct {
	Channel string `json:"channel"`
	Lang    string `json:"lang"`
	Posts   int    `json:"posts"`
}

type pairSummary struct {
	Paired      int `json:"paired"`
	SourcePosts int `json:"source_posts"`
	TargetPosts int `json:"target_posts"`
	ByAnchors   int `json:"by_anchors"`
	ByMeaning   int `json:"by_meaning"`
	Residual    int `json:"by_length_and_timing"`
	Unpaired    int `json:"unpaired_targets"`
	// Reposts are originals a translation channel reposted untranslated,
	// paired with their originals (no sentences aligned).
	Reposts int `json:"untranslated_reposts"`
}

func newBuildSummary(posts []*corpus.Post, stats corpus.ReadStats, pairs []*corpus.Pair, ps pair.Stats, shapes map[string]int) *buildSummary {
	s := &buildSummary{
		InputFiles: stats.Files, Posts: len(posts), Skipped: stats.Skipped, Duplicates: stats.Duplicates,
		RepairedUTF8: stats.RepairedUTF8, Shapes: map[string]int{}, Warnings: []string{},
		Pairs: pairSummary{Paired: ps.Paired, SourcePosts: ps.SourcePosts, TargetPosts: ps.TargetPosts,
			ByAnchors: ps.ByAnchors, ByMeaning: ps.ByMeaning, Residual: ps.Residual, Unpaired: ps.TargetPosts - ps.Paired, Reposts: ps.Reposts},
		ReadNotes: stats.SummaryLines(),
	}
	if s.Skipped == nil {
		s.Skipped = map[string]int{}
	}
	type key struct{ channel, lang string }
	n := map[key]int{}
	for _, p := range posts {
		n[key{p.Channel, p.Lang}]++
	}
	for k, v := range n {
		s.Channels = append(s.Channels, channelCount{k.channel, k.lang, v})
	}
	sort.Slice(s.Channels, func(i, j int) bool {
		a, b := s.Channels[i], s.Channels[j]
		if a.Channel != b.Channel {
			return a.Channel < b.Channel
		}
		return a.Lang < b.Lang
	})
	maps.Copy(s.Shapes, shapes)
	s.Beads = bilingualShapes(shapes)
	return s
}

// print writes the summary as text.
func (s *buildSummary) print(w io.Writer) {
	if s.NewPosts > 0 || s.KeptBlocks > 0 {
		fmt.Fprintf(w, "read %d new posts from %d files into a corpus of %d posts\n", s.NewPosts, s.InputFiles, s.Posts)
	} else {
		fmt.Fprintf(w, "read %d posts from %d files\n", s.Posts, s.InputFiles)
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  channel\tlang\tposts")
	for _, c := range s.Channels {
		fmt.Fprintf(tw, "  %s\t%s\t%d\n", c.Channel, c.Lang, c.Posts)
	}
	tw.Flush()
	for _, r := range sortedKeys(s.Skipped) {
		fmt.Fprintf(w, "skipped %d: %s\n", s.Skipped[r], r)
	}
	if s.Duplicates > 0 {
		fmt.Fprintf(w, "merged %d copies of posts read twice (forwards, several sources)\n", s.Duplicates)
	}
	if s.RepairedUTF8 > 0 {
		fmt.Fprintf(w, "repaired invalid UTF-8 in %d posts\n", s.RepairedUTF8)
	}
	for _, line := range s.ReadNotes {
		fmt.Fprintln(w, line)
	}
	p := s.Pairs
	fmt.Fprintf(w, "paired %d of %d translations with %d originals (%d by shared anchors, %+d by meaning, %d by length and timing); %d left unpaired\n",
		p.Paired, p.TargetPosts, p.SourcePosts, p.ByAnchors, p.ByMeaning, p.Residual, p.Unpaired)
	if p.Reposts > 0 {
		fmt.Fprintf(w, "paired %s of originals in translation channels with their originals (no sentences aligned)\n", plural(p.Reposts, "untranslated repost"))
	}
	switch {
	case s.LexiconLearnedFrom > 0 && s.Blocks > 1:
		fmt.Fprintf(w, "learned a lexicon per block, of up to %d words, from %d confident sentence pairs in all\n", s.LexiconEntries, s.LexiconLearnedFrom)
	case s.LexiconLearnedFrom > 0:
		fmt.Fprintf(w, "learned a lexicon of %d words from %d confident sentence pairs\n", s.LexiconEntries, s.LexiconLearnedFrom)
	}
	if p.Paired > 0 {
		parts := make([]string, 0, len(s.Shapes))
		for _, shape := range sortedKeys(s.Shapes) {
			parts = append(parts, fmt.Sprintf("%s: %d", shape, s.Shapes[shape]))
		}
		fmt.Fprintf(w, "aligned %d sentence beads (%s)\n", s.Beads, strings.Join(parts, ", "))
	}
	if s.Blocks > 1 || s.Shard != "" {
		line := fmt.Sprintf("paired and aligned in %s", plural(s.Blocks, "block"))
		if s.Shard != "" {
			line += fmt.Sprintf("; shard %s built %d of them", s.Shard, s.ShardBlocks)
		}
		if s.KeptBlocks > 0 {
			line += fmt.Sprintf("; kept %s of %s as they were", plural(s.KeptPairs, "pair"), plural(s.KeptBlocks, "block"))
		}
		fmt.Fprintln(w, line)
	}
	if s.Filters != "" {
		fmt.Fprintf(w, "filters on sentences.parquet: %s\n", s.Filters)
	}
	if s.MT != nil {
		fmt.Fprintln(w, s.MT.line())
	}
	fmt.Fprintf(w, "\nwrote %s in %.1fs:\n", s.Output, s.Seconds)
	for _, f := range s.Files {
		fmt.Fprintf(w, "  %s\n", f)
	}
}

// writeJSON writes v as one JSON object and a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// readInputs reads the arguments of detect and pairs (build has its own
// flow).
func readInputs(c *cli.Context, prog *progress) ([]*corpus.Post, corpus.ReadStats, error) {
	if c.NArg() == 0 {
		return nil, corpus.ReadStats{}, usagef("%s: no INPUT given", c.Command.Name)
	}
	ropt, err := readOptions(c)
	if err != nil {
		return nil, corpus.ReadStats{}, err
	}
	posts, stats, err := readPosts(c.Context, ropt, c.Args().Slice(), c.App.Reader, prog, nil)
	for _, w := range stats.Warnings {
		fmt.Fprintf(c.App.ErrWriter, "parapost: warning: %s\n", w)
	}
	if err == nil && len(posts) == 0 {
		err = &corpus.InputError{File: strings.Join(c.Args().Slice(), " "), Err: fmt.Errorf("no posts found (%s)", describeRead(stats))}
	}
	return posts, stats, err
}

// loadDetector builds the detector, a stage of its own: loading the
// language models takes a second or two.
func loadDetector(prog *progress, langs []string) (*detect.Detector, error) {
	st := prog.start("loading", "loaded", "", 0)
	det, err := detect.New(langs)
	if err != nil {
		st.abort()
		return nil, usagef("--langs: %v", err)
	}
	st.finish("loaded the language models of %d languages", len(det.Languages()))
	return det, nil
}

// newDetector checks --langs and builds the detector.
func newDetector(c *cli.Context) (*detect.Detector, []string, error) {
	langs, err := langList(c)
	if err != nil {
		return nil, nil, err
	}
	d, err := detect.New(langs)
	if err != nil {
		return nil, nil, usagef("--langs: %v", err)
	}
	return d, d.Languages(), nil
}

// translationModel reads the translations of --mt: "file:PATH", JSON Lines
// of units, or, when sourceText is given, plain text with one translation
// per line of it.
func translationModel(spec, sourceText string, opt align.Options) (sim.Model, error) {
	if spec == "google" {
		return nil, nil // built by googleModel
	}
	path, ok := strings.CutPrefix(spec, "file:")
	if !ok {
		return nil, usagef("--mt: want file:PATH or google, got %q", spec)
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

// datasetCard describes a build for its README.md; it runs after
// sentences.parquet is written, so the filter's counts are final.
func datasetCard(posts []*corpus.Post, pairs []*corpus.Pair, shapes map[string]int, srcLang, tgtLang string, filter *corpus.Filter, license string) corpus.DatasetCard {
	card := corpus.DatasetCard{SourceLang: srcLang, TargetLang: tgtLang, License: license, Version: parapostVersion(),
		Posts: len(posts), Pairs: len(pairs)}
	if filter != nil {
		st := filter.Stats()
		card.Sentences, card.Filters = st.Kept, st.String()
		return card
	}
	card.Sentences = bilingualShapes(shapes)
	return card
}

// readOptions returns the reading options of --tz and --skip-bad.
func readOptions(c *cli.Context) (corpus.ReadOptions, error) {
	opt := corpus.ReadOptions{SkipBad: c.Bool("skip-bad")}
	if tz := c.String("tz"); tz != "" {
		zone, err := corpus.ParseZone(tz)
		if err != nil {
			return opt, usagef("--tz: %v", err)
		}
		opt.Zone = zone
	}
	return opt, nil
}
