package corpus

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// atomicBufferSize batches the many small writes of an encoder into few
// system calls.
const atomicBufferSize = 256 << 10

// defaultOutputMode is the permission of a new output; an output that
// replaces an existing file keeps that file's permission.
const defaultOutputMode fs.FileMode = 0o644

type atomicState int

const (
	atomicOpen atomicState = iota
	atomicPrepared
	atomicCommitted
	atomicAborted
)

var (
	errAborted   = errors.New("output was aborted")
	errCommitted = errors.New("output is already committed")
)

// AtomicFile is an output written to a temporary file beside its final path and renamed into
// place by Commit, so that a failed run never leaves a partial or truncated output.
//
// The usual pattern is
//
//	f, err := CreateAtomic(path)
//	if err != nil { return err }
//	defer f.Abort() // no-op once committed
//	... write to f ...
//	return f.Commit()
//
// An AtomicFile is not safe for concurrent use.
type AtomicFile struct {
	path  string
	tmp   *os.File
	buf   *bufio.Writer
	mode  fs.FileMode
	state atomicState
	err   error // first write error: Commit refuses to publish after one
}

// CreateAtomic starts an output that will replace path when committed. The
// temporary file is created in path's directory, so that the final rename
// stays within one file system and is atomic.
func CreateAtomic(path string) (*AtomicFile, error) {
	mode := defaultOutputMode
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return nil, fmt.Errorf("create %s: is a directory", path)
		}
		mode = st.Mode().Perm()
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return &AtomicFile{
		path: path,
		tmp:  tmp,
		buf:  bufio.NewWriterSize(tmp, atomicBufferSize),
		mode: mode,
	}, nil
}

// Write writes p to the temporary file. The first error is remembered, and
// Commit then fails rather than publish a truncated output.
func (f *AtomicFile) Write(p []byte) (int, error) {
	switch {
	case f.state == atomicAborted:
		return 0, fmt.Errorf("write %s: %w", f.path, errAborted)
	case f.state != atomicOpen:
		return 0, fmt.Errorf("write %s: %w", f.path, errCommitted)
	case f.err != nil:
		return 0, f.err
	}
	n, err := f.buf.Write(p)
	if err != nil {
		f.err = fmt.Errorf("write %s: %w", f.path, err)
		return n, f.err
	}
	return n, nil
}

// Commit flushes the output to stable storage, closes it and renames it to
// its final path, replacing any file there. After a successful Commit,
// further calls return nil; after a failed one the temporary file is gone
// and the previous file at the path, if any, is untouched.
func (f *AtomicFile) Commit() error {
	switch f.state {
	case atomicCommitted:
		return nil
	case atomicAborted:
		return fmt.Errorf("commit %s: %w", f.path, errAborted)
	}
	if err := f.prepare(); err != nil {
		return err
	}
	return f.publish()
}

// Abort closes and removes the temporary file, leaving the final path as it
// was. It is a no-op after Commit or a previous Abort.
func (f *AtomicFile) Abort() {
	if f.state == atomicCommitted || f.state == atomicAborted {
		return
	}
	if f.state == atomicOpen {
		f.tmp.Close() // the file is being discarded: its close error does not matter
	}
	os.Remove(f.tmp.Name())
	f.state = atomicAborted
}

// prepare makes the temporary file complete and durable, so that publishing
// it is a single rename. On failure the output is aborted.
func (f *AtomicFile) prepare() error {
	if f.state == atomicPrepared {
		return nil
	}
	if err := f.prepareFile(); err != nil {
		f.Abort()
		return err
	}
	f.state = atomicPrepared
	return nil
}

func (f *AtomicFile) prepareFile() error {
	if f.err != nil {
		return fmt.Errorf("commit: %w", f.err)
	}
	if st, err := os.Stat(f.path); err == nil && st.IsDir() {
		return fmt.Errorf("commit %s: is a directory", f.path)
	}
	if err := f.buf.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err := f.tmp.Chmod(f.mode); err != nil {
		return fmt.Errorf("commit %s: %w", f.path, err)
	}
	if err := f.tmp.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", f.path, err)
	}
	if err := f.tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", f.path, err)
	}
	return nil
}

// publish renames a prepared temporary file into place.
func (f *AtomicFile) publish() error {
	if err := os.Rename(f.tmp.Name(), f.path); err != nil {
		f.Abort()
		return fmt.Errorf("commit %s: %w", f.path, err)
	}
	f.state = atomicCommitted
	syncDir(filepath.Dir(f.path))
	return nil
}

// syncDir makes a rename in dir durable. It is best effort: some file
// systems do not support syncing a directory, and the data itself is
// already synced.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

// OutputSet groups several outputs of one run: all are committed at the end or none.
//
// Commit first completes and syncs every output, and renames them into
// place only when all succeeded; a failure before that point leaves every
// previous output untouched. Only a failing rename (a rare event within one
// directory) can leave the set partly published, and Commit's error then
// says so. The zero value is ready to use; an OutputSet is not safe for
// concurrent use.
type OutputSet struct {
	files []*AtomicFile
	done  bool
}

