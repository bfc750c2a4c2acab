package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/align/eval"
	"github.com/parapost/parapost/corpus"
)

func evalCommand() *cli.Command {
	goldFlag := &cli.StringFlag{Name: "gold", Usage: "the gold answers, `FILE` (required)"}
	gates := []cli.Flag{
		&cli.Float64Flag{Name: "min-f1", Usage: "exit 1 when F1 is below `SCORE` (a CI gate)"},
		&cli.Float64Flag{Name: "min-precision", Usage: "exit 1 when precision is below `SCORE`"},
		&cli.Float64Flag{Name: "min-recall", Usage: "exit 1 when recall is below `SCORE`"},
		&cli.BoolFlag{Name: "json", Usage: "print the scores as one JSON object"},
	}
	return &cli.Command{
		Name:  "eval",
		Usage: "score a build or an alignment against gold files",
		Description: "The gates --min-f1, --min-precision and --min-recall make eval exit 1 when\n" +
			"a score is below them (beads and lines: the strict scores), for CI jobs.\n\n" +
			"Examples:\n" +
			"  parapost eval pairs --gold gold/pairs.tsv corpus/\n" +
			"  parapost eval beads --gold gold/beads.jsonl --min-f1 0.9 corpus/\n" +
			"  parapost eval lines --json gold/ test/",
		Subcommands: []*cli.Command{
			{
				Name:      "pairs",
				Usage:     "precision, recall and F1 of DIR/pairs.parquet against a gold pairs.tsv",
				ArgsUsage: "DIR",
				Description: "Examples:\n" +
					"  parapost eval pairs --gold gold/pairs.tsv corpus/\n" +
					"  parapost eval pairs --gold gold/pairs.tsv --min-f1 0.98 --json corpus/",
				Flags:  append([]cli.Flag{goldFlag}, gates...),
				Action: evalPairs,
			},
			{
				Name:      "beads",
				Usage:     "projected and strict bead scores of DIR/sentences.parquet against a gold beads.jsonl",
				ArgsUsage: "DIR",
				Description: "Examples:\n" +
					"  parapost eval beads --gold gold/beads.jsonl corpus/\n" +
					"  parapost eval beads --all --min-recall 0.9 --gold gold/beads.jsonl corpus/",
				Flags: append([]cli.Flag{goldFlag, sourceLangFlag(), targetLangFlag(),
					&cli.StringFlag{Name: "gold-pairs", Usage: "gold pairs.tsv naming each gold pair's channels (default: pairs.tsv beside --gold)"},
					&cli.BoolFlag{Name: "paired-only", Usage: "score only the gold pairs the build paired (by default the others count as missed)"}},
					gates...),
				Action: evalBeads,
			},
			{
				Name:  "lines",
				Usage: "strict and lax precision, recall and F1 of Vecalign-format alignments",
				Description: "GOLD and TEST are two alignment files, or two directories: then every\n" +
					"file of GOLD is scored against the file of the same name in TEST, counts\n" +
					"summed.\n\n" +
					"Examples:\n" +
					"  parapost eval lines gold/doc001.ruen test/doc001.ruen\n" +
					"  parapost eval lines --min-f1 0.95 gold/ test/",
				ArgsUsage: "GOLD TEST",
				Flags:     gates,
				Action:    evalLines,
			},
		},
	}
}

// goldPath returns --gold, which must be given.
func goldPath(c *cli.Context) (string, error) {
	p := c.String("gold")
	if p == "" {
		return "", usagef("eval %s: --gold FILE is required", c.Command.Name)
	}
	return p, checkFile(p)
}

// gateError is an eval score below its gate: exit status 1, as a failed
// test.
type gateError struct{ msg string }

func (e *gateError) Error() string { return e.msg }

// checkGates compares a score with the --min-* flags.
func checkGates(c *cli.Context, name string, s eval.PRF) error {
	var failed []string
	for _, g := range []struct {
		flag  string
		value float64
	}{{"min-precision", s.Precision}, {"min-recall", s.Recall}, {"min-f1", s.F1}} {
		if c.IsSet(g.flag) && g.value < c.Float64(g.flag) {
			failed = append(failed, fmt.Sprintf("%s %.4f is below --%s %g", strings.TrimPrefix(g.flag, "min-"), g.value, g.flag, c.Float64(g.flag)))
		}
	}
	if len(failed) > 0 {
		return &gateError{fmt.Sprintf("eval %s: %s", name, strings.Join(failed, "; "))}
	}
	return nil
}

// checkGateFlags checks the --min-* values before any file is read.
func checkGateFlags(c *cli.Context) error {
	for _, f := range []string{"min-f1", "min-precision", "min-recall"} {
		if c.IsSet(f) {
			if _, err := checkFraction(c, f); err != nil {
				return err
			}
		}
	}
	return nil
}

