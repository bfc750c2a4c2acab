package main

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pemistahl/lingua-go"
	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/detect"
)

// Every option is checked before any input is read: a mistake in one
// should fail in a second with the option named (exit 2), not after the
// whole pipeline with an empty corpus.

// maxWindow bounds each side of --window: a year is far beyond any
// translation delay, and it keeps the arithmetic far from overflow.
const maxWindow = 365 * 24 * time.Hour

// isLangCode reports whether code is an ISO 639-1 code as parapost writes
// them (two lower-case letters) of a language the detector knows.
func isLangCode(code string) bool {
	if len(code) != 2 || code[0] < 'a' || code[0] > 'z' || code[1] < 'a' || code[1] > 'z' {
		return false
	}
	iso := lingua.GetIsoCode639_1FromValue(code)
	return iso != lingua.UnknownIsoCode639_1 && lingua.GetLanguageFromIsoCode639_1(iso) != lingua.Unknown
}

func checkLangCode(flag, code string) error {
	if !isLangCode(code) {
		return usagef("--%s: %q is not a language code: want ISO 639-1, two lower-case letters such as ru or en", flag, code)
	}
	return nil
}

// langList returns --langs as a list (nil: the detector's default set),
// every code checked.
func langList(c *cli.Context) ([]string, error) {
	s := c.String("langs")
	if s == "" {
		return nil, nil
	}
	var langs []string
	for _, l := range strings.Split(s, ",") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if err := checkLangCode("langs", l); err != nil {
			return nil, err
		}
		langs = append(langs, l)
	}
	if len(slices.Compact(slices.Sorted(slices.Values(langs)))) < 2 {
		return nil, usagef("--langs: want at least two languages, got %q", s)
	}
	return langs, nil
}

// checkLangPair checks --source-lang and --target-lang: codes, different,
// and (when known is not nil) among the languages the detector chooses
// from, since a language it never answers can never be paired.
func checkLangPair(c *cli.Context, known []string) (src, tgt string, err error) {
	src, tgt = c.String("source-lang"), c.String("target-lang")
	if err := checkLangCode("source-lang", src); err != nil {
		return "", "", err
	}
	if err := checkLangCode("target-lang", tgt); err != nil {
		return "", "", err
	}
	if src == tgt {
		return "", "", usagef("--source-lang and --target-lang are both %q: originals and translations must differ", src)
	}
	for _, l := range []struct{ flag, code string }{{"source-lang", src}, {"target-lang", tgt}} {
		if known != nil && !slices.Contains(known, l.code) {
			if c.String("langs") != "" {
				return "", "", usagef("--langs %s lacks --%s %s: add it", c.String("langs"), l.flag, l.code)
			}
			return "", "", usagef("--%s: the detector does not tell %q apart; name it in --langs", l.flag, l.code)
		}
	}
	return src, tgt, nil
}

// detectorLangs returns the languages the detector will choose from.
func detectorLangs(langs []string) []string {
	if langs == nil {
		return detect.DefaultLanguages
	}
	return langs
}

// checkFraction checks a flag that must be a finite number in [0, 1].
func checkFraction(c *cli.Context, flag string) (float64, error) {
	v := c.Float64(flag)
	if math.IsNaN(v) || v < 0 || v > 1 {
		return 0, usagef("--%s: want a number from 0 to 1, got %v", flag, v)
	}
	return v, nil
}

func checkWorkers(c *cli.Context) (int, error) {
	n := c.Int("workers")
	if n < 0 || n > 4096 {
		return 0, usagef("--workers: want 0 (all cores) to 4096, got %d", n)
	}
	return n, nil
}

// pairOptions checks and returns the pairing options; known is the
// detector's language set.
func pairOptions(c *cli.Context, known []string) (pair.Options, error) {
	opt := pair.DefaultOptions()
	var err error
	if opt.SourceLang, opt.TargetLang, err = checkLangPair(c, known); err != nil {
		return opt, err
	}
	if opt.MinScore, err = checkFraction(c, "min-score"); err != nil {
		return opt, err
	}
	if opt.MinMargin, err = checkFraction(c, "min-margin"); err != nil {
		return opt, err
	}
	if opt.Workers, err = checkWorkers(c); err != nil {
		return opt, err
	}
	if opt.Before, opt.After, err = parseWindow(c.String("window")); err != nil {
		return opt, usagef("--window: %v", err)
	}
	return opt, nil
}

