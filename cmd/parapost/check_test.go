package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheck: parapost check on the built sample (DIR) and on its inputs
// (built in memory) finds the same two omissions, exits 1, writes the four
// reports; a clean run exits 0 and bad input exits 2.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	if code, _, errs := parapost(t, "", "build", "-q", "--sample", "-o", corpusDir); code != 0 {
		t.Fatalf("build --sample: exit %d: %s", code, errs)
	}
	inputs := []string{filepath.Join(data, "mfa-sample", "mid_russia.result.json"), filepath.Join(data, "mfa-sample", "mid_russia.page.html"),
		filepath.Join(data, "mfa-sample", "mfa_russia.result.json")}
	for name, args := range map[string][]string{"dir": {corpusDir}, "inputs": inputs} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(dir, name)
			if err := os.Mkdir(out, 0o755); err != nil {
				t.Fatal(err)
			}
			files := map[string]string{}
			cmd := []string{"check", "-q"}
			for _, f := range []string{"json", "junit", "markdown", "html"} {
				files[f] = filepath.Join(out, "check."+f)
				cmd = append(cmd, "--"+f, files[f])
			}
			code, stdout, errs := parapost(t, "", append(cmd, args...)...)
			if code != 1 {
				t.Fatalf("exit %d, want 1 (two pairs fail): %s\n%s", code, errs, stdout)
			}
			if !strings.Contains(stdout, "2 fail") || strings.Count(stdout, "omission:") != 2 || !strings.Contains(errs, "2 of 13 pairs fail") {
				t.Errorf("summary:\n%s\nstderr: %s", stdout, errs)
			}
			var rep struct {
				Pairs []struct {
					TargetPostID int64 `json:"target_post_id"`
					Pass         bool
				}
				Summary struct{ Failed int }
			}
			raw, err := os.ReadFile(files["json"])
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(raw, &rep); err != nil {
				t.Fatal(err)
			}
			var failed []int64
			for _, p := range rep.Pairs {
				if !p.Pass {
					failed = append(failed, p.TargetPostID)
				}
			}
			if len(rep.Pairs) != 13 || len(failed) != 2 || failed[0] != 21579 || failed[1] != 21592 {
				t.Errorf("%d pairs, failing %v; want 13 and the Brazil and Laos posts 21579, 21592", len(rep.Pairs), failed)
			}
			x, err := os.ReadFile(files["junit"])
			if err != nil {
				t.Fatal(err)
			}
			var suites struct {
				Tests int `xml:"tests,attr"`
			}
			if err := xml.Unmarshal(x, &suites); err != nil || suites.Tests != 13 {
				t.Errorf("junit: %v, %d tests", err, suites.Tests)
			}
			for _, f := range []string{"markdown", "html"} {
				if st, err := os.Stat(files[f]); err != nil || st.Size() == 0 {
					t.Errorf("%s report: %v", f, err)
				}
			}
		})
	}
	t.Run("pass", func(t *testing.T) {
		if code, stdout, errs := parapost(t, "", "check", "--fail-on", "number,date", corpusDir); code != 0 {
			t.Errorf("--fail-on number,date: exit %d: %s %s", code, stdout, errs)
		}
	})
	for name, args := range map[string][]string{
		"unknown kind": {"check", "--fail-on", "omission,typo", corpusDir},
		"coverage":     {"check", "--min-coverage", "1.5", corpusDir},
		"no input":     {"check"},
		"missing":      {"check", filepath.Join(dir, "missing")},
		"report dir":   {"check", "--json", dir, corpusDir},
	} {
		t.Run(name, func(t *testing.T) {
			if code, _, errs := parapost(t, "", args...); code != 2 {
				t.Errorf("exit %d, want 2: %s", code, errs)
			}
		})
	}
	t.Run("bad corpus", func(t *testing.T) {
		bad := filepath.Join(dir, "bad")
		if err := os.MkdirAll(bad, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"posts.parquet", "pairs.parquet", "sentences.parquet"} {
			if err := os.WriteFile(filepath.Join(bad, f), []byte("not parquet"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		code, _, errs := parapost(t, "", "check", bad)
		if code != 2 || !strings.Contains(errs, "posts.parquet") {
			t.Errorf("exit %d, want 2 naming the file: %s", code, errs)
		}
	})
}

// TestCheckUpdatePairs: check --update-pairs writes the findings into
// pairs.parquet's check_* columns. With the build's options it writes what
// the build wrote; a corpus built before the columns gets them.
func TestCheckUpdatePairs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	if code, _, errs := parapost(t, "", "build", "-q", "--sample", "-o", dir); code != 0 {
		t.Fatalf("build --sample: exit %d: %s", code, errs)
	}
	path := filepath.Join(dir, "pairs.parquet")
	built, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errs := parapost(t, "", "check", "-q", "--update-pairs", dir); code != 1 {
		t.Fatalf("check --update-pairs: exit %d, want 1: %s", code, errs)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, built) {
		t.Error("check --update-pairs with the build's options changed pairs.parquet")
	}

	// A corpus of the sample built before the check_* columns.
	old, err := os.ReadFile(filepath.Join(data, "parquet", "pairs-before-check.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := parapost(t, "", "check", "-q", dir); code != 1 {
		t.Fatalf("check of a corpus without check columns: exit %d: %s", code, errs)
	}
	if code, _, errs := parapost(t, "", "check", "-q", "--update-pairs", "--fail-on", "", dir); code != 0 {
		t.Fatalf("check --update-pairs --fail-on '': exit %d: %s", code, errs)
	}
	rows := readRows(t, path, readPairs)
	omissions := 0
	for _, r := range rows {
		c := r.Check()
		if c == nil || !c.Pass {
			t.Fatalf("pair %d: check %+v, want a pass (nothing fails)", r.PairID, c)
		}
		omissions += c.Omissions
	}
	if len(rows) != 13 || omissions != 2 {
		t.Errorf("%d pairs, %d omissions; want 13 and 2", len(rows), omissions)
	}

	for _, args := range [][]string{{"--update-pairs", filepath.Join(data, "mfa-sample", "mid_russia.result.json")}, {"--update-pairs", dir, dir}} {
		if code, _, errs := parapost(t, "", append([]string{"check", "-q"}, args...)...); code != 2 || !strings.Contains(errs, "--update-pairs") {
			t.Errorf("check %v: exit %d, want 2: %s", args, code, errs)
		}
	}
}
