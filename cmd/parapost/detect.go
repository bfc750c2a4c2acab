package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/corpus"
)

func detectCommand() *cli.Command {
	return &cli.Command{
		Name:      "detect",
		Usage:     "print the language of every post",
		ArgsUsage: "INPUT...",
		Flags:     []cli.Flag{jsonFlag, langsFlag, workersFlag, tzFlag, skipBadFlag},
		Action: func(c *cli.Context) error {
			posts, _, err := readInputs(c)
			if err != nil {
				return err
			}
			if err := detectLanguages(c, posts); err != nil {
				return err
			}
			if c.Bool("json") {
				return writeDetectJSON(c, posts)
			}
			tw := tabwriter.NewWriter(c.App.Writer, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "channel\tpost\tdate\tlang\tconf\tchars\tfirst words")
			for _, p := range posts {
				date := "-"
				if p.HasDate() {
					date = p.Date.Format(time.DateTime)
				}
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%.2f\t%d\t%s\n", p.Channel, p.ID, date, p.Lang,
					p.LangConfidence, utf8.RuneCountInString(p.Text), firstWords(p.Text, 8))
			}
			return tw.Flush()
		},
	}
}

// detectRecord is one line of `detect --json`.
type detectRecord struct {
	Channel    string            `json:"channel"`
	PostID     int64             `json:"post_id"`
	Date       *time.Time        `json:"date"`
	Lang       string            `json:"lang"`
	Confidence float64           `json:"confidence"`
	Chars      int               `json:"chars"`
	Spans      []corpus.LangSpan `json:"spans,omitempty"`
	Source     string            `json:"source"`
}

func writeDetectJSON(c *cli.Context, posts []*corpus.Post) error {
	enc := json.NewEncoder(c.App.Writer)
	enc.SetEscapeHTML(false)
	for _, p := range posts {
		r := detectRecord{Channel: p.Channel, PostID: p.ID, Lang: p.Lang, Confidence: p.LangConfidence,
			Chars: utf8.RuneCountInString(p.Text), Spans: p.LangSpans, Source: p.Source}
		if p.HasDate() {
			d := p.Date.UTC()
			r.Date = &d
		}
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

// firstWords returns the first n words of s on one line.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		return strings.Join(f[:n], " ") + " …"
	}
	return strings.Join(f, " ")
}
