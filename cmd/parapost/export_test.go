package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/detect"
)

// TestExport builds the built-in sample once and exports it every way.
func TestExport(t *testing.T) {
	corpusDir := t.TempDir()
	if code, _, errs := parapost(t, "", "build", "--sample", "-o", corpusDir); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	t.Run("formats", func(t *testing.T) { testExportFormats(t, corpusDir) })
	t.Run("train", func(t *testing.T) { testExportTrain(t, corpusDir) })
	t.Run("usage errors", func(t *testing.T) { testExportUsageErrors(t, corpusDir) })
	t.Run("build filters and card", func(t *testing.T) { testBuildFiltersAndCard(t, corpusDir) })
	t.Run("sample channels", func(t *testing.T) { testSampleChannels(t, corpusDir) })
	t.Run("interrupted", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		out := t.TempDir()
		var stdout, stderr bytes.Buffer
		code := run(ctx, []string{"parapost", "export", "-o", filepath.Join(out, "train"), corpusDir}, strings.NewReader(""), &stdout, &stderr)
		if entries, _ := os.ReadDir(out); code == 0 || len(entries) != 0 {
			t.Errorf("exit %d with %d files; want a failure and nothing published", code, len(entries))
		}
	})
}

func fileLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

// TestExportFormats exports the sample's 114 beads in every format.
func testExportFormats(t *testing.T, corpusDir string) {
	rows := readRows(t, filepath.Join(corpusDir, "sentences.parquet"), readSentences)
	out := t.TempDir()

	t.Run("moses", func(t *testing.T) {
		code, _, errs := parapost(t, "", "export", "--format", "moses", "-o", filepath.Join(out, "train"), corpusDir)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		ru, en := fileLines(t, filepath.Join(out, "train.ru")), fileLines(t, filepath.Join(out, "train.en"))
		if len(ru) != len(rows) || len(en) != len(rows) {
			t.Fatalf("%d ru and %d en lines, want %d each", len(ru), len(en), len(rows))
		}
		for i, r := range rows {
			// No CSV quoting: a line is the bead's text, quotes and all.
			if ru[i] != corpus.CleanLine(r.Translation["ru"]) || en[i] != corpus.CleanLine(r.Translation["en"]) {
				t.Errorf("line %d: %q | %q", i+1, ru[i], en[i])
			}
		}
		if !strings.Contains(errs, "exported 114 beads") {
			t.Errorf("summary: %s", errs)
		}
	})
	t.Run("tsv", func(t *testing.T) {
		path := filepath.Join(out, "train.tsv")
		if code, _, errs := parapost(t, "", "export", "--format", "tsv", "-o", path, corpusDir); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		lines := fileLines(t, path)
		if len(lines) != len(rows) {
			t.Fatalf("%d lines, want %d", len(lines), len(rows))
		}
		for i, l := range lines {
			if strings.Count(l, "\t") != 1 {
				t.Errorf("line %d has %d tabs", i+1, strings.Count(l, "\t"))
			}
		}
	})
	t.Run("jsonl to stdout", func(t *testing.T) {
		code, stdout, errs := parapost(t, "", "export", "--format", "jsonl", "-o", "-", corpusDir)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
		if len(lines) != len(rows) {
			t.Fatalf("%d lines on stdout, want %d (messages belong on stderr)", len(lines), len(rows))
		}
		var rec struct {
			ID          string            `json:"id"`
			Translation map[string]string `json:"translation"`
		}
		if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil || rec.ID != rows[0].ID || rec.Translation["en"] == "" || rec.Translation["ru"] == "" {
			t.Errorf("first line %s: %v", lines[0], err)
		}
	})
	t.Run("tmx", func(t *testing.T) {
		path := filepath.Join(out, "train.tmx")
		if code, _, errs := parapost(t, "", "export", "--format", "tmx", "-o", path, corpusDir); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Header struct {
				SrcLang string `xml:"srclang,attr"`
			} `xml:"header"`
			TUs []struct{} `xml:"body>tu"`
		}
		if err := xml.Unmarshal(b, &doc); err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		if len(doc.TUs) != len(rows) || doc.Header.SrcLang != "ru" {
			t.Errorf("%d tu, srclang %q; want %d, ru", len(doc.TUs), doc.Header.SrcLang, len(rows))
		}
	})
}

