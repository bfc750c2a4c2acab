package check

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parapost/parapost/align/anchor"
	"github.com/parapost/parapost/align/internal/pool"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
)

// Kind is the kind of a finding.
type Kind string

// Finding kinds, in the order reports list them.
const (
	Omission Kind = "omission"
	Addition Kind = "addition"
	Number   Kind = "number"
	Date     Kind = "date"
	Name     Kind = "name"
	Hashtag  Kind = "hashtag"
	Flag     Kind = "flag"
	Meaning  Kind = "meaning"
	Length   Kind = "length"
	Abridged Kind = "abridged"
	// Untranslated is the finding of a pair whose "translation" is the
	// original itself, reposted by the translation channel
	// (corpus.Pair.Untranslated): nothing of it is checked.
	Untranslated Kind = "untranslated"
	// Coverage is the finding of a pair whose coverage is below
	// Options.MinCoverage.
	Coverage Kind = "coverage"
)

// Kinds lists every kind, in report order.
var Kinds = []Kind{Omission, Addition, Number, Date, Name, Hashtag, Flag, Meaning, Length, Abridged, Untranslated, Coverage}

// DefaultFailOn are the kinds that fail a pair by default: the departures
// a reader of the translation would be misled by.
var DefaultFailOn = []Kind{Omission, Addition, Number, Date, Name}

// ParseKinds parses a comma-separated list of kinds ("" is none).
func ParseKinds(s string) ([]Kind, error) {
	var out []Kind
	for f := range strings.SplitSeq(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !slices.Contains(Kinds, Kind(f)) {
			names := make([]string, len(Kinds))
			for i, k := range Kinds {
				names[i] = string(k)
			}
			return nil, fmt.Errorf("unknown finding kind %q (kinds: %s)", f, strings.Join(names, ", "))
		}
		if !slices.Contains(out, Kind(f)) {
			out = append(out, Kind(f))
		}
	}
	return out, nil
}

// Options configures a check.
type Options struct {
	SourceLang, TargetLang string
	// Model scores the meaning of beads (nil: anchors, cognates and
	// length only). Learned, when set, also matches names through the
	// lexicon.
	Model   sim.Model
	Learned *sim.Learned
	// FailOn are the kinds that fail a pair; MinCoverage the least share
	// of the source's characters that must be aligned (0: any).
	FailOn      []Kind
	MinCoverage float64
	// MeaningRatio and MeaningMax flag a bead whose score is below
	// MeaningRatio × the pair's median bead score and below MeaningMax.
	MeaningRatio, MeaningMax float64
	// LengthZ flags a bead whose log length ratio lies more than LengthZ
	// robust standard deviations from the run's median.
	LengthZ float64
	// Workers is how many pairs are checked at once (<= 0: GOMAXPROCS).
	Workers int
}

// DefaultOptions returns options for Russian originals and English
// translations.
func DefaultOptions() Options {
	return Options{SourceLang: "ru", TargetLang: "en", FailOn: DefaultFailOn, MeaningRatio: 0.4, MeaningMax: 0.2, LengthZ: 4}
}

// Mark is a highlighted passage of one side of a bead: byte offsets into
// BeadScore.Source or BeadScore.Target.
type Mark struct {
	Target     bool `json:"target"`
	Start, End int
}

// Finding is one departure of a translation from its original.
type Finding struct {
	Kind Kind `json:"kind"`
	// Source and Target are the texts of the bead it is about.
	Source string `json:"source"`
	Target string `json:"target"`
	Detail string `json:"detail"`
	// Bead is the index of the bead in Pair.Beads (-1: the whole pair).
	Bead int `json:"bead"`
	// Fail says whether the finding fails its pair.
	Fail  bool   `json:"fail"`
	Marks []Mark `json:"-"`
}

// BeadScore is one bead of a checked pair, with its texts and the
// similarity the check gave it (bilingual beads only; -1 otherwise).
type BeadScore struct {
	Source, Target string
	Score          float64
}

// CoverageShare is the aligned share of a source post.
type CoverageShare struct {
	Sentences float64 `json:"sentences"`
	Chars     float64 `json:"chars"`
}

