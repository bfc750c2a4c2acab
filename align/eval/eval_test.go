package eval

import (
	"math"
	"testing"
)

// counts is the integer part of a PRF, for compact expectations.
type counts struct{ correct, predicted, recovered, gold int }

// checkPRF fails when got does not hold the counts want or when its ratios
// are not the ones the counts give.
func checkPRF(t *testing.T, what string, got PRF, want counts) {
	t.Helper()
	if c := (counts{got.Correct, got.Predicted, got.Recovered, got.Gold}); c != want {
		t.Errorf("%s counts = %+v, want %+v", what, c, want)
		return
	}
	p := ratio(want.correct, want.predicted)
	r := ratio(want.recovered, want.gold)
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	if !near(got.Precision, p) || !near(got.Recall, r) || !near(got.F1, f) {
		t.Errorf("%s P/R/F1 = %.4f/%.4f/%.4f, want %.4f/%.4f/%.4f", what, got.Precision, got.Recall, got.F1, p, r, f)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestNewPRF(t *testing.T) {
	tests := []struct {
		name                              string
		correct, predicted, recovered, gd int
		p, r, f                           float64
	}{
		{"perfect", 3, 3, 3, 3, 1, 1, 1},
		{"half precision", 2, 4, 2, 2, 0.5, 1, 2.0 / 3},
		{"nothing predicted", 0, 0, 0, 5, 0, 0, 0},
		{"nothing to find", 0, 2, 0, 0, 0, 0, 0},
		{"different units", 4, 6, 4, 4, 2.0 / 3, 1, 0.8},
	}
	for _, tt := range tests {
		got := newPRF(tt.correct, tt.predicted, tt.recovered, tt.gd)
		if !near(got.Precision, tt.p) || !near(got.Recall, tt.r) || !near(got.F1, tt.f) {
			t.Errorf("%s: got %.4f/%.4f/%.4f, want %.4f/%.4f/%.4f", tt.name, got.Precision, got.Recall, got.F1, tt.p, tt.r, tt.f)
		}
	}
}
