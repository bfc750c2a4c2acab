package pipeline

import (
	"context"
	"errors"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/check"
	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/align/sentence"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/detect"
)

// Options configures a build.
type Options struct {
	// Read tunes the readers (time zone, bad files).
	Read corpus.ReadOptions
	// Detector detects the posts' languages; nil: all of lingua's.
	Detector *detect.Detector
	// Pair and Align configure pairing and sentence alignment.
	Pair  pair.Options
	Align align.Options
	// Workers is the number of goroutines of every stage; <= 0: GOMAXPROCS.
	Workers int
	// BlockTargets is how many translations close a block (see PlanBlocks);
	// <= 0: DefaultBlockTargets.
	BlockTargets int
	// Shard is the share of the blocks this build pairs, aligns and writes;
	// the zero Shard builds everything.
	Shard Shard
	// Partition is the layout of the Parquet files: PartitionNone (three
	// files) or PartitionMonth (Hive-style month folders).
	Partition Partition
	// Events, when set, is told what the stages do, for a progress display.
	// It is called from the goroutine that called the Builder's method.
	Events func(Event)
	// SpillTexts keeps the posts' texts in a temporary file from the end
	// of detection on (see Builder.LoadTexts), so that memory holds the
	// posts' metadata and the texts of the block being paired and
	// aligned, not every text: what a build of a million posts needs.
	// Call Builder.Close to remove the file.
	SpillTexts bool
	// Paired, when set, is called once the pairs are known, with the
	// Builder (its PairStats are final): before alignment in a build of one
	// block, after the last block otherwise. An error stops the build.
	Paired func(*Builder) error
}

// Stage names a stage of a build.
type Stage string

// The stages, in order. StageBlocks pairs and aligns a build of several
// blocks, block by block; a build of one block reports StagePair and then
// StageAlign. StageRead has no events (a reader reports no progress; the
// caller's fs.FS can) but a Timing.
const (
	StageRead   Stage = "read"
	StageDetect Stage = "detect"
	StagePair   Stage = "pair"
	StageAlign  Stage = "align"
	StageBlocks Stage = "blocks"
	StageCheck  Stage = "check" // the audit of every pair (pairs.parquet's check_* columns): a Timing, no events
	StageWrite  Stage = "write"
)

// EventKind says what an Event reports.
type EventKind int

const (
	Started  EventKind = iota // a stage began; Total is its size (0: unknown)
	Advanced                  // N more units are done (posts, pairs, blocks or bytes)
	Finished                  // the stage ended without error
)

// Event is a step of a stage, for a progress display.
type Event struct {
	Stage Stage
	Kind  EventKind
	// N is the units done since the last event (Advanced); Total the units
	// of the stage (Started).
	N, Total int64
	// Item names what the stage is at: a file being written, a block.
	Item string
}

// Timing is the time one stage took; with blocks, the sum over blocks.
type Timing struct {
	Stage   Stage
	Seconds float64
}

// Builder runs the stages of a build one by one, so that a caller can
// check, print or stop between them; Build runs them all. Its exported
// fields are the results so far.
type Builder struct {
	opt Options

	// Posts are the posts read (with the base corpus's, after Update),
	// with their language once detected.
	Posts []*corpus.Post
	// ReadStats says what reading found.
	ReadStats corpus.ReadStats
	// Blocks are the blocks of the corpus, whichever shard builds them.
	Blocks []Block
	// Pairs are the pairs of the shard's blocks, in id order, aligned.
	Pairs []*corpus.Pair
	// PairStats and AlignStats say what pairing and alignment did: with
	// several blocks, the sums over the blocks built (see Result).
	PairStats  pair.Stats
	AlignStats align.Stats
	// Detected counts the posts whose language Detect detected: all, or an
	// update's new ones.
	Detected int
	// Fresh counts the posts Read read (after Update: before merging).
	Fresh int
	// KeptBlocks and KeptPairs count the blocks and pairs an update took
	// from the base corpus as they were.
	KeptBlocks, KeptPairs int
	// Timings are the stages' times.
	Timings []Timing
	// Lexicon is the translation lexicon pairing learned, when the build
	// is one block (nil otherwise, or when none was learned).
	Lexicon *sim.Learned

	// links are pairs of other shards' blocks whose originals this shard
	// writes: posts.parquet names a post's pair whichever shard made it.
	links []*corpus.Pair
	// shardPosts caches ShardPosts once the blocks are planned.
	shardPosts []*corpus.Post

	last  time.Time
	base  *base
	fresh map[*corpus.Post]bool // posts read by this run (an update's new ones)
	texts *textStore            // with SpillTexts, once detection has begun
	// shapes counts the beads of b.Pairs by shape (BeadShapes).
	shapes map[string]int
}

