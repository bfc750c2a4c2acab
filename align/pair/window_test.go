package pair

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/parapost/parapost/corpus"
)

// TestWindow: a target's window takes from a posting list exactly the
// dated sources posted from After before the target to Before after it
// (both ends included, equal dates too) and every dateless source, as a
// filter over the dates would; lists too long in the window are dropped.
func TestWindow(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	idx := &pairIndex{opt: Options{Before: 24 * time.Hour, After: 72 * time.Hour}}
	// Sources a few hours apart, often at the same minute; 40 dateless.
	at := base
	for range 2000 {
		at = at.Add(time.Duration(rng.IntN(4)) * time.Hour)
		idx.srcTime = append(idx.srcTime, at.UnixNano())
	}
	// A broken export's post dated after 2262, the latest source: its
	// time saturates instead of wrapping around.
	far := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	idx.srcTime = append(idx.srcTime, unixNano(far))
	idx.nDated = len(idx.srcTime)
	n := idx.nDated + 40
	for _, target := range []time.Time{
		base.Add(-100 * time.Hour), base, base.Add(500 * time.Hour), at, at.Add(200 * time.Hour),
		time.Unix(0, idx.srcTime[700]).UTC().Add(72 * time.Hour),  // a source exactly After before
		time.Unix(0, idx.srcTime[900]).UTC().Add(-24 * time.Hour), // one exactly Before after
		far, far.Add(-48 * time.Hour), // the far source in the window, and a target beyond int64 too
		{}, // dateless
	} {
		post := &corpus.Post{Date: target}
		w := idx.window(post)
		for _, size := range []int{0, 1, 5, 300, 1500} {
			list := rng.Perm(n)[:size]
			l32 := make([]int32, size)
			for i, si := range list {
				l32[i] = int32(si)
			}
			slices.Sort(l32)
			var wantDated, wantDateless []int32
			from, to := unixNano(target.Add(-idx.opt.After)), unixNano(target.Add(idx.opt.Before))
			for _, si := range l32 {
				switch {
				case int(si) >= idx.nDated:
					wantDateless = append(wantDateless, si)
				case !post.HasDate() || from <= idx.srcTime[si] && idx.srcTime[si] <= to:
					wantDated = append(wantDated, si)
				}
			}
			if len(wantDated) > maxPostings {
				wantDated = nil
			}
			if len(wantDateless) > maxPostings {
				wantDateless = nil
			}
			dated, dateless := w.of(l32)
			if !slices.Equal(dated, wantDated) || !slices.Equal(dateless, wantDateless) {
				t.Errorf("target %v, list of %d: got %d dated, %d dateless; want %d, %d",
					target, size, len(dated), len(dateless), len(wantDated), len(wantDateless))
			}
		}
	}
}
