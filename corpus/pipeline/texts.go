package pipeline

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"iter"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/parapost/parapost/corpus"
)

// textStore keeps the texts of posts in a temporary file while the build
// does not need them (Options.SpillTexts): a post stored there has an empty
// Text, and load reads it back for the stage that needs it. Memory then
// holds the posts' metadata, not their texts.
//
// The file is removed as soon as it is created (Unix lets an open file
// live on without a name), so that a killed build leaves nothing behind;
// where that fails, close removes it.
type textStore struct {
	f    *os.File
	w    *bufio.Writer
	size int64                    // bytes written
	at   map[*corpus.Post]textRef // the stored posts
	name string                   // the file's name, until removed
	buf  []byte                   // read buffer of load
}

// textRef is where a post's text is in the file.
type textRef struct {
	off int64
	n   uint32
}

// newTextStore creates the store's file.
func newTextStore() (*textStore, error) {
	f, err := os.CreateTemp("", "parapost-texts-*")
	if err != nil {
		return nil, fmt.Errorf("keep texts on disk: %w", err)
	}
	s := &textStore{f: f, w: bufio.NewWriterSize(f, 1<<20), at: map[*corpus.Post]textRef{}, name: f.Name()}
	if os.Remove(f.Name()) == nil {
		s.name = ""
	}
	return s, nil
}

// stored reports whether p's text is in the store.
func (s *textStore) stored(p *corpus.Post) bool {
	_, ok := s.at[p]
	return ok
}

// spill moves the texts of posts into the store and empties their Text.
// A post already stored only loses its Text; an empty text or one too long
// for a textRef stays in memory.
func (s *textStore) spill(posts []*corpus.Post) error {
	for _, p := range posts {
		if p.Text == "" {
			continue
		}
		if _, ok := s.at[p]; ok {
			p.Text = ""
			continue
		}
		if len(p.Text) > math.MaxUint32 {
			continue
		}
		if _, err := s.w.WriteString(p.Text); err != nil {
			return fmt.Errorf("keep texts on disk: %w", err)
		}
		s.at[p] = textRef{s.size, uint32(len(p.Text))}
		s.size += int64(len(p.Text))
		p.Text = ""
		// Readers cut links and hashtags from the text: copies, or they
		// would keep it in memory.
		cloneAll(p.Links)
		cloneAll(p.Hashtags)
	}
	return nil
}

// load reads back the texts of the stored posts among posts whose Text is
// empty, in file order.
func (s *textStore) load(posts []*corpus.Post) error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("keep texts on disk: %w", err)
	}
	type todo struct {
		p   *corpus.Post
		ref textRef
	}
	var list []todo
	for _, p := range posts {
		if ref, ok := s.at[p]; ok && p.Text == "" {
			list = append(list, todo{p, ref})
		}
	}
	slices.SortFunc(list, func(a, b todo) int { return cmp.Compare(a.ref.off, b.ref.off) })
	for _, t := range list {
		if cap(s.buf) < int(t.ref.n) {
			s.buf = make([]byte, t.ref.n)
		}
		buf := s.buf[:t.ref.n]
		if _, err := s.f.ReadAt(buf, t.ref.off); err != nil && err != io.EOF {
			return fmt.Errorf("read texts back from disk: %w", err)
		}
		t.p.Text = string(buf)
	}
	return nil
}

// drop empties the Text of the stored posts among posts: load reads them
// again when needed.
func (s *textStore) drop(posts []*corpus.Post) {
	for _, p := range posts {
		if _, ok := s.at[p]; ok {
			p.Text = ""
		}
	}
}

// close closes and, if still named, removes the file.
func (s *textStore) close() error {
	if s == nil || s.f == nil {
		return nil
	}
	err := s.f.Close()
	if s.name != "" {
		os.Remove(s.name)
	}
	s.f, s.at = nil, nil
	return err
}

// loaded yields items in chunks of n, with the texts of the posts posts(item)
// names loaded while the chunk is yielded and dropped after: what the
// writers need of the texts, one chunk at a time. Without a store it yields
// items as they are.
func loaded[T any](s *textStore, items []T, n int, posts func(T) []*corpus.Post) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		var chunk []*corpus.Post
		for lo := 0; lo < len(items); lo += n {
			part := items[lo:min(lo+n, len(items))]
			if s != nil {
				chunk = chunk[:0]
				for _, it := range part {
					chunk = append(chunk, posts(it)...)
				}
				if err := s.load(chunk); err != nil {
					yield(zero, err)
					return
				}
			}
			for _, it := range part {
				if !yield(it, nil) {
					if s != nil {
						s.drop(chunk)
					}
					return
				}
			}
			if s != nil {
				s.drop(chunk)
			}
		}
	}
}

// cloneAll replaces each string of list with a copy of its own.
func cloneAll(list []string) {
	for i, s := range list {
		list[i] = strings.Clone(s)
	}
}
