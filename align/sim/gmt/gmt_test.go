package gmt_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/align/sim/gmt"
	"github.com/parapost/parapost/align/sim/gmt/gmttest"
)

// config is a fast-retrying configuration for the fake.
func config(srv *gmttest.Server) gmt.Config {
	return gmt.Config{Project: "p", Endpoint: srv.URL, Source: "ru", Target: "en", Concurrency: 4,
		Timeout: 300 * time.Millisecond, Attempts: 4, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}
}

func newTranslator(t testing.TB, cfg gmt.Config, cachePath string) (*gmt.Translator, *gmt.Cache) {
	t.Helper()
	cl, err := gmt.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var cache *gmt.Cache
	if cachePath != "" {
		if cache, err = gmt.OpenCache(cachePath, false); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cache.Close() })
	}
	return gmt.NewTranslator(cl, cache), cache
}

func texts(n int, prefix string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s предложение номер %d.", prefix, i)
	}
	return out
}

// cached returns the cache's entries of the default key.
func cached(t *testing.T, path string) map[string]string {
	t.Helper()
	c, err := gmt.OpenCache(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	out := map[string]string{}
	for _, e := range c.Entries(func(gmt.CacheKey) bool { return true }) {
		if _, dup := out[e[0]]; dup {
			t.Errorf("cache holds %q twice", e[0])
		}
		out[e[0]] = e[1]
	}
	return out
}

// checkOnce asserts that every text was answered exactly once and that
// the cache holds each with its translation.
func checkOnce(t *testing.T, srv *gmttest.Server, want []string, cachePath string) {
	t.Helper()
	ans := srv.Answered()
	for _, s := range want {
		if ans[s] != 1 {
			t.Errorf("%q translated %d times, want 1", s, ans[s])
		}
	}
	if len(ans) != len(want) {
		t.Errorf("server translated %d texts, want %d", len(ans), len(want))
	}
	if cachePath == "" {
		return
	}
	c := cached(t, cachePath)
	for _, s := range want {
		if c[s] != "[en] "+s {
			t.Errorf("cache: %q → %q, want %q", s, c[s], "[en] "+s)
		}
	}
	if len(c) != len(want) {
		t.Errorf("cache holds %d entries, want %d", len(c), len(want))
	}
}

func TestBatchesWithinLimits(t *testing.T) {
	long := strings.Repeat("я", 6000)
	huge := strings.Repeat("ж", gmt.MaxTextRunes+1)
	in := append(texts(2500, "a"), long, huge, "b")
	var n int
	for _, b := range gmt.Batches(in) {
		runes := 0
		for _, s := range b {
			runes += len([]rune(s))
		}
		if len(b) > gmt.MaxStrings || (runes > gmt.BatchRunes && len(b) > 1) {
			t.Errorf("batch of %d texts, %d code points", len(b), runes)
		}
		n += len(b)
	}
	if n != len(in)-1 {
		t.Errorf("batches hold %d texts, want %d (all but the one over %d code points)", n, len(in)-1, gmt.MaxTextRunes)
	}
}

func TestTranslateThenWarmCacheSendsNothing(t *testing.T) {
	srv := gmttest.New()
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "cache.db")
	in := texts(3000, "x")
	tr, cache := newTranslator(t, config(srv), path)
	got, err := tr.Translate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range in {
		if got[i] != "[en] "+s {
			t.Fatalf("translation %d = %q", i, got[i])
		}
	}
	if n := srv.Requests.Load(); n < 2 {
		t.Errorf("%d requests for 3000 texts: not batched within limits", n)
	}
	if m := srv.MaxInFlight.Load(); m > 4 {
		t.Errorf("%d requests in flight, limit 4", m)
	}
	cache.Close()
	checkOnce(t, srv, in, path)

	srv.Reset()
	tr2, _ := newTranslator(t, config(srv), path)
	if _, err := tr2.Translate(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if n := srv.Requests.Load(); n != 0 {
		t.Errorf("warm cache: %d requests, want 0", n)
	}
	if h := tr2.CacheHits.Load(); h != int64(len(in)) {
		t.Errorf("cache hits %d, want %d", h, len(in))
	}
}

func TestFaultsAreRetried(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fault   gmttest.Fault
		times   int // the first `times` requests fail
		minWait time.Duration
	}{
		{"429 with Retry-After", gmttest.Fault{Status: 429, RetryAfter: "1"}, 1, time.Second},
		{"500s", gmttest.Fault{Status: 500}, 2, 0},
		{"503", gmttest.Fault{Status: 503}, 1, 0},
		{"slower than the deadline", gmttest.Fault{Delay: time.Second}, 1, 300 * time.Millisecond},
		{"malformed JSON", gmttest.Fault{Malformed: true}, 1, 0},
		{"reply cut half-way", gmttest.Fault{Truncate: true}, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := gmttest.New()
			defer srv.Close()
			srv.SetFault(func(n int, _ []string) *gmttest.Fault {
				if n <= tc.times {
					return &tc.fault
				}
				return nil
			})
			path := filepath.Join(t.TempDir(), "cache.db")
			cfg := config(srv)
			cfg.Concurrency = 1
			tr, cache := newTranslator(t, cfg, path)
			in := texts(10, tc.name)
			start := time.Now()
			if _, err := tr.Translate(context.Background(), in); err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d < tc.minWait {
				t.Errorf("done in %v, want at least %v", d, tc.minWait)
			}
			st := &tr.Client().Stats
			if r := st.Retries.Load(); r != int64(tc.times) {
				t.Errorf("retries %d, want %d", r, tc.times)
			}
			if r := st.Requests.Load(); r != int64(tc.times+1) {
				t.Errorf("requests %d, want %d", r, tc.times+1)
			}
			cache.Close()
			checkOnce(t, srv, in, path)
		})
	}
}

