package check_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/anchor"
	"github.com/parapost/parapost/align/check"
	"github.com/parapost/parapost/corpus"
)

// A defect changes the English side of a pair; ok is false when the pair
// offers no place for it.
type defect struct {
	name string
	want check.Kind
	make func(p *corpus.Pair, other *corpus.Pair) (string, bool)
}

// middle returns the target sentences of the pair's 1-1 beads past the
// first, with five words or more: the places a defect goes.
func middle(p *corpus.Pair) []corpus.Span {
	var out []corpus.Span
	for i, b := range p.Beads {
		if i == 0 || b.SrcEnd-b.SrcStart != 1 || b.TgtEnd-b.TgtStart != 1 {
			continue
		}
		s := p.TargetSentences[b.TgtStart]
		text := p.Target.Text[s.Start:s.End]
		// Not next to a cut of the translation: a sentence left out there
		// is declared.
		near := anchor.HasCutMark(text)
		for _, j := range []int{i - 1, i + 1} {
			if j >= 0 && j < len(p.Beads) {
				if nb := p.Beads[j]; nb.TgtEnd > nb.TgtStart {
					t := p.TargetSentences[nb.TgtStart:nb.TgtEnd]
					near = near || anchor.HasCutMark(p.Target.Text[t[0].Start:t[len(t)-1].End])
				}
			}
		}
		if len(strings.Fields(text)) >= 5 && !near {
			out = append(out, s)
		}
	}
	return out
}

// endsSentence reports whether text ends in a full stop, a question or an
// exclamation mark (before closing quotes or brackets).
func endsSentence(text string) bool {
	t := strings.TrimRight(text, `"'»”) `)
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "…")
}

func replace(text string, start, end int, with string) string {
	return text[:start] + with + text[end:]
}