// PairReport is the check of one pair.
type PairReport struct {
	PairID        int64         `json:"pair_id"`
	SourceChannel string        `json:"source_channel"`
	SourcePostID  int64         `json:"source_post_id"`
	TargetChannel string        `json:"target_channel"`
	TargetPostID  int64         `json:"target_post_id"`
	Coverage      CoverageShare `json:"coverage"`
	Pass          bool          `json:"pass"`
	Findings      []Finding     `json:"findings"`
	Beads         []BeadScore   `json:"-"`
}

// Summary counts a report.
type Summary struct {
	Pairs    int          `json:"pairs"`
	Passed   int          `json:"passed"`
	Failed   int          `json:"failed"`
	Findings map[Kind]int `json:"findings"`
	// FailOn and MinCoverage are the thresholds the pairs were held to.
	FailOn      []Kind  `json:"fail_on"`
	MinCoverage float64 `json:"min_coverage"`
	// Coverage is the aligned share of all source sentences and characters.
	Coverage CoverageShare `json:"coverage"`
}

// Report is the check of a corpus.
type Report struct {
	Pairs   []PairReport `json:"pairs"`
	Summary Summary      `json:"summary"`
}

// Failed reports whether any pair failed.
func (r *Report) Failed() bool { return r.Summary.Failed > 0 }

// Pairs checks every pair (with its beads) and returns the report, in
// Pair.ID order.
func Pairs(pairs []*corpus.Pair, opt Options) *Report {
	rep, _ := PairsContext(context.Background(), pairs, opt)
	return rep
}

// PairsContext is Pairs stopping early, with ctx's error and no report,
// when ctx is cancelled.
func PairsContext(ctx context.Context, pairs []*corpus.Pair, opt Options) (*Report, error) {
	c := newChecker(opt, pairs)
	sorted := slices.Clone(pairs)
	slices.SortStableFunc(sorted, func(a, b *corpus.Pair) int { return cmp.Compare(a.ID, b.ID) })
	rep := &Report{Summary: Summary{Findings: map[Kind]int{}, FailOn: opt.FailOn, MinCoverage: opt.MinCoverage}}
	// Pairs are checked apart, on the workers; the run-wide rules follow.
	reports := make([]PairReport, len(sorted))
	stats := make([]pairStats, len(sorted))
	err := pool.Chunks(ctx, len(sorted), opt.Workers, func() func(lo, hi int) {
		w := c.worker()
		return func(lo, hi int) {
			for k := lo; k < hi; k++ {
				reports[k], stats[k] = w.pair(sorted[k])
			}
		}
	})
	if err != nil {
		return nil, err
	}
	var ratios []float64
	var sentAll, sentOK, charAll, charOK float64
	for k, pr := range reports {
		st := stats[k]
		rep.Pairs = append(rep.Pairs, pr)
		ratios = append(ratios, st.ratios...)
		sentAll += st.sentAll
		sentOK += st.sentOK
		charAll += st.charAll
		charOK += st.charOK
	}
	c.lengthOutliers(rep, ratios)
	for i := range rep.Pairs {
		pr := &rep.Pairs[i]
		if pr.Coverage.Chars < opt.MinCoverage && !sorted[i].Untranslated() {
			pr.Findings = append(pr.Findings, Finding{Kind: Coverage, Bead: -1, Fail: true,
				Detail: fmt.Sprintf("%.0f%% of the original's characters aligned, below %.0f%%", 100*pr.Coverage.Chars, 100*opt.MinCoverage)})
		}
		pr.Pass = true
		for j := range pr.Findings {
			f := &pr.Findings[j]
			if f.Kind != Coverage {
				f.Fail = slices.Contains(opt.FailOn, f.Kind)
			}
			pr.Pass = pr.Pass && !f.Fail
			rep.Summary.Findings[f.Kind]++
		}
		if pr.Pass {
			rep.Summary.Passed++
		} else {
			rep.Summary.Failed++
		}
	}
	rep.Summary.Pairs = len(rep.Pairs)
	rep.Summary.Coverage = CoverageShare{Sentences: share(sentOK, sentAll), Chars: share(charOK, charAll)}
	return rep, nil
}

