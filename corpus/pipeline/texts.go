package pipeline

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
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
	// pairs are the pairs whose alignment is stored (spillPairs).
	pairs map[*corpus.Pair]textRef
	enc   []byte // encoding buffer of spillPairs
}

// textRef is where a post's text or a pair's alignment is in the file.
type textRef struct {
	off    int64
	n      uint32
	loaded bool // a pair's alignment is loaded (loadPairs)
}

// newTextStore creates the store's file.
func newTextStore() (*textStore, error) {
	f, err := os.CreateTemp("", "parapost-texts-*")
	if err != nil {
		return nil, fmt.Errorf("keep texts on disk: %w", err)
	}
	s := &textStore{f: f, w: bufio.NewWriterSize(f, 64<<10), at: map[*corpus.Post]textRef{}, name: f.Name()}
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
		s.at[p] = textRef{off: s.size, n: uint32(len(p.Text))}
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
	// Texts close together in the file (a block's posts were read one
	// after the other) are read in one call.
	for lo := 0; lo < len(list); {
		start := list[lo].ref.off
		end := start + int64(list[lo].ref.n)
		hi := lo + 1
		for ; hi < len(list); hi++ {
			r := list[hi].ref
			if r.off-end > maxLoadGap || r.off+int64(r.n)-start > maxLoadRead {
				break
			}
			end = max(end, r.off+int64(r.n))
		}
		if int64(cap(s.buf)) < end-start {
			s.buf = make([]byte, end-start)
		}
		buf := s.buf[:end-start]
		if _, err := s.f.ReadAt(buf, start); err != nil && err != io.EOF {
			return fmt.Errorf("read texts back from disk: %w", err)
		}
		for _, t := range list[lo:hi] {
			at := t.ref.off - start
			t.p.Text = string(buf[at : at+int64(t.ref.n)])
		}
		lo = hi
	}
	if cap(s.buf) > maxLoadGap {
		s.buf = nil // a large buffer is not kept between loads
	}
	return nil
}

// load reads texts less than maxLoadGap bytes apart in one call of at most
// maxLoadRead bytes (more for a longer text).
const (
	maxLoadGap  = 16 << 10
	maxLoadRead = 4 << 20
)

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
	s.f, s.at, s.pairs = nil, nil, nil
	return err
}

// chunked yields items in chunks of n, calling load before a chunk is
// yielded and drop after: what the writers need of the texts and
// alignments on disk, one chunk at a time. A load error is yielded last.
func chunked[T any](items []T, n int, load func([]T) error, drop func([]T)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		for lo := 0; lo < len(items); lo += n {
			part := items[lo:min(lo+n, len(items))]
			if err := load(part); err != nil {
				yield(zero, err)
				return
			}
			for _, it := range part {
				if !yield(it, nil) {
					drop(part)
					return
				}
			}
			drop(part)
		}
	}
}

// cloneAll replaces each string of list with a copy of its own.
func cloneAll(list []string) {
	for i, s := range list {
		list[i] = strings.Clone(s)
	}
}

// Aligned pairs keep their beads, sentence spans, audit and evidence in
// the store too, from the end of their block's audit to the writers: a build of a
// million posts makes hundreds of thousands of pairs, and these are most
// of a pair's memory. They are encoded exactly (scores as their bits), so
// that the files written are the same bytes.

// spillPairs moves the alignments of pairs into the store.
func (s *textStore) spillPairs(pairs []*corpus.Pair) error {
	if s.pairs == nil {
		s.pairs = map[*corpus.Pair]textRef{}
	}
	for _, p := range pairs {
		if _, ok := s.pairs[p]; ok || len(p.Beads)+len(p.SourceSentences)+len(p.TargetSentences)+len(p.Evidence) == 0 && p.Check == nil {
			continue
		}
		s.enc = encodeAlignment(s.enc[:0], p)
		if _, err := s.w.Write(s.enc); err != nil {
			return fmt.Errorf("keep alignments on disk: %w", err)
		}
		s.pairs[p] = textRef{off: s.size, n: uint32(len(s.enc))}
		s.size += int64(len(s.enc))
		clearAlignment(p)
	}
	return nil
}

// loadPairs reads back the alignments of the stored pairs among pairs.
func (s *textStore) loadPairs(pairs []*corpus.Pair) error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("keep alignments on disk: %w", err)
	}
	for _, p := range pairs {
		ref, ok := s.pairs[p]
		if !ok || ref.loaded {
			continue
		}
		if cap(s.buf) < int(ref.n) {
			s.buf = make([]byte, ref.n)
		}
		buf := s.buf[:ref.n]
		if _, err := s.f.ReadAt(buf, ref.off); err != nil && err != io.EOF {
			return fmt.Errorf("read alignments back from disk: %w", err)
		}
		if err := decodeAlignment(buf, p); err != nil {
			return fmt.Errorf("read alignments back from disk: pair %d: %w", p.ID, err)
		}
		ref.loaded = true
		s.pairs[p] = ref
	}
	return nil
}