// sourceKeys are the anchor keys of the pair's original.
func sourceKeys(p *corpus.Pair) map[string]bool {
	m := map[string]bool{}
	for _, a := range anchor.Find(p.Source.Text, "ru") {
		m[a.String()] = true
	}
	return m
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

var defects = []defect{
	{"changed number", check.Number, func(p, _ *corpus.Pair) (string, bool) {
		keys := sourceKeys(p)
		for _, a := range anchor.Find(p.Target.Text, "en") {
			word := p.Target.Text[a.Start:a.End]
			n, err := strconv.Atoi(word)
			if a.Kind == anchor.Number && err == nil && keys[a.String()] && (n < 1800 || n > 2100) {
				return replace(p.Target.Text, a.Start, a.End, strconv.Itoa(n+7)), true
			}
		}
		return "", false
	}},
	{"changed month", check.Date, func(p, _ *corpus.Pair) (string, bool) {
		keys := sourceKeys(p)
		for _, a := range anchor.Find(p.Target.Text, "en") {
			if a.Kind != anchor.Date || !keys[a.String()] {
				continue
			}
			span := p.Target.Text[a.Start:a.End]
			for m, name := range monthNames {
				if k := strings.Index(span, name); k >= 0 {
					return replace(p.Target.Text, a.Start+k, a.Start+k+len(name), monthNames[(m+2)%12]), true
				}
			}
		}
		return "", false
	}},
	{"swapped name", check.Name, func(p, _ *corpus.Pair) (string, bool) {
		keys := sourceKeys(p)
		for _, s := range middle(p) {
			for _, a := range anchor.Find(p.Target.Text[s.Start:s.End], "en") {
				word := p.Target.Text[s.Start+a.Start : s.Start+a.End]
				if a.Kind == anchor.Name && keys[a.String()] && !strings.Contains(word, " ") && a.Start > 0 {
					return replace(p.Target.Text, s.Start+a.Start, s.Start+a.End, "Shoigu"), true
				}
			}
		}
		return "", false
	}},
	{"dropped sentence", check.Omission, func(p, _ *corpus.Pair) (string, bool) {
		m := middle(p)
		if len(m) == 0 {
			return "", false
		}
		s := m[len(m)/2]
		return replace(p.Target.Text, s.Start, s.End, ""), true
	}},
	{"added sentence", check.Addition, func(p, _ *corpus.Pair) (string, bool) {
		// After a sentence that ends in a full stop: after a heading or a
		// line without one the added sentence would be read as its end, a
		// sentence no splitter can tell from it (a longer translation, not
		// an added one).
		var m []corpus.Span
		for _, s := range middle(p) {
			if endsSentence(p.Target.Text[s.Start:s.End]) {
				m = append(m, s)
			}
		}
		if len(m) == 0 {
			return "", false
		}
		s := m[len(m)/2]
		return replace(p.Target.Text, s.End, s.End, " The organisers also thanked the volunteers of the local football club for their help with the parking."), true
	}},
	{"sentence of another post", check.Meaning, func(p, other *corpus.Pair) (string, bool) {
		m, o := middle(p), middle(other)
		if len(m) == 0 || len(o) == 0 {
			return "", false
		}
		s, r := m[len(m)/2], o[len(o)/2]
		return replace(p.Target.Text, s.Start, s.End, other.Target.Text[r.Start:r.End]), true
	}},
}

// withTarget returns a copy of p whose translation reads text, aligned
// again with the build's options.
func (b *built) withTarget(p *corpus.Pair, text string) *corpus.Pair {
	post := *p.Target
	post.Text = text
	q := &corpus.Pair{ID: p.ID, Source: p.Source, Target: &post, Score: p.Score}
	align.Pair(q, b.align)
	return q
}

// findings returns the findings of kind k of pair id, as kind, detail
// and texts.
func findings(r *check.Report, id int64, k check.Kind) []string {
	var out []string
	for _, p := range r.Pairs {
		if p.PairID == id {
			for _, f := range p.Findings {
				if f.Kind == k {
					out = append(out, f.Detail+"\x00"+f.Source+"\x00"+f.Target)
				}
			}
		}
	}
	return out
}

// newFinding reports whether the defective report has a finding of kind k
// in pair id that the clean report lacks.
func newFinding(clean, defective *check.Report, id int64, k check.Kind) bool {
	before := findings(clean, id, k)
	for _, f := range findings(defective, id, k) {
		if !slices.Contains(before, f) {
			return true
		}
	}
	return false
}

// checkMarks fails the test when a finding's highlighted passage is not a
// passage of its bead: the review page would highlight the wrong words.
func checkMarks(t *testing.T, rep *check.Report) {
	t.Helper()
	for _, pr := range rep.Pairs {
		for _, f := range pr.Findings {
			for _, m := range f.Marks {
				text := f.Source
				if m.Target {
					text = f.Target
				}
				if m.Start < 0 || m.End > len(text) || m.Start >= m.End || !utf8.ValidString(text[m.Start:m.End]) {
					t.Errorf("pair %d, %s finding: mark %+v outside or across the runes of %q", pr.PairID, f.Kind, m, text)
				} else if mark := strings.TrimSpace(text[m.Start:m.End]); mark != text[m.Start:m.End] {
					t.Errorf("pair %d, %s finding: mark %q starts or ends in a space", pr.PairID, f.Kind, text[m.Start:m.End])
				}
			}
		}
	}
}

// injectDefects puts each defect into up to perDefect pairs, one at a time,
// and counts those found: a new finding of the defect's kind in that pair.
func injectDefects(t *testing.T, b *built, perDefect int) map[string][2]int {
	t.Helper()
	opt := b.options()
	clean := check.Pairs(b.pairs, opt)
	table := map[string][2]int{}
	for _, d := range defects {
		tried := 0
		for i, p := range b.pairs {
			if tried == perDefect {
				break
			}
			if p.Untranslated() {
				continue // a repost, not a translation: the check compares no sentences
			}
			other := b.pairs[(i+len(b.pairs)/2)%len(b.pairs)]
			text, ok := d.make(p, other)
			if !ok {
				continue
			}
			tried++
			pairs := slices.Clone(b.pairs)
			pairs[i] = b.withTarget(p, text)
			rep := check.Pairs(pairs, opt)
			checkMarks(t, rep)
			found := newFinding(clean, rep, p.ID, d.want)
			if !found {
				var got []string
				for _, pr := range rep.Pairs {
					if pr.PairID == p.ID {
						for _, f := range pr.Findings {
							got = append(got, fmt.Sprintf("%s (%s)", f.Kind, f.Detail))
						}
					}
				}
				t.Logf("missed %s in pair %d (%s/%d): findings %v", d.name, p.ID, p.Target.Channel, p.Target.ID, got)
			}
			row := table[d.name]
			row[0]++
			if found {
				row[1]++
			}
			table[d.name] = row
		}
	}
	return table
}

func TestDefects(t *testing.T) {
	if testing.Short() {
		t.Skip("builds three corpora")
	}
	for _, c := range []struct {
		name      string
		files     []string
		extra     string // a source of similarity besides the lexicon (see buildWith)
		perDefect int
		// minFound is the share of injected defects found, per kind;
		// minMeaning that of sentences replaced by another post's.
		minFound, minMeaning float64
	}{
		// What the rules reach (see the logged table and NOTES.md). With
		// machine translations every defect is found. With the lexicon
		// learned from 62 pairs alone, 3 of 10 sentences of another post
		// go unseen (it knows 2 words or fewer of the original's sentence,
		// too few to judge: judging from 2 doubles the false alarms), and
		// one sentence left out ("The film suggests an answer.") hides in
		// a 2-2 bead whose sentences it does not know. Mueller's
		// dictionary knows enough for all but one sentence of another
		// post ("По его словам, это невозможно, все было
		// сертифицировано.": 2 known words).
		{"mfa-sample", mfaFiles, "", 5, 1, 1},
		{"wmt23-ruen-dev-hard", wmtFiles, "", 10, 0.9, 0.7},
		{"wmt23-ruen-dev-hard+mt", wmtFiles, "wmt23-ruen-dev-hard/mt/ru-en.jsonl", 10, 1, 1},
		{"wmt23-ruen-dev-hard+dict", wmtFiles, mueller7, 10, 1, 0.9},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := buildWith(t, c.extra, c.files...)
			table := injectDefects(t, b, c.perDefect)
			for _, d := range defects {
				row := table[d.name]
				t.Logf("%-26s %-9s found %d of %d", d.name, d.want, row[1], row[0])
				if row[0] == 0 {
					t.Errorf("%s: no pair to inject it into", d.name)
					continue
				}
				want := c.minFound
				if d.want == check.Meaning {
					want = c.minMeaning
				}
				if float64(row[1]) < want*float64(row[0]) {
					t.Errorf("%s: found %d of %d, want %.0f%%", d.name, row[1], row[0], 100*want)
				}
			}
		})
	}
}

