package pair

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestMaxWeightMatching(t *testing.T) {
	tests := []struct {
		name  string
		w     [][]float64
		want  []int
		total float64
	}{
		{"greedy is wrong", [][]float64{{0.9, 0.8}, {0.7, 0}}, []int{1, 0}, 1.5},
		{"leave unmatched", [][]float64{{0.5, 0}, {0.4, 0}}, []int{0, -1}, 0.5},
		{"no edges", [][]float64{{0, 0}}, []int{-1}, 0},
		{"more columns", [][]float64{{0.1, 0.2, 0.9}}, []int{2}, 0.9},
	}
	for _, tt := range tests {
		got, total := maxWeightMatching(tt.w)
		if math.Abs(total-tt.total) > 1e-9 || !equalInts(got, tt.want) {
			t.Errorf("%s: got %v %.3f, want %v %.3f", tt.name, got, total, tt.want, tt.total)
		}
	}
}

// TestMaxWeightMatchingBrute checks the Hungarian algorithm against brute
// force on random small matrices.
func TestMaxWeightMatchingBrute(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		rows, cols := 1+rng.IntN(5), 1+rng.IntN(5)
		w := make([][]float64, rows)
		for i := range w {
			w[i] = make([]float64, cols)
			for j := range w[i] {
				if rng.IntN(3) > 0 {
					w[i][j] = rng.Float64()
				}
			}
		}
		_, total := maxWeightMatching(w)
		if want := bruteMatching(w, 0, make([]bool, cols)); math.Abs(total-want) > 1e-9 {
			t.Fatalf("matching of %v: total %.4f, brute force %.4f", w, total, want)
		}
	}
}

func bruteMatching(w [][]float64, row int, used []bool) float64 {
	if row == len(w) {
		return 0
	}
	best := bruteMatching(w, row+1, used) // row unmatched
	for c, x := range w[row] {
		if x > 0 && !used[c] {
			used[c] = true
			best = max(best, x+bruteMatching(w, row+1, used))
			used[c] = false
		}
	}
	return best
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
