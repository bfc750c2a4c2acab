package pipeline

import (
	"context"
	"errors"
	"slices"

	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/detect"
)

// ReadStream is Read and Detect over a corpus.Stream whose first pass has
// run (corpus.StreamFS, StreamPaths): it reads the posts again a chunk at a
// time and detects their language as they come, moving their texts to the
// temporary file with Options.SpillTexts, so that memory never holds every
// text. The first pass is the read stage (its time is counted from
// NewBuilder or the stage before), the second the detect stage. The posts
// are then those Read returns, in the same order. An update merges copies
// by their texts: it reads with Read.
func (b *Builder) ReadStream(ctx context.Context, s *corpus.Stream) error {
	if b.base != nil {
		return errors.New("pipeline: an update reads with Read, not ReadStream")
	}
	b.ReadStats = s.Stats()
	b.timed(StageRead)
	if b.ReadStats.Posts == 0 {
		return ErrNoPosts
	}
	det, err := b.detector()
	if err != nil {
		return err
	}
	b.event(Event{Stage: StageDetect, Kind: Started, Total: int64(b.ReadStats.Posts)})
	posts := make([]*corpus.Post, 0, b.ReadStats.Posts)
	// Reading the next chunk overlaps detecting the last.
	for chunk, err := range s.Chunks(ctx, detectChunk) {
		if err == nil {
			err = det.DetectPosts(ctx, chunk, b.opt.Workers)
		}
		if err == nil {
			err = b.spill(chunk)
		}
		if err != nil {
			return err
		}
		posts = append(posts, chunk...)
		b.event(Event{Stage: StageDetect, Kind: Advanced, N: int64(len(chunk))})
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Stream yields file by file; Read's order is the readers' canonical
	// one, which everything downstream follows.
	slices.SortStableFunc(posts, corpus.CompareRead)
	// Every post is fresh: no update (b.fresh) to tell them from.
	b.Posts, b.Fresh, b.Detected = posts, len(posts), len(posts)
	b.event(Event{Stage: StageDetect, Kind: Finished})
	b.timed(StageDetect)
	return nil
}

// detector returns the options' detector, or one of every language.
func (b *Builder) detector() (*detect.Detector, error) {
	if b.opt.Detector != nil {
		return b.opt.Detector, nil
	}
	return detect.New(nil)
}

// spill moves the texts of posts to the temporary file, with SpillTexts.
func (b *Builder) spill(posts []*corpus.Post) error {
	if !b.opt.SpillTexts {
		return nil
	}
	if b.texts == nil {
		var err error
		if b.texts, err = newTextStore(); err != nil {
			return err
		}
	}
	return b.texts.spill(posts)
}

// LoadTexts reads back the texts of posts that SpillTexts moved to the
// temporary file (Post.Text is empty from the end of detection on, but
// while a block is paired and aligned and while the files are written).
// Without SpillTexts it does nothing.
func (b *Builder) LoadTexts(posts []*corpus.Post) error {
	if b.texts == nil {
		return nil
	}
	return b.texts.load(posts)
}

// DropTexts empties again the texts LoadTexts loaded.
func (b *Builder) DropTexts(posts []*corpus.Post) {
	if b.texts != nil {
		b.texts.drop(posts)
	}
}

// LoadPairs loads what SpillTexts moved to the temporary file of pairs:
// the texts of their posts and, once their block is aligned, their beads,
// sentence spans and audit (Check). Without SpillTexts it does nothing.
func (b *Builder) LoadPairs(pairs []*corpus.Pair) error {
	if b.texts == nil {
		return nil
	}
	posts := make([]*corpus.Post, 0, 2*len(pairs))
	for _, p := range pairs {
		posts = append(posts, p.Source, p.Target)
	}
	if err := b.texts.load(posts); err != nil {
		return err
	}
	return b.texts.loadPairs(pairs)
}

// DropPairs empties again what LoadPairs loaded.
func (b *Builder) DropPairs(pairs []*corpus.Pair) {
	if b.texts == nil {
		return
	}
	b.texts.dropPairs(pairs)
	for _, p := range pairs {
		b.texts.drop([]*corpus.Post{p.Source, p.Target})
	}
}

// aligned counts the beads of pairs, aligned and audited, and moves their
// alignments to the temporary file with SpillTexts.
func (b *Builder) aligned(pairs []*corpus.Pair) error {
	b.countBeads(pairs)
	return b.spillPairs(pairs)
}

// countBeads adds the beads of pairs to BeadShapes.
func (b *Builder) countBeads(pairs []*corpus.Pair) {
	if b.shapes == nil {
		b.shapes = map[string]int{}
	}
	for _, p := range pairs {
		for _, bd := range p.Beads {
			b.shapes[bd.Type()]++
		}
	}
}

// spillPairs moves the alignments of pairs to the temporary file, with
// SpillTexts.
func (b *Builder) spillPairs(pairs []*corpus.Pair) error {
	if b.texts == nil {
		return nil
	}
	return b.texts.spillPairs(pairs)
}

// BeadShapes counts the beads of the shard's pairs by shape ("1-1", "1-0",
// …), known once they are aligned, whether or not SpillTexts keeps them on
// disk. The caller must not change the map.
func (b *Builder) BeadShapes() map[string]int { return b.shapes }

// Close removes the temporary file of SpillTexts; the posts' texts it held
// are gone with it.
func (b *Builder) Close() error {
	err := b.texts.close()
	b.texts = nil
	return err
}
