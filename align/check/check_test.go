package check_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/parapost/parapost/align/check"
	"github.com/parapost/parapost/align/internal/fixture"
	"github.com/parapost/parapost/corpus"
)

// goldOmissions reads the source sentences the gold beads of the
// mfa-sample leave untranslated, by English post id.
func goldOmissions(t *testing.T) map[int64][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(fixture.Root, "mfa-sample/gold/beads.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[int64][]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct {
			EnID  int64 `json:"en_id"`
			Beads []struct{ Ru, En string }
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		for _, b := range rec.Beads {
			if b.En == "" && b.Ru != "" {
				out[rec.EnID] = append(out[rec.EnID], b.Ru)
			}
		}
	}
	return out
}

// TestMFASample: the two real omissions (Brazil and Laos) are reported
// where the gold has them, the "<...>" cuts are abridged, and no other
// pair has an omission, number, date or name finding.
func TestMFASample(t *testing.T) {
	b := mfa(t)
	rep := check.Pairs(b.pairs, b.options())
	gold := goldOmissions(t)
	if len(gold) != 2 {
		t.Fatalf("gold omissions in %d posts, want 2", len(gold))
	}
	abridged := 0
	for _, p := range rep.Pairs {
		var omitted []string
		for _, f := range p.Findings {
			switch f.Kind {
			case check.Omission:
				omitted = append(omitted, f.Source)
			case check.Number, check.Date, check.Name, check.Addition:
				t.Errorf("pair %d (%d): %s finding: %s", p.PairID, p.TargetPostID, f.Kind, f.Detail)
			case check.Abridged:
				abridged++
			}
		}
		want := gold[p.TargetPostID]
		if !slices.Equal(omitted, want) {
			t.Errorf("pair %d (%d): omissions %q, want %q", p.PairID, p.TargetPostID, omitted, want)
		}
		if p.Pass != (len(want) == 0) {
			t.Errorf("pair %d (%d): pass %v with %d omissions", p.PairID, p.TargetPostID, p.Pass, len(want))
		}
	}
	if abridged == 0 {
		t.Error("no abridged finding: the sample's <...> cuts are not reported")
	}
	if rep.Summary.Failed != 2 || !rep.Failed() {
		t.Errorf("summary %+v, want 2 failing pairs", rep.Summary)
	}
}

func TestFailOnAndCoverage(t *testing.T) {
	b := mfa(t)
	opt := b.options()
	opt.FailOn = nil
	if rep := check.Pairs(b.pairs, opt); rep.Failed() {
		t.Errorf("with no failing kinds %d pairs fail", rep.Summary.Failed)
	}
	opt.MinCoverage = 1
	rep := check.Pairs(b.pairs, opt)
	if rep.Summary.Failed != 2 || rep.Summary.Findings[check.Coverage] != 2 {
		t.Errorf("--min-coverage 1: %d fail, %d coverage findings; want the 2 pairs with omissions", rep.Summary.Failed, rep.Summary.Findings[check.Coverage])
	}
}

func TestParseKinds(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []check.Kind
		ok   bool
	}{
		{"", nil, true},
		{"omission, number,omission", []check.Kind{check.Omission, check.Number}, true},
		{"omission,typo", nil, false},
	} {
		got, err := check.ParseKinds(c.in)
		if (err == nil) != c.ok || !slices.Equal(got, c.want) {
			t.Errorf("ParseKinds(%q) = %v, %v", c.in, got, err)
		}
	}
}

