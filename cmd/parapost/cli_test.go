package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parapost/parapost/corpus"
)

// unread is a standard input that must not be read: a command that checks
// its options first never gets to it.
type unread struct{ t *testing.T }

func (u unread) Read([]byte) (int, error) {
	u.t.Error("standard input was read before the options were checked")
	return 0, io.EOF
}

// runUnread runs the command line with "-" (standard input) as the input
// that must not be read.
func runUnread(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"parapost"}, args...), unread{t}, &out, &errb)
	return code, out.String(), errb.String()
}

// TestOptionsCheckedFirst: every bad option is exit 2 naming the option,
// before any input is read and before the output directory is touched.
func TestOptionsCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	tests := []struct {
		args []string
		want string // in the message
	}{
		{[]string{"--source-lang", "RU"}, "--source-lang"},
		{[]string{"--target-lang", "eng"}, "--target-lang"},
		{[]string{"--source-lang", "xx"}, "--source-lang"},
		{[]string{"--source-lang", "en", "--target-lang", "en"}, "--target-lang"},
		{[]string{"--langs", "ru,uk"}, "--langs"},
		{[]string{"--langs", "ru,EN"}, "--langs"},
		{[]string{"--langs", "ru"}, "--langs"},
		{[]string{"--source-lang", "la", "--langs", "ru,en"}, "--source-lang"}, // Latin: not in the detector's set
		{[]string{"--window=NaNd,3d"}, "--window"},
		{[]string{"--window=1e9d,1d"}, "--window"},
		{[]string{"--window=1d,3d,5d"}, "--window"},
		{[]string{"--window=1d"}, "--window"},
		{[]string{"--window=1d,-3d"}, "--window"},
		{[]string{"--window=9000h,1d"}, "--window"},
		{[]string{"--min-score", "NaN"}, "--min-score"},
		{[]string{"--min-score", "1.5"}, "--min-score"},
		{[]string{"--min-margin", "-0.1"}, "--min-margin"},
		{[]string{"--min-margin", "Inf"}, "--min-margin"},
		{[]string{"--workers", "-1"}, "--workers"},
		{[]string{"--dict", filepath.Join(dir, "nonexistent.index")}, "nonexistent.index"},
		{[]string{"--dict-langs", "english-russian", "--dict", "x.tsv"}, "--dict-langs"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			args := append([]string{"build", "-o", out}, tt.args...)
			code, _, errs := runUnread(t, append(args, "-")...)
			if code != exitUsage {
				t.Errorf("exit %d, want 2: %s", code, errs)
			}
			if !strings.Contains(errs, tt.want) {
				t.Errorf("message %q does not name %s", errs, tt.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("output directory created before the options were checked")
			}
		})
	}
	// The same checks in the other commands.
	for _, args := range [][]string{
		{"pairs", "--target-lang", "eng", "-"},
		{"pairs", "--window=1d,3d,5d", "-"},
		{"detect", "--langs", "ru,xx", "-"},
		{"detect", "--workers", "-3", "-"},
		{"align", "--source-lang", "en", "--target-lang", "en", "a", "b"},
		{"align", "--source-lang", "RU", "a", "b"},
		{"eval", "beads", "--gold", "g.jsonl", "--target-lang", "english", "dir"},
		{"eval", "pairs", "--gold", "g.tsv", "--min-f1", "2", "dir"},
	} {
		if code, _, errs := runUnread(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errs)
		}
	}
}

func TestParseWindow(t *testing.T) {
	tests := []struct {
		in            string
		before, after time.Duration
		ok            bool
	}{
		{"-24h,72h", 24 * time.Hour, 72 * time.Hour, true},
		{"1d,3d", 24 * time.Hour, 72 * time.Hour, true},
		{"-1.5d, 0h", 36 * time.Hour, 0, true},
		{"365d,365d", maxWindow, maxWindow, true},
		{"366d,1d", 0, 0, false},
		{"1d,8761h", 0, 0, false},
		{"NaNd,3d", 0, 0, false},
		{"Infd,3d", 0, 0, false},
		{"1e9d,1d", 0, 0, false},
		{"1d,3d,5d", 0, 0, false},
		{"1d", 0, 0, false},
		{"1d,", 0, 0, false},
		{"3d,5", 0, 0, false},
		{"0x10d,1d", 0, 0, false},
	}
	for _, tt := range tests {
		b, a, err := parseWindow(tt.in)
		if (err == nil) != tt.ok || (tt.ok && (b != tt.before || a != tt.after)) {
			t.Errorf("parseWindow(%q) = %v, %v, %v", tt.in, b, a, err)
		}
	}
}

