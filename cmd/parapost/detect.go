package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/detect"
)

func detectCommand() *cli.Command {
	return &cli.Command{
		Name:      "detect",
		Usage:     "print the language of every post",
		ArgsUsage: "INPUT...",
		Description: "Rows are printed as detection goes, a chunk of posts at a time.\n\n" +
			"Examples:\n" +
			"  parapost detect result.json\n" +
			"  parapost detect --json exports/ | jq -r .lang | sort | uniq -c\n" +
			"  parapost detect --langs ru,uk,be,en posts.jsonl",
		Flags: []cli.Flag{jsonFlag(), langsFlag(), workersFlag(), quietFlag(), tzFlag(), skipBadFlag()},
		Action: func(c *cli.Context) error {
			// The language models (150 MB) are loaded once the inputs
			// are read: reading holds every post's metadata, and the two
			// together would be the peak of memory.
			langs, err := langList(c)
			if err != nil {
				return err
			}
			if err := detect.CheckLanguages(langs); err != nil {
				return usagef("--langs: %v", err)
			}
			workers, err := checkWorkers(c)
			if err != nil {
				return err
			}
			// Rows on a terminal are progress enough: a live line on the
			// same screen would be torn by them.
			prog := newProgress(c.App.ErrWriter, c.Bool("quiet") || isTerminal(c.App.Writer))
			// Streamed: posts are read, detected and printed a chunk at
			// a time, so memory does not grow with the texts. The first
			// pass holds every post's metadata and makes garbage fast:
			// the collector runs at half the usual heap growth meanwhile
			// (the peak of memory is there, and the pass is cheap).
			gc := debug.SetGCPercent(50)
			stream, err := streamInputs(c, prog)
			debug.SetGCPercent(gc)
			if err != nil {
				return err
			}
			defer stream.Close()
			// What merging copies took is garbage now: give it back
			// before the models take their share, or both count in the
			// peak (the runtime returns freed memory only slowly).
			debug.FreeOSMemory()
			det, err := detect.New(langs)
			if err != nil {
				return usagef("--langs: %v", err)
			}
			w := bufio.NewWriter(c.App.Writer)
			var emit func([]*corpus.Post) error
			if c.Bool("json") {
				enc := json.NewEncoder(w)
				enc.SetEscapeHTML(false)
				emit = func(chunk []*corpus.Post) error {
					for _, p := range chunk {
						if err := enc.Encode(detectRecordOf(p)); err != nil {
							return err
						}
					}
					return w.Flush()
				}
			} else {
				emit = detectTable(w, stream.Keys())
			}
			return detectStream(c.Context, prog, det, stream, workers, emit)
		},
	}
}

// detectTable prints the header and returns the function that prints a
// chunk of rows. Column widths come from the keys of all posts, known
// before detection, so that rows can be printed as they come and still
// line up.
func detectTable(w *bufio.Writer, keys iter.Seq[corpus.Key]) func([]*corpus.Post) error {
	chWidth, idWidth := len("channel"), len("post")
	for k := range keys {
		chWidth = max(chWidth, utf8.RuneCountInString(k.Channel))
		idWidth = max(idWidth, len(strconv.FormatInt(k.ID, 10)))
	}
	row := func(w io.Writer, ch, id, date, lang, conf, chars, words string) {
		fmt.Fprintf(w, "%s  %*s  %-19s  %-4s  %-4s  %6s  %s\n", pad(ch, chWidth), idWidth, id, date, lang, conf, chars, words)
	}
	row(w, "channel", "post", "date", "lang", "conf", "chars", "first words")
	return func(chunk []*corpus.Post) error {
		for _, p := range chunk {
			date := "-"
			if p.HasDate() {
				date = p.Date.Format(time.DateTime)
			}
			row(w, p.Channel, fmt.Sprint(p.ID), date, p.Lang, fmt.Sprintf("%.2f", p.LangConfidence),
				fmt.Sprint(utf8.RuneCountInString(p.Text)), firstWords(p.Text, 8))
		}
		return w.Flush()
	}
}

// pad pads s with spaces to width characters.
func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
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

func detectRecordOf(p *corpus.Post) detectRecord {
	r := detectRecord{Channel: p.Channel, PostID: p.ID, Lang: p.Lang, Confidence: p.LangConfidence,
		Chars: utf8.RuneCountInString(p.Text), Spans: p.LangSpansInCodePoints(), Source: p.Source}
	if p.HasDate() {
		d := p.Date.UTC()
		r.Date = &d
	}
	return r
}

// firstWords returns the first n words of s on one line.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		return strings.Join(f[:n], " ") + " …"
	}
	return strings.Join(f, " ")
}
