package pipeline

import (
	"cmp"
	"context"
	"slices"

	"github.com/parapost/parapost/align/split"
	"github.com/parapost/parapost/corpus"
)

// base is the corpus an update starts from.
type base struct {
	dir   string
	posts []*corpus.Post
	pairs []*corpus.Pair
}

// Updating reports whether the build updates a corpus (see Update).
func (b *Builder) Updating() bool { return b.base != nil }

// Update makes the build an update of the corpus in dir (written by a
// build with the same options): Read then adds the new posts to the
// corpus's (copies of a post it holds are merged into it), Detect detects
// only the new ones, and Align recomputes only the blocks whose posts or
// months the new posts change, keeping the pairs and beads of the others.
// Call it before Read.
func (b *Builder) Update(ctx context.Context, dir string) error {
	posts, pairs, err := corpus.ReadCorpus(dir, split.Sentences)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	b.base = &base{dir: dir, posts: posts, pairs: pairs}
	return nil
}

// merge adds the posts read to the base corpus's: a post read again is
// merged into the base's copy, which keeps its place; a post read with
// another text than the base's (an edit, as a fetch stores the newest
// form) replaces it. The result is in the order a build from all the
// inputs reads them.
func (bs *base) merge(read []*corpus.Post, stats *corpus.ReadStats) []*corpus.Post {
	texts := map[corpus.Key][]string{}
	for _, p := range read {
		texts[p.Key()] = append(texts[p.Key()], p.Text)
	}
	all := make([]*corpus.Post, 0, len(bs.posts)+len(read))
	for _, p := range bs.posts {
		if t, ok := texts[p.Key()]; ok && !slices.Contains(t, p.Text) {
			continue // edited: the new text replaces it
		}
		all = append(all, p)
	}
	all = append(all, read...)
	kept, merged := corpus.Dedup(all)
	stats.Duplicates += merged
	slices.SortStableFunc(kept, corpus.CompareRead)
	return kept
}

// keep returns, by block index, the base's pairs of the blocks of the new
// plan that the update leaves as they were: the same months as a block of
// the base's plan, no new post among the posts its pairing looks at, and
// every post of its pairs still there. Their ids move by the number of
// translations added before them.
func (bs *base) keep(blocks []Block, posts []*corpus.Post, fresh map[*corpus.Post]bool, opt Options) map[int][]*corpus.Pair {
	old := PlanBlocks(bs.posts, opt.Pair.SourceLang, opt.Pair.TargetLang, opt.BlockTargets)
	present := make(map[*corpus.Post]bool, len(posts))
	for _, p := range posts {
		present[p] = true
	}
	probe := &Builder{opt: opt, Posts: posts}
	kept := map[int][]*corpus.Pair{}
	for _, nb := range blocks {
		i := slices.IndexFunc(old, func(ob Block) bool {
			return ob.Start.Equal(nb.Start) && ob.End.Equal(nb.End) && ob.Dated == nb.Dated && ob.Dateless == nb.Dateless && ob.Targets == nb.Targets
		})
		if i < 0 || slices.ContainsFunc(probe.blockPosts(nb), func(p *corpus.Post) bool { return fresh[p] }) {
			continue
		}
		ob := old[i]
		var pairs []*corpus.Pair
		whole := true
		for _, p := range bs.pairs {
			if !ob.holds(p.Target.Date) {
				continue
			}
			if !present[p.Source] || !present[p.Target] {
				whole = false
				break
			}
			pairs = append(pairs, p)
		}
		if !whole {
			continue
		}
		slices.SortFunc(pairs, func(a, b *corpus.Pair) int { return cmp.Compare(a.ID, b.ID) })
		for _, p := range pairs {
			p.ID += nb.Offset - ob.Offset
		}
		kept[nb.Index] = pairs
	}
	return kept
}
