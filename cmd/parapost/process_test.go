//go:build unix

package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The tests here run the real binary: signals, FIFOs, and urfave/cli's
// completion, which reads os.Args.

var binary struct {
	dir  string
	once sync.Once
	path string
	err  error
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "parapost-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary.dir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// parapostBinary builds the command once, into TestMain's directory.
func parapostBinary(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("signals and FIFOs are Unix")
	}
	binary.once.Do(func() {
		binary.path = filepath.Join(binary.dir, "parapost")
		out, err := exec.Command("go", "build", "-o", binary.path, ".").CombinedOutput()
		if err != nil {
			binary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binary.err != nil {
		t.Fatal(binary.err)
	}
	return binary.path
}

// syntheticPosts writes n Russian posts and their English translations as
// JSON Lines: enough work for a build to take a few seconds.
func syntheticPosts(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "posts.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	base := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	cities := []string{"Москве", "Пекине", "Дели", "Каире", "Бразилиа"}
	citiesEN := []string{"Moscow", "Beijing", "Delhi", "Cairo", "Brasilia"}
	for i := range n {
		d := base.Add(time.Duration(i) * 3 * time.Hour)
		c := i % len(cities)
		fmt.Fprintf(w, `{"channel":"mid","id":%d,"date":%q,"text":"%d марта в %s Министр иностранных дел России С.В.Лавров провёл переговоры с коллегой. Обсуждены %d вопросов двусторонней повестки. Стороны подписали соглашение № %d о сотрудничестве."}`+"\n",
			i+1, d.Format(time.RFC3339), i%28+1, cities[c], i%90+10, 1000+i)
		fmt.Fprintf(w, `{"channel":"mfa","id":%d,"date":%q,"text":"On March %d in %s, Russian Foreign Minister Sergey Lavrov held talks with his counterpart. They discussed %d items of the bilateral agenda. The parties signed agreement No. %d on cooperation."}`+"\n",
			i+1, d.Add(time.Hour).Format(time.RFC3339), i%28+1, citiesEN[c], i%90+10, 1000+i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// started is a running parapost whose stderr lines are collected.
type started struct {
	cmd   *exec.Cmd
	lines chan string
	mu    sync.Mutex
	all   []string
	done  chan error
}

func startParapost(t *testing.T, stdin io.Reader, args ...string) *started {
	t.Helper()
	cmd := exec.Command(parapostBinary(t), args...)
	cmd.Stdin = stdin
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &started{cmd: cmd, lines: make(chan string, 100), done: make(chan error, 1)}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			s.mu.Lock()
			s.all = append(s.all, sc.Text())
			s.mu.Unlock()
			select {
			case s.lines <- sc.Text():
			default:
			}
		}
		s.done <- cmd.Wait()
	}()
	t.Cleanup(func() { cmd.Process.Kill() })
	return s
}

// waitFor waits for a stderr line containing want.
func (s *started) waitFor(t *testing.T, want string) {
	t.Helper()
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case l := <-s.lines:
			if strings.Contains(l, want) {
				return
			}
		case <-timeout:
			t.Fatalf("no line with %q on stderr", want)
		}
	}
}

// exit waits for the process and returns its status and how long it took.
func (s *started) exit(t *testing.T) (int, time.Duration) {
	t.Helper()
	start := time.Now()
	select {
	case <-s.done:
	case <-time.After(time.Minute):
		t.Fatal("parapost did not exit a minute after the signal")
	}
	return s.cmd.ProcessState.ExitCode(), time.Since(start)
}

func (s *started) stderr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.all, "\n")
}

// leftovers lists the temporary files in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") || strings.HasPrefix(e.Name(), ".parapost") {
			out = append(out, e.Name())
		}
	}
	return out
}

// stopBound is how long a stopped run may take to exit in these tests: the
// promise is a second, and the machine running the tests may be loaded.
const stopBound = 5 * time.Second

