package corpus

import (
	"errors"
	"fmt"
	"hash/fnv"
	"iter"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FilterOptions choose which sentence beads a training set keeps. The zero
// value keeps everything; TrainingFilterOptions is a sensible preset.
// Lengths are those of the sides as exported (CleanLine): code points, and
// words separated by white space.
type FilterOptions struct {
	// MinScore drops beads whose alignment score is below it (0: off).
	MinScore float64
	// MinChars and MaxChars bound the length of each side in code points;
	// MinWords and MaxWords in words (0: no bound).
	MinChars, MaxChars int
	MinWords, MaxWords int
	// MaxRatio drops beads whose longer side has more than MaxRatio times
	// the code points of the shorter one (0: off; else at least 1).
	MaxRatio float64
	// SourceLang and TargetLang are the languages of the two sides (ISO
	// 639-1), as LangCheck is asked about them.
	SourceLang, TargetLang string
	// LangCheck, when set, reports whether text is in language lang; a bead
	// either side of which fails is dropped. Package corpus does not detect
	// languages: the caller passes its detector here (the CLI keeps texts
	// too short to tell).
	LangCheck func(text, lang string) bool
	// DropNoise drops beads with a side that has no words: only hashtags,
	// emoji, links, @mentions, numbers and punctuation (#РоссияКитай |
	// #RussiaChina), or nothing at all.
	DropNoise bool
	// Dedup drops a bead whose two sides were both seen before in an earlier
	// kept bead: exactly ("duplicate"), or once case, punctuation, symbols
	// and digits are folded ("near-duplicate": "Stay tuned!" and "stay
	// tuned", "on 10 June" and "on 11 June").
	Dedup bool
}

// TrainingFilterOptions is the preset for machine-translation training
// sets (the CLI's --train): 1 to 200 words a side, at most 3 times as many
// characters on one side as on the other, no noise-only sides, no
// duplicates; the caller adds LangCheck and the languages. It sets no
// minimum bead score: measured against the gold beads, the score does not
// tell wrong beads from right ones (on WMT23 ru-en, a minimum of 0.3 drops
// 9 of 902 beads, 8 of them right, and keeps 21 of the 22 wrong ones; on
// the Foreign Ministry sample it drops 3 right beads and no wrong one).
func TrainingFilterOptions() FilterOptions {
	return FilterOptions{
		MinWords:  1,
		MaxWords:  200,
		MaxRatio:  3,
		DropNoise: true,
		Dedup:     true,
	}
}

// Active reports whether the options drop anything at all.
func (o FilterOptions) Active() bool {
	return o.MinScore > 0 || o.MinChars > 0 || o.MaxChars > 0 || o.MinWords > 0 || o.MaxWords > 0 ||
		o.MaxRatio > 0 || o.LangCheck != nil || o.DropNoise || o.Dedup
}

// Validate checks that the options make sense: finite, non-negative, lower
// bounds under upper bounds, a ratio of at least 1. Errors name the field.
func (o FilterOptions) Validate() error {
	switch {
	case math.IsNaN(o.MinScore) || math.IsInf(o.MinScore, 0) || o.MinScore < 0:
		return fmt.Errorf("minimum score %v: want a finite number from 0", o.MinScore)
	case o.MinChars < 0 || o.MaxChars < 0 || o.MinWords < 0 || o.MaxWords < 0:
		return errors.New("length bounds must not be negative")
	case o.MaxChars > 0 && o.MinChars > o.MaxChars:
		return fmt.Errorf("minimum length %d characters is above the maximum %d", o.MinChars, o.MaxChars)
	case o.MaxWords > 0 && o.MinWords > o.MaxWords:
		return fmt.Errorf("minimum length %d words is above the maximum %d", o.MinWords, o.MaxWords)
	case math.IsNaN(o.MaxRatio) || math.IsInf(o.MaxRatio, 0) || o.MaxRatio < 0 || o.MaxRatio > 0 && o.MaxRatio < 1:
		return fmt.Errorf("length ratio %v: want 0 (off) or a finite number from 1", o.MaxRatio)
	case o.LangCheck != nil && (o.SourceLang == "" || o.TargetLang == ""):
		return errors.New("a language check needs the source and target languages")
	}
	return nil
}

// Reasons a filter drops a bead, in the order the filters apply: a bead is
// counted under the first that drops it.
const (
	DropScore         = "score"
	DropNoise         = "no words"
	DropLength        = "length"
	DropRatio         = "length ratio"
	DropLanguage      = "language"
	DropDuplicate     = "duplicate"
	DropNearDuplicate = "near-duplicate"
)

// DropReasons lists the reasons in the order the filters apply.
var DropReasons = []string{DropScore, DropNoise, DropLength, DropRatio, DropLanguage, DropDuplicate, DropNearDuplicate}

// FilterStats counts what a Filter saw, kept and dropped.
type FilterStats struct {
	Seen, Kept int
	Dropped    map[string]int // reason (DropReasons) -> beads
}

// String summarises the stats in one line: "kept 98 of 114 beads; dropped:
// score 5, no words 6, ...", reasons in DropReasons order, zeros left out.
func (s FilterStats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "kept %d of %d beads", s.Kept, s.Seen)
	sep := "; dropped: "
	for _, r := range DropReasons {
		if n := s.Dropped[r]; n > 0 {
			fmt.Fprintf(&b, "%s%s %d", sep, r, n)
			sep = ", "
		}
	}
	return b.String()
}

