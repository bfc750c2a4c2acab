package sentence

import (
	"slices"
	"testing"
)

// TestJoinIDs: the target side's ids, numbered on their own, become those
// of one numbering of the source's keys and then the target's: a key the
// source has keeps its id (and its strength as the source met it), a new
// one takes the next id in the order the target met it, and each
// sentence's ids stay sorted.
func TestJoinIDs(t *testing.T) {
	side := func(keys []string, strong []bool) *sideIDs {
		s := &sideIDs{ids: map[string]int32{}, keys: keys, strong: strong}
		for i, k := range keys {
			s.ids[k] = int32(i)
		}
		return s
	}
	src := side([]string{"num:1", "cog:popul", "name:lavrov"}, []bool{true, false, false})
	tgt := side([]string{"name:lavrov", "num:7", "num:1", "cog:minis"}, []bool{true, true, false, false})
	sents := []sentence{
		{anchors: []int32{0, 1, 2}, cognates: []int32{3}}, // lavrov, 7, 1; minis
		{anchors: []int32{1}},
	}
	strong := joinIDs(src, tgt, sents)
	if want := []bool{true, false, false, true, false}; !slices.Equal(strong, want) {
		t.Errorf("strong = %v, want %v", strong, want)
	}
	// num:1 → 0, name:lavrov → 2, num:7 → 3, cog:minis → 4.
	if want := []int32{0, 2, 3}; !slices.Equal(sents[0].anchors, want) {
		t.Errorf("anchors = %v, want %v", sents[0].anchors, want)
	}
	if want := []int32{4}; !slices.Equal(sents[0].cognates, want) {
		t.Errorf("cognates = %v, want %v", sents[0].cognates, want)
	}
	if want := []int32{3}; !slices.Equal(sents[1].anchors, want) {
		t.Errorf("second sentence's anchors = %v, want %v", sents[1].anchors, want)
	}
}