// NewBuilder returns a Builder of opt.
func NewBuilder(opt Options) *Builder {
	if opt.BlockTargets <= 0 {
		opt.BlockTargets = DefaultBlockTargets
	}
	if opt.Workers > 0 {
		opt.Pair.Workers = opt.Workers
	}
	return &Builder{opt: opt, last: time.Now()}
}

// Result is what Build made.
type Result struct {
	Posts     []*corpus.Post
	Pairs     []*corpus.Pair
	Blocks    []Block
	ReadStats corpus.ReadStats
	PairStats pair.Stats
	Timings   []Timing
}

// Build reads paths of fsys, detects, pairs and aligns: the whole build
// but writing (see Builder.Write). Its Result holds the texts and
// alignments: it ignores SpillTexts, which is for a Builder (that loads
// them back and removes its file).
func Build(ctx context.Context, fsys fs.FS, paths []string, opt Options) (*Result, error) {
	opt.SpillTexts = false
	b := NewBuilder(opt)
	if err := b.Read(ctx, fsys, paths); err != nil {
		return nil, err
	}
	if err := b.Detect(ctx); err != nil {
		return nil, err
	}
	if err := b.Align(ctx); err != nil {
		return nil, err
	}
	return &Result{Posts: b.Posts, Pairs: b.Pairs, Blocks: b.Blocks, ReadStats: b.ReadStats, PairStats: b.PairStats, Timings: b.Timings}, nil
}

func (b *Builder) event(e Event) {
	if b.opt.Events != nil {
		b.opt.Events(e)
	}
}

// timed records the time since the last stage ended as stage's.
func (b *Builder) timed(stage Stage) {
	now := time.Now()
	b.addTime(stage, now.Sub(b.last))
	b.last = now
}

func (b *Builder) addTime(stage Stage, d time.Duration) {
	s := d.Round(time.Millisecond).Seconds()
	for i := range b.Timings {
		if b.Timings[i].Stage == stage {
			b.Timings[i].Seconds += s
			return
		}
	}
	b.Timings = append(b.Timings, Timing{stage, s})
}

// ErrNoPosts is returned by Read when the inputs hold no post.
var ErrNoPosts = errors.New("no posts found")

// Read reads paths of fsys (files, directories, .gz) with the options'
// readers. After Update, the posts read are merged into the base corpus's.
func (b *Builder) Read(ctx context.Context, fsys fs.FS, paths []string) error {
	return b.AddPosts(b.opt.Read.ReadFS(ctx, fsys, paths))
}

// AddPosts takes posts read by the caller (a reader of its own, the
// built-in sample) as Read would.
func (b *Builder) AddPosts(posts []*corpus.Post, stats corpus.ReadStats, err error) error {
	b.ReadStats = stats
	if err != nil {
		return err
	}
	b.Fresh = len(posts)
	b.fresh = make(map[*corpus.Post]bool, len(posts))
	for _, p := range posts {
		b.fresh[p] = true
	}
	if b.base != nil {
		posts = b.base.merge(posts, &b.ReadStats)
	}
	b.Posts = posts
	b.timed(StageRead)
	if len(posts) == 0 {
		return ErrNoPosts
	}
	return nil
}

// detectChunk is how many posts are detected between two events.
const detectChunk = 2048

// Detect detects the language of every post that has none yet (after
// Update, the new ones).
func (b *Builder) Detect(ctx context.Context) error {
	det, err := b.detector()
	if err != nil {
		return err
	}
	var todo []*corpus.Post
	for _, p := range b.Posts {
		if p.Lang == "" {
			todo = append(todo, p)
		}
	}
	b.Detected = len(todo)
	b.event(Event{Stage: StageDetect, Kind: Started, Total: int64(len(todo))})
	for lo := 0; lo < len(todo); lo += detectChunk {
		chunk := todo[lo:min(lo+detectChunk, len(todo))]
		if err := det.DetectPosts(ctx, chunk, b.opt.Workers); err != nil {
			return err
		}
		b.event(Event{Stage: StageDetect, Kind: Advanced, N: int64(len(chunk))})
	}
	if err := b.spill(b.Posts); err != nil {
		return err
	}
	b.event(Event{Stage: StageDetect, Kind: Finished})
	b.timed(StageDetect)
	return nil
}

