package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/corpus"
	"github.com/parapost/parapost/corpus/pipeline/pipelinetest"
)

var wmt = filepath.Join("..", "..", "testdata", "wmt23-ruen-dev")

// spreadPosts is the WMT23 corpus spread over eight months.
func spreadPosts(t testing.TB) []*corpus.Post { return pipelinetest.Spread(t, wmt) }

// wrongPairs counts the pairs that are not gold pairs.
func wrongPairs(t testing.TB, pairs []*corpus.Pair) int {
	gold := pipelinetest.Gold(t, wmt)
	wrong := 0
	for _, p := range pairs {
		if gold[p.Target.Key()] != p.Source.Key() {
			wrong++
		}
	}
	return wrong
}

func testOptions(blockTargets int) Options {
	aopt := align.DefaultOptions()
	return Options{Pair: pair.DefaultOptions(), Align: aopt, BlockTargets: blockTargets}
}

// pairKey is what must agree between two builds: a pair's ids, score and
// evidence, and its beads.
type pairKey struct {
	ID               int64
	Source, Target   corpus.Key
	Score, Margin    float64
	Evidence, Beads  string
	SrcSent, TgtSent int
}

func keysOf(pairs []*corpus.Pair) []pairKey {
	out := make([]pairKey, len(pairs))
	for i, p := range pairs {
		// The files hold the bilingual beads, with their place among all
		// beads: the order of two adjacent omissions is not kept.
		var beads []string
		for i, b := range p.Beads {
			if b.Bilingual() {
				beads = append(beads, fmt.Sprintf("%d:%d-%d:%d-%d@%s", i, b.SrcStart, b.SrcEnd, b.TgtStart, b.TgtEnd, fmtFloat(b.Score)))
			}
		}
		out[i] = pairKey{p.ID, p.Source.Key(), p.Target.Key(), p.Score, p.Margin, strings.Join(p.Evidence, " "), strings.Join(beads, " "),
			len(p.SourceSentences), len(p.TargetSentences)}
	}
	slices.SortFunc(out, func(a, b pairKey) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

func build(t testing.TB, posts []*corpus.Post, opt Options) *Builder {
	t.Helper()
	b := NewBuilder(opt)
	if err := b.AddPosts(posts, corpus.ReadStats{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.Detect(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := b.Align(context.Background()); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPlanBlocks(t *testing.T) {
	posts := spreadPosts(t)
	for _, tc := range []struct {
		target, blocks int
	}{{5, 8}, {20, 4}, {81, 1}, {DefaultBlockTargets, 1}} {
		blocks := PlanBlocks(posts, "ru", "en", tc.target)
		if len(blocks) != tc.blocks {
			t.Errorf("BlockTargets %d: %d blocks, want %d: %v", tc.target, len(blocks), tc.blocks, blocks)
		}
		total := 0
		var ids int64
		for i, b := range blocks {
			total += b.Targets
			if b.Offset != ids || b.Index != i {
				t.Errorf("block %v: offset %d (want %d), index %d", b, b.Offset, ids, b.Index)
			}
			for _, p := range posts {
				if b.holds(p.Date) {
					ids++ // every post of the block may be the target of a pair
				}
			}
			if i < len(blocks)-1 && b.Targets < tc.target {
				t.Errorf("block %v holds %d translations, fewer than %d", b, b.Targets, tc.target)
			}
		}
		// Every post falls in exactly one block.
		for _, p := range posts {
			n := 0
			for _, b := range blocks {
				if b.holds(p.Date) {
					n++
				}
			}
			if n != 1 {
				t.Fatalf("BlockTargets %d: %s/%d (%s) is in %d blocks", tc.target, p.Channel, p.ID, p.Date, n)
			}
		}
		if total != 81 {
			t.Errorf("blocks hold %d translations, want 81", total)
		}
	}
}

func TestPlanBlocksDateless(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	var posts []*corpus.Post
	for i, day := range []string{"2024-01-05", "2024-01-20", "2024-03-02", "2024-03-04", "2024-05-01"} {
		posts = append(posts, &corpus.Post{Channel: "en", ID: int64(i + 1), Date: d(day), Lang: "en"})
	}
	posts = append(posts, &corpus.Post{Channel: "copy", ID: 1, Lang: "en"}, &corpus.Post{Channel: "ru", ID: 1, Lang: "ru", Date: d("2024-02-10")})
	blocks := PlanBlocks(posts, "ru", "en", 2)
	want := []string{"block 0 (… 2024-01)", "block 1 (2024-02 … 2024-03)", "block 2 (2024-04 …)", "block 3 (dateless)"}
	var got []string
	for _, b := range blocks {
		got = append(got, b.String())
	}
	if !slices.Equal(got, want) {
		t.Fatalf("blocks %q, want %q", got, want)
	}
	if blockOf(blocks, d("2024-02-10")) != 1 || blockOf(blocks, time.Time{}) != 3 || blocks[3].Offset != 6 {
		t.Errorf("a February original is in block %d, a dateless post in %d; offsets %v", blockOf(blocks, d("2024-02-10")), blockOf(blocks, time.Time{}), blocks)
	}
	// One block of dated translations takes the dateless ones too: a small
	// corpus is paired as a whole.
	one := PlanBlocks(posts, "ru", "en", 10)
	if len(one) != 1 || !one[0].Dated || !one[0].Dateless || one[0].Targets != 6 {
		t.Errorf("small corpus: %v", one)
	}
}

func TestParseShard(t *testing.T) {
	for in, want := range map[string]Shard{"0/4": {0, 4}, "3/4": {3, 4}, "0/1": {0, 1}} {
		if got, err := ParseShard(in); err != nil || got != want {
			t.Errorf("ParseShard(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"4/4", "-1/4", "1/0", "1", "a/b", "1/4x", ""} {
		if _, err := ParseShard(in); err == nil {
			t.Errorf("ParseShard(%q): no error", in)
		}
	}
	// Contiguous ranges, every block in one shard.
	for _, n := range []int{1, 3, 4, 9} {
		prev := 0
		for b := range n {
			owners := 0
			for i := range 4 {
				if (Shard{i, 4}).owns(b, n) {
					owners++
					if i < prev {
						t.Errorf("%d blocks: block %d goes to shard %d after shard %d", n, b, i, prev)
					}
					prev = i
				}
			}
			if owners != 1 {
				t.Errorf("%d blocks: block %d has %d shards", n, b, owners)
			}
		}
	}
}

// TestShardsUnion: the shards 0/4 … 3/4 of a corpus of several blocks
// make, together, exactly the pairs and beads of one run, each once.
func TestShardsUnion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds five times")
	}
	whole := build(t, spreadPosts(t), testOptions(5))
	if len(whole.Blocks) != 8 {
		t.Fatalf("%d blocks, want 8", len(whole.Blocks))
	}
	var union []*corpus.Pair
	posts := 0
	for i := range 4 {
		opt := testOptions(5)
		opt.Shard = Shard{i, 4}
		b := build(t, spreadPosts(t), opt)
		if len(b.ShardBlocks()) != 2 {
			t.Errorf("shard %d/4 builds %d blocks, want 2", i, len(b.ShardBlocks()))
		}
		union = append(union, b.Pairs...)
		posts += len(b.ShardPosts())
	}
	if posts != len(whole.Posts) {
		t.Errorf("the shards write %d posts, one run %d", posts, len(whole.Posts))
	}
	got, want := keysOf(union), keysOf(whole.Pairs)
	if !slices.Equal(got, want) {
		t.Errorf("union of shards: %d pairs, one run: %d", len(got), len(want))
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Errorf("first difference:\n%+v\n%+v", got[i], want[i])
				break
			}
		}
	}
	// Blocks of five translations learn their lexicons from little; every
	// pair must still be right.
	one := build(t, spreadPosts(t), testOptions(0))
	t.Logf("8 blocks paired %d of 81 translations (%d wrong), one block %d (%d wrong)", len(want), wrongPairs(t, whole.Pairs), len(one.Pairs), wrongPairs(t, one.Pairs))
	if len(want) < 65 || wrongPairs(t, whole.Pairs) > 0 {
		t.Errorf("8 blocks paired %d of 81 translations, %d wrongly", len(want), wrongPairs(t, whole.Pairs))
	}
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'f', 12, 64) }
