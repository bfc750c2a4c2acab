package eval

import (
	"fmt"
)

// LineScores are the strict and lax scores of sentence-per-line alignments.
type LineScores struct{ Strict, Lax PRF }

// Lines scores test alignments against gold alignments of the same
// documents (gold[i] and test[i] align the same pair of files) with the
// strict and lax precision and recall of Sennrich & Volk (2011), counted as
// Vecalign's and Bertalign's score.py count them:
//
//   - Beads are compared as sets of (source indices, target indices), in
//     the order the indices are written; repeated beads count once and
//     beads empty on both sides are dropped. Scores are ignored.
//   - Precision counts test beads. A test bead equal to a gold bead is
//     strictly and laxly right. Any other test bead is strictly wrong; it
//     is laxly right when one of its target sentences is in a gold bead
//     with one of its source sentences. So a 1-0 or 0-1 test bead is right
//     only when gold has exactly that bead.
//   - Recall is the same count with gold and test swapped, after dropping
//     every bead with an empty side from both: omissions never count
//     towards recall.
//   - Counts are summed over all documents before dividing (micro
//     average); a zero denominator gives 0.
//
// Only the first min(len(gold), len(test)) documents are scored, as
// score.py's zip does; callers should pass lists of equal length.
func Lines(gold, test [][]LineBead) LineScores {
	var p, r lineCounts
	for i := range min(len(gold), len(test)) {
		p.add(linePrecision(gold[i], test[i]))
		r.add(linePrecision(bilingualLines(test[i]), bilingualLines(gold[i])))
	}
	return LineScores{
		Strict: newPRF(p.strictRight, p.all, r.strictRight, r.all),
		Lax:    newPRF(p.laxRight, p.all, r.laxRight, r.all),
	}
}

// lineCounts are the counts of one direction of the line score.
type lineCounts struct{ strictRight, laxRight, all int }

func (c *lineCounts) add(o lineCounts) {
	c.strictRight += o.strictRight
	c.laxRight += o.laxRight
	c.all += o.all
}

// linePrecision judges every distinct non-empty bead of test against gold.
func linePrecision(gold, test []LineBead) lineCounts {
	goldSet := lineBeadSet(gold)
	// goldTargets maps a source sentence to the target sentences of the
	// gold beads that hold it.
	goldTargets := make(map[int]map[int]bool)
	for _, b := range gold {
		for _, s := range b.Source {
			if goldTargets[s] == nil {
				goldTargets[s] = make(map[int]bool)
			}
			for _, t := range b.Target {
				goldTargets[s][t] = true
			}
		}
	}
	var c lineCounts
	for key, b := range lineBeadSet(test) {
		c.all++
		_, exact := goldSet[key]
		switch {
		case exact:
			c.strictRight++
			c.laxRight++
		case laxOverlap(b, goldTargets):
			c.laxRight++
		}
	}
	return c
}

// laxOverlap reports whether a target sentence of b is aligned in gold
// with a source sentence of b.
func laxOverlap(b LineBead, goldTargets map[int]map[int]bool) bool {
	for _, s := range b.Source {
		for _, t := range b.Target {
			if goldTargets[s][t] {
				return true
			}
		}
	}
	return false
}

// lineBeadSet returns the distinct beads of bs that are not empty on both
// sides, keyed by their written form.
func lineBeadSet(bs []LineBead) map[string]LineBead {
	set := make(map[string]LineBead, len(bs))
	for _, b := range bs {
		if len(b.Source) == 0 && len(b.Target) == 0 {
			continue
		}
		set[fmt.Sprint(b.Source, b.Target)] = b
	}
	return set
}

// bilingualLines returns the beads of bs with both sides non-empty.
func bilingualLines(bs []LineBead) []LineBead {
	var out []LineBead
	for _, b := range bs {
		if len(b.Source) > 0 && len(b.Target) > 0 {
			out = append(out, b)
		}
	}
	return out
}
