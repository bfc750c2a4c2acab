package eval

import (
	"testing"

	"github.com/parapost/parapost/corpus"
)

func TestPairs(t *testing.T) {
	pp := func(src int64, tgt int64) PostPair {
		return PostPair{corpus.Key{Channel: "MID_Russia", ID: src}, corpus.Key{Channel: "MFARussia", ID: tgt}}
	}
	gold := []PostPair{pp(1, 10), pp(2, 20), pp(3, 30), pp(4, 40)}
	tests := []struct {
		name      string
		predicted []PostPair
		want      counts
	}{
		{"all right", gold, counts{4, 4, 4, 4}},
		{"none", nil, counts{0, 0, 0, 4}},
		{"one wrong target", []PostPair{pp(1, 10), pp(2, 30)}, counts{1, 2, 1, 4}},
		{"swapped sides are wrong", []PostPair{
			{corpus.Key{Channel: "MFARussia", ID: 10}, corpus.Key{Channel: "MID_Russia", ID: 1}},
		}, counts{0, 1, 0, 4}},
		{"same id other channel is wrong", []PostPair{
			{corpus.Key{Channel: "other", ID: 1}, corpus.Key{Channel: "MFARussia", ID: 10}},
		}, counts{0, 1, 0, 4}},
		{"duplicates count once", []PostPair{pp(1, 10), pp(1, 10), pp(3, 30), pp(9, 90)}, counts{2, 3, 2, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkPRF(t, "pairs", Pairs(gold, tt.predicted), tt.want)
		})
	}
}