// Create starts an output of the set at path.
func (s *OutputSet) Create(path string) (*AtomicFile, error) {
	if s.done {
		return nil, fmt.Errorf("create %s: output set is already committed or aborted", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	for _, f := range s.files {
		if other, err := filepath.Abs(f.path); err == nil && other == abs {
			return nil, fmt.Errorf("create %s: already an output of this run", path)
		}
	}
	f, err := CreateAtomic(path)
	if err != nil {
		return nil, err
	}
	s.files = append(s.files, f)
	return f, nil
}

// Commit publishes every output of the set, or none if any of them fails
// before publishing (see OutputSet). Calling Commit again returns nil.
func (s *OutputSet) Commit() error {
	if s.done {
		for _, f := range s.files {
			if f.state != atomicCommitted {
				return errors.New("commit: output set was aborted")
			}
		}
		return nil
	}
	s.done = true
	for _, f := range s.files {
		if err := f.prepare(); err != nil {
			s.abortAll()
			return err
		}
	}
	for i, f := range s.files {
		if err := f.publish(); err != nil {
			s.abortAll()
			if i > 0 {
				return fmt.Errorf("%w (%d of %d outputs were already replaced)", err, i, len(s.files))
			}
			return err
		}
	}
	return nil
}

// Abort discards every output of the set that is not yet committed. It is
// a no-op after Commit.
func (s *OutputSet) Abort() {
	s.done = true
	s.abortAll()
}

func (s *OutputSet) abortAll() {
	for _, f := range s.files {
		f.Abort()
	}
}

// LockName is the lock file that LockDir keeps in an output directory.
const LockName = ".parapost.lock"

// ErrLocked is returned (wrapped) by LockDir when another process holds the
// directory's lock.
var ErrLocked = errors.New("another parapost is writing there")

// DirLock is an exclusive lock on an output directory, held by one process
// at a time: two runs writing one directory at once would otherwise publish
// a mixed set. On Linux, macOS and the BSDs it is an flock(2) on
// DIR/.parapost.lock, released by the kernel when the process dies, however
// it dies (the file may stay; the next run takes it over); elsewhere the
// lock file is created exclusively, and a run that was killed leaves it
// behind (the error then says to remove it). Unlock removes the file.
type DirLock struct {
	dir string
	f   *os.File
}

// LockDir takes the lock of dir, which must exist. It does not wait: when
// another process holds it, the error wraps ErrLocked and names that
// process.
func LockDir(dir string) (*DirLock, error) {
	f, err := lockFile(filepath.Join(dir, LockName))
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	// The holder's pid, for the message another run prints.
	if err := f.Truncate(0); err == nil {
		fmt.Fprintf(f, "%d\n", os.Getpid())
	}
	return &DirLock{dir: dir, f: f}, nil
}

// lockHolder describes the process named in a lock file, for messages.
func lockHolder(path string) string {
	b, err := os.ReadFile(path)
	if err != nil || len(b) == 0 {
		return ""
	}
	return fmt.Sprintf(" (pid %s)", strings.TrimSpace(string(b)))
}

// Unlock releases the lock. It is a no-op on a nil lock or after Unlock.
func (l *DirLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlockFile(l.f)
	l.f = nil
	return err
}

// RemoveLeftovers removes the temporary files that an AtomicFile for one of
// names (base names such as "posts.parquet") leaves in the directory when
// its process is killed before Commit or Abort. Holding the lock makes this
// safe: no other run can be writing them. It returns the paths removed.
func (l *DirLock) RemoveLeftovers(names ...string) ([]string, error) {
	if l == nil || l.f == nil {
		return nil, errors.New("remove leftovers: directory is not locked")
	}
	var removed []string
	for _, name := range names {
		matches, err := filepath.Glob(filepath.Join(l.dir, "."+name+".tmp-*"))
		if err != nil {
			return removed, err
		}
		for _, m := range matches {
			if st, err := os.Lstat(m); err != nil || !st.Mode().IsRegular() {
				continue
			}
			if err := os.Remove(m); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return removed, fmt.Errorf("remove leftover %s: %w", m, err)
			}
			removed = append(removed, m)
		}
	}
	return removed, nil
}

// CancelWriter returns a writer to w that fails every write once ctx is
// done, so that cancelling a run stops the encoders writing its outputs
// (and the outputs are aborted, not published). written, when not nil,
// is told the bytes of each write, for progress.
func CancelWriter(ctx context.Context, w io.Writer, written func(n int)) io.Writer {
	return cancelWriter{ctx, w, written}
}

type cancelWriter struct {
	ctx     context.Context
	w       io.Writer
	written func(int)
}

func (c cancelWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.w.Write(p)
	if c.written != nil {
		c.written(n)
	}
	return n, err
}
