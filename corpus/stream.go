package corpus

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Stream reads the inputs of ReadPaths or ReadFS in memory that grows with
// the number of posts, not with their texts: the same posts, with the same
// channel names and merged provenances, are yielded one at a time by Posts,
// so that a consumer (language detection, a writer) never holds them all.
//
// It reads every file twice. The first pass (StreamPaths, StreamFS) keeps
// each post without its text, plus two 64-bit hashes of the text (its
// letter-and-digit skeleton and its white-space-folded form), and runs on
// them what ReadPaths runs on whole posts: chats told apart, usernames
// applied, copies merged (a key-and-hash set: channel and id with the
// skeleton hash; forwards and page copies by folded-text hash). A copy's
// provenance is merged into the post kept, as ReadPaths does, before that
// post is yielded; the copies are not yielded. Between the passes the
// Stream holds a bit per post read, the key of each post to yield, and the
// posts merging changed (their provenance grew, their channel was renamed);
// the second pass (Posts) reads the files again and yields each post kept,
// as merged, with its text.
// Standard input ("-") is copied to a temporary file in the first pass
// and read from it in the second; Close removes it.
//
// Posts come file by file in reading order, and in file order within a
// file; ReadPaths returns the same posts sorted by file, channel and id.
// A file that changes between the passes is an error naming it.
type Stream struct {
	o     ReadOptions
	fsys  fs.FS
	files []streamFile
	stats ReadStats
	spool *os.File
	used  bool // Posts was called
}

// streamFile is one file read in the first pass.
type streamFile struct {
	name string
	n    int // posts read from the file
	// posts holds, by position in the file, each post without its text
	// in the first pass. After merging, only the posts that merging
	// changed (a provenance added, a channel renamed) stay, until they are
	// yielded; the others are yielded as read again.
	posts []*Post
	keep  []uint64 // bit set of the positions of the posts yielded
	keys  []Key    // of the posts yielded, in order
}

func (f *streamFile) kept(i int) bool { return f.keep[i/64]&(1<<(i%64)) != 0 }

// In the first pass a post's Text holds, instead of the text, the two
// hashes merging needs (16 bytes: the hash of its skeleton, then of its
// folded text), which takes less memory than a map beside the posts.
// hashedTexts reads them.
type hashedTexts struct{}

func (hashedTexts) skeleton(p *Post) string   { return p.Text[:8] }
func (hashedTexts) folded(p *Post) string     { return p.Text[8:] }
func (hashedTexts) foldedHash(p *Post) uint64 { return binary.LittleEndian.Uint64([]byte(p.Text[8:])) }

// textHashes returns the hashes of text that hashedTexts reads.
func textHashes(text string) string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], skeletonHash(text))
	binary.LittleEndian.PutUint64(b[8:], textHash(text))
	return string(b[:])
}

// skeletonHash hashes textSkeleton(s).
func skeletonHash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(textSkeleton(s)))
	return h.Sum64()
}

// cloneAll replaces each string of list with a copy of its own.
func cloneAll(list []string) {
	for i, s := range list {
		list[i] = strings.Clone(s)
	}
}

// StreamPaths opens a Stream over files, directories, .gz files and "-"
// (stdin), as ReadPaths reads them, with the default options.
func StreamPaths(ctx context.Context, paths []string, stdin io.Reader) (*Stream, error) {
	return ReadOptions{}.StreamPaths(ctx, paths, stdin)
}

// StreamPaths opens a Stream over the inputs ReadPaths takes; it runs the
// first pass.
func (o ReadOptions) StreamPaths(ctx context.Context, paths []string, stdin io.Reader) (*Stream, error) {
	return o.StreamFS(ctx, &osFS{stdin: stdin}, paths)
}

