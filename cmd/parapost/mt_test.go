package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/align/sim/gmt/gmttest"
	"github.com/parapost/parapost/align/split"
	"github.com/parapost/parapost/corpus"
)

var hardMT = filepath.Join(data, "wmt23-ruen-dev-hard", "mt", "ru-en.jsonl")

// fakeFromFile is a fake Translation API answering with the translations
// of a translations file, sentence by sentence as sim.NewTranslations
// lends them (a unit's sentences get its translation's sentences when
// both have as many, else the whole translation).
func fakeFromFile(t *testing.T, path string) *gmttest.Server {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	units, err := sim.ReadTranslations(f, path, "ru", "en")
	if err != nil {
		t.Fatal(err)
	}
	key := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	m := map[string]string{}
	for _, u := range units {
		m[key(u.Source)] = u.Translation
	}
	for _, u := range units {
		ss := split.Sentences(u.Source, "ru")
		if len(ss) < 2 {
			continue
		}
		ts := split.Sentences(u.Translation, "en")
		for i, sp := range ss {
			k := key(u.Source[sp.Start:sp.End])
			if _, ok := m[k]; ok {
				continue
			}
			if len(ts) == len(ss) {
				m[k] = u.Translation[ts[i].Start:ts[i].End]
			} else {
				m[k] = u.Translation
			}
		}
	}
	srv := gmttest.New()
	srv.SetTranslate(gmttest.Lookup(m))
	t.Cleanup(srv.Close)
	return srv
}

func hardInputs() []string {
	return []string{filepath.Join(data, "wmt23-ruen-dev-hard", "ru.result.json"), filepath.Join(data, "wmt23-ruen-dev-hard", "en-pages")}
}

func pairIDs(t *testing.T, dir string) []string {
	var out []string
	for _, p := range readRows(t, filepath.Join(dir, "pairs.parquet"), readPairs) {
		out = append(out, p.SourceChannel+"/"+strconv.FormatInt(p.SourcePostID, 10)+" "+p.TargetChannel+"/"+strconv.FormatInt(p.TargetPostID, 10))
	}
	slices.Sort(out)
	return out
}

func sentencePairs(t *testing.T, dir string) []string {
	var out []string
	for _, s := range readRows(t, filepath.Join(dir, "sentences.parquet"), readSentences) {
		b, _ := json.Marshal(s)
		out = append(out, string(b))
	}
	slices.Sort(out)
	return out
}

type buildJSON struct {
	Pairs struct{ Paired int } `json:"pairs"`
	MT    *mtSummary           `json:"mt"`
}

func buildWith(t *testing.T, out string, args ...string) buildJSON {
	t.Helper()
	code, stdout, stderr := parapost(t, "", append(append([]string{"build", "--json", "--quiet", "-o", out}, args...), hardInputs()...)...)
	if code != 0 {
		t.Fatalf("build %v: exit %d: %s", args, code, stderr)
	}
	var sum buildJSON
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("summary %q: %v", stdout, err)
	}
	return sum
}

func TestMTGoogleSameAsFile(t *testing.T) {
	srv := fakeFromFile(t, hardMT)
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache.db")
	google := []string{"--mt", "google", "--mt-endpoint", srv.URL, "--gcp-project", "p", "--mt-cache", cache}

	fileSum := buildWith(t, filepath.Join(dir, "file"), "--mt", "file:"+hardMT)
	gSum := buildWith(t, filepath.Join(dir, "google"), google...)
	if want, got := pairIDs(t, filepath.Join(dir, "file")), pairIDs(t, filepath.Join(dir, "google")); !slices.Equal(want, got) || len(got) == 0 {
		t.Errorf("--mt google paired %d posts, --mt file: %d; differ:\n%v\n%v", len(got), len(want), got, want)
	}
	if want, got := sentencePairs(t, filepath.Join(dir, "file")), sentencePairs(t, filepath.Join(dir, "google")); !slices.Equal(want, got) {
		t.Errorf("sentences.parquet differ: %d rows with --mt google, %d with --mt file:", len(got), len(want))
	}
	if gSum.MT == nil || gSum.MT.Requests == 0 || gSum.MT.CharsSent != srv.Chars() || gSum.MT.CacheHits != 0 || fileSum.MT != nil {
		t.Errorf("summary mt %+v (fake answered %d chars), file run %+v", gSum.MT, srv.Chars(), fileSum.MT)
	}
	for s, n := range srv.Answered() {
		if n != 1 {
			t.Errorf("%q translated %d times", s, n)
		}
	}
	t.Logf("--mt google: %+v", *gSum.MT)

	// Warm cache: nothing sent, the same corpus.
	srv.Reset()
	warm := buildWith(t, filepath.Join(dir, "warm"), google...)
	if n := srv.Requests.Load(); n != 0 || warm.MT.Requests != 0 || warm.MT.CacheHits == 0 {
		t.Errorf("warm cache: %d requests, summary %+v", n, *warm.MT)
	}
	if want, got := pairIDs(t, filepath.Join(dir, "google")), pairIDs(t, filepath.Join(dir, "warm")); !slices.Equal(want, got) {
		t.Errorf("warm run paired differently")
	}

	// mt export writes a translations file that --mt file: reads.
	exported := filepath.Join(dir, "exported.jsonl")
	if code, _, stderr := parapost(t, "", "mt", "export", "--mt-cache", cache, "-o", exported); code != 0 {
		t.Fatalf("mt export: %d %s", code, stderr)
	}
	buildWith(t, filepath.Join(dir, "fromexport"), "--mt", "file:"+exported)
	if want, got := pairIDs(t, filepath.Join(dir, "google")), pairIDs(t, filepath.Join(dir, "fromexport")); !slices.Equal(want, got) {
		t.Errorf("--mt file: of the exported cache paired differently")
	}
}

