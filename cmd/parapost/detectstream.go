package main

import (
	"context"
	"fmt"
	"io"
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
	fsys, st, err := readingFS(ctx, paths, stdin, prog, hashes)
	if err != nil {
		return nil, err
	}
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
	st := prog.start("detecting", "detected", "posts", int64(s.Stats().Posts))
	byLang := map[string]int{}
	n := 0
	for chunk, err := range s.Chunks(ctx, detectChunk) {
		if err == nil {
			err = det.DetectPosts(ctx, chunk, workers)
		}
		if err == nil && emit != nil {
			err = emit(chunk)
		}
		if err != nil {
			st.abort()
			return err
		}
		for _, p := range chunk {
			byLang[p.Lang]++
		}
		n += len(chunk)
		st.add(int64(len(chunk)))
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
