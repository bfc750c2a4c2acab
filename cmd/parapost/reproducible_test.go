package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestReproducible: the same inputs and flags give byte-identical files,
// whatever the order of the inputs (issue 12): a daily rebuild changes only
// when the data does.
func TestReproducible(t *testing.T) {
	mfa := filepath.Join(data, "mfa-sample")
	inputs := []string{
		filepath.Join(mfa, "mid_russia.result.json"),
		filepath.Join(mfa, "mid_russia.page.html"),
		filepath.Join(mfa, "mfa_russia.result.json"),
	}
	reversed := slices.Clone(inputs)
	slices.Reverse(reversed)
	var dirs []string
	for _, in := range [][]string{inputs, inputs, reversed} {
		dir := t.TempDir()
		args := append([]string{"build", "--quiet", "-o", dir}, in...)
		if code, _, errs := parapost(t, "", args...); code != 0 {
			t.Fatalf("build: exit %d: %s", code, errs)
		}
		dirs = append(dirs, dir)
	}
	for _, name := range corpusFiles {
		if name == "manifest.json" {
			continue // holds the stages' timings; its inputs are checked below
		}
		first, err := os.ReadFile(filepath.Join(dirs[0], name))
		if err != nil {
			t.Fatal(err)
		}
		for i, dir := range dirs[1:] {
			again, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, again) {
				what := "a second build"
				if i == 1 {
					what = "a build with the inputs reversed"
				}
				t.Errorf("%s differs in %s", name, what)
			}
		}
	}
	// The manifest names every input with its hash, in the same order
	// whatever the order of the arguments.
	var first, last manifest
	for i, m := range []*manifest{&first, &last} {
		b, err := os.ReadFile(filepath.Join(dirs[i*2], "manifest.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, m); err != nil {
			t.Fatal(err)
		}
	}
	if len(first.Inputs) != 3 || !slices.Equal(first.Inputs, last.Inputs) || first.Counts != last.Counts || first.Counts.Pairs != 13 {
		t.Errorf("manifests differ or are wrong:\n%+v\n%+v", first, last)
	}
	for _, in := range first.Inputs {
		if len(in.SHA256) != 64 || in.Bytes == 0 {
			t.Errorf("input %+v has no hash", in)
		}
	}
	var stages []string
	for _, st := range first.Stages {
		stages = append(stages, st.Name)
	}
	if !slices.Equal(stages, []string{"read", "detect", "pair", "align", "check"}) || first.Parameters["source-lang"] != "ru" {
		t.Errorf("manifest stages %+v, parameters %v", first.Stages, first.Parameters)
	}
}
