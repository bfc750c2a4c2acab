package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/align/sim/gmt"
	"github.com/parapost/parapost/corpus"
)

// The flags of --mt google (issue 10), shared by build, pairs and align.
func mtGoogleFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "gcp-project", EnvVars: []string{"GOOGLE_CLOUD_PROJECT"}, Usage: "Google Cloud `PROJECT` of --mt google"},
		&cli.StringFlag{Name: "gcp-location", Value: "global", Usage: "`LOCATION` of the Cloud Translation calls (global, us-central1, ...)"},
		&cli.StringFlag{Name: "mt-model", Value: "nmt", Usage: "Cloud Translation `MODEL`: nmt, general/translation-llm, or a full projects/.../models/... name"},
		&cli.StringFlag{Name: "mt-glossary", Usage: "Cloud Translation `GLOSSARY` id of the project and location (or a full resource name), so names come out as the Ministry spells them"},
		&cli.StringFlag{Name: "mt-endpoint", Usage: "Cloud Translation `URL` (a regional or private endpoint; an http:// URL, such as a local fake, is used without credentials)"},
		mtCacheFlag(),
		&cli.IntFlag{Name: "mt-concurrency", Value: 4, Usage: "at most `N` Cloud Translation requests in flight"},
		&cli.StringFlag{Name: "mt-scope", Value: "asked", Usage: "`SCOPE` of --mt google: asked (only what the free signals leave undecided: the candidates of translations unpaired or paired with a low score or margin, and the pairs with a low-confidence bead) or all (every sentence of the source posts, first, in full batches)"},
		&cli.BoolFlag{Name: "mt-dry-run", Usage: "print the characters and requests --mt google would send after the cache, and their price, then stop (no network)"},
		&cli.Int64Flag{Name: "mt-max-chars", Usage: "refuse to run (exit 2) when --mt google would send more than `N` characters"},
	}
}

func mtCacheFlag() cli.Flag {
	return &cli.StringFlag{Name: "mt-cache", Usage: "translation cache `FILE` of --mt google (default: parapost/translations.db in the user's cache folder; \"off\": none)"}
}

// mtGoogle is the state of --mt google in one run, kept in the app's
// metadata by alignOptions.
type mtGoogle struct {
	model    *gmt.Model
	frugal   *align.MT // --mt-scope asked; nil with all
	cache    *gmt.Cache
	scope    string
	dryRun   bool
	maxChars int64
}

const mtKey = "mt-google"

func mtState(c *cli.Context) *mtGoogle {
	g, _ := c.App.Metadata[mtKey].(*mtGoogle)
	return g
}

// defaultCachePath is the translation cache under the user's cache folder.
func defaultCachePath() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", usagef("--mt-cache: no user cache folder (%v): give a FILE", err)
	}
	return filepath.Join(dir, "parapost", "translations.db"), nil
}

