package main

import (
	"bytes"
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
}
