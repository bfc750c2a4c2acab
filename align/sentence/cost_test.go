package sentence

import (
	"math"
	"testing"
)

func TestTailCost(t *testing.T) {
	for _, x := range []float64{0, 0.5, 1, 1.96, 3, 5.5, 7.5} {
		want := min(27.6, -math.Log(math.Erfc(x/math.Sqrt2)))
		if got := tailCost(x); math.Abs(got-want) > 1e-3*max(1, want) {
			t.Errorf("tailCost(%g) = %.5f, want %.5f", x, got, want)
		}
	}
	if got := tailCost(100); got != tailCost(9) || got < 27 {
		t.Errorf("tailCost far in the tail = %.2f, want the cap", got)
	}
}