// googleModel checks the --mt google flags and builds its model; it sends
// nothing (credentials are looked for at the first request). With
// --mt-scope asked it sets opt.MT and returns it: the model of what the run
// asked (see align.MT).
func googleModel(c *cli.Context, opt *align.Options) (sim.Model, error) {
	scope := c.String("mt-scope")
	if scope != "asked" && scope != "all" {
		return nil, usagef("--mt-scope: want asked or all, got %q", scope)
	}
	if n := c.Int("mt-concurrency"); n < 1 || n > 64 {
		return nil, usagef("--mt-concurrency: want 1 to 64, got %d", n)
	}
	if n := c.Int64("mt-max-chars"); n < 0 {
		return nil, usagef("--mt-max-chars: want a number of characters, got %d", n)
	}
	endpoint := c.String("mt-endpoint")
	if endpoint != "" && !strings.HasPrefix(endpoint, "http://") && !strings.HasPrefix(endpoint, "https://") {
		return nil, usagef("--mt-endpoint: want an http:// or https:// URL, got %q", endpoint)
	}
	cl, err := gmt.NewClient(gmt.Config{
		Project: c.String("gcp-project"), Location: c.String("gcp-location"), Endpoint: endpoint,
		Model: c.String("mt-model"), Glossary: c.String("mt-glossary"),
		Source: opt.SourceLang, Target: opt.TargetLang, Concurrency: c.Int("mt-concurrency"),
	})
	if err != nil {
		return nil, mtError(err)
	}
	g := &mtGoogle{scope: scope, dryRun: c.Bool("mt-dry-run"), maxChars: c.Int64("mt-max-chars")}
	path := c.String("mt-cache")
	if path == "" {
		if path, err = defaultCachePath(); err != nil {
			return nil, err
		}
	}
	if path != "off" {
		// A dry run only reads: it need not wait for a writer's lock
		// longer than a writer would.
		if g.cache, err = gmt.OpenCache(path, false); err != nil {
			return nil, usagef("--mt-cache: %v", err)
		}
	}
	tr := gmt.NewTranslator(cl, g.cache)
	tr.MaxChars = g.maxChars
	g.model = gmt.NewModel(c.Context, tr, opt.SourceLang, opt.Vocabulary)
	if c.App.Metadata == nil {
		c.App.Metadata = map[string]any{}
	}
	c.App.Metadata[mtKey] = g
	if scope == "all" {
		return g.model, nil
	}
	g.frugal = align.NewMT(googleFetcher{c, g.model})
	g.frugal.Asked = func(a align.Asks) error { return mtAsked(c, g, a) }
	opt.MT = g.frugal
	return g.frugal, nil
}

// googleFetcher is the translation model as align.MT fetches from it,
// with Cloud Translation's errors made the user's one line.
type googleFetcher struct {
	c *cli.Context
	m *gmt.Model
}

func (f googleFetcher) Prefetch(ctx context.Context, texts []string) error {
	err := f.m.Prefetch(ctx, texts)
	if err != nil {
		if e := mtCheck(f.c); e != nil {
			return e
		}
	}
	return err
}

func (f googleFetcher) Known() sim.Model { return f.m.Known() }

// errMTDryRun stops a run after its dry run was printed (exit 0).
var errMTDryRun = errors.New("mt dry run")

// mtAsked is called with what --mt-scope asked will ask, before anything
// is sent: it prints the dry run (and stops the run), or refuses a run
// over --mt-max-chars.
func mtAsked(c *cli.Context, g *mtGoogle, a align.Asks) error {
	if !g.dryRun && g.maxChars == 0 {
		return nil
	}
	plan, err := g.model.Plan(a.Texts)
	if err != nil {
		return err
	}
	if g.dryRun {
		fmt.Fprintf(c.App.Writer, "mt dry run: %s\n", asksLine(a))
		printPlan(c, plan)
		return errMTDryRun
	}
	if plan.Chars > g.maxChars {
		return usagef("--mt-max-chars %d: this run would send %d characters to Cloud Translation (%d sentences not in the cache); not started", g.maxChars, plan.Chars, plan.Strings)
	}
	return nil
}

// asksLine says what the free signals left undecided and was asked.
func asksLine(a align.Asks) string {
	var parts []string
	if a.Undecided > 0 || a.Candidates > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d translations undecided, %d source posts asked for them", a.Undecided, a.Translations, a.Candidates))
	}
	if a.Pairs > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d pairs with a low-confidence bead asked to align again", a.Realign, a.Pairs))
	}
	if len(parts) == 0 {
		return "nothing left undecided"
	}
	return strings.Join(parts, "; ")
}