// TestNoInput: no INPUT is a usage error that says so, and never the
// sample; `OUT=; parapost build -o $OUT exports/` must not write into
// exports/.
func TestNoInput(t *testing.T) {
	dir := t.TempDir()
	exports := filepath.Join(dir, "exports")
	if err := os.MkdirAll(exports, 0o755); err != nil {
		t.Fatal(err)
	}
	mfa := filepath.Join(data, "mfa-sample", "mfa_russia.result.json")
	if err := copyFile(mfa, filepath.Join(exports, "result.json")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"OUT unset", []string{"build", "-o", exports}, "no INPUT"},
		{"INPUTS unset", []string{"build", "-o", filepath.Join(dir, "out")}, "no INPUT"},
		{"-o empty", []string{"build", "-o", "", exports}, "-o"},
		{"-o is the input", []string{"build", "-o", exports, exports}, "input"},
		{"-o inside the input", []string{"build", "-o", filepath.Join(exports, "corpus"), exports}, "input"},
		{"-o inside the input via ..", []string{"build", "-o", filepath.Join(exports, "..", "exports", "c"), exports}, "input"},
		{"--sample with inputs", []string{"build", "--sample", "-o", filepath.Join(dir, "out"), exports}, "--sample"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := parapost(t, "", tt.args...)
			if code != exitUsage || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, want 2 with %q: %s", code, tt.want, errs)
			}
			entries, _ := os.ReadDir(exports)
			if len(entries) != 1 {
				t.Errorf("the input folder now holds %d entries, want its 1 file", len(entries))
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("an output directory was created")
	}
}

// TestOutputChecked: an output place that cannot be written fails before
// anything is read (exit 2).
func TestOutputChecked(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	outs := map[string]string{
		"a file":             file,
		"under a file":       filepath.Join(file, "sub"),
		"in /proc":           "/proc/x",
		"blank":              "  ",
		"an unwritable path": "/proc/self",
	}
	if runtime.GOOS != "linux" {
		delete(outs, "in /proc")
		delete(outs, "an unwritable path")
	}
	if os.Geteuid() != 0 {
		ro := filepath.Join(dir, "ro")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		outs["a read-only folder"] = ro
	}
	for name, out := range outs {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			code, _, errs := runUnread(t, "build", "-o", out, "-")
			if code != exitUsage || !strings.Contains(errs, "-o") {
				t.Errorf("-o %s: exit %d, want 2 naming -o: %s", out, code, errs)
			}
			t.Logf("-o %s: %s (%v)", out, strings.TrimSpace(errs), time.Since(start))
		})
	}
}