// dropPairs empties again the alignments of the stored pairs among pairs.
func (s *textStore) dropPairs(pairs []*corpus.Pair) {
	for _, p := range pairs {
		if ref, ok := s.pairs[p]; ok && ref.loaded {
			clearAlignment(p)
			ref.loaded = false
			s.pairs[p] = ref
		}
	}
}

// clearAlignment empties what spillPairs stores of p. Empty evidence stays
// as it is (nil or not), as the decoder leaves it.
func clearAlignment(p *corpus.Pair) {
	p.Beads, p.SourceSentences, p.TargetSentences, p.Check = nil, nil, nil, nil
	if len(p.Evidence) > 0 {
		p.Evidence = nil
	}
}

func encodeAlignment(buf []byte, p *corpus.Pair) []byte {
	num := func(v int) { buf = binary.AppendVarint(buf, int64(v)) }
	float := func(f float64) { buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(f)) }
	num(len(p.Beads))
	for _, b := range p.Beads {
		num(b.SrcStart)
		num(b.SrcEnd)
		num(b.TgtStart)
		num(b.TgtEnd)
		float(b.Score)
	}
	for _, spans := range [][]corpus.Span{p.SourceSentences, p.TargetSentences} {
		num(len(spans))
		for _, sp := range spans {
			num(sp.Start)
			num(sp.End)
		}
	}
	num(len(p.Evidence))
	for _, e := range p.Evidence {
		num(len(e))
		buf = append(buf, e...)
	}
	c := p.Check
	if c == nil {
		return append(buf, 0)
	}
	buf = append(buf, 1)
	float(c.Coverage)
	float(c.SentenceCoverage)
	for _, n := range []int{c.Omissions, c.Additions, c.Numbers, c.Dates, c.Names, c.Hashtags, c.Flags, c.Meaning, c.Length, c.Abridged} {
		num(n)
	}
	if c.Pass {
		return append(buf, 1)
	}
	return append(buf, 0)
}

// errCorrupt is an alignment that does not decode: the temporary file
// was changed under the build.
var errCorrupt = errors.New("corrupt record")

func decodeAlignment(buf []byte, p *corpus.Pair) error {
	bad := false
	num := func() int {
		v, n := binary.Varint(buf)
		if n <= 0 {
			bad = true
			return 0
		}
		buf = buf[n:]
		return int(v)
	}
	float := func() float64 {
		if len(buf) < 8 {
			bad = true
			return 0
		}
		f := math.Float64frombits(binary.LittleEndian.Uint64(buf))
		buf = buf[8:]
		return f
	}
	flag := func() bool {
		if len(buf) < 1 {
			bad = true
			return false
		}
		v := buf[0] == 1
		buf = buf[1:]
		return v
	}
	count := func() int { // a length: each element takes a byte at least
		n := num()
		if n < 0 || n > len(buf) {
			bad = true
			return 0
		}
		return n
	}
	if n := count(); n > 0 {
		p.Beads = make([]corpus.Bead, n)
		for i := range p.Beads {
			p.Beads[i] = corpus.Bead{SrcStart: num(), SrcEnd: num(), TgtStart: num(), TgtEnd: num(), Score: float()}
		}
	}
	for _, spans := range []*[]corpus.Span{&p.SourceSentences, &p.TargetSentences} {
		if n := count(); n > 0 {
			*spans = make([]corpus.Span, n)
			for i := range *spans {
				(*spans)[i] = corpus.Span{Start: num(), End: num()}
			}
		}
	}
	if n := count(); n > 0 {
		p.Evidence = make([]string, n)
		for i := range p.Evidence {
			k := count()
			p.Evidence[i] = string(buf[:k])
			buf = buf[k:]
		}
	}
	if flag() {
		c := &corpus.Check{Coverage: float(), SentenceCoverage: float()}
		for _, f := range []*int{&c.Omissions, &c.Additions, &c.Numbers, &c.Dates, &c.Names, &c.Hashtags, &c.Flags, &c.Meaning, &c.Length, &c.Abridged} {
			*f = num()
		}
		c.Pass = flag()
		p.Check = c
	}
	if bad || len(buf) != 0 {
		return errCorrupt
	}
	return nil
}
