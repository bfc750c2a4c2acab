package gen

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parapost/parapost/corpus"
)

// The project's copies of the gold beads (testdata/README.md).
const testData = "../../../testdata"

func generate(t *testing.T, posts int, seed uint64) string {
	t.Helper()
	docs, err := LoadDocs(testData)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Generate(docs, Options{Posts: posts, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := WriteDir(dir, c); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b, c := generate(t, 200, 7), generate(t, 200, 7), generate(t, 200, 8)
	for _, name := range []string{"ru/result.json", "en/result.json", "gold/pairs.tsv"} {
		ra, _ := os.ReadFile(filepath.Join(a, name))
		rb, _ := os.ReadFile(filepath.Join(b, name))
		rc, _ := os.ReadFile(filepath.Join(c, name))
		if len(ra) == 0 || !bytes.Equal(ra, rb) {
			t.Errorf("%s: two runs with seed 7 differ (or are empty)", name)
		}
		if bytes.Equal(ra, rc) {
			t.Errorf("%s: seeds 7 and 8 give the same bytes", name)
		}
	}
}

// The exports read as Telegram Desktop exports; every gold pair is a
// translation made of gold beads in order, posted after its original;
// dates span years; both sides have posts without a counterpart.
func TestGeneratedCorpus(t *testing.T) {
	const n = 300
	dir := generate(t, n, 1)
	posts, stats, err := corpus.ReadPaths(context.Background(), []string{filepath.Join(dir, "ru"), filepath.Join(dir, "en")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	skipped := stats.Skipped["media only (no text)"]
	if len(posts)+skipped != 2*n || skipped == 0 {
		t.Fatalf("read %d posts and %d photos, want %d messages with a few photos", len(posts), skipped, 2*n)
	}
	byKey := map[corpus.Key]*corpus.Post{}
	var first, last time.Time
	for _, p := range posts {
		byKey[p.Key()] = p
		if first.IsZero() || p.Date.Before(first) {
			first = p.Date
		}
		if p.Date.After(last) {
			last = p.Date
		}
	}
	if last.Sub(first) < 3*365*24*time.Hour {
		t.Errorf("dates span %v, want several years", last.Sub(first))
	}

	docs, _ := LoadDocs(testData)
	var beads []Bead
	for _, d := range docs {
		beads = append(beads, d...)
	}
	f, err := os.Open(filepath.Join(dir, "gold", "pairs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	pairs, prevEN := 0, ""
	for sc.Scan() {
		fl := strings.Split(sc.Text(), "\t")
		enID, _ := strconv.ParseInt(fl[1], 10, 64)
		ruID, _ := strconv.ParseInt(fl[3], 10, 64)
		en, ru := byKey[corpus.Key{Channel: fl[0], ID: enID}], byKey[corpus.Key{Channel: fl[2], ID: ruID}]
		if en == nil || ru == nil {
			t.Fatalf("gold pair %q names a post not read", sc.Text())
		}
		if d := en.Date.Sub(ru.Date); d <= 0 || d > 5*24*time.Hour {
			t.Errorf("pair %d/%d: translation posted %v after the original", enID, ruID, d)
		}
		if !translates(beads, ru.Text, en.Text) {
			t.Fatalf("pair %d/%d: the texts are not the two sides of a run of gold beads:\n%.200q\n%.200q", enID, ruID, ru.Text, en.Text)
		}
		// The matcher must reject a wrong pair, or this checks nothing.
		if prevEN != "" && prevEN != en.Text && translates(beads, ru.Text, prevEN) {
			t.Fatalf("pair %d/%d: the previous pair's English also passes", enID, ruID)
		}
		prevEN = en.Text
		pairs++
	}
	if pairs < n*8/10 || pairs >= n-len(posts)/100 {
		t.Errorf("%d gold pairs of %d posts per language: want most, not all, paired", pairs, n)
	}
}

// translates reports whether ru and en are the two sides of a sequence of
// beads joined by the same separators (" " or "\n\n").
func translates(beads []Bead, ru, en string) bool {
	if ru == "" && en == "" {
		return true
	}
	for _, b := range beads {
		if !strings.HasPrefix(ru, b.RU) || !strings.HasPrefix(en, b.EN) {
			continue
		}
		r, e := ru[len(b.RU):], en[len(b.EN):]
		if r == "" && e == "" {
			return true
		}
		for _, sep := range []string{" ", "\n\n"} {
			if strings.HasPrefix(r, sep) && strings.HasPrefix(e, sep) && translates(beads, r[len(sep):], e[len(sep):]) {
				return true
			}
		}
	}
	return false
}