// TestDictNamed: a missing dictionary is named as given; a dictd index
// without its data file names the data file.
func TestDictNamed(t *testing.T) {
	dir := t.TempDir()
	index := filepath.Join(dir, "lonely.index")
	if err := os.WriteFile(index, []byte("a\tA\tB\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ dict, want string }{
		{"/nonexistent.index", "/nonexistent.index: no such file"},
		{filepath.Join(dir, "missing.tsv"), "missing.tsv: no such file"},
		{index, "lonely.dict.dz"},
	} {
		for _, cmd := range [][]string{
			{"build", "-o", filepath.Join(dir, "out"), "--dict", tt.dict, "-"},
			{"align", "--dict", tt.dict, "a", "b"},
		} {
			code, _, errs := runUnread(t, cmd...)
			if code != exitUsage || !strings.Contains(errs, tt.want) {
				t.Errorf("%v: exit %d, want 2 with %q: %s", cmd, code, tt.want, errs)
			}
		}
	}
}

// TestEmptyInputs: inputs without posts are exit 2; nothing is written.
func TestEmptyInputs(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(dir, "notes")
	if err := os.MkdirAll(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(notes, "a.txt"), []byte("just some notes\n"), 0o644)
	for _, in := range []string{empty, notes} {
		out := filepath.Join(dir, "out")
		code, _, errs := parapost(t, "", "build", "-o", out, in)
		if code != exitUsage || !strings.Contains(errs, "no posts") {
			t.Errorf("%s: exit %d, want 2 with \"no posts\": %s", in, code, errs)
		}
		if entries, _ := os.ReadDir(out); len(entries) != 0 {
			t.Errorf("%s: the output holds %d files", in, len(entries))
		}
		code, _, errs = parapost(t, "", "detect", in)
		if code != exitUsage {
			t.Errorf("detect %s: exit %d, want 2: %s", in, code, errs)
		}
	}
}

// TestNoPairs: a build that pairs nothing warns; it does not replace a
// corpus with pairs unless --force.
func TestNoPairs(t *testing.T) {
	dir := t.TempDir()
	mfa := filepath.Join(data, "mfa-sample")
	inputs := []string{filepath.Join(mfa, "mid_russia.result.json"), filepath.Join(mfa, "mfa_russia.result.json")}
	fresh := filepath.Join(dir, "fresh")
	code, _, errs := parapost(t, "", append([]string{"build", "--window", "0h,1m", "-o", fresh}, inputs...)...)
	if code != exitOK || !strings.Contains(errs, "warning: no pairs") {
		t.Errorf("into a new directory: exit %d, want 0 with a warning: %s", code, errs)
	}
	good := filepath.Join(dir, "good")
	if code, _, errs := parapost(t, "", append([]string{"build", "-o", good}, inputs...)...); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	before, _ := os.ReadFile(filepath.Join(good, "pairs.parquet"))
	code, _, errs = parapost(t, "", append([]string{"build", "--window", "0h,1m", "-o", good}, inputs...)...)
	if code != exitUsage || !strings.Contains(errs, "--force") {
		t.Errorf("over a corpus with pairs: exit %d, want 2 mentioning --force: %s", code, errs)
	}
	if after, _ := os.ReadFile(filepath.Join(good, "pairs.parquet")); !bytes.Equal(before, after) {
		t.Error("the corpus with pairs was replaced")
	}
	code, _, errs = parapost(t, "", append([]string{"build", "--force", "--window", "0h,1m", "-o", good}, inputs...)...)
	if code != exitOK {
		t.Errorf("--force: exit %d: %s", code, errs)
	}
	if n := len(readRows(t, filepath.Join(good, "pairs.parquet"), readPairs)); n != 0 {
		t.Errorf("--force: %d pairs, want 0", n)
	}
}

// TestLockedOutput: a build into a directory another build holds is
// refused at once (exit 2), naming the holder; leftovers of a killed build
// are removed by the next one.
func TestLockedOutput(t *testing.T) {
	out := t.TempDir()
	lock, err := corpus.LockDir(out)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs := runUnread(t, "build", "-o", out, "-")
	if code != exitUsage || !strings.Contains(errs, "another parapost") || !strings.Contains(errs, "pid") {
		t.Errorf("exit %d, want 2 naming the other build: %s", code, errs)
	}
	lock.Unlock()

	leftover := filepath.Join(out, ".posts.parquet.tmp-4242")
	if err := os.WriteFile(leftover, []byte("half a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = parapost(t, "", "build", "-o", out, filepath.Join(data, "mfa-sample", "mfa_russia.result.json"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(leftover); err == nil {
		t.Error("the leftover of a killed build is still there")
	}
	if !strings.Contains(errs, "removed 1 temporary file") {
		t.Errorf("stderr does not say the leftover was removed: %s", errs)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != len(corpusFiles) {
		t.Errorf("output holds %d entries, want the %d corpus files (no lock file left)", len(entries), len(corpusFiles))
	}
}

// TestAlignInputChecks: align refuses binary data, huge files and missing
// files with exit 2, naming them.
func TestAlignInputChecks(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "en.txt")
	os.WriteFile(text, []byte("The minister arrived. He spoke.\n"), 0o644)
	bin := filepath.Join(dir, "blob.bin")
	os.WriteFile(bin, append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 1000)...), 0o644)
	defer func(old int) { maxAlignInput = old }(maxAlignInput)
	maxAlignInput = 1 << 20 // the 256 MB limit, scaled down
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	line := []byte(strings.Repeat("Министр прибыл в Москву. ", 40) + "\n")
	for written := 0; written <= maxAlignInput; written += len(line) {
		if _, err := f.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	tests := []struct{ src, want string }{
		{bin, "blob.bin: binary"},
		{filepath.Join(dir, "missing.txt"), "missing.txt: no such file"},
		{dir, "is a directory"},
		{big, "big.txt: larger than 1 MB"},
	}
	if runtime.GOOS == "linux" {
		tests = append(tests, struct{ src, want string }{"/dev/zero", "/dev/zero: binary"})
	}
	for _, tt := range tests {
		code, out, errs := parapost(t, "", "align", tt.src, text)
		if code != exitUsage || !strings.Contains(errs, tt.want) || out != "" {
			t.Errorf("align %s: exit %d, want 2 with %q: %s (stdout %.80q)", tt.src, code, tt.want, errs, out)
		}
	}
	os.Remove(big)
	ru := filepath.Join(dir, "ru.txt")
	os.WriteFile(ru, []byte("Министр прибыл. Он выступил.\n"), 0o644)
	code, out, errs := parapost(t, "", "align", "--json", ru, text)
	var sum alignSummary
	if err := json.Unmarshal([]byte(out), &sum); code != 0 || err != nil {
		t.Fatalf("align --json: exit %d, %v: %s%s", code, err, out, errs)
	}
	if sum.SourceSentences != 2 || len(sum.Beads) != 2 || sum.Shapes["1-1"] != 2 || sum.Beads[1].TargetText != "He spoke." {
		t.Errorf("align --json: %+v", sum)
	}
}

// TestEvalExitCodes: eval's mistakes are exit 2, scores below a gate exit
// 1, and --json prints one object.
func TestEvalExitCodes(t *testing.T) {
	dir := t.TempDir()
	mfa := filepath.Join(data, "mfa-sample")
	build := filepath.Join(dir, "mfa")
	if code, _, errs := parapost(t, "", "build", "--quiet", "-o", build, filepath.Join(mfa, "mid_russia.result.json"),
		filepath.Join(mfa, "mid_russia.page.html"), filepath.Join(mfa, "mfa_russia.result.json")); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	// The translations alone: no gold pair can be found.
	unpaired := filepath.Join(dir, "unpaired")
	if code, _, errs := parapost(t, "", "build", "--quiet", "-o", unpaired, filepath.Join(mfa, "mfa_russia.result.json")); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	gold := filepath.Join(mfa, "gold", "pairs.tsv")
	lines := filepath.Join(data, "wmt23-ruen-dev", "lines")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"eval", "pairs", build}, exitUsage, "--gold"},
		{[]string{"eval", "pairs", "--gold", "/nonexistent", build}, exitUsage, "/nonexistent"},
		{[]string{"eval", "pairs", "--gold", gold, filepath.Join(dir, "nodir")}, exitUsage, "nodir"},
		{[]string{"eval", "beads", "--gold", filepath.Join(dir, "none.jsonl"), build}, exitUsage, "none.jsonl"},
		{[]string{"eval", "lines"}, exitUsage, "GOLD and TEST"},
		{[]string{"eval", "lines", filepath.Join(dir, "nogold"), filepath.Join(dir, "notest")}, exitUsage, "nogold"},
		{[]string{"eval", "lines", lines, filepath.Join(dir, "notest")}, exitUsage, "notest"},
		{[]string{"eval", "lines", lines, dir}, exitUsage, ""},
		{[]string{"eval", "pairs", "--gold", gold, "--min-f1", "0.99", build}, exitOK, "F1 1.0000"},
		{[]string{"eval", "beads", "--gold", filepath.Join(mfa, "gold", "beads.jsonl"), "--min-precision", "1", "--min-recall", "1", build}, exitOK, "strict"},
		{[]string{"eval", "beads", "--gold", filepath.Join(mfa, "gold", "beads.jsonl"), "--min-recall", "0.5", unpaired}, exitInternal, "below --min-recall"},
		{[]string{"eval", "pairs", "--gold", filepath.Join(mfa, "gold", "embassy_pairs.tsv"), "--min-recall", "0.5", build}, exitInternal, "recall 0.0000 is below --min-recall 0.5"},
	}
	for _, tt := range tests {
		code, out, errs := parapost(t, "", tt.args...)
		if code != tt.code || !strings.Contains(out+errs, tt.want) {
			t.Errorf("%v: exit %d, want %d with %q:\n%s%s", tt.args, code, tt.code, tt.want, out, errs)
		}
	}
	code, out, errs := parapost(t, "", "eval", "pairs", "--json", "--gold", gold, build)
	var got map[string]struct {
		F1     float64  `json:"f1"`
		Missed []string `json:"missed"`
	}
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil || got["pairs"].F1 != 1 || got["pairs"].Missed == nil {
		t.Errorf("eval pairs --json: exit %d, %v, %+v: %s%s", code, err, got, out, errs)
	}
}