// printPlan prints the figures of a plan of the dry run.
func printPlan(c *cli.Context, plan gmt.Plan) {
	list, after := gmt.Price(plan.Chars)
	fmt.Fprintf(c.App.Writer, "mt dry run: %d source sentences, %d in the cache; would send %d characters in %d request%s (%d sentences); price $%.2f at $20 per million ($%.2f beyond the monthly 500K free)\n",
		plan.Texts, plan.Cached, plan.Chars, plan.Requests, plurals(plan.Requests), plan.Strings, list, after)
	if plan.TooLong > 0 {
		fmt.Fprintf(c.App.Writer, "mt dry run: %d sentences over %d characters are never sent\n", plan.TooLong, gmt.MaxTextRunes)
	}
}

// mtError makes a Cloud Translation error the user must fix a usage error
// (exit 2): one line saying what to do.
func mtError(err error) error {
	if gmt.IsUserError(err) {
		return &usageError{"--mt google: " + err.Error()}
	}
	return err
}

// mtBefore runs before pairing (or alignment) with the source texts the
// run holds. With --mt-scope all, it prints the dry run's figures (stop:
// the run ends there), refuses a run over --mt-max-chars, and translates
// every sentence first. With --mt-scope asked, mtAsked does so once the
// free signals have said what to ask; without --mt google nothing is done.
func mtBefore(c *cli.Context, sources []string) (stop bool, err error) {
	g := mtState(c)
	if g == nil || g.frugal != nil { // --mt-scope asked: see mtAsked
		return false, nil
	}
	plan, err := g.model.Plan(sources)
	if err != nil {
		return false, err
	}
	if g.dryRun {
		fmt.Fprintln(c.App.Writer, "mt dry run: --mt-scope all: every source sentence")
		printPlan(c, plan)
		return true, nil
	}
	if g.maxChars > 0 && plan.Chars > g.maxChars {
		return false, usagef("--mt-max-chars %d: this run would send up to %d characters to Cloud Translation (%d sentences not in the cache); not started", g.maxChars, plan.Chars, plan.Strings)
	}
	if g.scope == "all" {
		if err := g.model.Prefetch(c.Context, sources); err != nil {
			return false, mtError(err)
		}
	}
	return false, nil
}

// mtCheck returns the first error of --mt google's translations, if any:
// a stage's results are not used when translations were missing.
func mtCheck(c *cli.Context) error {
	if g := mtState(c); g != nil {
		if err := g.model.Err(); err != nil {
			if ctxErr := c.Context.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
				return ctxErr
			}
			return mtError(err)
		}
	}
	return nil
}

// mtClose closes the translation cache.
func mtClose(c *cli.Context) {
	if g := mtState(c); g != nil && g.cache != nil {
		g.cache.Close()
		g.cache = nil
	}
}

// mtSummary is what --mt google sent, for the build summary.
type mtSummary struct {
	CharsSent int64  `json:"chars_sent"`
	Requests  int64  `json:"requests"`
	Retries   int64  `json:"retries"`
	CacheHits int64  `json:"cache_hits"`
	Sentences int64  `json:"sentences_translated"`
	Cache     string `json:"cache,omitempty"`
	// Asked is what --mt-scope asked asked for, and why (nil with all).
	Asked *align.Asks `json:"asked,omitempty"`
}

func mtSummaryOf(c *cli.Context) *mtSummary {
	g := mtState(c)
	if g == nil {
		return nil
	}
	tr := g.model.Translator()
	st := &tr.Client().Stats
	s := &mtSummary{CharsSent: st.Chars.Load(), Requests: st.Requests.Load(), Retries: st.Retries.Load(),
		CacheHits: tr.CacheHits.Load(), Sentences: st.Strings.Load()}
	if g.cache != nil {
		s.Cache = g.cache.Path()
	}
	if g.frugal != nil {
		a := g.frugal.Total()
		s.Asked = &a
	}
	return s
}

func (s *mtSummary) line() string {
	asked := ""
	if s.Asked != nil {
		asked = asksLine(*s.Asked) + "; "
	}
	return fmt.Sprintf("machine translation: %ssent %d characters of %d sentences in %d requests (%d retries); %d sentences from the cache",
		asked, s.CharsSent, s.Sentences, s.Requests, s.Retries, s.CacheHits)
}