// alignChunk is how many pairs per worker are aligned between two events.
const alignChunk = 64

// Align pairs and aligns the posts of the shard's blocks, block by block
// (see the package documentation); after Update, the blocks that the new
// posts leave as they were keep the base corpus's pairs.
func (b *Builder) Align(ctx context.Context) error {
	b.Blocks = PlanBlocks(b.Posts, b.opt.Pair.SourceLang, b.opt.Pair.TargetLang, b.opt.BlockTargets)
	b.shardPosts = nil
	var mine []Block
	for _, blk := range b.Blocks {
		if b.opt.Shard.owns(blk.Index, len(b.Blocks)) {
			mine = append(mine, blk)
		}
	}
	b.Pairs, b.shapes = nil, nil
	if len(b.Blocks) == 1 && len(mine) == 1 && b.base == nil {
		return b.alignOne(ctx, mine[0])
	}
	var kept map[int][]*corpus.Pair
	if b.base != nil {
		kept = b.base.keep(b.Blocks, b.Posts, b.fresh, b.opt)
	}
	b.event(Event{Stage: StageBlocks, Kind: Started, Total: int64(len(mine))})
	var blockStats []pair.Stats
	for _, blk := range mine {
		b.event(Event{Stage: StageBlocks, Kind: Advanced, Item: blk.String()})
		if pairs, ok := kept[blk.Index]; ok {
			b.KeptBlocks++
			b.KeptPairs += len(pairs)
			if err := b.aligned(pairs); err != nil {
				return err
			}
			b.Pairs = append(b.Pairs, pairs...)
			b.PairStats.TargetPosts += blk.Targets
			reposts := countReposts(pairs)
			b.PairStats.Paired += len(pairs) - reposts
			b.PairStats.Reposts += reposts
			b.event(Event{Stage: StageBlocks, Kind: Advanced, N: 1})
			continue
		}
		start := time.Now()
		posts, err := b.blockTexts(blk)
		if err != nil {
			return err
		}
		pairs, ps, lex, err := b.pairBlock(ctx, blk, posts)
		if err != nil {
			return err
		}
		paired := time.Now()
		b.addTime(StagePair, paired.Sub(start))
		if err := align.Sentences(ctx, pairs, b.finalOptions(lex), b.opt.Workers); err != nil {
			return err
		}
		aligned := time.Now()
		b.addTime(StageAlign, aligned.Sub(paired))
		if err := b.annotate(ctx, pairs, lex); err != nil {
			return err
		}
		b.DropTexts(posts)
		b.addStats(ps, pairs, blk)
		if err := b.aligned(pairs); err != nil {
			return err
		}
		b.addTime(StageCheck, time.Since(aligned))
		b.Pairs = append(b.Pairs, pairs...)
		blockStats = append(blockStats, ps)
		b.event(Event{Stage: StageBlocks, Kind: Advanced, N: 1})
	}
	for _, p := range b.Posts {
		if p.Lang == b.opt.Pair.SourceLang {
			b.PairStats.SourcePosts++
		}
	}
	if err := b.pairLinks(ctx, mine); err != nil {
		return err
	}
	b.last = time.Now()
	b.event(Event{Stage: StageBlocks, Kind: Finished})
	return b.paired()
}

func (b *Builder) paired() error {
	if b.opt.Paired == nil {
		return nil
	}
	return b.opt.Paired(b)
}