// TestSignalAtEveryStage stops builds with SIGINT and SIGTERM at each
// stage: exit 130 or 143 within a second or so, no temporary files left,
// the earlier corpus untouched.
func TestSignalAtEveryStage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	in := syntheticPosts(t, 3000)
	out := t.TempDir()
	old := []byte("an earlier corpus")
	for _, name := range corpusFiles {
		if err := os.WriteFile(filepath.Join(out, name), old, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		after string // the stage line after which the signal is sent
		sig   syscall.Signal
		code  int
	}{
		{"loaded", syscall.SIGINT, exitInterrupt}, // while reading
		{"read", syscall.SIGTERM, exitTerminate},  // while detecting
		{"detected", syscall.SIGINT, exitInterrupt},
		{"paired", syscall.SIGTERM, exitTerminate}, // aligning
		{"aligned", syscall.SIGINT, exitInterrupt}, // writing (or done)
	}
	for _, tt := range tests {
		t.Run(tt.after+"/"+tt.sig.String(), func(t *testing.T) {
			p := startParapost(t, nil, "build", "-o", out, in)
			p.waitFor(t, "parapost: "+tt.after+" ")
			sent := time.Now()
			p.cmd.Process.Signal(tt.sig)
			code, _ := p.exit(t)
			took := time.Since(sent)
			t.Logf("%v after %q: exit %d in %v", tt.sig, tt.after, code, took)
			if code == 0 && tt.after == "aligned" {
				return // the build finished before the signal: fine
			}
			if code != tt.code {
				t.Errorf("exit %d, want %d:\n%s", code, tt.code, p.stderr())
			}
			if took > stopBound {
				t.Errorf("took %v to stop", took)
			}
			if l := leftovers(t, out); len(l) > 0 {
				t.Errorf("left behind %v", l)
			}
			for _, name := range corpusFiles {
				if b, _ := os.ReadFile(filepath.Join(out, name)); string(b) != string(old) {
					t.Errorf("%s was replaced by a stopped build", name)
				}
			}
		})
	}
}

// TestSignalWhileBlocked: Ctrl-C stops a build that waits on a FIFO with no
// writer (open blocks) or on a standard input that never ends.
func TestSignalWhileBlocked(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	// A FIFO no one writes: open(2) blocks.
	p := startParapost(t, nil, "build", "-o", filepath.Join(dir, "out1"), fifo)
	p.waitFor(t, "parapost: loaded")
	time.Sleep(200 * time.Millisecond)
	p.cmd.Process.Signal(syscall.SIGINT)
	code, took := p.exit(t)
	t.Logf("FIFO: exit %d %v after SIGINT", code, took)
	if code != exitInterrupt || took > stopBound {
		t.Errorf("FIFO: exit %d after %v, want 130 within a second:\n%s", code, took, p.stderr())
	}
	// Standard input that stays open: read(2) blocks.
	r, w, err := os.Pipe() // an *os.File: exec passes it as is, without a copying goroutine
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	p = startParapost(t, r, "detect", "-")
	r.Close()
	w.Write([]byte(`{"channel":"c","id":1,"date":null,"text":"Привет, мир, как дела?"}` + "\n"))
	time.Sleep(1500 * time.Millisecond)
	p.cmd.Process.Signal(syscall.SIGTERM)
	code, took = p.exit(t)
	t.Logf("stdin: exit %d %v after SIGTERM", code, took)
	if code != exitTerminate || took > stopBound {
		t.Errorf("stdin: exit %d after %v, want 143 within a second:\n%s", code, took, p.stderr())
	}
}

// TestKilledBuild: a build killed with SIGKILL leaves its lock and perhaps
// temporary files; the next build takes the lock and removes them.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	p := startParapost(t, nil, "build", "-o", out, fifo)
	p.waitFor(t, "parapost: loaded") // the output is locked by now
	// What a build killed while writing leaves.
	for _, name := range []string{".posts.parquet.tmp-1234", ".pairs.parquet.tmp-99"} {
		os.WriteFile(filepath.Join(out, name), []byte("half"), 0o644)
	}
	p.cmd.Process.Kill()
	p.exit(t)
	code, _, errs := parapost(t, "", "build", "-o", out, filepath.Join(data, "mfa-sample", "mfa_russia.result.json"))
	if code != 0 {
		t.Fatalf("build after a killed one: exit %d: %s", code, errs)
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Errorf("leftovers %v not removed", l)
	}
	if !strings.Contains(errs, "removed 2 temporary files") {
		t.Errorf("stderr does not mention the leftovers: %s", errs)
	}
}