// Filter applies FilterOptions to a stream of beads. It remembers the beads
// it kept (two 128-bit hashes each) to drop duplicates, so it is stateful:
// one Filter per output, not safe for concurrent use.
type Filter struct {
	opt   FilterOptions
	exact map[[2]uint64]struct{}
	near  map[[2]uint64]struct{}
	stats FilterStats
}

// NewFilter returns a filter with the options, after Validate.
func NewFilter(opt FilterOptions) (*Filter, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	f := &Filter{opt: opt, stats: FilterStats{Dropped: make(map[string]int)}}
	if opt.Dedup {
		f.exact = make(map[[2]uint64]struct{})
		f.near = make(map[[2]uint64]struct{})
	}
	return f, nil
}

// Stats returns what the filter has seen so far.
func (f *Filter) Stats() FilterStats {
	s := f.stats
	s.Dropped = make(map[string]int, len(f.stats.Dropped))
	for k, v := range f.stats.Dropped {
		s.Dropped[k] = v
	}
	return s
}

// Keep reports whether the bead with source text src, target text tgt and
// alignment score should be kept, and counts the answer.
func (f *Filter) Keep(src, tgt string, score float64) bool {
	f.stats.Seen++
	if reason := f.check(src, tgt, score); reason != "" {
		f.stats.Dropped[reason]++
		return false
	}
	f.stats.Kept++
	return true
}

// check returns the reason to drop the bead, or "".
func (f *Filter) check(src, tgt string, score float64) string {
	o := &f.opt
	if o.MinScore > 0 && score < o.MinScore {
		return DropScore
	}
	src, tgt = CleanLine(src), CleanLine(tgt)
	if o.DropNoise && (!hasWords(src) || !hasWords(tgt)) {
		return DropNoise
	}
	srcChars, tgtChars := utf8.RuneCountInString(src), utf8.RuneCountInString(tgt)
	if !o.lengthOK(srcChars, src) || !o.lengthOK(tgtChars, tgt) {
		return DropLength
	}
	if o.MaxRatio > 0 {
		long, short := max(srcChars, tgtChars), max(min(srcChars, tgtChars), 1)
		if float64(long) > o.MaxRatio*float64(short) {
			return DropRatio
		}
	}
	if o.LangCheck != nil && (!o.LangCheck(src, o.SourceLang) || !o.LangCheck(tgt, o.TargetLang)) {
		return DropLanguage
	}
	if o.Dedup {
		exact := pairHash(src, tgt)
		if _, seen := f.exact[exact]; seen {
			return DropDuplicate
		}
		near := pairHash(normalizeForDedup(src), normalizeForDedup(tgt))
		if _, seen := f.near[near]; seen {
			return DropNearDuplicate
		}
		f.exact[exact] = struct{}{}
		f.near[near] = struct{}{}
	}
	return ""
}