func share(ok, all float64) float64 {
	if all == 0 {
		return 1
	}
	return ok / all
}

type checker struct {
	opt Options
	// lower holds the words the run's source and target texts write in
	// lower case.
	lower [2]map[string]bool
	// runNames holds the first four letters of the skeletons of the
	// capitalised words of the run's source texts: the names its originals
	// use anywhere.
	runNames map[string]bool
	// The source post whose name keys and lexicon bag are cached.
	srcPost *corpus.Post
	srcKeys []string
	srcBag  sim.Bag
}

func newChecker(opt Options, pairs []*corpus.Pair) *checker {
	c := &checker{opt: opt, lower: [2]map[string]bool{{}, {}}, runNames: map[string]bool{}}
	seen := map[*corpus.Post]bool{}
	for _, p := range pairs {
		for k, post := range []*corpus.Post{p.Source, p.Target} {
			if !seen[post] {
				seen[post] = true
				lowerWords(c.lower[k], post.Text)
				if k == 0 {
					for _, key := range appendCapitalSkeletons(nil, post.Text, opt.SourceLang) {
						c.runNames[namePrefix(key)] = true
					}
				}
			}
		}
	}
	return c
}

// worker returns a checker for one goroutine: the run-wide tables shared
// (read only), its own cache of the source post.
func (c *checker) worker() *checker {
	return &checker{opt: c.opt, lower: c.lower, runNames: c.runNames}
}

// pairStats are what the run-wide rules need of a pair.
type pairStats struct {
	ratios                           []float64
	sentAll, sentOK, charAll, charOK float64
}

// side is one side of a bead: its text and anchors, and what the rules
// derive from them, computed once (the rules look at each bead with its
// neighbours).
type side struct {
	text      string
	anchors   []anchor.Anchor
	keys      map[string]bool // windowKeys
	names     []string        // nameSkeletons
	namesDone bool
}

