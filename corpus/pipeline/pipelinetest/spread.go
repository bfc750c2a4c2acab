// Package pipelinetest provides a corpus of several blocks for the tests
// of package pipeline and of the parapost command: the WMT23 documents of
// testdata/wmt23-ruen-dev spread over eight months.
package pipelinetest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parapost/parapost/corpus"
)

// Spread reads the WMT23 documents of dir (testdata/wmt23-ruen-dev: 81
// Russian posts and their English translations, all of January 2024) and
// spreads them over eight months, each original three days after the one
// before and each translation as long after its original as it was: a
// corpus of several blocks with the gold pairs intact. Languages are set
// by channel, so that no detector is needed.
func Spread(tb testing.TB, dir string) []*corpus.Post {
	tb.Helper()
	posts, _, err := corpus.ReadPaths(context.Background(),
		[]string{filepath.Join(dir, "ru.result.json"), filepath.Join(dir, "en.result.json")}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	byKey := map[corpus.Key]*corpus.Post{}
	var ru []*corpus.Post
	for _, p := range posts {
		byKey[p.Key()] = p
		if strings.HasPrefix(p.Channel, "Новости") {
			p.Lang = "ru"
			ru = append(ru, p)
		} else {
			p.Lang = "en"
		}
	}
	slices.SortFunc(ru, func(a, b *corpus.Post) int { return a.Date.Compare(b.Date) })
	gold := Gold(tb, dir)
	translation := map[*corpus.Post]*corpus.Post{}
	for en, ruKey := range gold {
		translation[byKey[ruKey]] = byKey[en]
	}
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	moved := map[*corpus.Post]bool{}
	for i, p := range ru {
		when := start.Add(time.Duration(i) * 72 * time.Hour)
		if en := translation[p]; en != nil {
			en.Date = when.Add(en.Date.Sub(p.Date))
			moved[en] = true
		}
		p.Date = when
	}
	for _, p := range posts {
		if p.Lang == "en" && !moved[p] {
			tb.Fatalf("%s/%d has no gold original", p.Channel, p.ID)
		}
	}
	return posts
}

// Gold returns the gold pairs of dir: translation → original.
func Gold(tb testing.TB, dir string) map[corpus.Key]corpus.Key {
	tb.Helper()
	f, err := os.Open(filepath.Join(dir, "gold", "pairs.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	gold := map[corpus.Key]corpus.Key{}
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		enID, err1 := strconv.ParseInt(fields[1], 10, 64)
		ruID, err2 := strconv.ParseInt(fields[3], 10, 64)
		if len(fields) != 4 || err1 != nil || err2 != nil {
			tb.Fatalf("%s: bad line %q", f.Name(), sc.Text())
		}
		gold[corpus.Key{Channel: fields[0], ID: enID}] = corpus.Key{Channel: fields[2], ID: ruID}
	}
	return gold
}

// WriteJSONL writes posts as parapost's JSON Lines input, one file per
// channel under dir, and returns their paths.
func WriteJSONL(tb testing.TB, posts []*corpus.Post, dir string) []string {
	tb.Helper()
	files := map[string]*os.File{}
	var paths []string
	for _, p := range posts {
		f := files[p.Channel]
		if f == nil {
			path := filepath.Join(dir, fmt.Sprintf("channel-%d.jsonl", len(files)))
			var err error
			if f, err = os.Create(path); err != nil {
				tb.Fatal(err)
			}
			defer f.Close()
			files[p.Channel] = f
			paths = append(paths, path)
		}
		line, err := json.Marshal(map[string]any{"channel": p.Channel, "id": p.ID, "date": p.Date.Format(time.RFC3339), "text": p.Text})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := f.Write(append(line, '\n')); err != nil {
			tb.Fatal(err)
		}
	}
	return paths
}