func TestGivesUpHalfWayAndResumes(t *testing.T) {
	srv := gmttest.New()
	defer srv.Close()
	// Requests 3 and later fail: two batches are answered, then the
	// translator gives up.
	srv.SetFault(func(n int, _ []string) *gmttest.Fault {
		if n >= 3 {
			return &gmttest.Fault{Status: 503}
		}
		return nil
	})
	path := filepath.Join(t.TempDir(), "cache.db")
	cfg := config(srv)
	cfg.Concurrency = 1
	in := texts(2000, "half") // 4+ batches of ~5K code points
	tr, cache := newTranslator(t, cfg, path)
	_, err := tr.Translate(context.Background(), in)
	var e *gmt.Error
	if !errors.As(err, &e) || e.Kind != gmt.KindGaveUp || e.UserError() {
		t.Fatalf("error %v, want a KindGaveUp *gmt.Error", err)
	}
	if want := "Cloud Translation: gave up after 4 attempts: Cloud Translation: HTTP 503: fault injected"; err.Error() != want {
		t.Errorf("message %q,\nwant %q", err.Error(), want)
	}
	cache.Close()
	c := cached(t, path)
	ans := srv.Answered()
	if len(c) == 0 || len(c) != len(ans) {
		t.Fatalf("cache holds %d entries, server answered %d texts", len(c), len(ans))
	}
	for s, tr := range c {
		if ans[s] != 1 || tr != "[en] "+s {
			t.Errorf("cache %q → %q, answered %d times", s, tr, ans[s])
		}
	}

	// The rerun sends only the rest, each once.
	srv.SetFault(nil)
	tr2, cache2 := newTranslator(t, cfg, path)
	if _, err := tr2.Translate(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if h := tr2.CacheHits.Load(); h != int64(len(c)) {
		t.Errorf("rerun: %d cache hits, want %d", h, len(c))
	}
	cache2.Close()
	checkOnce(t, srv, in, path)
}

func TestUserErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		project  string
		fault    *gmttest.Fault
		kind     gmt.Kind
		requests int64
		msg      string
	}{
		{"unknown project", "nope", nil, gmt.KindProject, 1, "unknown project or resource"},
		{"billing", "p", &gmttest.Fault{Status: 403, Reason: "BILLING_DISABLED"}, gmt.KindBilling, 1, "billing is not enabled"},
		{"permission", "p", &gmttest.Fault{Status: 403}, gmt.KindPermission, 1, "permission denied"},
		{"credentials", "p", &gmttest.Fault{Status: 401}, gmt.KindAuth, 1, "credentials refused"},
		{"quota", "p", &gmttest.Fault{Status: 429}, gmt.KindQuota, 4, "quota exceeded, gave up after 4 attempts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := gmttest.New()
			defer srv.Close()
			srv.SetProject("p")
			srv.SetFault(func(int, []string) *gmttest.Fault { return tc.fault })
			cfg := config(srv)
			cfg.Project = tc.project
			tr, _ := newTranslator(t, cfg, filepath.Join(t.TempDir(), "c.db"))
			_, err := tr.Translate(context.Background(), texts(3, "e"))
			var e *gmt.Error
			if !errors.As(err, &e) || e.Kind != tc.kind || !e.UserError() || !gmt.IsUserError(err) {
				t.Fatalf("error %v, want kind %d", err, tc.kind)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("message %q lacks %q", err, tc.msg)
			}
			if n := srv.Requests.Load(); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
		})
	}
}