func (c *checker) pair(p *corpus.Pair) (PairReport, pairStats) {
	pr := PairReport{PairID: p.ID, SourceChannel: p.Source.Channel, SourcePostID: p.Source.ID,
		TargetChannel: p.Target.Channel, TargetPostID: p.Target.ID}
	var st pairStats
	if p.Untranslated() {
		pr.Findings = []Finding{{Kind: Untranslated, Bead: -1,
			Detail: fmt.Sprintf("%s reposted the original in %s, untranslated", p.Target.Channel, p.Target.Lang)}}
		return pr, st
	}
	n := len(p.Beads)
	src := make([]side, n)
	tgt := make([]side, n)
	for i, b := range p.Beads {
		src[i].text = joinSpans(p.Source.Text, p.SourceSentences[b.SrcStart:b.SrcEnd])
		tgt[i].text = joinSpans(p.Target.Text, p.TargetSentences[b.TgtStart:b.TgtEnd])
		src[i].anchors = anchor.Find(src[i].text, c.opt.SourceLang)
		tgt[i].anchors = anchor.Find(tgt[i].text, c.opt.TargetLang)
	}
	pr.Beads = make([]BeadScore, n)
	for i, b := range p.Beads {
		pr.Beads[i] = BeadScore{Source: src[i].text, Target: tgt[i].text, Score: -1}
		// Beads without words (cut marks, emoji) have no meaning to score.
		if b.Bilingual() && hasLetters(src[i].text) && !anchor.IsCutMark(src[i].text) {
			pr.Beads[i].Score = c.similarity(src[i], tgt[i])
		}
	}
	add := func(f Finding) { pr.Findings = append(pr.Findings, f) }

	// Coverage, over the source sentences that carry words.
	for _, b := range p.Beads {
		for _, s := range p.SourceSentences[b.SrcStart:b.SrcEnd] {
			text := p.Source.Text[s.Start:s.End]
			if !hasLetters(text) || anchor.IsCutMark(text) {
				continue
			}
			chars := float64(utf8.RuneCountInString(text))
			st.sentAll++
			st.charAll += chars
			if b.Bilingual() {
				st.sentOK++
				st.charOK += chars
			}
		}
	}
	pr.Coverage = CoverageShare{Sentences: share(st.sentOK, st.sentAll), Chars: share(st.charOK, st.charAll)}

	// Omissions, additions, replacements and cuts.
	lastBilingual := -1
	for i, b := range p.Beads {
		if b.TgtEnd > b.TgtStart {
			lastBilingual = i
		}
	}
	replaced := make([]bool, n)
	low := c.lowScore(pr.Beads)
	for i, b := range p.Beads {
		ns, nt := b.SrcEnd-b.SrcStart, b.TgtEnd-b.TgtStart
		switch {
		case ns > 0 && nt == 0:
			text := src[i].text
			if !hasLetters(text) || anchor.IsCutMark(text) {
				continue
			}
			if j := c.replacement(p, i, tgt); j >= 0 && !replaced[i] {
				replaced[i], replaced[j] = true, true
				// Two sentences that translate each other, which the
				// aligner kept apart (a long bead, a split it did not
				// expect), are no departure.
				if sc := c.similarity(src[i], tgt[j]); sc >= c.opt.MeaningMax && !low(sc) {
					continue
				}
				add(Finding{Kind: Meaning, Bead: i, Source: text, Target: tgt[j].text,
					Detail: "a sentence of the original is replaced by one that says something else",
					Marks:  []Mark{{Start: 0, End: len(text)}, {Target: true, Start: 0, End: len(tgt[j].text)}}})
				continue
			}
			if cut := c.cutNear(p, i, src, tgt); cut != "" {
				add(Finding{Kind: Abridged, Bead: i, Source: text, Detail: "left out at the cut " + cut,
					Marks: []Mark{{Start: 0, End: len(text)}}})
				continue
			}
			if i > lastBilingual && len(p.Target.Links) > 0 && lastBilingual >= 0 {
				add(Finding{Kind: Abridged, Bead: i, Source: text, Detail: "the translation stops early and links to the full text",
					Marks: []Mark{{Start: 0, End: len(text)}}})
				continue
			}
			add(Finding{Kind: Omission, Bead: i, Source: text, Detail: fmt.Sprintf("%s of the original not translated", plural(ns, "sentence")),
				Marks: []Mark{{Start: 0, End: len(text)}}})
		case ns == 0 && nt > 0:
			text := tgt[i].text
			if replaced[i] || !hasLetters(text) {
				continue
			}
			if anchor.HasCutMark(text) {
				add(Finding{Kind: Abridged, Bead: i, Target: text, Detail: "cut marked in the translation", Marks: cutMarks(text, true)})
				continue
			}
			if j := c.replacement(p, i, tgt); j >= 0 {
				continue // reported with its source
			}
			add(Finding{Kind: Addition, Bead: i, Target: text, Detail: fmt.Sprintf("%s with no counterpart in the original", plural(nt, "sentence")),
				Marks: []Mark{{Target: true, Start: 0, End: len(text)}}})
		case ns > 0 && nt > 0:
			if anchor.HasCutMark(tgt[i].text) {
				d := "cut marked in the translation"
				if anchor.HasCutMark(src[i].text) {
					d = "cut marked in the translation, as in the original"
				}
				add(Finding{Kind: Abridged, Bead: i, Source: src[i].text, Target: tgt[i].text, Detail: d, Marks: cutMarks(tgt[i].text, true)})
			}
			for _, f := range c.anchorFindings(p, i, src, tgt) {
				add(f)
			}
			if r, ok := lengthRatio(src[i].text, tgt[i].text); ok {
				st.ratios = append(st.ratios, r)
			}
		}
	}
	shifted, explained := c.shiftFindings(p, pr.Beads, src, tgt, c.lowScore(pr.Beads))
	for _, f := range shifted {
		add(f)
	}
	for _, f := range c.mergedFindings(p, src, tgt, explained) {
		add(f)
	}
	for _, f := range c.meaningFindings(p, pr.Beads, src, tgt) {
		if !explained[f.Bead] {
			add(f)
		}
	}
	slices.SortStableFunc(pr.Findings, func(a, b Finding) int { return cmp.Compare(a.Bead, b.Bead) })
	return pr, st
}

