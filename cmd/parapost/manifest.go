package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/corpus"
)

// manifest is DIR/manifest.json: what a build was made from and how, for
// whoever finds the corpus later. Inputs are the files read whole, listed
// by path, sorted, so that the same inputs in another order give the same
// list.
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

// newManifest describes a build: the files it read whole, with their
// hashes (collected as they were read), the command's flags, and the
// counts.
func newManifest(c *cli.Context, hashes *inputHashes, sample bool, posts []*corpus.Post, pairs []*corpus.Pair, clock *stageClock) *manifest {
	m := &manifest{Parapost: parapostVersion(), Inputs: slices.Clone(hashes.files), Parameters: map[string]string{}, Stages: clock.stages}
	if sample {
		m.Inputs = append(m.Inputs, manifestInput{Path: "(the built-in sample)"})
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
	return m
}

func (m *manifest) write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}