func oneDir(c *cli.Context) (string, error) {
	if c.NArg() != 1 {
		return "", usagef("eval %s: want one DIR (the output of parapost build), got %d arguments", c.Command.Name, c.NArg())
	}
	return c.Args().First(), nil
}

func evalPairs(c *cli.Context) error {
	dir, err := oneDir(c)
	if err != nil {
		return err
	}
	if err := checkGateFlags(c); err != nil {
		return err
	}
	gp, err := goldPath(c)
	if err != nil {
		return err
	}
	gold, err := readGoldPairs(gp)
	if err != nil {
		return err
	}
	pairs, err := readTable(dir, "pairs", corpus.ReadPairsParquet)
	if err != nil {
		return err
	}
	posts, err := readTable(dir, "posts", corpus.ReadPostsParquet)
	if err != nil {
		return err
	}
	keys := make([]corpus.Key, len(posts))
	for i, p := range posts {
		keys[i] = corpus.Key{Channel: p.Channel, ID: p.PostID}
	}
	gold = eval.Rename(gold, eval.MatchChannels(gold, keys))
	pred := make([]eval.PostPair, len(pairs))
	for i, p := range pairs {
		pred[i] = eval.PostPair{
			Source: corpus.Key{Channel: p.SourceChannel, ID: p.SourcePostID},
			Target: corpus.Key{Channel: p.TargetChannel, ID: p.TargetPostID},
		}
	}
	s := eval.Pairs(gold, pred)
	goldSet := make(map[eval.PostPair]bool, len(gold))
	for _, g := range gold {
		goldSet[g] = true
	}
	predSet := make(map[eval.PostPair]bool, len(pred))
	var wrong, missed []string
	name := func(p eval.PostPair) string {
		return fmt.Sprintf("%s/%d -> %s/%d", p.Source.Channel, p.Source.ID, p.Target.Channel, p.Target.ID)
	}
	for _, p := range pred {
		predSet[p] = true
		if !goldSet[p] {
			wrong = append(wrong, name(p))
		}
	}
	for _, g := range gold {
		if !predSet[g] {
			missed = append(missed, name(g))
		}
	}
	w := c.App.Writer
	if c.Bool("json") {
		type out struct {
			Precision float64  `json:"precision"`
			Recall    float64  `json:"recall"`
			F1        float64  `json:"f1"`
			Correct   int      `json:"correct"`
			Predicted int      `json:"predicted"`
			Gold      int      `json:"gold"`
			Wrong     []string `json:"wrong"`
			Missed    []string `json:"missed"`
		}
		if err := writeJSON(w, map[string]out{"pairs": {s.Precision, s.Recall, s.F1, s.Correct, s.Predicted, s.Gold,
			nonNil(wrong), nonNil(missed)}}); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(w, "pairs: precision %.4f recall %.4f F1 %.4f (%d right of %d predicted, %d gold)\n",
			s.Precision, s.Recall, s.F1, s.Correct, s.Predicted, s.Gold)
		for _, p := range wrong {
			fmt.Fprintf(w, "  wrong:  %s\n", p)
		}
		for _, p := range missed {
			fmt.Fprintf(w, "  missed: %s\n", p)
		}
	}
	return checkGates(c, "pairs", eval.PRF{Precision: s.Precision, Recall: s.Recall, F1: s.F1})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func readGoldPairs(path string) ([]eval.PostPair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, inputErr(path, err)
	}
	defer f.Close()
	gp, err := eval.ReadGoldPairs(f, path)
	if err != nil {
		return nil, err
	}
	out := make([]eval.PostPair, len(gp))
	for i, g := range gp {
		out[i] = eval.PostPair{
			Source: corpus.Key{Channel: g.SourceChannel, ID: g.SourceID},
			Target: corpus.Key{Channel: g.TargetChannel, ID: g.TargetID},
		}
	}
	return out, nil
}

// readParquet opens one of a build's Parquet files and reads its rows.
// readTable reads every row of a table of the corpus in dir: its one file
// or its partitions (corpus.TableFiles).
func readTable[T any](dir, table string, read func(io.ReaderAt, int64) ([]T, error)) ([]T, error) {
	var all []T
	for _, path := range corpus.TableFiles(dir, table) {
		rows, err := readParquet(path, read)
		if err != nil {
			return nil, err
		}
		all = append(all, rows...)
	}
	return all, nil
}

func readParquet[T any](path string, read func(io.ReaderAt, int64) ([]T, error)) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, inputErr(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	rows, err := read(f, st.Size())
	if err != nil {
		return nil, &corpus.InputError{File: path, Err: err}
	}
	return rows, nil
}