// replacement returns the index of the omission bead of the other kind
// (0-1 for a 1-0 bead and back) right next to bead i, or -1.
func (c *checker) replacement(p *corpus.Pair, i int, tgt []side) int {
	b := p.Beads[i]
	wantSrc := b.SrcEnd == b.SrcStart // bead i is 0-1: look for a 1-0
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(p.Beads) {
			continue
		}
		o := p.Beads[j]
		ns, nt := o.SrcEnd-o.SrcStart, o.TgtEnd-o.TgtStart
		if wantSrc && ns > 0 && nt == 0 || !wantSrc && ns == 0 && nt > 0 && hasLetters(tgt[j].text) && !anchor.HasCutMark(tgt[j].text) {
			return j
		}
	}
	return -1
}

// cutNear returns the cut mark of the translation next to omission bead i
// ("" when none): in the bead before or after it, or past the run of
// omissions it belongs to. A cut the original has too (the two "<...>"
// aligned) declares nothing about the sentences around it.
func (c *checker) cutNear(p *corpus.Pair, i int, src, tgt []side) string {
	for d := -1; d <= 1; d += 2 {
		for j := i + d; j >= 0 && j < len(p.Beads); j += d {
			if m := cutMarkIn(tgt[j].text); m != "" && cutMarkIn(src[j].text) == "" {
				return m
			}
			if b := p.Beads[j]; b.TgtEnd > b.TgtStart {
				break // a translated sentence: the cut is not next to i
			}
		}
	}
	return ""
}

var cutMarkList = []string{"<...>", "[...]", "(...)", "<…>", "[…]", "(…)"}

func cutMarkIn(text string) string {
	for _, m := range cutMarkList {
		if strings.Contains(text, m) {
			return m
		}
	}
	return ""
}

func cutMarks(text string, target bool) []Mark {
	var marks []Mark
	for _, m := range cutMarkList {
		for off := 0; ; {
			k := strings.Index(text[off:], m)
			if k < 0 {
				break
			}
			marks = append(marks, Mark{Target: target, Start: off + k, End: off + k + len(m)})
			off += k + len(m)
		}
	}
	return marks
}

func joinSpans(text string, spans []corpus.Span) string {
	parts := make([]string, len(spans))
	for i, s := range spans {
		parts[i] = text[s.Start:s.End]
	}
	return strings.Join(parts, " ")
}

func hasLetters(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// lengthRatio is the log ratio of a bilingual bead's lengths in code
// points; ok is false for beads too short for a ratio to mean anything.
func lengthRatio(src, tgt string) (float64, bool) {
	ns, nt := utf8.RuneCountInString(src), utf8.RuneCountInString(tgt)
	if ns < 30 && nt < 30 {
		return 0, false
	}
	return math.Log(float64(nt+10) / float64(ns+10)), true
}

// lengthOutliers adds a length finding to every bead whose length ratio
// lies more than LengthZ robust deviations from the run's median.
func (c *checker) lengthOutliers(rep *Report, ratios []float64) {
	if len(ratios) < 20 || c.opt.LengthZ <= 0 {
		return
	}
	med := median(ratios)
	dev := make([]float64, len(ratios))
	for i, r := range ratios {
		dev[i] = math.Abs(r - med)
	}
	sigma := max(1.4826*median(dev), 0.05)
	for i := range rep.Pairs {
		pr := &rep.Pairs[i]
		for j, b := range pr.Beads {
			if b.Score < 0 {
				continue
			}
			r, ok := lengthRatio(b.Source, b.Target)
			if !ok {
				continue
			}
			if z := (r - med) / sigma; math.Abs(z) > c.opt.LengthZ {
				word := "longer"
				if z < 0 {
					word = "shorter"
				}
				pr.Findings = append(pr.Findings, Finding{Kind: Length, Bead: j, Source: b.Source, Target: b.Target,
					Detail: fmt.Sprintf("the translation is %.1f× the usual length (%s by %.1f deviations)", math.Exp(r-med), word, math.Abs(z))})
			}
		}
		slices.SortStableFunc(pr.Findings, func(a, b Finding) int { return cmp.Compare(a.Bead, b.Bead) })
	}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