func TestReports(t *testing.T) {
	b := mfa(t)
	rep := check.Pairs(b.pairs, b.options())

	t.Run("junit", func(t *testing.T) {
		var buf bytes.Buffer
		if err := check.WriteJUnit(&buf, rep); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Suites []struct {
				Cases []struct {
					Name     string `xml:"name,attr"`
					Failures []struct {
						Type string `xml:"type,attr"`
					} `xml:"failure"`
				} `xml:"testcase"`
			} `xml:"testsuite"`
		}
		dec := xml.NewDecoder(&buf)
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("not XML: %v", err)
		}
		if len(doc.Suites) != 1 || len(doc.Suites[0].Cases) != len(rep.Pairs) {
			t.Fatalf("want one suite of %d test cases, got %+v", len(rep.Pairs), doc)
		}
		failures := 0
		for _, c := range doc.Suites[0].Cases {
			for _, f := range c.Failures {
				failures++
				if f.Type != string(check.Omission) {
					t.Errorf("%s: failure of type %s", c.Name, f.Type)
				}
			}
		}
		if failures != 2 {
			t.Errorf("%d failures, want 2", failures)
		}
	})

	t.Run("json", func(t *testing.T) {
		var buf bytes.Buffer
		if err := check.WriteJSON(&buf, rep); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Pairs []struct {
				PairID       *int64          `json:"pair_id"`
				SourcePostID *int64          `json:"source_post_id"`
				TargetPostID *int64          `json:"target_post_id"`
				Coverage     *map[string]any `json:"coverage"`
				Pass         *bool           `json:"pass"`
				Findings     []map[string]any
			}
			Summary map[string]any
		}
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Pairs) != len(rep.Pairs) || doc.Summary["failed"] != 2.0 {
			t.Fatalf("%d pairs, summary %v", len(doc.Pairs), doc.Summary)
		}
		for _, p := range doc.Pairs {
			if p.PairID == nil || p.SourcePostID == nil || p.TargetPostID == nil || p.Coverage == nil || p.Pass == nil || p.Findings == nil {
				t.Fatalf("pair lacks a field: %+v", p)
			}
			for _, f := range p.Findings {
				for _, k := range []string{"kind", "source", "target", "detail"} {
					if _, ok := f[k]; !ok {
						t.Fatalf("finding lacks %s: %v", k, f)
					}
				}
			}
		}
	})

	t.Run("markdown", func(t *testing.T) {
		var buf bytes.Buffer
		if err := check.WriteMarkdown(&buf, rep, 0); err != nil {
			t.Fatal(err)
		}
		md := buf.String()
		for _, want := range []string{"2 of 13 pairs fail", "| omission | 2 | yes |", "| abridged |", "### Failing pairs"} {
			if !strings.Contains(md, want) {
				t.Errorf("markdown lacks %q:\n%s", want, md)
			}
		}
	})

	t.Run("html", func(t *testing.T) {
		var buf bytes.Buffer
		if err := check.WriteHTML(&buf, rep); err != nil {
			t.Fatal(err)
		}
		page := buf.String()
		if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//`).FindString(page); m != "" {
			t.Errorf("the page loads from the network: %s", m)
		}
		for _, want := range []string{"<svg", `class="pair"`, `data-kind="omission"`, "<mark class=\"k-omission\"", "keydown", `<select id="channel">`} {
			if !strings.Contains(page, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		if n := strings.Count(page, `<section class="pair"`); n != len(rep.Pairs) {
			t.Errorf("%d pair sections, want %d", n, len(rep.Pairs))
		}
	})
}

// TestAnnotate: each pair's Check counts its report's findings by kind.
func TestAnnotate(t *testing.T) {
	b := mfa(t)
	pairs := make([]*corpus.Pair, len(b.pairs))
	for i, p := range b.pairs {
		q := *p
		pairs[i] = &q
	}
	rep, err := check.Annotate(context.Background(), pairs, b.options())
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]*corpus.Pair{}
	for _, p := range pairs {
		byID[p.ID] = p
	}
	omissions, failed := 0, 0
	for _, pr := range rep.Pairs {
		c := byID[pr.PairID].Check
		if c == nil {
			t.Fatalf("pair %d: no Check", pr.PairID)
		}
		n := 0
		for _, f := range pr.Findings {
			if f.Kind != check.Coverage {
				n++
			}
		}
		if sum := c.Omissions + c.Additions + c.Numbers + c.Dates + c.Names + c.Hashtags + c.Flags + c.Meaning + c.Length + c.Abridged; sum != n {
			t.Errorf("pair %d: Check counts %d findings, the report %d", pr.PairID, sum, n)
		}
		if c.Pass != pr.Pass || c.Coverage != pr.Coverage.Chars {
			t.Errorf("pair %d: Check %+v, report pass %v coverage %v", pr.PairID, *c, pr.Pass, pr.Coverage)
		}
		omissions += c.Omissions
		if !c.Pass {
			failed++
		}
	}
	if omissions != 2 || failed != 2 {
		t.Errorf("%d omissions in %d failing pairs, want 2 and 2", omissions, failed)
	}
}

// BenchmarkPairs checks the 62 pairs of wmt23-ruen-dev-hard, as parapost
// build does after alignment (pairs.parquet's check_* columns).
func BenchmarkPairs(b *testing.B) {
	built := build(b, wmtFiles...)
	opt := built.options()
	b.ResetTimer()
	for b.Loop() {
		check.Pairs(built.pairs, opt)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(built.pairs)), "µs/pair")
}

// TestAnnotateCancelled: a cancelled build's audit stops with ctx's error
// and annotates nothing (a signal after alignment waited for the whole
// audit before).
func TestAnnotateCancelled(t *testing.T) {
	b := mfa(t)
	pairs := make([]*corpus.Pair, len(b.pairs))
	for i, p := range b.pairs {
		q := *p
		q.Check = nil
		pairs[i] = &q
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := check.Annotate(ctx, pairs, b.options())
	if !errors.Is(err, context.Canceled) || rep != nil {
		t.Fatalf("Annotate on a cancelled context: report %v, error %v; want none and context.Canceled", rep != nil, err)
	}
	for _, p := range pairs {
		if p.Check != nil {
			t.Fatalf("pair %d annotated by a cancelled audit", p.ID)
		}
	}
}