// StreamFS opens a Stream over the files of fsys that ReadFS reads; it
// runs the first pass. A file named "-" is read once (standard input, as
// the CLI names it) and kept in a temporary file for the second pass.
func (o ReadOptions) StreamFS(ctx context.Context, fsys fs.FS, paths []string) (*Stream, error) {
	s := &Stream{o: o, fsys: fsys}
	stats, err := o.walkFS(ctx, fsys, paths, func(name string, r io.Reader) (ReadStats, error) {
		if name == "-" {
			if s.spool != nil {
				return ReadStats{}, inputErr("-", "", errors.New("standard input named twice"))
			}
			spool, err := os.CreateTemp("", "parapost-stdin-*")
			if err != nil {
				return ReadStats{}, fmt.Errorf("read -: keep a copy of standard input: %w", err)
			}
			os.Remove(spool.Name()) // unlinked: gone with the process
			s.spool = spool
			r = io.TeeReader(r, spool)
		}
		var posts []*Post
		st, err := o.each(r, name, func(p *Post) error {
			p.Text = textHashes(p.Text)
			// Hashtags and links may be cut from the text: copies, so
			// that they do not keep it in memory.
			cloneAll(p.Hashtags)
			cloneAll(p.Links)
			posts = append(posts, p)
			return nil
		})
		if err != nil {
			return st, err
		}
		s.files = append(s.files, streamFile{name: name, n: len(posts), posts: posts})
		return st, nil
	})
	if err != nil {
		s.Close()
		return nil, err
	}
	var all []*Post
	before := make([][]uint64, len(s.files)) // by file and position
	for fi, f := range s.files {
		all = append(all, f.posts...)
		before[fi] = make([]uint64, len(f.posts))
		for i, p := range f.posts {
			before[fi][i] = fingerprint(p)
		}
	}
	kept := mergeBy(all, &stats, hashedTexts{})
	// The posts kept lose their hashes: an empty Text marks them.
	for _, p := range kept {
		p.Text = ""
	}
	for fi := range s.files {
		f := &s.files[fi]
		f.keep = make([]uint64, (f.n+63)/64)
		for i, p := range f.posts {
			f.posts[i] = nil
			if p.Text != "" {
				continue // a copy merged into another post
			}
			f.keep[i/64] |= 1 << (i % 64)
			f.keys = append(f.keys, p.Key())
			if fingerprint(p) != before[fi][i] {
				f.posts[i] = p
			}
		}
	}
	s.stats = stats
	return s, nil
}

// Stats returns what the first pass read, skipped and merged; Stats.Posts
// is the number of posts Posts yields.
func (s *Stream) Stats() ReadStats { return s.stats }

// Keys yields the channel and id of every post Posts yields, in the same
// order, without reading the files; call it before Posts, which lets go of
// them.
func (s *Stream) Keys() iter.Seq[Key] {
	return func(yield func(Key) bool) {
		for _, f := range s.files {
			for _, k := range f.keys {
				if !yield(k) {
					return
				}
			}
		}
	}
}

// errStop ends a read when the consumer stops ranging.
var errStop = errors.New("stop")

// Posts reads the files again and yields each post, text and all; an error
// (a file that changed or cannot be read again, ctx done) is yielded last.
// A Stream's posts are yielded once: the Stream lets go of each post as it
// yields it, so memory holds only the posts the consumer keeps; a second
// range over Posts yields an error.
func (s *Stream) Posts(ctx context.Context) iter.Seq2[*Post, error] {
	return func(yield func(*Post, error) bool) {
		if s.used {
			yield(nil, errors.New("corpus: the posts of a Stream are read once"))
			return
		}
		s.used = true
		for fi := range s.files {
			f := &s.files[fi]
			err := s.readAgain(ctx, f, yield)
			if err == errStop {
				return
			}
			if err != nil {
				yield(nil, err)
				return
			}
		}
	}
}