// jsonString is s as a JSON string, with <, > and & as they are.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

func plurals(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// sourceTexts returns the texts of the posts in lang.
func sourceTexts(posts []*corpus.Post, lang string) []string {
	var out []string
	for _, p := range posts {
		if p.Lang == lang {
			out = append(out, p.Text)
		}
	}
	return out
}

// mtCommand is `parapost mt`: the translation cache.
func mtCommand() *cli.Command {
	return &cli.Command{
		Name:  "mt",
		Usage: "manage the translations --mt google bought",
		Subcommands: []*cli.Command{{
			Name:  "export",
			Usage: "write the translation cache as a translations file that --mt file: reads",
			Description: "Writes one JSON object per line, {\"ru\": ..., \"en\": ...}, for the languages\n" +
				"(and --mt-model, --mt-glossary) given, sorted by source text, so that a CI job\n" +
				"can run offline from translations bought once.\n\n" +
				"Example:\n" +
				"  parapost mt export -o translations.jsonl && parapost build --mt file:translations.jsonl -o out/ exports/",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Required: true, Usage: "translations `FILE` to write (- for stdout)"},
				sourceLangFlag(), targetLangFlag(), mtCacheFlag(),
				&cli.StringFlag{Name: "mt-model", Usage: "only the translations of `MODEL` (default: all)"},
				&cli.StringFlag{Name: "mt-glossary", Usage: "only the translations with `GLOSSARY` (default: all)"},
			},
			Action: mtExportAction,
		}},
	}
}

func mtExportAction(c *cli.Context) error {
	src, tgt, err := checkLangPair(c, nil)
	if err != nil {
		return err
	}
	path := c.String("mt-cache")
	if path == "" || path == "off" {
		if path, err = defaultCachePath(); err != nil {
			return err
		}
	}
	if _, err := os.Stat(path); err != nil {
		return inputErr(path, err)
	}
	cache, err := gmt.OpenCache(path, true)
	if err != nil {
		return &corpus.InputError{File: path, Err: err}
	}
	defer cache.Close()
	model, glossary := c.String("mt-model"), c.String("mt-glossary")
	type unit struct{ s, t string }
	var units []unit
	seen := map[string]bool{}
	for _, e := range cache.Entries(func(k gmt.CacheKey) bool {
		return k.Source == src && k.Target == tgt &&
			(model == "" || k.Model == model || strings.HasSuffix(k.Model, "/"+model)) &&
			(glossary == "" || k.Glossary == glossary || strings.HasSuffix(k.Glossary, "/"+glossary))
	}) {
		if !seen[e[0]] { // one translation per text when models differ
			seen[e[0]] = true
			units = append(units, unit{e[0], e[1]})
		}
	}
	slices.SortFunc(units, func(a, b unit) int { return cmp.Compare(a.s, b.s) })
	write := func(w *bufio.Writer) error {
		for _, u := range units {
			// {"ru": ..., "en": ...}: the source first, as the data sets have it.
			line := fmt.Sprintf("{%s:%s,%s:%s}", jsonString(src), jsonString(u.s), jsonString(tgt), jsonString(u.t))
			if _, err := w.WriteString(line + "\n"); err != nil {
				return err
			}
		}
		return w.Flush()
	}
	out := c.String("output")
	if out == "-" {
		err = write(bufio.NewWriter(c.App.Writer))
	} else {
		var f *corpus.AtomicFile
		if f, err = corpus.CreateAtomic(out); err != nil {
			return err
		}
		if err = write(bufio.NewWriter(f)); err != nil {
			f.Abort()
			return err
		}
		err = f.Commit()
	}
	if err == nil {
		fmt.Fprintf(c.App.ErrWriter, "parapost: wrote %d %s-%s translations from %s to %s\n", len(units), src, tgt, path, out)
	}
	return err
}
