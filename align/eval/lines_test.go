package eval

import (
	"testing"
)

// lb builds a line bead.
func lb(src, tgt []int) LineBead { return LineBead{Source: src, Target: tgt} }

// ints shortens index lists in test tables.
func ints(xs ...int) []int { return xs }

// Hand-computed example with 2-1, 1-2 and omission beads in gold.
var (
	handGold = []LineBead{
		lb(ints(0), ints(0)),
		lb(ints(1, 2), ints(1)),
		lb(ints(3), ints(2, 3)),
		lb(ints(4), nil),
		lb(nil, ints(4)),
		lb(ints(5), ints(5)),
	}
	// Precision: [0]:[0], [3]:[2,3], [5]:[5] are exact; [1]:[1] overlaps
	// gold [1,2]:[1] (lax); [2]:[] and [4]:[4] are wrong ([4] is a deletion
	// in gold, so it has no gold target). []:[] is skipped.
	// Recall (no omissions, roles swapped): gold [0]:[0], [3]:[2,3], [5]:[5]
	// are exact; [1,2]:[1] is lax through test [1]:[1].
	handTest = []LineBead{
		lb(ints(0), ints(0)),
		lb(ints(1), ints(1)),
		lb(ints(2), nil),
		lb(ints(3), ints(2, 3)),
		lb(ints(4), ints(4)),
		lb(nil, nil),
		lb(ints(5), ints(5)),
	}
	// shiftGold shifted by one target line: only [1]:[2,3] still shares a
	// link (1-2) with gold, in both directions.
	shiftGold = []LineBead{lb(ints(0), ints(0)), lb(ints(1), ints(1, 2)), lb(ints(2), ints(3))}
	shiftTest = []LineBead{lb(ints(0), ints(1)), lb(ints(1), ints(2, 3)), lb(ints(2), ints(4))}
)

func TestLines(t *testing.T) {
	tests := []struct {
		name        string
		gold, test  [][]LineBead
		strict, lax counts
	}{
		{
			name:   "identical",
			gold:   [][]LineBead{handGold},
			test:   [][]LineBead{handGold},
			strict: counts{6, 6, 4, 4},
			lax:    counts{6, 6, 4, 4},
		},
		{
			name:   "hand example",
			gold:   [][]LineBead{handGold},
			test:   [][]LineBead{handTest},
			strict: counts{3, 6, 3, 4},
			lax:    counts{4, 6, 4, 4},
		},
		{
			name:   "shifted by one line",
			gold:   [][]LineBead{shiftGold},
			test:   [][]LineBead{shiftTest},
			strict: counts{0, 3, 0, 3},
			lax:    counts{1, 3, 1, 3},
		},
		{
			name:   "counts are summed over documents",
			gold:   [][]LineBead{handGold, shiftGold},
			test:   [][]LineBead{handTest, shiftTest},
			strict: counts{3, 9, 3, 7},
			lax:    counts{5, 9, 5, 7},
		},
		{
			name: "omissions count in precision only",
			gold: [][]LineBead{{lb(ints(0), ints(0)), lb(ints(1), ints(1))}},
			// [1]:[] and []:[1] are not in gold: wrong, even laxly. Recall:
			// gold [1]:[1] has no test bead with source 1 left.
			test:   [][]LineBead{{lb(ints(0), ints(0)), lb(ints(1), nil), lb(nil, ints(1))}},
			strict: counts{1, 3, 1, 2},
			lax:    counts{1, 3, 1, 2},
		},
		{
			name:   "an omission found in gold is right",
			gold:   [][]LineBead{{lb(ints(0), nil), lb(ints(1), ints(0))}},
			test:   [][]LineBead{{lb(ints(0), nil), lb(ints(1), ints(0))}},
			strict: counts{2, 2, 1, 1},
			lax:    counts{2, 2, 1, 1},
		},
		{
			name:   "repeated test beads count once",
			gold:   [][]LineBead{{lb(ints(0), ints(0)), lb(ints(1), ints(1))}},
			test:   [][]LineBead{{lb(ints(0), ints(0)), lb(ints(0), ints(0)), lb(ints(1), ints(0))}},
			strict: counts{1, 2, 1, 2},
			lax:    counts{1, 2, 1, 2},
		},
		{
			// score.py compares index tuples as written.
			name:   "index order matters for strict",
			gold:   [][]LineBead{{lb(ints(0, 1), ints(0))}},
			test:   [][]LineBead{{lb(ints(1, 0), ints(0))}},
			strict: counts{0, 1, 0, 1},
			lax:    counts{1, 1, 1, 1},
		},
		{
			name:   "scores are ignored",
			gold:   [][]LineBead{{lb(ints(0), ints(0))}},
			test:   [][]LineBead{{{Source: ints(0), Target: ints(0), Score: 0.42}}},
			strict: counts{1, 1, 1, 1},
			lax:    counts{1, 1, 1, 1},
		},
		{
			name:   "extra documents are ignored",
			gold:   [][]LineBead{handGold, shiftGold},
			test:   [][]LineBead{handTest},
			strict: counts{3, 6, 3, 4},
			lax:    counts{4, 6, 4, 4},
		},
		{
			name:   "nothing to score",
			strict: counts{0, 0, 0, 0},
			lax:    counts{0, 0, 0, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Lines(tt.gold, tt.test)
			checkPRF(t, "strict", got.Strict, tt.strict)
			checkPRF(t, "lax", got.Lax, tt.lax)
		})
	}
}

// The hand example's ratios, spelled out: strict P 3/6 R 3/4 F1 0.6; lax
// P 4/6 R 1 F1 0.8.
func TestLinesHandRatios(t *testing.T) {
	got := Lines([][]LineBead{handGold}, [][]LineBead{handTest})
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"strict precision", got.Strict.Precision, 0.5},
		{"strict recall", got.Strict.Recall, 0.75},
		{"strict F1", got.Strict.F1, 0.6},
		{"lax precision", got.Lax.Precision, 2.0 / 3},
		{"lax recall", got.Lax.Recall, 1},
		{"lax F1", got.Lax.F1, 0.8},
	} {
		if !near(c.got, c.want) {
			t.Errorf("%s = %.4f, want %.4f", c.name, c.got, c.want)
		}
	}
}