// Chunks yields the posts of Posts in chunks of size (the last may be
// shorter), reading the next chunk while the consumer works on the last:
// a consumer that detects or writes a chunk at a time overlaps reading.
// An error is yielded last, with no posts; ending the range early stops
// the reading.
func (s *Stream) Chunks(ctx context.Context, size int) iter.Seq2[[]*Post, error] {
	return func(yield func([]*Post, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		type chunk struct {
			posts []*Post
			err   error
		}
		chunks := make(chan chunk, 1)
		done := make(chan struct{})
		go func() {
			defer close(done)
			defer close(chunks)
			send := func(c chunk) bool {
				select {
				case chunks <- c:
					return true
				case <-ctx.Done():
					return false
				}
			}
			var buf []*Post
			for p, err := range s.Posts(ctx) {
				if err != nil {
					send(chunk{err: err})
					return
				}
				if buf = append(buf, p); len(buf) == size {
					if !send(chunk{posts: buf}) {
						return
					}
					buf = nil
				}
			}
			if len(buf) > 0 {
				send(chunk{posts: buf})
			}
		}()
		defer func() { cancel(); <-done }() // the reader is gone before the Stream is closed
		for c := range chunks {
			if !yield(c.posts, c.err) {
				return
			}
		}
	}
}

// readAgain reads f in the second pass, yielding its kept posts.
func (s *Stream) readAgain(ctx context.Context, f *streamFile, yield func(*Post, error) bool) error {
	var r io.Reader
	if f.name == "-" {
		r = io.NewSectionReader(s.spool, 0, 1<<62)
	} else {
		file, err := s.fsys.Open(f.name)
		if err != nil {
			return inputErr(f.name, "", fmt.Errorf("open again: %w", err))
		}
		defer file.Close()
		r = file
	}
	changed := func() error {
		return inputErr(f.name, "", errors.New("changed while it was read: read it again"))
	}
	i, k := 0, 0
	_, err := s.o.each(&ctxReader{ctx, r}, f.name, func(p *Post) error {
		if i >= f.n {
			return changed()
		}
		i++
		if !f.kept(i - 1) {
			return nil
		}
		if k >= len(f.keys) || f.keys[k].ID != p.ID {
			return changed()
		}
		k++
		if stub := f.posts[i-1]; stub != nil {
			if !stub.Date.Equal(p.Date) {
				return changed()
			}
			stub.Text = p.Text
			f.posts[i-1] = nil
			p = stub
		}
		if !yield(p, nil) {
			return errStop
		}
		return nil
	})
	if err == nil && i != f.n {
		return changed()
	}
	// The file's posts are yielded once: what the first pass kept of them
	// is of no more use (a million posts' keys are 24 MB).
	f.posts, f.keep, f.keys = nil, nil, nil
	return err
}

// fingerprint hashes what merging copies and channel names may change in
// a post: a post whose fingerprint merging left alone is yielded as read
// again, and nothing of it is held between the passes.
func fingerprint(p *Post) uint64 {
	h := fnv.New64a()
	var b [8]byte
	num := func(v int64) {
		binary.LittleEndian.PutUint64(b[:], uint64(v))
		h.Write(b[:])
	}
	str := func(s string) {
		num(int64(len(s)))
		h.Write([]byte(s))
	}
	str(p.Channel)
	str(p.ChannelTitle)
	num(p.ChannelID)
	num(p.ID)
	if p.HasDate() {
		num(p.Date.UnixNano())
	}
	if f := p.Forward; f != nil {
		str(f.From)
		str(f.Title)
		num(f.PostID)
	}
	num(int64(len(p.Links)))
	for _, l := range p.Links {
		str(l)
	}
	num(int64(len(p.Hashtags)))
	for _, t := range p.Hashtags {
		str(t)
	}
	if p.Edited {
		num(1)
	}
	num(int64(len(p.Provenance)))
	for _, v := range p.Provenance {
		str(v.Source)
		str(v.Channel)
		num(v.PostID)
	}
	return h.Sum64()
}

// Close removes the copy of standard input, if any.
func (s *Stream) Close() error {
	if s.spool == nil {
		return nil
	}
	err := s.spool.Close()
	s.spool = nil
	return err
}

// osFS shows the operating system's files to StreamFS as ReadPaths reads
// them: names are OS paths as given, "-" is standard input, directories
// list their subdirectories, regular files and links to regular files.
type osFS struct {
	stdin io.Reader
}

func (f *osFS) Open(name string) (fs.File, error) {
	if name == "-" {
		return stdinFile{f.stdin}, nil
	}
	file, err := os.Open(name)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	return file, nil
}

func (f *osFS) Stat(name string) (fs.FileInfo, error) { return StatInput(name) }

// StatInput describes an input as ReadPaths names it: an OS path, or "-"
// for standard input (a named pipe of unknown size). An error carries no
// path: InputError names the file. An fs.FS given to ReadFS or StreamFS
// stats with it to read as ReadPaths does.
func StatInput(name string) (fs.FileInfo, error) {
	if name == "-" {
		return stdinInfo{}, nil
	}
	st, err := os.Stat(name)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	return st, nil
}

func (f *osFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := DirEntries(name)
	return entries, unwrapPathError(err)
}

// DirEntries lists a directory of the operating system as ReadPaths walks
// it, in lexical order: directories, regular files and links to regular
// files; devices, sockets and links to directories are left out. An fs.FS
// given to ReadFS or StreamFS lists directories with it to read as
// ReadPaths does.
func DirEntries(name string) ([]fs.DirEntry, error) {
	entries, err := os.ReadDir(name)
	if err != nil {
		return nil, err
	}
	kept := entries[:0]
	for _, e := range entries {
		switch {
		case e.IsDir(), e.Type().IsRegular():
			kept = append(kept, e)
		case e.Type()&fs.ModeSymlink != 0:
			if st, err := os.Stat(filepath.Join(name, e.Name())); err == nil && st.Mode().IsRegular() {
				kept = append(kept, fs.FileInfoToDirEntry(st))
			}
		}
	}
	return kept, nil
}

// unwrapPathError drops the path of a *fs.PathError: errors name the file
// themselves (InputError).
func unwrapPathError(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// stdinFile is standard input as an fs.File.
type stdinFile struct{ r io.Reader }

func (s stdinFile) Read(p []byte) (int, error) {
	if s.r == nil {
		return 0, io.EOF
	}
	return s.r.Read(p)
}
func (stdinFile) Stat() (fs.FileInfo, error) { return stdinInfo{}, nil }
func (stdinFile) Close() error               { return nil }

// stdinInfo describes standard input.
type stdinInfo struct{}

func (stdinInfo) Name() string       { return "-" }
func (stdinInfo) Size() int64        { return 0 }
func (stdinInfo) Mode() fs.FileMode  { return fs.ModeNamedPipe }
func (stdinInfo) ModTime() time.Time { return time.Time{} }
func (stdinInfo) IsDir() bool        { return false }
func (stdinInfo) Sys() any           { return nil }
