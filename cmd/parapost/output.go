package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/corpus/pipeline"
)

// corpusFiles are the files of a build, in the order they are written.
var corpusFiles = []string{"posts.parquet", "pairs.parquet", "sentences.parquet", "README.md", "manifest.json"}

// outputDir is a build's output directory, checked and locked before any
// input is read: a wrong -o fails in a second, not after the pipeline.
type outputDir struct {
	path       string
	lock       *corpus.DirLock
	once       sync.Once
	unregister func()
}

// openOutput checks -o: not empty, not one of the inputs or inside one
// (`-o $OUT exports/` with OUT unset must not write into exports/), a
// directory that can be created and written. It then takes the
// directory's lock, so that two builds never publish into it at once, and
// removes what a killed build left there. Errors are usage errors.
func openOutput(dir string, inputs []string, stderr io.Writer) (*outputDir, error) {
	if strings.TrimSpace(dir) == "" {
		return nil, usagef("-o: empty output directory (is the variable you passed set?)")
	}
	out, err := resolve(dir)
	if err != nil {
		return nil, usagef("-o %s: %v", dir, err)
	}
	for _, in := range inputs {
		if in == "-" {
			continue
		}
		rin, err := resolve(in)
		if err != nil {
			continue // reading it will say what is wrong
		}
		if out == rin || strings.HasPrefix(out, rin+string(filepath.Separator)) {
			return nil, usagef("-o %s: the output directory is the input %s or inside it; choose another", dir, in)
		}
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, usagef("-o %s: not a directory", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, usagef("-o %s: cannot create the directory: %v", dir, unwrapPath(err))
	}
	lock, err := corpus.LockDir(dir)
	if err != nil {
		if errors.Is(err, corpus.ErrLocked) {
			return nil, usagef("-o %s: %v; wait for it or choose another directory", dir, errors.Unwrap(err))
		}
		return nil, usagef("-o %s: cannot write there: %v", dir, unwrapPath(errors.Unwrap(err)))
	}
	o := &outputDir{path: dir, lock: lock}
	// Stopped by a signal, the process removes its lock file on the way
	// out (the kernel would release the lock itself, but leave the file).
	o.unregister = onInterrupt(o.close)
	probe, err := os.CreateTemp(dir, ".parapost-probe-*")
	if err != nil {
		o.close()
		return nil, usagef("-o %s: cannot write there: %v", dir, unwrapPath(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	removed, err := lock.RemoveLeftovers(corpusFiles...)
	if err != nil {
		o.close()
		return nil, err
	}
	for _, f := range pipeline.Leftovers(dir) {
		if os.Remove(f) == nil {
			removed = append(removed, f)
		}
	}
	if len(removed) > 0 {
		fmt.Fprintf(stderr, "parapost: removed %d temporary files an interrupted build left in %s\n", len(removed), dir)
	}
	return o, nil
}

// close releases the lock; it may be called more than once, and from the
// signal handler.
func (o *outputDir) close() {
	if o == nil {
		return
	}
	o.once.Do(func() {
		if o.unregister != nil {
			o.unregister()
		}
		o.lock.Unlock()
	})
}

// removeTemps removes this build's temporary files; it runs when the
// process is stopped while writing. The lock makes them ours.
func (o *outputDir) removeTemps() {
	o.lock.RemoveLeftovers(corpusFiles...)
	for _, f := range pipeline.Leftovers(o.path) {
		os.Remove(f)
	}
}

// existingPairs counts the pairs of a corpus already in the directory (0
// when there is none or it cannot be read).
func (o *outputDir) existingPairs() int {
	files, _ := filepath.Glob(filepath.Join(o.path, "pairs", "month=*", "part-*.parquet"))
	n := 0
	for _, f := range append(files, filepath.Join(o.path, "pairs.parquet")) {
		if rows, err := readParquet(f, corpus.ReadPairsParquet); err == nil {
			n += len(rows)
		}
	}
	return n
}

// resolve returns the absolute path of p with symbolic links resolved, for
// the part of it that exists.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for cur := abs; ; {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = append([]string{filepath.Base(cur)}, rest...)
		cur = parent
	}
}

// unwrapPath drops the path and operation of an *os.PathError, for
// messages that name the file themselves.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// write writes the corpus files of a build — its Parquet files, then
// the dataset card README.md (which counts what filter removed) and the
// manifest — into the locked directory and publishes them together: all
// are written and synced to temporary files first, then renamed in one go
// (corpus.OutputSet). It returns the paths written.
func (o *outputDir) write(ctx context.Context, st *stage, b *pipeline.Builder, srcLang, tgtLang string,
	filter *corpus.Filter, card func() corpus.DatasetCard, man *manifest) (files []string, err error) {
	unregister := onInterrupt(o.removeTemps)
	defer unregister()
	var set lockedSet
	defer func() {
		if err != nil {
			set.Abort()
		}
	}()
	files, err = b.Write(ctx, &set, o.path, srcLang, tgtLang, filter)
	if err != nil {
		return nil, err
	}
	writers := map[string]func(io.Writer) error{
		"README.md":     func(w io.Writer) error { return corpus.WriteDatasetCard(w, card()) },
		"manifest.json": man.write,
	}
	for _, name := range []string{"README.md", "manifest.json"} {
		path := filepath.Join(o.path, name)
		f, err := set.Create(path)
		if err != nil {
			return nil, err
		}
		st.setItem(name)
		if err := writers[name](corpus.CancelWriter(ctx, f, func(n int) { st.add(int64(n)) })); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
		files = append(files, path)
	}
	// From here the set is published whole: a signal waits for it.
	publishing.Lock()
	defer publishing.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st.setPhase("syncing and publishing the files")
	if err := set.Commit(); err != nil {
		return nil, err
	}
	// Months a partitioned build no longer has are removed once the new
	// files are in place.
	return files, pipeline.RemoveStale(o.path, b.Shard(), files)
}

// lockedSet is an OutputSet that creates its temporary files holding
// publishing. A build that does not stop within stopGrace of a signal is
// cleaned up by removeTemps while its writer still runs; once the signal
// holds publishing, the writer can create no temporary file that the
// cleanup would miss.
type lockedSet struct{ corpus.OutputSet }

func (s *lockedSet) Create(path string) (*corpus.AtomicFile, error) {
	publishing.Lock()
	defer publishing.Unlock()
	return s.OutputSet.Create(path)
}