// parseWindow parses "-24h,72h" (or "1d,3d"): how long before and after the
// original a translation may be posted. The sign of BEFORE is optional;
// each side is at most a year.
func parseWindow(s string) (before, after time.Duration, err error) {
	parts := strings.Split(s, ",")
	if len(parts) != 2 {
		return 0, 0, fmt.Errorf("want BEFORE,AFTER such as -1d,3d, got %q", s)
	}
	if before, err = parseDays(strings.TrimPrefix(strings.TrimSpace(parts[0]), "-")); err != nil {
		return 0, 0, err
	}
	if after, err = parseDays(strings.TrimSpace(parts[1])); err != nil {
		return 0, 0, err
	}
	return before, after, nil
}

// parseDays is time.ParseDuration that also takes days ("3d", "1.5d"),
// from 0 to maxWindow.
func parseDays(s string) (time.Duration, error) {
	bad := fmt.Errorf("bad duration %q: want 0 to 365d, such as 36h or 1.5d", s)
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.ParseFloat(n, 64)
		if err != nil || math.IsNaN(days) || days < 0 || days*24 > maxWindow.Hours() {
			return 0, bad
		}
		return time.Duration(days * float64(24*time.Hour)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 || d > maxWindow {
		return 0, bad
	}
	return d, nil
}

// checkDict checks that --dict names files that exist, before anything is
// read, and names the file that is missing: a dictd .index needs its data
// file (.dict.dz or .dict) beside it.
func checkDict(path string) error {
	if path == "" {
		return nil
	}
	if err := checkFile(path); err != nil {
		return err
	}
	if base, ok := strings.CutSuffix(path, ".index"); ok {
		if checkFile(base+".dict.dz") != nil && checkFile(base+".dict") != nil {
			return &corpus.InputError{File: path, Err: fmt.Errorf("its data file %s.dict.dz (or .dict) does not exist", base)}
		}
	}
	return nil
}

// checkFile checks that path is a file that can be opened.
func checkFile(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return inputErr(path, err)
	}
	if st.IsDir() {
		return &corpus.InputError{File: path, Err: errors.New("is a directory, not a file")}
	}
	f, err := os.Open(path)
	if err != nil {
		return inputErr(path, err)
	}
	return f.Close()
}

// inputErr turns an error opening a file the user named into an InputError
// (exit 2) naming it once.
func inputErr(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &corpus.InputError{File: path, Err: err}
}

// alignOptions returns the sentence alignment options with the dictionary
// loaded; the languages are checked by the caller.
func alignOptions(c *cli.Context, src, tgt, sourceText string) (align.Options, error) {
	opt := align.DefaultOptions()
	opt.SourceLang, opt.TargetLang = src, tgt
	opt.Vocabulary = sim.NewVocabulary(tgt)
	var models []sim.Model
	if path := c.String("dict"); path != "" {
		from, to := opt.TargetLang, opt.SourceLang
		if dl := c.String("dict-langs"); dl != "" {
			var ok bool
			if from, to, ok = strings.Cut(dl, "-"); !ok || !isLangCode(from) || !isLangCode(to) {
				return opt, usagef("--dict-langs: want FROM-TO such as en-ru, got %q", dl)
			}
		}
		if err := checkDict(path); err != nil {
			return opt, err
		}
		lex, err := sim.OpenLexicon(path, from, to, opt.SourceLang, opt.TargetLang, dictCacheDir(c))
		if err != nil {
			var ie *corpus.InputError
			if !errors.As(err, &ie) {
				err = &corpus.InputError{File: path, Err: err}
			}
			return opt, err
		}
		models = append(models, lex)
	}
	if spec := c.String("mt"); spec != "" {
		m, err := translationModel(spec, sourceText, opt)
		if spec == "google" {
			m, err = googleModel(c, &opt)
		}
		if err != nil {
			return opt, err
		}
		models = append(models, m)
		if opt.MT == nil { // frugal MT pairs only what the free signals leave undecided
			opt.PairSimilarity = m
		}
	}
	opt.Similarity = sim.Combine(models...)
	return opt, nil
}

// dictCacheDir is where the dictionary's index is kept between runs:
// --dict-cache, by default parapost/lexicons in the user's cache folder;
// "" (no cache) for "off" or when there is no cache folder.
func dictCacheDir(c *cli.Context) string {
	switch dir := c.String("dict-cache"); dir {
	case "off":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(base, "parapost", "lexicons")
	default:
		return dir
	}
}

// checkDictLangs checks --dict-langs alone (the dictionary itself is read
// later).
func checkDictLangs(c *cli.Context) error {
	if dl := c.String("dict-langs"); dl != "" {
		if from, to, ok := strings.Cut(dl, "-"); !ok || !isLangCode(from) || !isLangCode(to) {
			return usagef("--dict-langs: want FROM-TO such as en-ru, got %q", dl)
		}
	}
	return checkDict(c.String("dict"))
}
