package main

import (
	"encoding/json"
	"fmt"
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

// With --mt-scope all, --mt google translates every source sentence: the
// same corpus as --mt file: with the same translations.
func TestMTGoogleSameAsFile(t *testing.T) {
	srv := fakeFromFile(t, hardMT)
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache.db")
	google := []string{"--mt", "google", "--mt-endpoint", srv.URL, "--gcp-project", "p", "--mt-cache", cache, "--mt-scope", "all"}

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

// The dry run's figure is what the run then sends, in both scopes: with
// asked (the default) on a set where the free signals leave some
// translations undecided and some beads unsure.
func TestMTGoogleDryRunEqualsSent(t *testing.T) {
	for _, scope := range []string{"asked", "all"} {
		t.Run(scope, func(t *testing.T) {
			srv := fakeFromFile(t, hardMT)
			dir := t.TempDir()
			google := []string{"--mt", "google", "--mt-endpoint", srv.URL, "--gcp-project", "p", "--mt-cache", filepath.Join(dir, "cache.db"), "--mt-scope", scope}
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
			if u := undecidedRE.FindStringSubmatch(stdout); scope == "asked" && (u == nil || u[1] == "0" || u[2] == "0") {
				t.Errorf("dry run of --mt-scope asked: want undecided translations and pairs to align again, got %q", stdout)
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
			for s, n := range srv.Answered() {
				if n != 1 {
					t.Errorf("%q translated %d times", s, n)
				}
			}
			t.Logf("dry run and run: %d characters in %d requests", chars, reqs)
		})
	}
}

var undecidedRE = regexp.MustCompile(`(\d+) of \d+ translations undecided, \d+ source posts asked for them; (\d+) of \d+ pairs with a low-confidence bead`)

// The default scope asks for what the free signals leave undecided: on
// the WMT23 hard set fewer characters than --mt-scope all, the same pairs
// as --mt file:, and nothing at all with a warm cache.
func TestMTGoogleFrugal(t *testing.T) {
	dir := t.TempDir()
	run := func(name string, extra ...string) (buildJSON, *gmttest.Server) {
		srv := fakeFromFile(t, hardMT)
		args := append([]string{"--mt", "google", "--mt-endpoint", srv.URL, "--gcp-project", "p", "--mt-cache", filepath.Join(dir, name+".db")}, extra...)
		return buildWith(t, filepath.Join(dir, name), args...), srv
	}
	frugal, fsrv := run("asked")
	all, asrv := run("all", "--mt-scope", "all")
	if fsrv.Chars() == 0 || fsrv.Chars() >= asrv.Chars() || frugal.MT.CharsSent != fsrv.Chars() {
		t.Errorf("--mt-scope asked sent %d characters, all %d (summary %+v)", fsrv.Chars(), asrv.Chars(), *frugal.MT)
	}
	if a := frugal.MT.Asked; a == nil || a.Undecided == 0 || a.Candidates == 0 || a.Realign == 0 || all.MT.Asked != nil {
		t.Errorf("summary of what was asked: %+v, all: %+v", frugal.MT.Asked, all.MT.Asked)
	}
	buildWith(t, filepath.Join(dir, "file"), "--mt", "file:"+hardMT)
	if want, got := pairIDs(t, filepath.Join(dir, "file")), pairIDs(t, filepath.Join(dir, "asked")); !slices.Equal(want, got) {
		t.Errorf("--mt-scope asked paired %d posts, --mt file: %d; differ:\n%v\n%v", len(got), len(want), got, want)
	}
	t.Logf("characters sent: --mt-scope asked %d (%d requests), all %d (%d requests); asked: %+v",
		fsrv.Chars(), fsrv.Requests.Load(), asrv.Chars(), asrv.Requests.Load(), *frugal.MT.Asked)

	// Warm cache: the same asks, all cached.
	fsrv.Reset()
	args := []string{"--mt", "google", "--mt-endpoint", fsrv.URL, "--gcp-project", "p", "--mt-cache", filepath.Join(dir, "asked.db")}
	warm := buildWith(t, filepath.Join(dir, "warm"), args...)
	if n := fsrv.Requests.Load(); n != 0 || warm.MT.Requests != 0 || warm.MT.CacheHits == 0 {
		t.Errorf("warm cache: %d requests, summary %+v", n, *warm.MT)
	}
	if want, got := pairIDs(t, filepath.Join(dir, "asked")), pairIDs(t, filepath.Join(dir, "warm")); !slices.Equal(want, got) {
		t.Errorf("warm run paired differently")
	}
	if want, got := sentencePairs(t, filepath.Join(dir, "asked")), sentencePairs(t, filepath.Join(dir, "warm")); !slices.Equal(want, got) {
		t.Errorf("warm run aligned differently")
	}
}

// On the Foreign Ministry sample the anchors settle every pair; a pair
// without anchors (testdata/mt-frugal) is paired only with MT. The default
// scope pairs it too, and sends a fraction of what --mt-scope all sends:
// nothing of the posts the anchors settled.
func TestMTGoogleFrugalAnchorless(t *testing.T) {
	thanksRU := "Благодарим всех, кто поддерживает нас добрым словом."
	thanksRU2 := "Ваши письма согревают сердца наших сотрудников."
	inputs := []string{filepath.Join(data, "mfa-sample", "mid_russia.result.json"), filepath.Join(data, "mfa-sample", "mfa_russia.result.json"),
		filepath.Join(data, "mt-frugal", "mid_thanks.result.json"), filepath.Join(data, "mt-frugal", "mfa_thanks.result.json")}
	dir := t.TempDir()
	build := func(name string, args ...string) []string {
		t.Helper()
		out := filepath.Join(dir, name)
		code, _, stderr := parapost(t, "", append(append([]string{"build", "--quiet", "-o", out}, args...), inputs...)...)
		if code != 0 {
			t.Fatalf("build %v: exit %d: %s", args, code, stderr)
		}
		return pairIDs(t, out)
	}
	const thanks = "МИД России 🇷🇺/62300 Russian MFA 🇷🇺/21700"
	if ids := build("free"); slices.Contains(ids, thanks) || len(ids) < 13 {
		t.Fatalf("without MT: %d pairs %v; want the 13 of the sample, not %s", len(ids), ids, thanks)
	}
	chars := map[string]int64{}
	var answered map[string]int
	for _, scope := range []string{"asked", "all"} {
		srv := gmttest.New()
		t.Cleanup(srv.Close)
		srv.SetTranslate(gmttest.Lookup(map[string]string{
			thanksRU:  "We are grateful to all who support us with a kind word.",
			thanksRU2: "Your letters warm the hearts of our staff.",
		}))
		ids := build(scope, "--mt", "google", "--mt-endpoint", srv.URL, "--gcp-project", "p", "--mt-cache", "off", "--mt-scope", scope)
		// (--mt-scope all does not pair it: the fake translates nothing
		// else, so every other source's bag lacks MT's words.)
		if scope == "asked" && (!slices.Contains(ids, thanks) || len(ids) != 14) {
			t.Errorf("--mt-scope %s: %d pairs %v; want the sample's 13 and %s", scope, len(ids), ids, thanks)
		}
		chars[scope] = srv.Chars()
		if scope == "asked" {
			answered = srv.Answered()
		}
	}
	if chars["asked"] == 0 || chars["asked"] >= chars["all"] {
		t.Errorf("characters sent: --mt-scope asked %d, all %d", chars["asked"], chars["all"])
	}
	if answered[thanksRU] != 1 || answered[thanksRU2] != 1 {
		t.Errorf("the anchor-less post was not asked for: %v", answered)
	}
	// Two pairs the anchors settle and the lengths align with confidence
	// (gold 60118/20514, 62210/21611): nothing of them is asked.
	for s := range answered {
		if strings.Contains(s, "Ю.В.Ушакова") || strings.Contains(s, "под председательством С.В.Лаврова состоялось") {
			t.Errorf("asked for a sentence of a settled pair: %q", s)
		}
	}
	t.Logf("characters sent: --mt-scope asked %d (%d sentences), all %d", chars["asked"], len(answered), chars["all"])
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
		"Министр встретился с послом Франции.":          "The minister met the ambassador of France.",
		"Стороны обсудили двусторонние отношения.":      "The sides discussed bilateral relations.",
		"Переговоры прошли в конструктивной атмосфере.": "The talks were held in a constructive atmosphere.",
	}))
	dir := t.TempDir()
	src, tgt := filepath.Join(dir, "ru.txt"), filepath.Join(dir, "en.txt")
	os.WriteFile(src, []byte("Министр встретился с послом Франции. Стороны обсудили двусторонние отношения.\n"), 0o644)
	os.WriteFile(tgt, []byte("The sides discussed bilateral relations in depth.\nThe minister met the ambassador of France.\n"), 0o644)
	args := []string{"align", "--mt", "google", "--mt-endpoint", srv.URL, "--gcp-project", "p", "--mt-cache", filepath.Join(dir, "c.db"), "--mt-scope", "all"}
	code, out, stderr := parapost(t, "", append(args, "--mt-dry-run", src, tgt)...)
	if code != 0 || !strings.Contains(out, "would send 76 characters in 1 request (2 sentences)") || srv.Requests.Load() != 0 {
		t.Fatalf("dry run: exit %d, %q %s", code, out, stderr)
	}
	code, out, stderr = parapost(t, "", append(args, src, tgt)...)
	if code != 0 || srv.Requests.Load() == 0 {
		t.Fatalf("align: exit %d, %d requests, %s", code, srv.Requests.Load(), stderr)
	}
	// The translation has the sentences the other way round. Without MT,
	// lengths pair each with the wrong one; with it, the minister's
	// sentence shares a bead with its translation (a 2-2 holding the swap,
	// or a 1-1 with the other two left out).
	if !beadHolds(out, "Министр встретился с послом Франции.", "The minister met the ambassador of France.") {
		t.Errorf("align --mt google:\n%s", out)
	}
	for s, n := range srv.Answered() {
		if n != 1 {
			t.Errorf("%q translated %d times", s, n)
		}
	}

	// The default scope asks only when a bead is unsure: not for the two
	// sentences in order, which lengths and anchors align with
	// confidence; for them swapped, since France then crosses the
	// boundary of the beads that lengths make (sentence.Costs.Displaced);
	// and for a document with a sentence the translation left out.
	two := "Министр встретился с послом Франции. Стороны обсудили двусторонние отношения.\n"
	for _, tc := range []struct {
		src, tgt  string
		chars     int64
		realigned string
		holds     [2]string // a bead of the output with MT: its source, its target
	}{
		{two, "The minister met the ambassador of France.\nThe sides discussed bilateral relations in depth.\n", 0, "0 of 1 pairs", [2]string{}},
		{two, "The sides discussed bilateral relations in depth.\nThe minister met the ambassador of France.\n", 76, "1 of 1 pairs",
			[2]string{"Министр встретился с послом Франции.", "The minister met the ambassador of France."}},
		{"Министр встретился с послом Франции. Переговоры прошли в конструктивной атмосфере. Стороны обсудили двусторонние отношения.\n",
			"The minister met the ambassador of France.\nThe sides discussed bilateral relations.\n", 121, "1 of 1 pairs",
			[2]string{"Переговоры прошли в конструктивной атмосфере.", ""}}, // left out: a 1-0 bead
	} {
		srv.Reset()
		os.WriteFile(src, []byte(tc.src), 0o644)
		os.WriteFile(tgt, []byte(tc.tgt), 0o644)
		args := []string{"align", "--mt", "google", "--mt-endpoint", srv.URL, "--gcp-project", "p", "--mt-cache", "off"}
		code, out, stderr := parapost(t, "", append(args, "--mt-dry-run", src, tgt)...)
		if want := fmt.Sprintf("would send %d characters", tc.chars); code != 0 || !strings.Contains(out, tc.realigned) || !strings.Contains(out, want) {
			t.Errorf("dry run: exit %d, %q %s; want %q and %q", code, out, stderr, tc.realigned, want)
		}
		code, out, stderr = parapost(t, "", append(args, src, tgt)...)
		if code != 0 || srv.Chars() != tc.chars {
			t.Errorf("align: exit %d, sent %d characters, want %d: %s", code, srv.Chars(), tc.chars, stderr)
		}
		switch {
		case tc.holds[0] == "":
		case tc.holds[1] == "" && !strings.Contains(out, tc.holds[0]+"\t\t1-0"):
			t.Errorf("align --mt google, %q not left out:\n%s", tc.holds[0], out)
		case !beadHolds(out, tc.holds[0], tc.holds[1]):
			t.Errorf("align --mt google: no bead holds %q and %q:\n%s", tc.holds[0], tc.holds[1], out)
		}
	}
}

// beadHolds reports whether a line of align's output (source, target,
// shape, score) holds src in its source and tgt in its target.
func beadHolds(out, src, tgt string) bool {
	for line := range strings.Lines(out) {
		f := strings.Split(line, "\t")
		if len(f) >= 2 && strings.Contains(f[0], src) && strings.Contains(f[1], tgt) {
			return true
		}
	}
	return false
}