// TestBuildJSONAndStages: --json puts one object on stdout; stderr, not a
// terminal here, gets one line per stage and no carriage return; --quiet
// leaves stderr empty.
func TestBuildJSONAndStages(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(data, "mfa-sample", "mfa_russia.result.json")
	code, out, errs := parapost(t, "", "build", "--json", "-o", dir, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var sum buildSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil || strings.Count(out, "\n") != 1 {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, out)
	}
	if sum.Posts != 19 || len(sum.Files) != len(corpusFiles) || sum.Output != dir {
		t.Errorf("summary %+v", sum)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	var stages []string
	for _, l := range lines {
		stages = append(stages, strings.Fields(strings.TrimPrefix(l, "parapost: "))[0])
	}
	if got := strings.Join(stages, " "); got != "loaded read detected paired warning: aligned wrote" {
		t.Errorf("stage lines %q:\n%s", got, errs)
	}
	if strings.ContainsAny(errs, "\r\x1b") {
		t.Errorf("stderr holds terminal control characters: %q", errs)
	}
	_, _, errs = parapost(t, "", "build", "--quiet", "-o", dir, filepath.Join(data, "mfa-sample", "mid_russia.result.json"), in)
	if errs != "" {
		t.Errorf("--quiet: stderr %q", errs)
	}
}

// TestProgressTerminal draws a stage as on a terminal: a line redrawn in
// place with count, share, rate and ETA, then the stage's line.
func TestProgressTerminal(t *testing.T) {
	var buf syncBuffer
	p := &progress{w: &buf, mode: progressTTY, width: func() int { return 100 }}
	st := p.start("detecting", "detected", "posts", 1000)
	st.add(250)
	time.Sleep(600 * time.Millisecond)
	st.add(250)
	time.Sleep(3 * progressTick)
	st.finish("detected %d posts", 1000)
	got := buf.String()
	for _, want := range []string{"\rdetecting  250 of 1,000 posts   25% [=====>", "posts/s  ETA ", "\r\x1b[Kdetected 1000 posts in "} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%q", want, got)
		}
	}
	for _, l := range strings.Split(got, "\r") {
		if n := utf8.RuneCountInString(strings.TrimSuffix(strings.TrimSuffix(l, "\x1b[K"), "\n")); n > 100 {
			t.Errorf("line of %d columns on a 100-column terminal: %q", n, l)
		}
	}
	// A stage without a total spins; its final line ends it.
	buf.Reset()
	st = p.start("pairing", "paired", "", 0)
	time.Sleep(2 * progressTick)
	st.finish("paired")
	if got := buf.String(); !strings.Contains(got, "pairing    ⠋") || !strings.HasSuffix(got, "\r\x1b[Kpaired in "+got[strings.LastIndex(got, " in ")+4:]) {
		t.Errorf("spinner: %q", got)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }
