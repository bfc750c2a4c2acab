package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/parapost/parapost/corpus"
)

// inputFS shows the operating system's files to corpus.ReadFS, which reads
// and merges them exactly as corpus.ReadPaths does, so that the CLI can
// report progress per file and stop on Ctrl-C while a read blocks (a FIFO,
// a terminal): the readers take no progress callback and their context
// check runs between reads only. Names are OS paths as the user gave them
// (absolute, relative, with ".."), and "-" is standard input: inputFS does
// not require fs.ValidPath names, which ReadFS never checks.
type inputFS struct {
	ctx       context.Context
	stdin     io.Reader
	stdinUsed bool
	// onOpen is called with each file's name as reading starts, onRead
	// with the bytes read, onClose when a file is done.
	onOpen  func(name string)
	onRead  func(n int)
	onClose func()
	// hashes, when set, collects the sha256 of every file read to its end,
	// for the manifest: hashed as read, not read again.
	hashes *inputHashes
}

// inputHashes are the files a build read whole, with their hashes.
type inputHashes struct {
	mu    sync.Mutex
	files []manifestInput
}

func (h *inputHashes) add(in manifestInput) {
	h.mu.Lock()
	h.files = append(h.files, in)
	h.mu.Unlock()
}

func (f *inputFS) Stat(name string) (fs.FileInfo, error) { return corpus.StatInput(name) }

// ReadDir lists a directory as corpus.ReadPaths walks it.
func (f *inputFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := corpus.DirEntries(name)
	return entries, unwrapPath(err)
}

func (f *inputFS) Open(name string) (fs.File, error) {
	if f.onOpen != nil {
		f.onOpen(name)
	}
	if name == "-" {
		if f.stdinUsed {
			return nil, errors.New("standard input named twice")
		}
		f.stdinUsed = true
		info, _ := corpus.StatInput("-")
		return &inputFile{r: newCancelReader(f.ctx, f.stdin), info: info, onRead: f.onRead, onClose: f.onClose}, nil
	}
	// open(2) of a FIFO waits for a writer: open in the background so that
	// Ctrl-C is not held up.
	type opened struct {
		f   *os.File
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		file, err := os.Open(name)
		ch <- opened{file, err}
	}()
	var o opened
	select {
	case <-f.ctx.Done():
		return nil, f.ctx.Err()
	case o = <-ch:
	}
	if o.err != nil {
		return nil, unwrapPath(o.err)
	}
	st, err := o.f.Stat()
	if err != nil {
		o.f.Close()
		return nil, unwrapPath(err)
	}
	var r io.Reader = o.f
	if !st.Mode().IsRegular() {
		r = newCancelReader(f.ctx, o.f)
	}
	file := &inputFile{r: r, c: o.f, info: st, onRead: f.onRead, onClose: f.onClose}
	if f.hashes != nil && st.Mode().IsRegular() {
		file.name, file.hash, file.hashes = name, sha256.New(), f.hashes
	}
	return file, nil
}

// inputFile is a file of inputFS.
type inputFile struct {
	r       io.Reader
	c       io.Closer
	info    fs.FileInfo
	onRead  func(int)
	onClose func()
	// For the manifest: the hash of what was read, and whether the
	// reader reached the end (a file only sniffed and skipped did not).
	name   string
	hash   hash.Hash
	n      int64
	eof    bool
	hashes *inputHashes
}

func (f *inputFile) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if n > 0 && f.onRead != nil {
		f.onRead(n)
	}
	if f.hash != nil {
		f.hash.Write(p[:n])
		f.n += int64(n)
		f.eof = f.eof || err == io.EOF
	}
	return n, err
}

func (f *inputFile) Stat() (fs.FileInfo, error) { return f.info, nil }

func (f *inputFile) Close() error {
	if f.hash != nil && f.eof {
		f.hashes.add(manifestInput{Path: f.name, Bytes: f.n, SHA256: hex.EncodeToString(f.hash.Sum(nil))})
		f.hash = nil
	}
	if f.onClose != nil {
		f.onClose()
		f.onClose = nil
	}
	if f.c == nil {
		return nil
	}
	return f.c.Close()
}

// inputSize is what a set of inputs holds, counted before reading for the
// progress display.
type inputSize struct {
	files int
	bytes int64 // of regular files; 0 when unknown (standard input, FIFOs)
	sized bool  // every input has a known size
}

// scanInputs checks that every input exists (a missing one is an
// InputError naming it, before anything is read) and counts the files and
// bytes reading will see: what corpus.ReadPaths reads, hidden files left
// out.
func scanInputs(paths []string) (inputSize, error) {
	s := inputSize{sized: true}
	for _, p := range paths {
		if p == "-" {
			s.files++
			s.sized = false
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return s, inputErr(p, err)
		}
		if !st.IsDir() {
			s.files++
			if st.Mode().IsRegular() {
				s.bytes += st.Size()
			} else {
				s.sized = false
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return inputErr(path, err)
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
				s.files++
				s.bytes += st.Size()
			}
			return nil
		})
		if err != nil {
			return s, err
		}
	}
	return s, nil
}

// readingFS returns the inputFS that reads paths for a reader, and the
// reading stage of the progress display it reports to: bytes read, the
// file being read, and after the last file the readers' merging of copies
// of posts and channel names (a step without a count of its own).
func readingFS(ctx context.Context, paths []string, stdin io.Reader, prog *progress, hashes *inputHashes) (*inputFS, *stage, error) {
	size, err := scanInputs(paths)
	if err != nil {
		return nil, nil, err
	}
	total := size.bytes
	if !size.sized {
		total = 0
	}
	if slices.Contains(paths, "-") && isTerminal(stdin) {
		prog.notef("reading posts from the terminal: end with Ctrl-D")
	}
	st := prog.start("reading", "read", unitBytes, total)
	closed := 0
	fsys := &inputFS{ctx: ctx, stdin: stdin, hashes: hashes, onOpen: st.setItem, onRead: func(n int) { st.add(int64(n)) },
		onClose: func() {
			if closed++; closed == size.files {
				st.setPhase("merging copies of posts")
			}
		}}
	return fsys, st, nil
}

// readPosts reads the inputs through inputFS, reporting to the progress
// display.
// hashes, when not nil, collects the files read whole, for the manifest.
func readPosts(ctx context.Context, opt corpus.ReadOptions, paths []string, stdin io.Reader, prog *progress, hashes *inputHashes) ([]*corpus.Post, corpus.ReadStats, error) {
	fsys, st, err := readingFS(ctx, paths, stdin, prog, hashes)
	if err != nil {
		return nil, corpus.ReadStats{}, err
	}
	posts, stats, err := opt.ReadFS(ctx, fsys, paths)
	if err != nil {
		st.abort()
		return nil, stats, err
	}
	st.finish("read %s posts from %s (%s)", count(len(posts)), plural(stats.Files, "file"), formatBytes(st.done()))
	return posts, stats, nil
}
