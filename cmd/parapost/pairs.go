package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/corpus"
)

func pairsCommand() *cli.Command {
	return &cli.Command{
		Name:      "pairs",
		Usage:     "pair translations with their originals and print the pairs with their evidence",
		ArgsUsage: "INPUT...",
		Description: "Examples:\n" +
			"  parapost pairs testdata/mfa-sample/*.json\n" +
			"  parapost pairs --json --window -1d,3d exports/ > pairs.jsonl\n" +
			"  parapost pairs --source-lang uk --target-lang en --langs uk,ru,en exports/",
		Flags: append([]cli.Flag{jsonFlag(), langsFlag(), sourceLangFlag(), targetLangFlag(), windowFlag(), minScoreFlag(), minMarginFlag(), dictFlag(), dictLangsFlag(), dictCacheFlag(), mtFlag(), workersFlag(), quietFlag(), tzFlag(), skipBadFlag()}, mtGoogleFlags()...),
		Action: func(c *cli.Context) error {
			langs, err := langList(c)
			if err != nil {
				return err
			}
			opt, err := pairOptions(c, detectorLangs(langs))
			if err != nil {
				return err
			}
			det, _, err := newDetector(c)
			if err != nil {
				return err
			}
			prog := newProgress(c.App.ErrWriter, c.Bool("quiet"))
			posts, _, err := readInputs(c, prog)
			if err != nil {
				return err
			}
			if err := detectStage(c.Context, prog, det, posts, opt.Workers, nil); err != nil {
				return err
			}
			// As build pairs: with the lexicon learned from the surest pairs
			// and the --dict and --mt models.
			aopt, err := alignOptions(c, opt.SourceLang, opt.TargetLang, "")
			if err != nil {
				return err
			}
			aopt.MTPairsOnly = true // no alignment follows: --mt google asks for pairing only
			defer mtClose(c)
			if stop, err := mtBefore(c, sourceTexts(posts, opt.SourceLang)); stop || err != nil {
				return err
			}
			pairs, stats, _, _, err := pairStage(c.Context, prog, posts, opt, aopt)
			if err == nil {
				err = mtCheck(c)
			}
			if err != nil {
				return err
			}
			if c.Bool("json") {
				enc := json.NewEncoder(c.App.Writer)
				enc.SetEscapeHTML(false)
				for _, p := range pairs {
					if err := enc.Encode(pairRecordOf(p)); err != nil {
						return err
					}
				}
				return nil
			}
			tw := tabwriter.NewWriter(c.App.Writer, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "pair\tsource\ttarget\tscore\tmargin\tevidence")
			for _, p := range pairs {
				fmt.Fprintf(tw, "%d\t%s/%d\t%s/%d\t%.3f\t%.3f\t%s\n", p.ID, p.Source.Channel, p.Source.ID,
					p.Target.Channel, p.Target.ID, p.Score, p.Margin, evidenceLine(p.Evidence, 8))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "%d pairs (%d by shared anchors, %+d by meaning, %d by length and timing, %d untranslated reposts); %d translations unpaired\n",
				stats.Paired+stats.Reposts, stats.ByAnchors, stats.ByMeaning, stats.Residual, stats.Reposts, stats.TargetPosts-stats.Paired)
			return nil
		},
	}
}

// pairRecord is one line of `pairs --json`.
type pairRecord struct {
	PairID        int64      `json:"pair_id"`
	SourceChannel string     `json:"source_channel"`
	SourcePostID  int64      `json:"source_post_id"`
	SourceDate    *time.Time `json:"source_date"`
	TargetChannel string     `json:"target_channel"`
	TargetPostID  int64      `json:"target_post_id"`
	TargetDate    *time.Time `json:"target_date"`
	Score         float64    `json:"score"`
	Margin        float64    `json:"margin"`
	Evidence      []string   `json:"evidence"`
}

func pairRecordOf(p *corpus.Pair) pairRecord {
	r := pairRecord{PairID: p.ID, SourceChannel: p.Source.Channel, SourcePostID: p.Source.ID,
		TargetChannel: p.Target.Channel, TargetPostID: p.Target.ID, Score: p.Score, Margin: p.Margin, Evidence: p.Evidence}
	if p.Source.HasDate() {
		d := p.Source.Date
		r.SourceDate = &d
	}
	if p.Target.HasDate() {
		d := p.Target.Date
		r.TargetDate = &d
	}
	return r
}

func evidenceLine(ev []string, n int) string {
	if len(ev) > n {
		return strings.Join(ev[:n], " ") + fmt.Sprintf(" (+%d)", len(ev)-n)
	}
	return strings.Join(ev, " ")
}
