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
	"github.com/parapost/parapost/corpus/pipeline"
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
	// Blocks are the blocks of the corpus (see pipeline.PlanBlocks), with
	// the shard that builds each when --shard is given.
	Blocks []manifestBlock `json:"blocks"`
}

type manifestBlock struct {
	Index        int    `json:"index"`
	From         string `json:"from,omitempty"` // first month, "" from the beginning
	To           string `json:"to,omitempty"`   // month after the last, "" to the end
	Dateless     bool   `json:"dateless,omitempty"`
	Translations int    `json:"translations"`
	Built        bool   `json:"built"` // by this build (its shard), not kept by --update or left to another shard
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

// newManifest describes a build: the files it read whole, with their
// hashes (collected as they were read), the command's flags, and the
// counts.
func newManifest(c *cli.Context, hashes *inputHashes, sample bool, posts []*corpus.Post, pairs []*corpus.Pair, b *pipeline.Builder) *manifest {
	m := &manifest{Parapost: parapostVersion(), Inputs: slices.Clone(hashes.files), Parameters: map[string]string{}}
	for _, t := range b.Timings {
		m.Stages = append(m.Stages, manifestStage{Name: string(t.Stage), Seconds: t.Seconds})
	}
	mine := map[int]bool{}
	for _, blk := range b.ShardBlocks() {
		mine[blk.Index] = true
	}
	month := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01")
	}
	for _, blk := range b.Blocks {
		mb := manifestBlock{Index: blk.Index, Dateless: !blk.Dated, Translations: blk.Targets, Built: mine[blk.Index]}
		if blk.Dated {
			mb.From, mb.To = month(blk.Start), month(blk.End)
		}
		m.Blocks = append(m.Blocks, mb)
	}
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
	m.Counts.Beads = bilingualShapes(b.BeadShapes())
	return m
}

func (m *manifest) write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}
