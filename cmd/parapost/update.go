package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// updateParameters are the flags that shape pairs and beads: an update
// must use those the corpus was built with, or its kept blocks and its new
// ones would disagree.
var updateParameters = []string{"langs", "source-lang", "target-lang", "window", "min-score", "min-margin",
	"dict", "dict-langs", "mt", "block-targets", "tz"}

// readManifest reads DIR/manifest.json; nil when there is none.
func readManifest(dir string) (*manifest, error) {
	path := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &m, nil
}

// checkUpdate compares the flags of an update with those of the build that
// wrote the corpus (its manifest): a difference is a usage error. It
// returns the corpus's manifest (nil when it has none, with a warning).
func checkUpdate(c *cli.Context, dir string) (*manifest, error) {
	m, err := readManifest(dir)
	if err != nil {
		return nil, usagef("--update %s: %v", dir, err)
	}
	if m == nil {
		fmt.Fprintf(c.App.ErrWriter, "parapost: warning: %s has no manifest.json: the update assumes it was built with these flags\n", dir)
		return nil, nil
	}
	var diffs []string
	for _, name := range updateParameters {
		was, ok := m.Parameters[name]
		if !ok {
			continue // a flag the corpus's parapost did not have
		}
		if now := fmt.Sprint(c.Value(name)); now != was {
			diffs = append(diffs, fmt.Sprintf("--%s %q (now %q)", name, was, now))
		}
	}
	if len(diffs) > 0 {
		return nil, usagef("--update %s: the corpus was built with %s: update it with the same flags, or build it again", dir, strings.Join(diffs, ", "))
	}
	return m, nil
}

// mergeInputs lists the inputs of an updated corpus: those of the build it
// updates and the new ones (a file read again is listed as read now).
func mergeInputs(old *manifest, m *manifest) {
	if old == nil {
		return
	}
	for _, in := range old.Inputs {
		if !slices.ContainsFunc(m.Inputs, func(x manifestInput) bool { return x.Path == in.Path }) {
			m.Inputs = append(m.Inputs, in)
		}
	}
	slices.SortFunc(m.Inputs, func(a, b manifestInput) int { return strings.Compare(a.Path, b.Path) })
}