func (s *syncBuffer) Reset()         { s.mu.Lock(); defer s.mu.Unlock(); s.b.Reset() }

// countingWriter counts the writes that reach it.
type countingWriter struct {
	bytes.Buffer
	writes int
}

func (c *countingWriter) Write(p []byte) (int, error) { c.writes++; return c.Buffer.Write(p) }

// TestDetectStreams: detect prints its rows a chunk at a time, as
// detection goes, in aligned columns.
func TestDetectStreams(t *testing.T) {
	var in strings.Builder
	n := 2*detectChunk + 10
	for i := range n {
		fmt.Fprintf(&in, `{"channel":"c%d","id":%d,"date":"2024-06-10T10:00:00Z","text":"Министр иностранных дел провёл переговоры номер %d."}`+"\n", i%3, i+1, i)
	}
	var out countingWriter
	var errb bytes.Buffer
	code := run(context.Background(), []string{"parapost", "detect", "-"}, strings.NewReader(in.String()), &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != n+1 {
		t.Fatalf("%d lines, want %d", len(lines), n+1)
	}
	if out.writes < 3 {
		t.Errorf("rows reached stdout in %d writes: not streamed chunk by chunk", out.writes)
	}
	col := strings.Index(lines[0], "lang")
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l[col:], "ru") {
			t.Fatalf("columns do not line up:\n%s\n%s", lines[0], l)
		}
	}
}