// pairLinks pairs, without aligning them, the blocks of other shards that
// may pair an original this shard writes: the blocks next to its range
// (as far as the window reaches) and the dateless block, which pairs with
// every original. Their pairs only say, in posts.parquet, which pair a
// post belongs to, as one run says.
func (b *Builder) pairLinks(ctx context.Context, mine []Block) error {
	b.links = nil
	if b.opt.Shard.Whole() || len(mine) == 0 {
		return nil
	}
	var dated []time.Time
	for _, p := range b.ShardPosts() {
		if p.Lang == b.opt.Pair.SourceLang && p.HasDate() {
			dated = append(dated, p.Date)
		}
	}
	before, after := b.opt.Pair.Before, b.opt.Pair.After
	for _, blk := range b.Blocks {
		if b.opt.Shard.owns(blk.Index, len(b.Blocks)) {
			continue
		}
		// The originals blk pairs: dated within [start − after, end +
		// before], or any with the dateless block.
		need := !blk.Dated && len(dated) > 0
		for _, t := range dated {
			if need {
				break
			}
			need = blk.Dated && (blk.Start.IsZero() || !t.Before(blk.Start.Add(-after))) && (blk.End.IsZero() || !t.After(blk.End.Add(before)))
		}
		if !need {
			continue
		}
		start := time.Now()
		posts, err := b.blockTexts(blk)
		if err != nil {
			return err
		}
		pairs, _, _, err := b.pairBlock(ctx, blk, posts)
		b.DropTexts(posts)
		if err != nil {
			return err
		}
		b.addTime(StagePair, time.Since(start))
		b.links = append(b.links, pairs...)
	}
	return nil
}

// alignOne is Align for a corpus of one block: the build of old, with a
// pairing and an alignment stage.
func (b *Builder) alignOne(ctx context.Context, blk Block) error {
	b.event(Event{Stage: StagePair, Kind: Started})
	posts, err := b.blockTexts(blk)
	if err != nil {
		return err
	}
	defer b.DropTexts(posts)
	pairs, ps, lex, err := b.pairBlock(ctx, blk, posts)
	if err != nil {
		return err
	}
	b.PairStats, b.Lexicon = ps, lex
	b.event(Event{Stage: StagePair, Kind: Finished})
	b.timed(StagePair)
	if err := b.paired(); err != nil {
		return err
	}
	b.event(Event{Stage: StageAlign, Kind: Started, Total: int64(len(pairs))})
	opt := b.finalOptions(lex)
	chunk := alignChunk * max(b.opt.Workers, runtime.GOMAXPROCS(0))
	for lo := 0; lo < len(pairs); lo += chunk {
		part := pairs[lo:min(lo+chunk, len(pairs))]
		if err := align.Sentences(ctx, part, opt, b.opt.Workers); err != nil {
			return err
		}
		b.event(Event{Stage: StageAlign, Kind: Advanced, N: int64(len(part))})
	}
	b.Pairs = pairs
	b.countBeads(pairs)
	b.event(Event{Stage: StageAlign, Kind: Finished})
	b.timed(StageAlign)
	if err := b.annotate(ctx, pairs, lex); err != nil {
		return err
	}
	if err := b.spillPairs(pairs); err != nil {
		return err
	}
	b.timed(StageCheck)
	return nil
}

// annotate audits the pairs of a block with the lexicon its pairing
// learned (align/check): pairs.parquet's check_* columns.
func (b *Builder) annotate(ctx context.Context, pairs []*corpus.Pair, lex *sim.Learned) error {
	copt := check.OptionsFor(b.opt.Pair.SourceLang, b.opt.Pair.TargetLang, lex, b.opt.Align.Similarity)
	copt.Workers = b.opt.Workers
	_, err := check.Annotate(ctx, pairs, copt)
	return err
}

// finalOptions are the options of the alignment of a block's pairs: with
// the lexicon its pairing learned.
func (b *Builder) finalOptions(lex *sim.Learned) sentence.Options {
	final := b.opt.Align.Options
	if lex != nil {
		final.Similarity = sim.Combine(lex, b.opt.Align.Similarity)
	}
	return final
}

// blockTexts returns the posts the pairing of blk looks at (all of them
// in a build of one block), with their texts loaded.
func (b *Builder) blockTexts(blk Block) ([]*corpus.Post, error) {
	posts := b.Posts
	if len(b.Blocks) > 1 {
		posts = b.blockPosts(blk)
	}
	return posts, b.LoadTexts(posts)
}

