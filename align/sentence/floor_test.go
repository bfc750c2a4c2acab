package sentence

import (
	"math"
	"strings"
	"testing"
	"unicode"

	"github.com/parapost/parapost/align/eval"
	"github.com/parapost/parapost/align/internal/fixture"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/align/split"
)

// TestMergeFloor: the floor the dynamic programme skips merged beads by
// is below the cost of every merged bead near the diagonal of the WMT
// line files, with a similarity model and without, cut marks included.
// Were it above one, the skip could change a bead (TestDocSetSimilarity
// and make eval would show it only on the inputs they hold).
func TestMergeFloor(t *testing.T) {
	units := fixture.ReadTranslations(t, "wmt23-ruen-dev/mt/ru-en.jsonl")
	model := sim.NewTranslations(units, "ru", sim.NewVocabulary("en"))
	beads, tight := 0, 0
	for _, line := range fixture.LineDocs(t) {
		src, tgt := line.Source, line.Target
		// The line files, and the same text as prose: sentences split
		// inline, line and paragraph breaks, cut marks in the source.
		docs := []struct{ src, tgt string }{{src, tgt}, {prose(src, true), prose(tgt, false)}}
		for d, m := range []sim.Model{nil, model, nil, model} {
			doc := docs[d/2]
			ss, ts := eval.LineSpans(doc.src), eval.LineSpans(doc.tgt)
			if d >= 2 {
				ss, ts = split.Sentences(doc.src, "ru"), split.Sentences(doc.tgt, "en")
			}
			opt := DefaultOptions()
			opt.Similarity = m
			a := newAligner(doc.src, doc.tgt, ss, ts, opt)
			if !a.floors {
				t.Fatal("the default costs do not allow floors")
			}
			a.center = a.anchorPath()
			for i1 := 1; i1 <= len(a.s); i1++ {
				mid := int(a.center[i1])
				for j1 := max(1, mid-6); j1 <= min(len(a.t), mid+6); j1++ {
					for k := firstMerge; k < len(beadShapes); k++ {
						i0, j0 := i1-beadShapes[k].src, j1-beadShapes[k].tgt
						if i0 < 0 || j0 < 0 {
							continue
						}
						cost, floor := a.beadCost(i0, i1, j0, j1, k), a.mergeFloor(i0, i1, j0, j1, k, math.Inf(1))
						beads++
						if floor > cost {
							t.Fatalf("%s: bead [%d,%d)x[%d,%d): floor %.6f above the cost %.6f", line.Gold, i0, i1, j0, j1, floor, cost)
						}
						if cost-floor < 1 {
							tight++
						}
					}
				}
			}
		}
	}
	if beads < 10000 {
		t.Errorf("only %d merged beads weighed", beads)
	}
	t.Logf("%d merged beads, floor within 1 of the cost for %d", beads, tight)
}

// prose joins the lines of a line file into paragraphs of a few lines,
// some inline, some after a line break, with a cut mark ("<...>") between
// some paragraphs when cuts is set.
func prose(lines string, cuts bool) string {
	var b strings.Builder
	for k, line := range strings.Split(strings.TrimSpace(lines), "\n") {
		b.WriteString(line)
		switch {
		case cuts && k%9 == 4:
			b.WriteString("\n\n<...>\n\n")
		case k%4 == 3:
			b.WriteString("\n\n")
		case k%4 == 1:
			b.WriteString("\n")
		default:
			b.WriteString(" ")
		}
	}
	return b.String()
}

// TestNoSpaceRange: preparation counts the runes U+0100–U+167F as
// characters without asking Unicode whether they are spaces: none is.
func TestNoSpaceRange(t *testing.T) {
	for r := rune(0x100); r < 0x1680; r++ {
		if unicode.IsSpace(r) {
			t.Errorf("%U is a space", r)
		}
	}
}
