package check_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parapost/parapost/align/check"
)

// TestBrowser renders the HTML report in headless Chromium (make
// test-browser sets PARAPOST_TEST_BROWSER=1): screenshots for people to
// look at, in $PARAPOST_SCREENSHOTS (default: a temporary directory), and
// the DOM after the script ran, to check that it works. Skipped when
// chromium is absent.
func TestBrowser(t *testing.T) {
	if os.Getenv("PARAPOST_TEST_BROWSER") == "" {
		t.Skip("set PARAPOST_TEST_BROWSER=1 (make test-browser)")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed (apt-get install -y chromium)")
	}
	shots := os.Getenv("PARAPOST_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if shots, err = filepath.Abs(shots); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := map[string]*built{"mfa-sample": mfa(t), "wmt23-ruen-dev-hard": build(t, wmtFiles...)}
	for name, b := range pages {
		var buf bytes.Buffer
		rep := check.Pairs(b.pairs, b.options())
		kind := check.Omission // the kind whose findings the page is opened at
		if rep.Summary.Findings[kind] == 0 {
			kind = check.Number
		}
		if err := check.WriteHTML(&buf, rep); err != nil {
			t.Fatal(err)
		}
		page := filepath.Join(shots, name+".html")
		if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		url := "file://" + page
		for shot, suffix := range map[string]string{"top": "", "first-finding": "#finding-1", string(kind): "#kind-" + string(kind)} {
			png := filepath.Join(shots, name+"-"+shot+".png")
			run(t, chromium, "--screenshot="+png, "--window-size=1280,900", "--virtual-time-budget=2000", url+suffix)
			if st, err := os.Stat(png); err != nil || st.Size() < 10000 {
				t.Errorf("%s: no screenshot (%v)", png, err)
			}
		}
		// The script ran: the finding the hash names is the current one.
		dom := run(t, chromium, "--dump-dom", "--virtual-time-budget=2000", url+"#kind-"+string(kind))
		if !strings.Contains(dom, `current" data-kind="`+string(kind)+`"`) || !strings.Contains(dom, "1 of ") {
			t.Errorf("%s: #kind-%s did not select the first finding of the kind", name, kind)
		}
		t.Logf("%s: %s and its screenshots", name, page)
	}
}

// run runs headless chromium with args and returns its standard output.
func run(t *testing.T, chromium string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--no-first-run", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, chromium, append(base, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}