// TestHelp: every command's help has Examples and fits 80 columns;
// `parapost help COMMAND` works; --version names the revision; completion
// scripts and the completion protocol work.
func TestHelp(t *testing.T) {
	cmds := [][]string{{}, {"build"}, {"detect"}, {"pairs"}, {"align"}, {"eval"}, {"eval", "pairs"}, {"eval", "beads"}, {"eval", "lines"}, {"completion"}}
	for _, cmd := range cmds {
		code, out, errs := parapost(t, "", append(cmd, "--help")...)
		if code != 0 {
			t.Errorf("%v --help: exit %d: %s", cmd, code, errs)
		}
		if !strings.Contains(out, "Examples:") {
			t.Errorf("%v --help has no Examples:\n%s", cmd, out)
		}
		for _, l := range strings.Split(out, "\n") {
			if utf8.RuneCountInString(l) > helpWidth {
				t.Errorf("%v --help: line of %d columns: %q", cmd, utf8.RuneCountInString(l), l)
			}
		}
	}
	code, out, _ := parapost(t, "", "help", "build")
	if code != 0 || !strings.Contains(out, "parapost build") || !strings.Contains(out, "--sample") {
		t.Errorf("help build: exit %d:\n%s", code, out)
	}
	code, out, _ = parapost(t, "", "--version")
	if code != 0 || !strings.HasPrefix(out, "parapost ") || !strings.Contains(out, "revision ") {
		t.Errorf("--version: exit %d: %q", code, out)
	}
	for _, sh := range []string{"bash", "zsh"} {
		code, out, _ = parapost(t, "", "completion", sh)
		if code != 0 || !strings.Contains(out, "--generate-bash-completion") {
			t.Errorf("completion %s: exit %d: %q", sh, code, out)
		}
	}
	if code, _, _ := parapost(t, "", "completion", "fish"); code != exitUsage {
		t.Errorf("completion fish: exit %d, want 2", code)
	}
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// TestInputFSMatchesReadPaths: reading through inputFS and corpus.ReadFS
// gives what corpus.ReadPaths gives: the same posts, stats and errors.
func TestInputFSMatchesReadPaths(t *testing.T) {
	dir := t.TempDir()
	// A link to a file is read, a link to a directory and a FIFO are not.
	tree := filepath.Join(dir, "tree")
	os.MkdirAll(filepath.Join(tree, "sub"), 0o755)
	copyFile(filepath.Join(data, "readers", "posts.jsonl"), filepath.Join(tree, "sub", "posts.jsonl"))
	abs, err := filepath.Abs(data)
	if err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"link.json": "readers/escapes.result.json", "dirlink": "mfa-sample"} {
		if err := os.Symlink(filepath.Join(abs, target), filepath.Join(tree, link)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	os.WriteFile(filepath.Join(tree, ".hidden.json"), []byte("{"), 0o644)
	os.WriteFile(filepath.Join(tree, "notes.txt"), []byte("notes"), 0o644)
	if runtime.GOOS != "windows" {
		mkfifo(t, filepath.Join(tree, "fifo"))
	}
	for _, paths := range [][]string{
		{filepath.Join(data, "readers")},
		{filepath.Join(data, "mfa-sample")},
		{filepath.Join(data, "mfa-sample", "mid_russia.result.json"), filepath.Join(data, "readers", "..", "mfa-sample", "mid_russia.page.html")},
		{filepath.Join(data, "mfa-sample", "mid_russia.page.html") + "/../x"},
		{tree},
		{"-", filepath.Join(data, "mfa-sample", "mfa_russia.result.json")},
		{filepath.Join(data, "mfa-sample", "gold", "pairs.tsv")},
		{filepath.Join(dir, "missing.json")},
		{"-", "-"},
	} {
		stdin := func() io.Reader {
			b, _ := os.ReadFile(filepath.Join(data, "readers", "posts.jsonl"))
			return bytes.NewReader(b)
		}
		want, wantStats, wantErr := corpus.ReadPaths(context.Background(), paths, stdin())
		got, gotStats, gotErr := readPosts(context.Background(), corpus.ReadOptions{}, paths, stdin(), newProgress(io.Discard, true), nil)
		if (wantErr == nil) != (gotErr == nil) || exitCode(wantErr) != exitCode(gotErr) {
			t.Errorf("%v: error %v, ReadPaths %v", paths, gotErr, wantErr)
			continue
		}
		if wantErr != nil {
			if !strings.Contains(gotErr.Error(), filepath.Base(paths[len(paths)-1])) && !strings.Contains(gotErr.Error(), "-") {
				t.Errorf("%v: error %q does not name the input", paths, gotErr)
			}
			continue
		}
		if len(got) != len(want) || gotStats.Files != wantStats.Files || gotStats.Duplicates != wantStats.Duplicates ||
			fmt.Sprint(gotStats.Skipped) != fmt.Sprint(wantStats.Skipped) {
			t.Errorf("%v: %d posts %+v, ReadPaths %d posts %+v", paths, len(got), gotStats, len(want), wantStats)
			continue
		}
		for i := range got {
			if got[i].Channel != want[i].Channel || got[i].ID != want[i].ID || got[i].Text != want[i].Text {
				t.Errorf("%v: post %d is %s/%d, ReadPaths %s/%d", paths, i, got[i].Channel, got[i].ID, want[i].Channel, want[i].ID)
				break
			}
		}
	}
}

// TestDictCache: --dict keeps its index in --dict-cache, and a run from the
// cache aligns as the run that built it; "off" keeps none.
func TestDictCache(t *testing.T) {
	dir := t.TempDir()
	src, tgt := filepath.Join(dir, "a.ru"), filepath.Join(dir, "a.en")
	os.WriteFile(src, []byte("Встреча министров прошла в Москве.\nСтороны обсудили торговлю.\n"), 0o644)
	os.WriteFile(tgt, []byte("The ministers met in Moscow.\nThe sides discussed trade.\n"), 0o644)
	dict := filepath.Join("..", "..", "testdata", "dict", "en-ru-small.tsv")
	cache := filepath.Join(dir, "cache")
	var outs []string
	for _, c := range []string{cache, cache, "off"} {
		code, out, errs := runUnread(t, "align", "--lines", "--dict", dict, "--dict-cache", c, src, tgt)
		if code != 0 {
			t.Fatalf("--dict-cache %s: exit %d: %s", c, code, errs)
		}
		outs = append(outs, out)
	}
	if outs[1] != outs[0] || outs[2] != outs[0] {
		t.Errorf("alignments differ: built %q, from the cache %q, without %q", outs[0], outs[1], outs[2])
	}
	if files, _ := filepath.Glob(filepath.Join(cache, "*.lex")); len(files) != 1 {
		t.Errorf("cache holds %v, want one lexicon", files)
	}
}

// TestReadText: a document is read whole, exactly (a file of exactly the
// limit too), its broken UTF-8 repaired.
func TestReadText(t *testing.T) {
	dir := t.TempDir()
	defer func(old int) { maxAlignInput = old }(maxAlignInput)
	maxAlignInput = 1 << 16
	exact := strings.Repeat("Министр прибыл.\n", maxAlignInput/len("Министр прибыл.\n"))
	exact += strings.Repeat("x", maxAlignInput-len(exact))
	for _, c := range []struct{ name, data, want string }{
		{"broken.txt", "Министр\xff прибыл.\nHe \xc3arrived.\n", "Министр\uFFFD прибыл.\nHe \uFFFDarrived.\n"},
		{"exact.txt", exact, exact},
	} {
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, []byte(c.data), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readText(path)
		if err != nil || got != c.want {
			t.Errorf("%s: %.60q (%d bytes), %v; want %.60q (%d bytes)", c.name, got, len(got), err, c.want, len(c.want))
		}
	}
}