func evalBeads(c *cli.Context) error {
	dir, err := oneDir(c)
	if err != nil {
		return err
	}
	if err := checkGateFlags(c); err != nil {
		return err
	}
	srcLang, tgtLang, err := checkLangPair(c, nil)
	if err != nil {
		return err
	}
	gp, err := goldPath(c)
	if err != nil {
		return err
	}
	f, err := os.Open(gp)
	if err != nil {
		return inputErr(gp, err)
	}
	gold, err := eval.ReadGoldBeads(f, gp, srcLang, tgtLang)
	f.Close()
	if err != nil {
		return err
	}
	posts, err := readTable(dir, "posts", corpus.ReadPostsParquet)
	if err != nil {
		return err
	}
	pairs, err := readTable(dir, "pairs", corpus.ReadPairsParquet)
	if err != nil {
		return err
	}
	sents, err := readTable(dir, "sentences", corpus.ReadSentencesParquet)
	if err != nil {
		return err
	}
	text := make(map[corpus.Key]string, len(posts))
	keys := make([]corpus.Key, len(posts))
	for i, p := range posts {
		keys[i] = corpus.Key{Channel: p.Channel, ID: p.PostID}
		text[keys[i]] = p.Text
	}
	keyOf, err := goldBeadKeys(c, gp, gold, keys)
	if err != nil {
		return err
	}
	pairOf := make(map[eval.PostPair]*corpus.PairRow)
	for i := range pairs {
		p := &pairs[i]
		pairOf[eval.PostPair{
			Source: corpus.Key{Channel: p.SourceChannel, ID: p.SourcePostID},
			Target: corpus.Key{Channel: p.TargetChannel, ID: p.TargetPostID},
		}] = p
	}
	beadsOf := make(map[int64][]corpus.SentenceRow)
	for _, s := range sents {
		beadsOf[s.PairID] = append(beadsOf[s.PairID], s)
	}
	var docs []eval.BeadDoc
	skipped := 0
	for _, g := range gold {
		k := keyOf[[2]int64{g.SourceID, g.TargetID}]
		p := pairOf[k]
		doc := eval.BeadDoc{Name: fmt.Sprintf("%d-%d", g.SourceID, g.TargetID), Gold: g.Beads}
		if p == nil {
			if c.Bool("paired-only") {
				skipped++
				continue
			}
			doc.SourceText, doc.TargetText = text[k.Source], text[k.Target]
		} else {
			doc.SourceText = text[corpus.Key{Channel: p.SourceChannel, ID: p.SourcePostID}]
			doc.TargetText = text[corpus.Key{Channel: p.TargetChannel, ID: p.TargetPostID}]
			src, tgt := newOffsets(doc.SourceText), newOffsets(doc.TargetText)
			for _, s := range beadsOf[p.PairID] {
				doc.Predicted = append(doc.Predicted, eval.Segment{
					Source: corpus.Span{Start: src.byteAt(int(s.SourceStart)), End: src.byteAt(int(s.SourceEnd))},
					Target: corpus.Span{Start: tgt.byteAt(int(s.TargetStart)), End: tgt.byteAt(int(s.TargetEnd))},
				})
			}
		}
		docs = append(docs, doc)
	}
	s, err := eval.Beads(docs)
	if err != nil {
		return err
	}
	w := c.App.Writer
	if c.Bool("json") {
		if err := writeJSON(w, map[string]any{"beads": map[string]any{"documents": s.Docs, "gold_beads": s.GoldBeads,
			"predicted_beads": s.PredictedBeads, "gold_pairs_left_out": skipped,
			"projected": prfJSON(s.Projected), "strict": prfJSON(s.Strict)}}); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(w, "beads: %d documents, %d gold beads, %d predicted", s.Docs, s.GoldBeads, s.PredictedBeads)
		if skipped > 0 {
			fmt.Fprintf(w, " (%d gold pairs not paired in DIR left out)", skipped)
		}
		fmt.Fprintln(w)
		printPRF(w, "projected", s.Projected)
		printPRF(w, "strict", s.Strict)
	}
	return checkGates(c, "beads (strict)", s.Strict)
}

// prfJSON is a score in --json output.
func prfJSON(s eval.PRF) map[string]float64 {
	return map[string]float64{"precision": s.Precision, "recall": s.Recall, "f1": s.F1}
}

func printPRF(w io.Writer, name string, s eval.PRF) {
	fmt.Fprintf(w, "  %-9s precision %.4f recall %.4f F1 %.4f\n", name, s.Precision, s.Recall, s.F1)
}

// offsets converts code-point offsets of a text to byte offsets.
type offsets []int

func newOffsets(text string) offsets {
	o := make(offsets, 0, len(text)+1)
	for i := range text {
		o = append(o, i)
	}
	return append(o, len(text))
}