// TestCompletion: the completion protocol lists commands and a command's
// flags, also after an argument (urfave/cli reads os.Args, hence the
// binary).
func TestCompletion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := parapostBinary(t)
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"--generate-bash-completion"}, []string{"build\n", "detect\n", "eval\n", "completion\n"}},
		{[]string{"eval", "--generate-bash-completion"}, []string{"pairs\n", "beads\n", "lines\n"}},
		{[]string{"build", "exports/", "--s", "--generate-bash-completion"}, []string{"--sample\n", "--source-lang\n"}},
	} {
		out, err := exec.Command(bin, tt.args...).Output()
		if err != nil {
			t.Errorf("%v: %v", tt.args, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(out), w) {
				t.Errorf("%v: lacks %q: %q", tt.args, w, out)
			}
		}
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil || !strings.HasPrefix(string(out), "parapost ") {
		t.Errorf("--version: %v %q", err, out)
	}
}

// TestConcurrentBuilds runs two parapost processes building different
// inputs into one folder at once, several times: each either publishes its
// whole set or is refused, and the folder always holds one build's set,
// never a mix. (Processes, not goroutines: urfave/cli keeps global state.)
func TestConcurrentBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := parapostBinary(t)
	mfa := filepath.Join(data, "mfa-sample")
	wmt := filepath.Join(data, "wmt23-ruen-dev")
	builds := [][]string{
		{filepath.Join(mfa, "mid_russia.result.json"), filepath.Join(mfa, "mfa_russia.result.json")},
		{filepath.Join(wmt, "ru.result.json"), filepath.Join(wmt, "en.result.json")},
	}
	refused := 0
	for trial := range 4 {
		out := filepath.Join(t.TempDir(), "out")
		var wg sync.WaitGroup
		codes := make([]int, 2)
		msgs := make([]string, 2)
		for i, in := range builds {
			wg.Go(func() {
				cmd := exec.Command(bin, append([]string{"build", "--quiet", "-o", out}, in...)...)
				b, _ := cmd.CombinedOutput()
				codes[i], msgs[i] = cmd.ProcessState.ExitCode(), string(b)
			})
		}
		wg.Wait()
		for i, code := range codes {
			switch {
			case code == exitUsage && strings.Contains(msgs[i], "another parapost"):
				refused++
			case code != exitOK:
				t.Errorf("trial %d build %d: exit %d: %s", trial, i, code, msgs[i])
			}
		}
		// One set: the channels of posts, pairs and sentences agree.
		posts := readRows(t, filepath.Join(out, "posts.parquet"), readPostRows)
		pairs := readRows(t, filepath.Join(out, "pairs.parquet"), readPairs)
		sents := readRows(t, filepath.Join(out, "sentences.parquet"), readSentences)
		channels := map[string]bool{}
		for _, p := range posts {
			channels[p.Channel] = true
		}
		ids := map[int64]bool{}
		for _, p := range pairs {
			ids[p.PairID] = true
			if !channels[p.SourceChannel] || !channels[p.TargetChannel] {
				t.Errorf("trial %d: pair %d of %s/%s, channels not in posts.parquet: a mixed set", trial, p.PairID, p.SourceChannel, p.TargetChannel)
				break
			}
		}
		for _, s := range sents {
			if !ids[s.PairID] || !channels[s.SourceChannel] {
				t.Errorf("trial %d: sentence of pair %d (%s) not in pairs.parquet: a mixed set", trial, s.PairID, s.SourceChannel)
				break
			}
		}
	}
	t.Logf("%d of 8 builds refused while the other wrote", refused)
}

// TestLockedSetAfterSignal: once a signal's cleanup holds publishing (a
// build that outlived stopGrace), the writer still running creates no
// temporary file the cleanup would miss: its Create waits, and the process
// exits. Without the lock, a build stopped while writing under load left
// ".posts.parquet.tmp-…" behind.
func TestLockedSetAfterSignal(t *testing.T) {
	dir := t.TempDir()
	publishing.Lock()
	created := make(chan error, 1)
	var set lockedSet
	go func() {
		_, err := set.Create(filepath.Join(dir, "posts.parquet"))
		created <- err
	}()
	select {
	case err := <-created:
		t.Fatalf("Create returned (%v) while the cleanup held publishing; left %v", err, leftovers(t, dir))
	case <-time.After(200 * time.Millisecond):
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("a temporary file appeared while the cleanup held publishing: %v", l)
	}
	publishing.Unlock()
	if err := <-created; err != nil {
		t.Fatal(err)
	}
	set.Abort()
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("Abort left %v", l)
	}
}