// TestCleanWMT: on the clean pairs of wmt23-ruen-dev-hard (human
// translations, which do drop and reword) every finding is a false alarm
// or a real liberty of the translator; their number per kind is logged and
// bounded so that a rule that starts firing everywhere fails (NOTES.md
// classifies each).
func TestCleanWMT(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a corpus")
	}
	b := build(t, wmtFiles...)
	rep := check.Pairs(b.pairs, b.options())
	pairs := map[check.Kind]map[int64]bool{}
	for _, p := range rep.Pairs {
		for _, f := range p.Findings {
			if pairs[f.Kind] == nil {
				pairs[f.Kind] = map[int64]bool{}
			}
			pairs[f.Kind][p.PairID] = true
		}
	}
	for _, k := range check.Kinds {
		t.Logf("%-9s %3d findings in %2d of %d pairs", k, rep.Summary.Findings[k], len(pairs[k]), len(rep.Pairs))
	}
	t.Logf("failing pairs: %d of %d", rep.Summary.Failed, rep.Summary.Pairs)
	// Bounds a little above what NOTES.md classifies: each finding left is
	// a translator's liberty, a corrupt original or a known limit.
	for k, most := range map[check.Kind]int{check.Omission: 1, check.Addition: 3, check.Number: 3, check.Date: 1, check.Name: 3, check.Meaning: 5} {
		if n := rep.Summary.Findings[k]; n > most {
			t.Errorf("%d %s findings on the clean pairs, want %d at most", n, k, most)
		}
	}
	if rep.Summary.Failed > 6 {
		t.Errorf("%d of %d clean pairs fail, want 6 at most", rep.Summary.Failed, len(rep.Pairs))
	}
}
