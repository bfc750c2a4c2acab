// Package sentence aligns the sentences of a text with those of its
// translation: dynamic programming over beads of up to four sentences a
// side (0-1, 1-0, 1-1, 1-2, 2-1, 2-2, 3-1, 1-3, 4-1, 1-4, 3-2, 2-3), costed
// by length (Gale and Church), shared anchors, cognates, meaning (a
// sim.Model), continuations and breaks, in a band around the path of
// anchors that widens while the best path touches its edge. The constants
// of the cost model are Costs. A merged bead whose cost cannot fall below
// the cell's best (its prior less every reward it could earn) is not
// weighed. Prepare returns a Doc, which aligns again with another
// similarity model without preparing its sentences again.
package sentence
