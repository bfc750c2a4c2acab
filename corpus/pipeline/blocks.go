package pipeline

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parapost/parapost/corpus"
)

// DefaultBlockTargets is how many translations close a block: enough for
// the lexicon and the residual model to learn from, few enough that a
// block's index stays small.
const DefaultBlockTargets = 20000

// Block is a unit of pairing and alignment: the translations dated in
// [Start, End), or the dateless ones.
type Block struct {
	// Index is the block's position, from 0.
	Index int
	// Start and End bound the block's months, [Start, End); a zero Start
	// is the beginning of time and a zero End its end.
	Start, End time.Time
	// Dated reports whether the block holds the dated translations of its
	// months; Dateless whether it holds the dateless ones. A corpus of one
	// block holds both.
	Dated, Dateless bool
	// Targets counts the block's translations.
	Targets int
	// Offset is the number of posts in either language of the blocks
	// before, each the target of one pair at most (a translation, or an
	// untranslated repost of an original): a pair's id is Offset plus its
	// rank in the block, so that every shard numbers pairs as one run does.
	Offset int64
}

// String names the block's months, for progress and messages.
func (b Block) String() string {
	month := func(t time.Time) string { return t.Format("2006-01") }
	switch {
	case !b.Dated:
		return fmt.Sprintf("block %d (dateless)", b.Index)
	case b.Start.IsZero() && b.End.IsZero():
		return fmt.Sprintf("block %d (all months)", b.Index)
	case b.End.IsZero():
		return fmt.Sprintf("block %d (%s …)", b.Index, month(b.Start))
	case b.Start.IsZero():
		return fmt.Sprintf("block %d (… %s)", b.Index, month(b.End.AddDate(0, -1, 0)))
	default:
		return fmt.Sprintf("block %d (%s … %s)", b.Index, month(b.Start), month(b.End.AddDate(0, -1, 0)))
	}
}

// holds reports whether a post dated t (zero: dateless) falls in the block:
// dated posts by their date, dateless posts in the block of the dateless
// translations (the last).
func (b Block) holds(t time.Time) bool {
	if t.IsZero() {
		return b.Dateless
	}
	return b.Dated && (b.Start.IsZero() || !t.Before(b.Start)) && (b.End.IsZero() || t.Before(b.End))
}

// monthOf returns the first instant of t's calendar month, UTC.
func monthOf(t time.Time) time.Time {
	u := t.UTC()
	return time.Date(u.Year(), u.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// PlanBlocks cuts the translations (posts in tgtLang) into blocks of whole
// months holding at least target translations each, the last taking the
// rest; dateless translations form a block of their own after them, unless
// the dated ones make a single block, which then takes them too. There is
// always at least one block. Posts in srcLang count for the blocks' ids
// (see Block.Offset).
func PlanBlocks(posts []*corpus.Post, srcLang, tgtLang string, target int) []Block {
	lang := tgtLang
	if target <= 0 {
		target = DefaultBlockTargets
	}
	perMonth := map[time.Time]int{}
	dateless := 0
	for _, p := range posts {
		if p.Lang != lang {
			continue
		}
		if !p.HasDate() {
			dateless++
			continue
		}
		perMonth[monthOf(p.Date)]++
	}
	months := make([]time.Time, 0, len(perMonth))
	for m := range perMonth {
		months = append(months, m)
	}
	slices.SortFunc(months, func(a, b time.Time) int { return a.Compare(b) })

	var blocks []Block
	cur := Block{Dated: true}
	for _, m := range months {
		if cur.Targets == 0 && len(blocks) > 0 {
			cur.Start = m
		}
		cur.Targets += perMonth[m]
		if cur.Targets >= target {
			cur.End = m.AddDate(0, 1, 0)
			blocks = append(blocks, cur)
			cur = Block{Dated: true}
		}
	}
	switch {
	case cur.Targets > 0 || len(blocks) == 0:
		blocks = append(blocks, cur)
	default:
		// The last month closed a block: it reaches to the end of time, so
		// that every later post has a block.
		blocks[len(blocks)-1].End = time.Time{}
	}
	// Blocks after the first start where the one before ended (months
	// without translations belong to the block before).
	for i := 1; i < len(blocks); i++ {
		blocks[i].Start = blocks[i-1].End
	}
	if len(blocks) == 1 {
		blocks[0].Dateless, blocks[0].Targets = true, blocks[0].Targets+dateless
	} else if dateless > 0 {
		blocks = append(blocks, Block{Dateless: true, Targets: dateless})
	}
	for i := range blocks {
		blocks[i].Index = i
	}
	// Ids: every post of either language may be the target of a pair.
	size := make([]int64, len(blocks))
	for _, p := range posts {
		if p.Lang == srcLang || p.Lang == tgtLang {
			size[blockOf(blocks, p.Date)]++
		}
	}
	var offset int64
	for i := range blocks {
		blocks[i].Offset = offset
		offset += size[i]
	}
	return blocks
}

// blockOf returns the index of the block a post dated t belongs to.
func blockOf(blocks []Block, t time.Time) int {
	if t.IsZero() {
		return len(blocks) - 1
	}
	for i, b := range blocks {
		if b.holds(t) {
			return i
		}
	}
	return len(blocks) - 1 // unreachable: the dated blocks cover all time
}

// Shard is one share of a build: Index of Count (0 ≤ Index < Count). The
// zero Shard is the whole build.
type Shard struct{ Index, Count int }

// ParseShard parses "i/n".
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	index, err1 := strconv.Atoi(i)
	count, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("want I/N such as 0/4, got %q", s)
	}
	sh := Shard{Index: index, Count: count}
	if sh.Count < 1 || sh.Index < 0 || sh.Index >= sh.Count {
		return Shard{}, fmt.Errorf("want 0 ≤ I < N in I/N, got %q", s)
	}
	return sh, nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// Whole reports whether s is the whole build.
func (s Shard) Whole() bool { return s.Count <= 1 }

// owns reports whether block b of n belongs to the shard: shards hold
// contiguous ranges of blocks, block b going to shard ⌊b·Count/n⌋.
func (s Shard) owns(b, n int) bool {
	if s.Whole() {
		return true
	}
	return b*s.Count/n == s.Index
}
