package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/corpus"
)

// manifest is DIR/manifest.json: what a build was made from and how, for
// whoever finds the corpus later. Inputs are listed by path, sorted, so
// that the same inputs in another order give the same list.
type manifest struct {
	Parapost   string            `json:"parapost"`
	Inputs     []manifestInput   `json:"inputs"`
	Parameters map[string]string `json:"parameters"`
	Counts     manifestCounts    `json:"counts"`
	Stages     []manifestStage   `json:"stages"`
}

type manifestInput struct {
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
}

type manifestCounts struct {
	Posts int `json:"posts"`
	Pairs int `json:"pairs"`
	Beads int `json:"beads"`
}

type manifestStage struct {
	Name    string  `json:"name"`
	Seconds float64 `json:"seconds"`
}

// stageClock times the stages of a build for the manifest.
type stageClock struct {
	stages []manifestStage
	last   time.Time
}

func newStageClock() *stageClock { return &stageClock{last: time.Now()} }

// done records the time since the previous stage ended.
func (c *stageClock) done(name string) {
	now := time.Now()
	c.stages = append(c.stages, manifestStage{Name: name, Seconds: now.Sub(c.last).Round(time.Millisecond).Seconds()})
	c.last = now
}

// newManifest describes a build: its inputs (every regular, non-hidden
// file under them, with its sha256), the command's flags, and the counts.
func newManifest(c *cli.Context, inputs []string, sample bool, posts []*corpus.Post, pairs []*corpus.Pair, clock *stageClock) (*manifest, error) {
	m := &manifest{Parapost: parapostVersion(), Parameters: map[string]string{}, Stages: clock.stages}
	if sample {
		m.Inputs = []manifestInput{{Path: "(the built-in sample)"}}
	}
	for _, in := range inputs {
		if in == "-" {
			m.Inputs = append(m.Inputs, manifestInput{Path: "-"})
			continue
		}
		err := filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if path != in && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			mi, err := hashFile(path)
			if err != nil {
				return err
			}
			m.Inputs = append(m.Inputs, mi)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("manifest: %w", err)
		}
	}
	slices.SortFunc(m.Inputs, func(a, b manifestInput) int { return strings.Compare(a.Path, b.Path) })
	for _, f := range c.Command.Flags {
		name := f.Names()[0]
		switch name {
		case "output", "quiet", "json", "workers", "help":
			continue // where and how loudly, not what
		}
		if v := c.Value(name); v != nil {
			m.Parameters[name] = fmt.Sprint(v)
		}
	}
	m.Counts.Posts, m.Counts.Pairs = len(posts), len(pairs)
	for _, p := range pairs {
		for _, b := range p.Beads {
			if b.Bilingual() {
				m.Counts.Beads++
			}
		}
	}
	return m, nil
}

func hashFile(path string) (manifestInput, error) {
	f, err := os.Open(path)
	if err != nil {
		return manifestInput{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return manifestInput{}, fmt.Errorf("read %s: %w", path, err)
	}
	return manifestInput{Path: path, Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

func (m *manifest) write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}
