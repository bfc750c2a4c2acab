package check

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// WriteJSON writes the report as one indented JSON object.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write check json: %w", err)
	}
	return nil
}

// MarshalJSON writes a report with empty lists as [] rather than null.
func (p PairReport) MarshalJSON() ([]byte, error) {
	type plain PairReport
	if p.Findings == nil {
		p.Findings = []Finding{}
	}
	return json.Marshal(plain(p))
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	Classname string         `xml:"classname,attr"`
	Failures  []junitFailure `xml:"failure"`
	SystemOut string         `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the report as JUnit XML: one test case per pair, a
// failure per failing finding; the other findings go to system-out.
func WriteJUnit(w io.Writer, r *Report) error {
	suite := junitSuite{Name: "parapost check", Tests: len(r.Pairs)}
	for _, p := range r.Pairs {
		tc := junitCase{Name: pairName(p), Classname: "parapost.check." + p.SourceChannel}
		var notes []string
		for _, f := range p.Findings {
			if !f.Fail {
				notes = append(notes, fmt.Sprintf("%s: %s", f.Kind, f.Detail))
				continue
			}
			tc.Failures = append(tc.Failures, junitFailure{Message: string(f.Kind) + ": " + f.Detail, Type: string(f.Kind),
				Text: fmt.Sprintf("original: %s\ntranslation: %s", xmlSafe(f.Source), xmlSafe(f.Target))})
		}
		tc.SystemOut = xmlSafe(strings.Join(notes, "\n"))
		if len(tc.Failures) > 0 {
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, tc)
	}
	doc := junitSuites{Name: "parapost check", Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	return nil
}

// xmlSafe drops the characters XML 1.0 cannot hold (control characters
// but tab and newline), which encoding/xml would escape into an invalid
// document.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
}

func pairName(p PairReport) string {
	return fmt.Sprintf("pair %d: %s/%d → %s/%d", p.PairID, p.SourceChannel, p.SourcePostID, p.TargetChannel, p.TargetPostID)
}

// WriteMarkdown writes a summary for a pull-request comment: the totals,
// findings per kind, and the failing pairs with their failing findings
// (at most maxPairs, 0: 50).
func WriteMarkdown(w io.Writer, r *Report, maxPairs int) error {
	if maxPairs <= 0 {
		maxPairs = 50
	}
	var b strings.Builder
	s := r.Summary
	status := "✅ all pairs pass"
	if s.Failed > 0 {
		status = fmt.Sprintf("❌ %d of %d pairs fail", s.Failed, s.Pairs)
	}
	fmt.Fprintf(&b, "## parapost check: %s\n\n", status)
	fmt.Fprintf(&b, "%d pairs checked, %d pass, %d fail. Source coverage: %.1f%% of sentences, %.1f%% of characters aligned.\n\n",
		s.Pairs, s.Passed, s.Failed, 100*s.Coverage.Sentences, 100*s.Coverage.Chars)
	names := make([]string, len(s.FailOn))
	for i, k := range s.FailOn {
		names[i] = string(k)
	}
	fmt.Fprintf(&b, "Failing kinds: %s", strings.Join(names, ", "))
	if s.MinCoverage > 0 {
		fmt.Fprintf(&b, "; minimum coverage %.0f%%", 100*s.MinCoverage)
	}
	b.WriteString(".\n\n| finding | count | fails |\n| --- | ---: | :---: |\n")
	for _, k := range Kinds {
		if n := s.Findings[k]; n > 0 {
			fails := ""
			for _, f := range s.FailOn {
				if f == k {
					fails = "yes"
				}
			}
			if k == Coverage {
				fails = "yes"
			}
			fmt.Fprintf(&b, "| %s | %d | %s |\n", k, n, fails)
		}
	}
	shown := 0
	for _, p := range r.Pairs {
		if p.Pass {
			continue
		}
		if shown == 0 {
			b.WriteString("\n### Failing pairs\n\n")
		}
		if shown == maxPairs {
			fmt.Fprintf(&b, "\n…and %d more.\n", s.Failed-shown)
			break
		}
		shown++
		fmt.Fprintf(&b, "- **%s** (coverage %.0f%%)\n", mdEscape(pairName(p)), 100*p.Coverage.Chars)
		for _, f := range p.Findings {
			if f.Fail {
				fmt.Fprintf(&b, "  - `%s` %s: %s\n", f.Kind, mdEscape(f.Detail), mdEscape(excerpt(f.Source, f.Target)))
			}
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write markdown: %w", err)
	}
	return nil
}

func excerpt(src, tgt string) string {
	cut := func(s string) string {
		r := []rune(strings.Join(strings.Fields(s), " "))
		if len(r) > 80 {
			return string(r[:80]) + "…"
		}
		return string(r)
	}
	switch {
	case src != "" && tgt != "":
		return fmt.Sprintf("«%s» → «%s»", cut(src), cut(tgt))
	case src != "":
		return fmt.Sprintf("«%s»", cut(src))
	default:
		return fmt.Sprintf("«%s»", cut(tgt))
	}
}

var mdEscaper = strings.NewReplacer("|", "\\|", "*", "\\*", "_", "\\_", "`", "\\`", "<", "&lt;", ">", "&gt;", "[", "\\[", "]", "\\]")

func mdEscape(s string) string { return mdEscaper.Replace(s) }
