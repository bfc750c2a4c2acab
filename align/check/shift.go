package check

import (
	"fmt"
	"slices"

	"github.com/parapost/parapost/align/anchor"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
)

// shiftFindings finds the sentences left out or added that the aligner
// hid by shifting: with a sentence missing, it may pair the orphan with
// the translation of its neighbour and fold that neighbour into the bead
// beside it (a 2-2 where a 1-2 belongs) or into a run of 1-0 beads. Such
// a bead scores far below the pair's others (low), while the sentence
// next to it across the bead boundary, inside a merged bead or an
// omission bead, matches its other side far better. Then the bead's own
// sentences are the orphans: an omission (source) or an addition
// (target). It returns the findings and the beads they explain.
func (c *checker) shiftFindings(p *corpus.Pair, beads []BeadScore, src, tgt []side, low func(float64) bool) ([]Finding, map[int]bool) {
	var out []Finding
	done := map[int]bool{}
	for i, b := range p.Beads {
		if !b.Bilingual() || beads[i].Score < 0 || !low(beads[i].Score) {
			continue
		}
		// The source sentence across each boundary against this bead's
		// translation, and the target sentence against its original.
		bestSrc := c.neighbourMatch(p, i, true, tgt[i].text)
		bestTgt := c.neighbourMatch(p, i, false, src[i].text)
		floor := max(c.opt.MeaningMax, 2*beads[i].Score+0.1)
		switch {
		case bestSrc >= floor && bestSrc >= bestTgt && hasLetters(src[i].text) && !anchor.IsCutMark(src[i].text):
			done[i] = true
			ns := b.SrcEnd - b.SrcStart
			out = append(out, Finding{Kind: Omission, Bead: i, Source: src[i].text, Target: tgt[i].text,
				Detail: fmt.Sprintf("%s of the original not translated: the aligner paired it with a translation that matches the sentence next to it better (similarity %.2f against %.2f)", plural(ns, "sentence"), bestSrc, beads[i].Score),
				Marks:  []Mark{{Start: 0, End: len(src[i].text)}}})
		case bestTgt >= floor && hasLetters(tgt[i].text):
			done[i] = true
			nt := b.TgtEnd - b.TgtStart
			out = append(out, Finding{Kind: Addition, Bead: i, Source: src[i].text, Target: tgt[i].text,
				Detail: fmt.Sprintf("%s with no counterpart in the original: the aligner paired it with an original that matches the sentence next to it better (similarity %.2f against %.2f)", plural(nt, "sentence"), bestTgt, beads[i].Score),
				Marks:  []Mark{{Target: true, Start: 0, End: len(tgt[i].text)}}})
		}
	}
	return out, done
}

// neighbourMatch returns the best similarity of other (a text of the
// other side) to the sentences of one side (source when source is true)
// that lie next to bead i in the neighbouring beads, when those beads can
// spare them: an omission bead, or a bead of two sentences or more on
// that side.
func (c *checker) neighbourMatch(p *corpus.Pair, i int, source bool, other string) float64 {
	lang, olang := c.opt.TargetLang, c.opt.SourceLang
	text, spans := p.Target.Text, p.TargetSentences
	if source {
		lang, olang = c.opt.SourceLang, c.opt.TargetLang
		text, spans = p.Source.Text, p.SourceSentences
	}
	o := side{text: other, anchors: anchor.Find(other, olang)}
	best := -1.0
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(p.Beads) {
			continue
		}
		nb := p.Beads[j]
		start, end, otherN := nb.TgtStart, nb.TgtEnd, nb.SrcEnd-nb.SrcStart
		if source {
			start, end, otherN = nb.SrcStart, nb.SrcEnd, nb.TgtEnd-nb.TgtStart
		}
		if n := end - start; n == 0 || n == 1 && otherN > 0 {
			continue // nothing to spare
		}
		k := end - 1 // the last sentence of the bead before
		if j > i {
			k = start // the first of the bead after
		}
		s := text[spans[k].Start:spans[k].End]
		if !hasLetters(s) || anchor.IsCutMark(s) {
			continue
		}
		n := side{text: s, anchors: anchor.Find(s, lang)}
		var sc float64
		if source {
			sc = c.similarity(n, o)
		} else {
			sc = c.similarity(o, n)
		}
		best = max(best, sc)
	}
	return best
}