// TestExportTrain: the training preset drops the sample's hashtag-only
// beads and omission marks, and says so.
func testExportTrain(t *testing.T, corpusDir string) {
	path := filepath.Join(t.TempDir(), "train.tsv")
	code, _, errs := parapost(t, "", "export", "--train", "--format", "tsv", "-o", path, corpusDir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := fileLines(t, path)
	for _, l := range lines {
		if strings.HasPrefix(l, "#") || strings.HasPrefix(l, "<...>") {
			t.Errorf("kept %q", l)
		}
	}
	if want := "kept " + itoa(len(lines)) + " of 114 beads"; !strings.Contains(errs, want) || !strings.Contains(errs, "no words") {
		t.Errorf("summary %q, want %q and the no-words count", errs, want)
	}
	// A flag given with --train overrides the preset.
	code, _, errs = parapost(t, "", "export", "--train", "--drop-noise=false", "--min-bead-score", "0", "--format", "tsv", "-o", path, corpusDir)
	if code != 0 || strings.Contains(errs, "no words") || strings.Contains(errs, "score") {
		t.Errorf("exit %d, %s: want no noise or score filter", code, errs)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func testExportUsageErrors(t *testing.T, corpusDir string) {
	out := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no dir", []string{"export", "-o", filepath.Join(out, "x")}, "want one DIR"},
		{"no output", []string{"export", corpusDir}, "--output"},
		{"bad format", []string{"export", "--format", "csv", "-o", filepath.Join(out, "x"), corpusDir}, "unknown export format"},
		{"moses to stdout", []string{"export", "-o", "-", corpusDir}, "two files"},
		{"output is a directory", []string{"export", "--format", "tsv", "-o", out, corpusDir}, "is a directory"},
		{"missing corpus", []string{"export", "-o", filepath.Join(out, "x"), filepath.Join(out, "nothing")}, "nothing"},
		{"not a corpus", []string{"export", "-o", filepath.Join(out, "x"), filepath.Join(corpusDir, "posts.parquet")}, "posts.parquet"},
		{"language not in corpus", []string{"export", "--source-lang", "uk", "-o", filepath.Join(out, "x"), corpusDir}, "holds en and ru"},
		{"bad ratio", []string{"export", "--max-ratio", "0.5", "-o", filepath.Join(out, "x"), corpusDir}, "ratio"},
		{"min above max", []string{"export", "--min-words", "9", "--max-words", "3", "-o", filepath.Join(out, "x"), corpusDir}, "above the maximum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := parapost(t, "", tt.args...)
			if code != exitUsage || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, %q; want %d and %q", code, errs, exitUsage, tt.want)
			}
		})
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("failed exports left %d files", len(entries))
	}
}

// TestBuildFiltersAndCard: build --train thins sentences.parquet (ids
// kept) and the dataset card says so; every build writes the card.
func testBuildFiltersAndCard(t *testing.T, corpusDir string) {
	full := readRows(t, filepath.Join(corpusDir, "sentences.parquet"), readSentences)
	dir := t.TempDir()
	code, out, errs := parapost(t, "", "build", "--sample", "--train", "--license", "cc-by-4.0", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows := readRows(t, filepath.Join(dir, "sentences.parquet"), readSentences)
	if len(rows) == 0 || len(rows) >= len(full) {
		t.Fatalf("%d beads with --train, %d without", len(rows), len(full))
	}
	ids := map[string]bool{}
	for _, r := range full {
		ids[r.ID] = true
	}
	for _, r := range rows {
		if !ids[r.ID] {
			t.Errorf("bead id %s is not an id of the unfiltered build", r.ID)
		}
	}
	if !strings.Contains(out, "filters on sentences.parquet: kept "+itoa(len(rows))+" of "+itoa(len(full))) {
		t.Errorf("summary lacks the filter counts:\n%s", out)
	}
	card, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"license: \"cc-by-4.0\"", "- config_name: posts", "| " + itoa(len(rows)) + " bilingual sentence beads |", "| 13 pairs of posts |"} {
		if !strings.Contains(string(card), want) {
			t.Errorf("README.md lacks %q", want)
		}
	}
	plain, err := os.ReadFile(filepath.Join(corpusDir, "README.md"))
	if err != nil || !strings.Contains(string(plain), "license: \"other\"") || !strings.Contains(string(plain), "| 114 bilingual sentence beads |") {
		t.Errorf("unfiltered build's README.md: %v\n%s", err, plain)
	}
}

// TestSampleChannels: the sample's posts carry their chat ids, and the
// Ministry's Russian channel its username in every post.
func testSampleChannels(t *testing.T, corpusDir string) {
	posts := readRows(t, filepath.Join(corpusDir, "posts.parquet"), readPostRows)
	ids := map[string]int64{"MID_Russia": 1065276858, "Russian MFA 🇷🇺": 1101806611}
	for _, p := range posts {
		want, ok := ids[p.Channel]
		if !ok {
			t.Errorf("post %d: channel %q", p.PostID, p.Channel)
			continue
		}
		if p.ChannelID == nil || *p.ChannelID != want {
			t.Errorf("%s/%d: channel_id %v, want %d", p.Channel, p.PostID, p.ChannelID, want)
		}
	}
}

func TestLangCheck(t *testing.T) {
	det, err := detect.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	check := langCheck(det, "ru", "en")
	ru := "Министр иностранных дел провёл переговоры с коллегой из Китая."
	uk := "Міністр закордонних справ провів переговори з колегою з Китаю щодо двосторонньої співпраці та безпеки в регіоні."
	for _, tt := range []struct {
		text, lang string
		want       bool
	}{
		{ru, "ru", true},
		{ru, "en", false}, // the other language of the pair: untranslated
		{"Stay tuned!", "en", true},
		{"OK", "ru", true}, // too short to tell
		// Short, full of names: detected as another language, but kept.
		{"STARRING: George Piștereanu, Ada Condeescu, Mihai Constantin, Clara Vodă, Marian Bratu", "en", true},
		{uk + " " + uk, "ru", false}, // long and surely Ukrainian
	} {
		if got := check(tt.text, tt.lang); got != tt.want {
			t.Errorf("check(%q, %s) = %v (detected %s), want %v", tt.text, tt.lang, got, det.Detect(tt.text).Lang, tt.want)
		}
	}
}
