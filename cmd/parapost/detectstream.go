package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/detect"
)

// streamInputs runs the first pass of a corpus.Stream over the command's
// INPUTs, with the reading progress and warnings of readInputs: the posts
// are then read again, one chunk at a time, by detectStream. The caller
// closes the Stream.
func streamInputs(c *cli.Context, prog *progress) (*corpus.Stream, error) {
	if c.NArg() == 0 {
		return nil, usagef("%s: no INPUT given", c.Command.Name)
	}
	ropt, err := readOptions(c)
	if err != nil {
		return nil, err
	}
	return streamPaths(c.Context, ropt, c.Args().Slice(), c.App.Reader, c.App.ErrWriter, prog, nil)
}

// streamPaths runs the first pass of a corpus.Stream over paths, showing
// the reading progress and printing the readers' warnings to errw; no post
// found is an input error. hashes, when not nil, collects the files read
// whole in the first pass, for the manifest. The caller closes the Stream.
func streamPaths(ctx context.Context, ropt corpus.ReadOptions, paths []string, stdin io.Reader, errw io.Writer, prog *progress, hashes *inputHashes) (*corpus.Stream, error) {
	size, err := scanInputs(paths)
	if err != nil {
		return nil, err
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
	s, err := ropt.StreamFS(ctx, fsys, paths)
	if err != nil {
		st.abort()
		return nil, err
	}
	// The second pass reads the files again: not progress of reading, and
	// hashed already.
	fsys.onOpen, fsys.onRead, fsys.onClose, fsys.hashes = nil, nil, nil, nil
	stats := s.Stats()
	st.finish("read %s posts from %s (%s)", count(stats.Posts), plural(stats.Files, "file"), formatBytes(st.done()))
	for _, w := range stats.Warnings {
		fmt.Fprintf(errw, "parapost: warning: %s\n", w)
	}
	if stats.Posts == 0 {
		s.Close()
		return nil, &corpus.InputError{File: strings.Join(paths, " "), Err: fmt.Errorf("no posts found (%s)", describeRead(stats))}
	}
	return s, nil
}

// detectStream reads the posts of s again, a chunk at a time, detects
// their languages with the workers of detect.DetectPosts and hands each
// chunk to emit: memory holds the chunks in flight, not the posts. Reading
// the next chunk overlaps detecting the last.
func detectStream(ctx context.Context, prog *progress, det *detect.Detector, s *corpus.Stream, workers int, emit func([]*corpus.Post) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type chunk struct {
		posts []*corpus.Post
		err   error
	}
	chunks := make(chan chunk, 1)
	go func() {
		defer close(chunks)
		var buf []*corpus.Post
		send := func(c chunk) bool {
			select {
			case chunks <- c:
				return true
			case <-ctx.Done():
				return false
			}
		}
		for p, err := range s.Posts(ctx) {
			if err != nil {
				send(chunk{err: err})
				return
			}
			if buf = append(buf, p); len(buf) == detectChunk {
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

	st := prog.start("detecting", "detected", "posts", int64(s.Stats().Posts))
	byLang := map[string]int{}
	n := 0
	for c := range chunks {
		err := c.err
		if err == nil {
			err = det.DetectPosts(ctx, c.posts, workers)
		}
		if err == nil && emit != nil {
			err = emit(c.posts)
		}
		if err != nil {
			st.abort()
			return err
		}
		for _, p := range c.posts {
			byLang[p.Lang]++
		}
		n += len(c.posts)
		st.add(int64(len(c.posts)))
	}
	if err := ctx.Err(); err != nil {
		st.abort()
		return err
	}
	st.finish("detected the language of %s (%s)", plural(n, "post"), langSummary(byLang))
	return nil
}

// langSummary names the four most frequent languages with their counts.
func langSummary(byLang map[string]int) string {
	type langN struct {
		lang string
		n    int
	}
	var langs []langN
	for l, n := range byLang {
		langs = append(langs, langN{l, n})
	}
	sort.Slice(langs, func(i, j int) bool {
		if langs[i].n != langs[j].n {
			return langs[i].n > langs[j].n
		}
		return langs[i].lang < langs[j].lang
	})
	var top []string
	for i, l := range langs {
		if i == 4 {
			top = append(top, "…")
			break
		}
		top = append(top, l.lang+" "+count(l.n))
	}
	return strings.Join(top, ", ")
}