// pairBlock pairs the translations of blk among posts (blockTexts) and
// returns its pairs, numbered from blk.Offset+1, with the lexicon learned
// on the way.
func (b *Builder) pairBlock(ctx context.Context, blk Block, posts []*corpus.Post) ([]*corpus.Pair, pair.Stats, *sim.Learned, error) {
	pairs, ps, as, lex, err := align.PairPosts(ctx, posts, b.opt.Pair, b.opt.Align, b.opt.Pair.Workers)
	if err != nil {
		return nil, ps, nil, err
	}
	if b.opt.Shard.owns(blk.Index, len(b.Blocks)) {
		b.AlignStats.LearnedFrom += as.LearnedFrom
		b.AlignStats.LexiconEntries = max(b.AlignStats.LexiconEntries, as.LexiconEntries)
	}
	// Pairs come numbered in order of the original's date; a block keeps
	// those of its own translations, in that order.
	own := pairs[:0]
	for _, p := range pairs {
		if blk.holds(p.Target.Date) {
			own = append(own, p)
		}
	}
	for i, p := range own {
		p.ID = blk.Offset + int64(i) + 1
	}
	return own, ps, lex, nil
}

// blockPosts returns the posts the pairing of blk looks at, in the
// build's order: its translations; the originals dated where they may be
// translated by one of them ([start − after, end + before]) and the
// dateless ones; and, as competitors for those originals, the translations
// dated within the window around the block. The dateless block pairs its
// translations with every original.
func (b *Builder) blockPosts(blk Block) []*corpus.Post {
	before, after := b.opt.Pair.Before, b.opt.Pair.After
	in := func(t time.Time, lo, hi time.Duration) bool {
		return (blk.Start.IsZero() || !t.Before(blk.Start.Add(-lo))) && (blk.End.IsZero() || !t.After(blk.End.Add(hi)))
	}
	var out []*corpus.Post
	for _, p := range b.Posts {
		switch {
		case p.Lang == b.opt.Pair.SourceLang:
			if !blk.Dated || !p.HasDate() || in(p.Date, after, before) {
				out = append(out, p)
			}
		case p.Lang == b.opt.Pair.TargetLang:
			if !p.HasDate() {
				if blk.Dateless {
					out = append(out, p)
				}
			} else if blk.Dated && in(p.Date, after+before, before+after) {
				out = append(out, p)
			}
		}
	}
	return out
}

// addStats adds a block's pairing figures to the build's. Only the pairs
// of the block's own translations count; how they split between the
// anchor and meaning stages is known for the block's pairing as a whole,
// competitors included, and is shared out in proportion.
func (b *Builder) addStats(ps pair.Stats, own []*corpus.Pair, blk Block) {
	s := &b.PairStats
	s.TargetPosts += blk.Targets
	s.Candidates += ps.Candidates
	reposts := countReposts(own)
	s.Reposts += reposts
	s.Paired += len(own) - reposts
	residual := 0
	for _, p := range own {
		if slices.ContainsFunc(p.Evidence, func(e string) bool { return strings.HasPrefix(e, "length:") }) {
			residual++
		}
	}
	s.Residual += residual
	if early := ps.ByAnchors + ps.ByMeaning; early > 0 {
		translated := len(own) - reposts - residual
		anchors := translated * ps.ByAnchors / early
		s.ByAnchors += anchors
		s.ByMeaning += translated - anchors
	}
	s.BelowThreshold += ps.BelowThreshold
	s.Ambiguous += ps.Ambiguous
	s.NoCandidate += ps.NoCandidate
}

// countReposts counts the untranslated reposts among pairs.
func countReposts(pairs []*corpus.Pair) int {
	n := 0
	for _, p := range pairs {
		if p.Untranslated() {
			n++
		}
	}
	return n
}

// ShardPosts returns the posts the shard writes: those dated in its
// blocks (the dateless ones go with the last block).
func (b *Builder) ShardPosts() []*corpus.Post {
	if b.opt.Shard.Whole() || len(b.Blocks) == 0 {
		return b.Posts
	}
	if b.shardPosts == nil {
		b.shardPosts = []*corpus.Post{}
		for _, p := range b.Posts {
			if b.opt.Shard.owns(blockOf(b.Blocks, p.Date), len(b.Blocks)) {
				b.shardPosts = append(b.shardPosts, p)
			}
		}
	}
	return b.shardPosts
}

// ShardBlocks returns the blocks of the build's shard.
func (b *Builder) ShardBlocks() []Block {
	var out []Block
	for _, blk := range b.Blocks {
		if b.opt.Shard.owns(blk.Index, len(b.Blocks)) {
			out = append(out, blk)
		}
	}
	return out
}

// Shard returns the build's shard.
func (b *Builder) Shard() Shard { return b.opt.Shard }