func TestNoProject(t *testing.T) {
	_, err := gmt.NewClient(gmt.Config{Source: "ru", Target: "en"})
	if !gmt.IsUserError(err) || !strings.Contains(err.Error(), "--gcp-project") {
		t.Errorf("error %v", err)
	}
}

func TestCancel(t *testing.T) {
	srv := gmttest.New()
	defer srv.Close()
	srv.SetLatency(5 * time.Second)
	cfg := config(srv)
	cfg.Timeout = 10 * time.Second
	tr, _ := newTranslator(t, cfg, "")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := tr.Translate(ctx, texts(5, "c"))
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Errorf("error %v after %v, want the context's, at once", err, time.Since(start))
	}
}

func TestPlanEqualsWhatIsSent(t *testing.T) {
	srv := gmttest.New()
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "cache.db")
	in := texts(3000, "plan")
	tr, cache := newTranslator(t, config(srv), path)
	if _, err := tr.Translate(context.Background(), in[:1000]); err != nil { // warm a third
		t.Fatal(err)
	}
	srv.Reset()
	in = append(in, in[:10]...) // repeats are sent once
	p, err := tr.Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	if p.Cached != 1000 || p.Strings != 2000 {
		t.Errorf("plan %+v, want 1000 cached, 2000 to send", p)
	}
	cache.Close()
	tr2, _ := newTranslator(t, config(srv), path)
	if _, err := tr2.Translate(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if got := srv.Chars(); got != p.Chars {
		t.Errorf("sent %d code points, plan said %d", got, p.Chars)
	}
	if got := srv.Requests.Load(); got != int64(p.Requests) {
		t.Errorf("sent %d requests, plan said %d", got, p.Requests)
	}
	if got := tr2.Client().Stats.Chars.Load(); got != p.Chars {
		t.Errorf("client counted %d code points, plan said %d", got, p.Chars)
	}
}

func TestPrice(t *testing.T) {
	list, after := gmt.Price(1_500_000)
	if list != 30 || after != 20 {
		t.Errorf("Price(1.5M) = %v, %v; want 30, 20", list, after)
	}
}

