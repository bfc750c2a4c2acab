package sim

import (
	"slices"
	"testing"
)

// TestPackedCells: the packed table numbers word pairs as cellTable does
// (first come, first numbered; a pair met again keeps its number) and
// gives the same pairs back by number, through its growths; it declines
// keys and numbers that do not fit in a slot together.
func TestPackedCells(t *testing.T) {
	const sBits, tBits = 13, 17
	packed := newPackedCells(sBits+tBits, 50_000)
	var wide cellTable
	r := uint64(1)
	for range 50_000 {
		r = r*6364136223846793005 + 1442695040888963407
		s, u := r>>40&(1<<sBits-1)&0x3ff, r>>20&(1<<tBits-1)&0x7ff // few enough that pairs repeat
		want, _ := wide.get(s<<32|u, int32(wide.n))
		if got := packed.get(s<<tBits | u); got != want {
			t.Fatalf("pair (%d, %d): number %d, want %d", s, u, got, want)
		}
	}
	if wide.n == 50_000 || wide.n < 1024 {
		t.Fatalf("%d distinct pairs: the test wants repeats and growths", wide.n)
	}
	if got, want := packed.byCell(tBits), wide.byCell(); !slices.Equal(got, want) {
		t.Error("byCell differs from cellTable's")
	}
	if newPackedCells(40, 1<<25) != nil {
		t.Error("40 bits of key and 26 of number packed in 64")
	}
}