func (o *FilterOptions) lengthOK(chars int, text string) bool {
	if chars < o.MinChars || o.MaxChars > 0 && chars > o.MaxChars {
		return false
	}
	if o.MinWords > 0 || o.MaxWords > 0 {
		words := countWords(text)
		if words < o.MinWords || o.MaxWords > 0 && words > o.MaxWords {
			return false
		}
	}
	return true
}

// Rows returns the rows of seq that the filter keeps; the texts are those
// of the options' SourceLang and TargetLang in each row's Translation.
func (f *Filter) Rows(seq iter.Seq2[SentenceRow, error]) iter.Seq2[SentenceRow, error] {
	return func(yield func(SentenceRow, error) bool) {
		for row, err := range seq {
			if err != nil {
				yield(row, err)
				return
			}
			if !f.Keep(row.Translation[f.opt.SourceLang], row.Translation[f.opt.TargetLang], row.Score) {
				continue
			}
			if !yield(row, nil) {
				return
			}
		}
	}
}

// countWords counts the white-space-separated words of s.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// hasWords reports whether s has a letter outside hashtags, @mentions and
// links: emoji, digits and punctuation are no words.
func hasWords(s string) bool {
	for _, tok := range strings.Fields(s) {
		if tok[0] == '#' || tok[0] == '@' || isLinkToken(tok) {
			continue
		}
		for _, r := range tok {
			if unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}

// isLinkToken reports whether a white-space-free token is a URL or a bare
// domain with an optional path ("https://mid.ru/x", "t.me/MID_Russia",
// "mid.ru."); "U.S." and "т.е." are not.
func isLinkToken(tok string) bool {
	tok = strings.TrimRight(tok, ".,;:!?)»\"'”’")
	tok = strings.TrimLeft(tok, "(«\"'“‘")
	if indexURLStart(tok) == 0 || len(tok) > 4 && strings.EqualFold(tok[:4], "www.") {
		return true
	}
	host, _, _ := strings.Cut(tok, "/")
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 {
		return false
	}
	for _, c := range []byte(host) {
		if !('a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	tld := host[dot+1:]
	if len(tld) < 2 {
		return false
	}
	for _, c := range []byte(tld) {
		if !('a' <= c|0x20 && c|0x20 <= 'z') {
			return false
		}
	}
	return true
}

// normalizeForDedup folds what near-duplicates differ in: case (and ё to
// е), punctuation, symbols and emoji (dropped), digits (all 0) and white
// space.
func normalizeForDedup(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			r = unicode.ToLower(r)
			if r == 'ё' {
				r = 'е'
			}
			b.WriteRune(r)
		case unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte('0')
		case unicode.IsSpace(r):
			space = true
		}
	}
	return b.String()
}

// pairHash hashes two texts as one pair (128-bit FNV-1a: collisions are
// negligible even over hundreds of millions of beads, and the result is
// the same in every run).
func pairHash(a, b string) [2]uint64 {
	h := fnv.New128a()
	h.Write([]byte(a))
	h.Write([]byte{0})
	h.Write([]byte(b))
	var sum [16]byte
	h.Sum(sum[:0])
	var out [2]uint64
	for i := range 8 {
		out[0] = out[0]<<8 | uint64(sum[i])
		out[1] = out[1]<<8 | uint64(sum[8+i])
	}
	return out
}