var dryRE = regexp.MustCompile(`would send (\d+) characters in (\d+) requests?`)

func TestMTGoogleDryRunEqualsSent(t *testing.T) {
	srv := fakeFromFile(t, hardMT)
	dir := t.TempDir()
	google := []string{"--mt", "google", "--mt-endpoint", srv.URL, "--gcp-project", "p", "--mt-cache", filepath.Join(dir, "cache.db"), "--mt-scope", "all"}
	code, stdout, stderr := parapost(t, "", append(append([]string{"build", "--quiet", "-o", filepath.Join(dir, "dry"), "--mt-dry-run"}, google...), hardInputs()...)...)
	m := dryRE.FindStringSubmatch(stdout)
	if code != 0 || m == nil {
		t.Fatalf("dry run: exit %d, %q %s", code, stdout, stderr)
	}
	if n := srv.Requests.Load(); n != 0 {
		t.Fatalf("the dry run sent %d requests", n)
	}
	if _, err := os.Stat(filepath.Join(dir, "dry", "pairs.parquet")); err == nil {
		t.Errorf("the dry run wrote a corpus")
	}
	chars, _ := strconv.ParseInt(m[1], 10, 64)
	reqs, _ := strconv.ParseInt(m[2], 10, 64)

	// Over the limit: refused before anything is sent.
	code, _, stderr = parapost(t, "", append(append([]string{"build", "--quiet", "-o", filepath.Join(dir, "limited"), "--mt-max-chars", strconv.FormatInt(chars-1, 10)}, google...), hardInputs()...)...)
	if code != 2 || !strings.Contains(stderr, "--mt-max-chars") || srv.Requests.Load() != 0 {
		t.Errorf("--mt-max-chars below the plan: exit %d, %d requests, %s", code, srv.Requests.Load(), stderr)
	}

	sum := buildWith(t, filepath.Join(dir, "real"), append(google, "--mt-max-chars", strconv.FormatInt(chars, 10))...)
	if srv.Chars() != chars || srv.Requests.Load() != reqs || sum.MT.CharsSent != chars || sum.MT.Requests != reqs {
		t.Errorf("dry run said %d characters in %d requests; the run sent %d in %d (summary %+v)", chars, reqs, srv.Chars(), srv.Requests.Load(), *sum.MT)
	}
	t.Logf("dry run and run: %d characters in %d requests", chars, reqs)
}

func TestMTGoogleUserErrors(t *testing.T) {
	srv := gmttest.New()
	defer srv.Close()
	srv.SetProject("p")
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		args  []string
		fault *gmttest.Fault
		want  string
	}{
		{"no project", []string{"--gcp-project", ""}, nil, "no Google Cloud project"},
		{"unknown project", []string{"--gcp-project", "nope"}, nil, "unknown project"},
		{"billing", []string{"--gcp-project", "p"}, &gmttest.Fault{Status: 403, Reason: "BILLING_DISABLED"}, "billing is not enabled"},
		{"permission", []string{"--gcp-project", "p"}, &gmttest.Fault{Status: 403}, "permission denied"},
		{"bad scope", []string{"--gcp-project", "p", "--mt-scope", "some"}, nil, "--mt-scope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOOGLE_CLOUD_PROJECT", "")
			srv.SetFault(func(int, []string) *gmttest.Fault { return tc.fault })
			args := append([]string{"build", "--quiet", "-o", filepath.Join(dir, tc.name), "--mt", "google", "--mt-endpoint", srv.URL,
				"--mt-cache", filepath.Join(dir, "cache.db")}, tc.args...)
			code, _, stderr := parapost(t, "", append(args, hardInputs()...)...)
			if code != 2 || !strings.Contains(stderr, tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("exit %d, stderr %q; want 2 and one line with %q", code, stderr, tc.want)
			}
		})
	}
	_ = corpus.InputError{}
}

func TestMTGoogleAlign(t *testing.T) {
	srv := gmttest.New()
	defer srv.Close()
	srv.SetTranslate(gmttest.Lookup(map[string]string{
		"Министр встретился с послом Франции.":     "The minister met the ambassador of France.",
		"Стороны обсудили двусторонние отношения.": "The sides discussed bilateral relations.",
	}))
	dir := t.TempDir()
	src, tgt := filepath.Join(dir, "ru.txt"), filepath.Join(dir, "en.txt")
	os.WriteFile(src, []byte("Министр встретился с послом Франции. Стороны обсудили двусторонние отношения.\n"), 0o644)
	os.WriteFile(tgt, []byte("The sides discussed bilateral relations in depth.\nThe minister met the ambassador of France.\n"), 0o644)
	args := []string{"align", "--mt", "google", "--mt-endpoint", srv.URL, "--gcp-project", "p", "--mt-cache", filepath.Join(dir, "c.db")}
	code, out, stderr := parapost(t, "", append(args, "--mt-dry-run", src, tgt)...)
	if code != 0 || !strings.Contains(out, "would send at most 76 characters in 1 request (2 sentences)") || srv.Requests.Load() != 0 {
		t.Fatalf("dry run: exit %d, %q %s", code, out, stderr)
	}
	code, out, stderr = parapost(t, "", append(args, src, tgt)...)
	if code != 0 || srv.Requests.Load() == 0 {
		t.Fatalf("align: exit %d, %d requests, %s", code, srv.Requests.Load(), stderr)
	}
	if !strings.Contains(out, "Министр встретился с послом Франции.\tThe minister met the ambassador of France.") {
		t.Errorf("align --mt google:\n%s", out)
	}
	for s, n := range srv.Answered() {
		if n != 1 {
			t.Errorf("%q translated %d times", s, n)
		}
	}
}
