package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parapost/parapost/corpus"
)

const data = "../../testdata"

// parapost runs the command line in-process and returns its exit status
// and output.
func parapost(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"parapost"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func readRows[T any](t *testing.T, path string, read func(f *os.File, size int64) ([]T, error)) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := read(f, st.Size())
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return rows
}

func readPairs(f *os.File, size int64) ([]corpus.PairRow, error) {
	return corpus.ReadPairsParquet(f, size)
}
func readPostRows(f *os.File, size int64) ([]corpus.PostRow, error) {
	return corpus.ReadPostsParquet(f, size)
}
func readSentences(f *os.File, size int64) ([]corpus.SentenceRow, error) {
	return corpus.ReadSentencesParquet(f, size)
}

// TestBuildSample is `make run`: the built-in sample, from any folder.
func TestBuildSample(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := parapost(t, "", "build", "--sample", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"paired 13 of", filepath.Join(dir, "sentences.parquet"), "skipped 3: service message"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	pairs := readRows(t, filepath.Join(dir, "pairs.parquet"), readPairs)
	if len(pairs) != 13 {
		t.Errorf("%d pairs, want 13", len(pairs))
	}
	// The check_* columns: the Brazil and Laos posts each leave a sentence
	// out and fail; the other pairs pass; the "<...>" cuts are abridged.
	abridged := 0
	for _, p := range pairs {
		c := p.Check()
		if c == nil {
			t.Fatalf("pair %d: no check columns", p.PairID)
		}
		wantOmissions := 0
		if p.TargetPostID == 21579 || p.TargetPostID == 21592 {
			wantOmissions = 1
		}
		if c.Omissions != wantOmissions || c.Pass != (wantOmissions == 0) || c.Numbers+c.Dates+c.Names+c.Additions != 0 {
			t.Errorf("pair %d (%d): check %+v, want %d omissions", p.PairID, p.TargetPostID, *c, wantOmissions)
		}
		if c.Coverage <= 0.5 || c.Coverage > 1 || wantOmissions > 0 && c.Coverage == 1 {
			t.Errorf("pair %d (%d): coverage %.3f", p.PairID, p.TargetPostID, c.Coverage)
		}
		abridged += c.Abridged
	}
	if abridged == 0 {
		t.Error("check_abridged: no cut counted")
	}
	posts := readRows(t, filepath.Join(dir, "posts.parquet"), readPostRows)
	paired := 0
	for _, p := range posts {
		if p.PairID != nil {
			paired++
		}
	}
	if paired != 26 {
		t.Errorf("%d posts say they are paired, want 26", paired)
	}
	sents := readRows(t, filepath.Join(dir, "sentences.parquet"), readSentences)
	if len(sents) < 100 {
		t.Errorf("%d sentence beads, want over 100", len(sents))
	}
	for _, s := range sents[:3] {
		if s.Translation["en"] == "" || s.Translation["ru"] == "" {
			t.Errorf("bead %s: translation %v", s.ID, s.Translation)
		}
	}
}

// TestEvalCommands builds the data sets from testdata and checks the scores
// `parapost eval` prints against the issues' bars.
func TestEvalCommands(t *testing.T) {
	dir := t.TempDir()
	mfa := filepath.Join(data, "mfa-sample")
	if code, _, errs := parapost(t, "", "build", "-o", dir, filepath.Join(mfa, "mid_russia.result.json"),
		filepath.Join(mfa, "mid_russia.page.html"), filepath.Join(mfa, "mfa_russia.result.json")); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	code, out, errs := parapost(t, "", "eval", "pairs", "--gold", filepath.Join(mfa, "gold", "pairs.tsv"), dir)
	if code != 0 || !strings.Contains(out, "precision 1.0000 recall 1.0000 F1 1.0000") {
		t.Errorf("eval pairs: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = parapost(t, "", "eval", "beads", "--gold", filepath.Join(mfa, "gold", "beads.jsonl"), dir)
	if code != 0 || !strings.Contains(out, "strict") {
		t.Errorf("eval beads: exit %d\n%s%s", code, out, errs)
	}

	// align --lines on one document, scored by eval lines.
	lines := filepath.Join(data, "wmt23-ruen-dev", "lines")
	code, out, errs = parapost(t, "", "align", "--lines", filepath.Join(lines, "doc002.ru"), filepath.Join(lines, "doc002.en"))
	if code != 0 {
		t.Fatalf("align --lines: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "[17]:[]") || !strings.Contains(out, "[]:[17]") {
		t.Errorf("align --lines: the <...> passage is not left out:\n%s", out)
	}
	test := filepath.Join(t.TempDir(), "doc002.ruen")
	if err := os.WriteFile(test, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = parapost(t, "", "eval", "lines", filepath.Join(lines, "doc002.ruen"), test)
	if code != 0 || !strings.Contains(out, "strict    precision 1.0000 recall 1.0000") {
		t.Errorf("eval lines: exit %d\n%s%s", code, out, errs)
	}
}

func TestDetectJSON(t *testing.T) {
	code, out, errs := parapost(t, "", "detect", "--json", filepath.Join(data, "mfa-sample", "mfa_russia.result.json"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 19 {
		t.Fatalf("%d lines, want 19", len(lines))
	}
	for _, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		for _, k := range []string{"channel", "post_id", "date", "lang", "confidence"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("%q lacks %q", l, k)
			}
		}
	}
	if !strings.Contains(out, `"post_id":20514,"date":"2024-03-05T16:40:12Z","lang":"en"`) {
		t.Errorf("post 20514 not as expected:\n%s", lines[0])
	}
}

func TestPairsJSON(t *testing.T) {
	mfa := filepath.Join(data, "mfa-sample")
	code, out, errs := parapost(t, "", "pairs", "--json", filepath.Join(mfa, "mid_russia.result.json"), filepath.Join(mfa, "embassy_usa.page.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var first pairRecord
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.SourcePostID != 60118 || first.TargetPostID != 1 || first.TargetDate != nil || len(first.Evidence) == 0 {
		t.Errorf("first pair %+v, want 60118 → page post 1 (no date) with evidence", first)
	}
}

// TestBadInput checks that bad input fails with status 2, a message naming
// the file and the place, and that outputs already there are left alone.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good, err := os.ReadFile(filepath.Join(data, "mfa-sample", "mfa_russia.result.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		want       []string // in the message
	}{
		{"truncated JSON", write("truncated.json", string(good[:len(good)/2])), []string{"truncated.json", "byte"}},
		{"HTML garbage", write("garbage.html", "<html><body><div>not a channel</div></body></html>"), []string{"garbage.html", "no Telegram posts"}},
		{"binary", write("binary.bin", "\x00\x01\x02\xff\xfe\x00PK\x03\x04"), []string{"binary.bin", "binary"}},
		{"empty", write("empty.json", ""), []string{"empty.json", "empty"}},
		{"missing", filepath.Join(dir, "missing.json"), []string{"missing.json"}},
	}
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	old := write(filepath.Join("out", "posts.parquet"), "an earlier run's output")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := parapost(t, "", "build", "-o", out, tt.file)
			if code != 2 {
				t.Errorf("exit %d, want 2: %s", code, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(errs, w) {
					t.Errorf("message %q lacks %q", errs, w)
				}
			}
			if b, _ := os.ReadFile(old); string(b) != "an earlier run's output" {
				t.Errorf("earlier output changed: %q", b)
			}
			entries, _ := os.ReadDir(out)
			if len(entries) != 1 {
				t.Errorf("output dir holds %d files, want the 1 from before", len(entries))
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"build", "--no-such-flag"},
		{"nosuchcommand"},
		{"align", "one-file-only"},
		{"build", "--window", "soon", filepath.Join(data, "mfa-sample", "mfa_russia.result.json")},
		{"detect", "--langs", "xx,yy", filepath.Join(data, "mfa-sample", "mfa_russia.result.json")},
		{"eval", "pairs", "--gold", "x.tsv"},
		{"detect", "--tz", "Mars/Olympus", filepath.Join(data, "mfa-sample", "mfa_russia.result.json")},
	} {
		if code, _, errs := parapost(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errs)
		}
	}
}

// TestHugePost reads a 20 MB single post from standard input.
func TestHugePost(t *testing.T) {
	text := strings.Repeat("Министр иностранных дел провёл переговоры. ", 20<<20/80)
	line, err := json.Marshal(map[string]any{"channel": "big", "id": 1, "date": "2024-06-10T10:00:00Z", "text": text})
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := parapost(t, string(line)+"\n", "detect", "--json", "-")
	if code != 0 || !strings.Contains(out, `"lang":"ru"`) {
		t.Errorf("exit %d, out %.200s, err %s", code, out, errs)
	}
}

func TestInterspersedFlags(t *testing.T) {
	cmds := newApp(nil, nil, nil).Commands
	tests := []struct{ in, want string }{
		{"parapost build a.json -o out b.json", "parapost build -o out a.json b.json"},
		{"parapost build a.json --output=out", "parapost build --output=out a.json"},
		{"parapost detect a.json --json", "parapost detect --json a.json"},
		{"parapost eval pairs DIR --gold g.tsv", "parapost eval pairs --gold g.tsv DIR"},
		{"parapost align --lines a b", "parapost align --lines a b"},
		{"parapost build - -o out", "parapost build -o out -"},
		{"parapost build a -- -o", "parapost build a -- -o"},
		{"parapost nosuch a -x", "parapost nosuch a -x"},
		{"parapost build a --s --generate-bash-completion", "parapost build --s a --generate-bash-completion"},
	}
	for _, tt := range tests {
		got := strings.Join(interspersed(cmds, strings.Fields(tt.in)), " ")
		if got != tt.want {
			t.Errorf("%q → %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSkipBad: one bad file stops a build (exit 2) unless --skip-bad, which
// reads the rest and names the bad file, as the summary names skipped ones.
// --tz reads the local dates of an old export and says so.
func TestSkipBad(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"mfa_russia.result.json", "mid_russia.result.json"} {
		b, err := os.ReadFile(filepath.Join(data, "mfa-sample", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"cut.result.json": `{"name": "x", "messages": [{"id": 1, "text": "cut`,
		"style.css":       "body { margin: 0 }\n",
		"old.result.json": `{"name": "old", "id": 9, "messages": [{"id": 1, "type": "message", "date": "2021-03-05T11:30:12", "text": "An old export."}]}`,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	if code, _, errs := parapost(t, "", "build", "-o", out, dir); code != 2 || !strings.Contains(errs, "cut.result.json") {
		t.Fatalf("without --skip-bad: exit %d, %s", code, errs)
	}
	code, stdout, errs := parapost(t, "", "build", "-o", out, dir, "--skip-bad", "--tz", "+03:00")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"left out 1 file with bad data (--skip-bad):\n  " + filepath.Join(dir, "cut.result.json") + ": ",
		"skipped 1 file without posts:\n  " + filepath.Join(dir, "style.css") + ": file in no supported format",
		"paired 13 of",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(errs, "warning: "+filepath.Join(dir, "old.result.json")+": 1 date without date_unixtime read in UTC+03:00 (--tz)") {
		t.Errorf("stderr: %s", errs)
	}
}

// TestDetectHTMLExport reads a Telegram Desktop HTML export folder; the
// chat exported without UTC offsets is named in a warning.
func TestDetectHTMLExport(t *testing.T) {
	code, out, errs := parapost(t, "", "detect", "--json", filepath.Join(data, "readers", "html-export"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if n := strings.Count(out, "\n"); n != 9 {
		t.Errorf("%d posts, want 9:\n%s", n, out)
	}
	if !strings.Contains(out, `"channel":"Test News 📰","post_id":2,"date":"2022-03-16T16:24:40Z","lang":"en"`) {
		t.Errorf("post 2 not as expected:\n%s", out)
	}
	if !strings.Contains(errs, "warning: "+filepath.Join(data, "readers", "html-export", "test-b", "messages.html")+": 1 date without a UTC offset") {
		t.Errorf("stderr: %s", errs)
	}
}
