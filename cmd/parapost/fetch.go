package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/corpus/fetch"
)

func fetchCommand() *cli.Command {
	return &cli.Command{
		Name:  "fetch",
		Usage: "fetch public channels' t.me/s pages into DIR/CHANNEL/ (newer posts, then back through history)",
		Description: "Pages are stored gzipped as fetched; `parapost build DIR` reads them. A rerun fetches\n" +
			"only what is newer, re-checks posts younger than --recheck for edits, and resumes going back\n" +
			"where an earlier run stopped. No CHANNEL: every channel already in DIR.",
		ArgsUsage: "[CHANNEL...] (usernames, @names or t.me links)",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "parapost-pages", Usage: "output `DIR` (one folder per channel)"},
		}, fetchFlags()...),
		Action: func(c *cli.Context) error {
			return fetchChannels(c, c.String("output"), true)
		},
	}
}

// fetchFlags are the flags of fetch, which build --fetch takes too.
func fetchFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "since", Usage: "go back to `DATE` (2024-01-31 or RFC 3339) and no further"},
		&cli.IntFlag{Name: "max-posts", Usage: "go back until a channel's folder holds `N` posts (0: all of history)"},
		&cli.Float64Flag{Name: "rate", Value: 1, Usage: "requests per second to a host, at most"},
		&cli.StringFlag{Name: "recheck", Value: "2d", Usage: "fetch posts younger than `DURATION` again, for edits (0: never)"},
		&cli.StringFlag{Name: "base-url", Value: "https://t.me", Usage: "`URL` of t.me or a mirror"},
		&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "deadline of one request"},
	}
}

// fetchThenRead is build --fetch DIR [CHANNEL...]: fetch, then read all of
// DIR (which may hold exports too).
func fetchThenRead(c *cli.Context, dir string) ([]*corpus.Post, corpus.ReadStats, error) {
	if err := fetchChannels(c, dir, false); err != nil {
		return nil, corpus.ReadStats{}, err
	}
	return corpus.ReadPaths(c.Context, []string{dir}, c.App.Reader)
}

// fetchChannels fetches the channels named by the arguments, or every
// channel already in dir, into dir. report prints a line per channel on
// standard output (fetch's own output; build keeps its summary there).
func fetchChannels(c *cli.Context, dir string, report bool) error {
	var channels []string
	for _, arg := range c.Args().Slice() {
		ch, err := fetch.ParseChannel(arg)
		if err != nil {
			return err
		}
		channels = append(channels, ch)
	}
	if len(channels) == 0 {
		states, _ := filepath.Glob(filepath.Join(dir, "*", fetch.StateFile))
		for _, s := range states {
			channels = append(channels, filepath.Base(filepath.Dir(s)))
		}
		if len(channels) == 0 {
			return usagef("%s: no CHANNEL given and no channel fetched into %s yet", c.Command.Name, dir)
		}
	}
	opt, err := fetchOptions(c)
	if err != nil {
		return err
	}
	f, err := fetch.New(opt)
	if err != nil {
		return usagef("%v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var errs []error
	for _, ch := range channels {
		res, err := f.Channel(c.Context, dir, ch)
		if err != nil {
			if c.Context.Err() != nil {
				return fmt.Errorf("fetch %s: interrupted; the pages stored so far are kept: run again to go on", ch)
			}
			// A channel gone private must not stop the daily job's others.
			fmt.Fprintf(c.App.ErrWriter, "parapost: %v\n", err)
			errs = append(errs, err)
			continue
		}
		if report {
			fmt.Fprintf(c.App.Writer, "%s: %d new pages (%d posts), %d posts stored in %s\n",
				ch, res.NewPages, res.NewPosts, res.State.Posts, res.Dir)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	// Each was printed above; the exit status is 2 when all are the user's
	// (a channel without preview), 1 when the network or the disk failed.
	summary := fmt.Errorf("%d of %d channels failed (see above)", len(errs), len(channels))
	for _, e := range errs {
		var in *corpus.InputError
		if !errors.As(e, &in) {
			return summary
		}
	}
	return &corpus.InputError{File: dir, Err: summary}
}

func fetchOptions(c *cli.Context) (fetch.Options, error) {
	opt := fetch.Options{
		BaseURL:  c.String("base-url"),
		Rate:     c.Float64("rate"),
		MaxPosts: c.Int("max-posts"),
		Timeout:  c.Duration("timeout"),
		Progress: c.App.ErrWriter,
	}
	if opt.Rate <= 0 {
		return opt, usagef("--rate: want a positive number of requests per second")
	}
	if opt.MaxPosts < 0 {
		return opt, usagef("--max-posts: want 0 or more")
	}
	if s := c.String("since"); s != "" {
		t, err := parseDate(s)
		if err != nil {
			return opt, usagef("--since: %v", err)
		}
		opt.Since = t
	}
	if s := c.String("recheck"); s != "0" {
		d, err := parseDays(s)
		if err != nil {
			return opt, usagef("--recheck: %v", err)
		}
		opt.Recheck = d
	}
	return opt, nil
}

// parseDate reads 2024-01-31 (UTC midnight) or an RFC 3339 time.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("want a date such as 2024-01-31 or 2024-01-31T12:00:00Z, got %q", s)
	}
	return t.UTC(), nil
}