func (o offsets) byteAt(cp int) int {
	if cp < 0 {
		return 0
	}
	if cp >= len(o) {
		return o[len(o)-1]
	}
	return o[cp]
}

func evalLines(c *cli.Context) error {
	if c.NArg() != 2 {
		return usagef("eval lines: want GOLD and TEST, got %d arguments", c.NArg())
	}
	if err := checkGateFlags(c); err != nil {
		return err
	}
	goldPath, testPath := c.Args().Get(0), c.Args().Get(1)
	st, err := os.Stat(goldPath)
	if err != nil {
		return inputErr(goldPath, err)
	}
	tst, err := os.Stat(testPath)
	if err != nil {
		return inputErr(testPath, err)
	}
	if st.IsDir() != tst.IsDir() {
		return usagef("eval lines: GOLD and TEST must be two files or two directories (%s, %s)", goldPath, testPath)
	}
	var pairs [][2]string
	if st.IsDir() {
		entries, err := os.ReadDir(goldPath)
		if err != nil {
			return inputErr(goldPath, err)
		}
		for _, e := range entries {
			if e.IsDir() || !isAlignmentFile(filepath.Join(goldPath, e.Name())) {
				continue
			}
			pairs = append(pairs, [2]string{filepath.Join(goldPath, e.Name()), filepath.Join(testPath, e.Name())})
		}
		if len(pairs) == 0 {
			return &corpus.InputError{File: goldPath, Err: fmt.Errorf("no alignment files (*.ruen, *.align, *.txt style [0]:[0] lines) in directory")}
		}
	} else {
		pairs = append(pairs, [2]string{goldPath, testPath})
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i][0] < pairs[j][0] })
	var gold, test [][]eval.LineBead
	for _, p := range pairs {
		g, err := readLineFile(p[0])
		if err != nil {
			return err
		}
		t, err := readLineFile(p[1])
		if err != nil {
			return err
		}
		gold, test = append(gold, g), append(test, t)
	}
	s := eval.Lines(gold, test)
	w := c.App.Writer
	if c.Bool("json") {
		if err := writeJSON(w, map[string]any{"lines": map[string]any{"files": len(pairs),
			"strict": prfJSON(s.Strict), "lax": prfJSON(s.Lax)}}); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(w, "lines: %d files\n", len(pairs))
		printPRF(w, "strict", s.Strict)
		printPRF(w, "lax", s.Lax)
	}
	return checkGates(c, "lines (strict)", s.Strict)
}

// isAlignmentFile tells alignment files in a directory from the sentence
// files beside them (docNNN.ruen holds beads, docNNN.ru and .en hold text)
// by content: an alignment file's first line is a bead, "[0]:[0]".
func isAlignmentFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var head [64]byte
	n, _ := io.ReadFull(f, head[:])
	line, _, _ := strings.Cut(string(head[:n]), "\n")
	line = strings.TrimSpace(line)
	return strings.HasPrefix(line, "[") && strings.Contains(line, "]:[")
}

func readLineFile(path string) ([]eval.LineBead, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, inputErr(path, err)
	}
	defer f.Close()
	return eval.ReadLineAlignment(f, path)
}

// goldBeadKeys finds the posts of each gold bead document, which names its
// posts by id alone: through the gold pairs file, which names their
// channels (matched to the build's, see eval.MatchChannels), or, without
// one, by id when the id is unique among the posts.
func goldBeadKeys(c *cli.Context, goldPath string, gold []eval.GoldBeads, posts []corpus.Key) (map[[2]int64]eval.PostPair, error) {
	out := make(map[[2]int64]eval.PostPair, len(gold))
	path := c.String("gold-pairs")
	if path == "" {
		if p := filepath.Join(filepath.Dir(goldPath), "pairs.tsv"); fileExists(p) {
			path = p
		}
	}
	if path != "" {
		gp, err := readGoldPairs(path)
		if err != nil {
			return nil, err
		}
		for _, p := range eval.Rename(gp, eval.MatchChannels(gp, posts)) {
			out[[2]int64{p.Source.ID, p.Target.ID}] = p
		}
		return out, nil
	}
	byID := make(map[int64][]corpus.Key)
	for _, k := range posts {
		byID[k.ID] = append(byID[k.ID], k)
	}
	for _, g := range gold {
		s, t := byID[g.SourceID], byID[g.TargetID]
		if len(s) > 1 || len(t) > 1 {
			return nil, usagef("eval beads: post ids %d and %d are not unique across channels: give --gold-pairs", g.SourceID, g.TargetID)
		}
		var k eval.PostPair
		if len(s) == 1 {
			k.Source = s[0]
		}
		if len(t) == 1 {
			k.Target = t[0]
		}
		out[[2]int64{g.SourceID, g.TargetID}] = k
	}
	return out, nil
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}