// mergedFindings finds the sentences left out or added that the aligner
// folded into a bead of several sentences: a 2-1 bead absorbs a sentence
// left out more cheaply than a 1-0 bead costs. A sentence of such a bead
// whose known words (MergedMass at least) none of the other side holds,
// while the bead's other sentences hold theirs (MergedRest of them at
// least), is an orphan: an omission (source) or an addition (target). It
// needs a model of meaning; with anchors alone it finds nothing.
func (c *checker) mergedFindings(p *corpus.Pair, src, tgt []side, done map[int]bool) []Finding {
	m := c.opt.Model
	if m == nil {
		return nil
	}
	var out []Finding
	for i, b := range p.Beads {
		if !b.Bilingual() || done[i] {
			continue
		}
		for _, source := range []bool{true, false} {
			text, spans, lo, hi := p.Target.Text, p.TargetSentences, b.TgtStart, b.TgtEnd
			if source {
				text, spans, lo, hi = p.Source.Text, p.SourceSentences, b.SrcStart, b.SrcEnd
			}
			if hi-lo < 2 {
				continue // one sentence: nothing folded in
			}
			other, bag := m.Source(src[i].text), m.Target
			if source {
				other, bag = m.Target(tgt[i].text), m.Source
			}
			for k := lo; k < hi; k++ {
				s := text[spans[k].Start:spans[k].End]
				own := bag(s)
				if own.Mass < mergedMass || !hasLetters(s) || anchor.IsCutMark(s) || sim.Overlap(own, other) > 0 {
					continue
				}
				if c.sharesAnchor(s, source, src[i], tgt[i]) {
					continue // a name, a number or a cognate of the other side
				}
				rest := bag(joinSpans(text, slices.Concat(spans[lo:k], spans[k+1:hi])))
				if rest.Mass == 0 || sim.Overlap(rest, other) < mergedRest*float64(rest.Mass) {
					continue
				}
				done[i] = true
				// The sentence's place in the bead's text (joinSpans).
				at := 0
				if k > lo {
					at = len(joinSpans(text, spans[lo:k])) + 1
				}
				mark := Mark{Target: !source, Start: at, End: at + len(s)}
				if source {
					out = append(out, Finding{Kind: Omission, Bead: i, Source: src[i].text, Target: tgt[i].text,
						Detail: fmt.Sprintf("a sentence of the original not translated: the aligner joined it to its neighbour, and the translation holds none of its %.0f known words", own.Mass),
						Marks:  []Mark{mark}})
				} else {
					out = append(out, Finding{Kind: Addition, Bead: i, Source: src[i].text, Target: tgt[i].text,
						Detail: fmt.Sprintf("a sentence with no counterpart in the original: the aligner joined it to its neighbour, and the original holds none of its %.0f known words", own.Mass),
						Marks:  []Mark{mark}})
				}
			}
		}
	}
	return out
}

// sharesAnchor reports whether sentence s of one side (source when source
// is true) shares an anchor or a cognate with the other side of its bead.
func (c *checker) sharesAnchor(s string, source bool, src, tgt side) bool {
	lang, other, olang := c.opt.TargetLang, src, c.opt.SourceLang
	if source {
		lang, other, olang = c.opt.SourceLang, tgt, c.opt.TargetLang
	}
	mine := keySet(side{text: s, anchors: anchor.Find(s, lang)}, lang)
	for k := range keySet(other, olang) {
		if mine[k] {
			return true
		}
	}
	return false
}

// What mergedFindings asks: an orphan has this many known words at least,
// and the sentences left hold this share of theirs in the other side.
const (
	mergedMass = 3
	mergedRest = 0.3
)