func TestModelSharesRequestsAcrossGoroutines(t *testing.T) {
	srv := gmttest.New()
	defer srv.Close()
	srv.SetLatency(20 * time.Millisecond)
	srv.SetTranslate(func(s string) string { return strings.ReplaceAll(s, "Министр", "Minister") })
	vocab := sim.NewVocabulary("en")
	tr, _ := newTranslator(t, config(srv), "")
	m := gmt.NewModel(context.Background(), tr, "ru", vocab)
	posts := []string{
		"Министр встретился с послом. Стороны обсудили вопросы.",
		"Стороны обсудили вопросы. Министр выступил.",
		"Министр выступил.",
	}
	var wg sync.WaitGroup
	for i := range 30 {
		wg.Go(func() { m.Source(posts[i%3]) })
	}
	wg.Wait()
	if err := m.Err(); err != nil {
		t.Fatal(err)
	}
	ans := srv.Answered()
	for s, n := range ans {
		if n != 1 {
			t.Errorf("%q translated %d times", s, n)
		}
	}
	if len(ans) != 3 {
		t.Errorf("%d sentences translated, want 3: %v", len(ans), ans)
	}
	b := m.Source("Министр выступил.")
	if want := vocab.Bag("Minister выступил."); sim.Dice(b, want) != 1 || b.Mass != want.Mass {
		t.Errorf("bag %+v, want %+v", b, want)
	}
	if whole := m.Source(posts[1]); whole.Mass != m.Source("Стороны обсудили вопросы.").Mass+b.Mass {
		t.Errorf("post's mass %v is not the sum of its sentences'", whole.Mass)
	}
}

func TestModelKeepsFirstError(t *testing.T) {
	srv := gmttest.New()
	defer srv.Close()
	srv.SetFault(func(int, []string) *gmttest.Fault { return &gmttest.Fault{Status: 403, Reason: "BILLING_DISABLED"} })
	tr, _ := newTranslator(t, config(srv), "")
	m := gmt.NewModel(context.Background(), tr, "ru", sim.NewVocabulary("en"))
	m.Source("Один.")
	m.Source("Два.")
	if !gmt.IsUserError(m.Err()) {
		t.Errorf("Err() = %v", m.Err())
	}
	if n := srv.Requests.Load(); n != 1 {
		t.Errorf("%d requests after a fatal error, want 1", n)
	}
}

func TestPrefetchSourcesOneRequest(t *testing.T) {
	srv := gmttest.New()
	defer srv.Close()
	tr, _ := newTranslator(t, config(srv), "")
	m := gmt.NewModel(context.Background(), tr, "ru", sim.NewVocabulary("en"))
	posts := []string{"Первое. Второе.", "Третье.", "Второе. Четвёртое."}
	m.PrefetchSources(posts)
	if n := srv.Requests.Load(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	for _, p := range posts {
		m.Source(p)
	}
	m.PrefetchSources(posts)
	if n, a := srv.Requests.Load(), len(srv.Answered()); n != 1 || a != 4 {
		t.Errorf("%d requests, %d sentences, want 1 and 4", n, a)
	}
}

// Known never translates: a post's bag holds the sentences fetched so far.
func TestModelKnown(t *testing.T) {
	srv := gmttest.New()
	defer srv.Close()
	srv.SetTranslate(func(s string) string { return strings.ReplaceAll(s, "Министр", "Minister") })
	vocab := sim.NewVocabulary("en")
	tr, _ := newTranslator(t, config(srv), "")
	m := gmt.NewModel(context.Background(), tr, "ru", vocab)
	known := m.Known()
	if b := known.Source("Министр выступил. Стороны обсудили вопросы."); b.Mass != 0 || srv.Requests.Load() != 0 {
		t.Fatalf("before a fetch: bag %+v, %d requests", b, srv.Requests.Load())
	}
	if err := m.Prefetch(context.Background(), []string{"Министр выступил."}); err != nil {
		t.Fatal(err)
	}
	b := known.Source("Министр выступил. Стороны обсудили вопросы.")
	if want := vocab.Bag("Minister выступил."); sim.Dice(b, want) != 1 || b.Mass != want.Mass {
		t.Errorf("bag %+v, want that of the sentence fetched, %+v", b, want)
	}
	if n := srv.Requests.Load(); n != 1 {
		t.Errorf("%d requests, want the one of Prefetch", n)
	}
	if got, want := known.Target("The minister spoke."), vocab.Bag("The minister spoke."); sim.Dice(got, want) != 1 {
		t.Errorf("target bag %+v, want %+v", got, want)
	}
}
