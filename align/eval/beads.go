package eval

import (
	"fmt"

	"github.com/parapost/parapost/corpus"
)

// Segment is a predicted bead as byte ranges of the two post texts. A side
// with no non-whitespace character is empty: the bead is then an omission.
type Segment struct{ Source, Target corpus.Span }

// BeadDoc is one aligned post pair to score: the two texts, the gold beads
// and the predicted beads.
type BeadDoc struct {
	// Name identifies the document in error messages (optional).
	Name string
	// SourceText and TargetText are the post texts.
	SourceText, TargetText string
	// Gold holds the gold beads in text order; each side is a substring of
	// its text, whitespace differences aside.
	Gold []GoldBead
	// Predicted holds the predicted beads.
	Predicted []Segment
}

// BeadScores are the sentence-bead scores of a set of documents.
type BeadScores struct {
	Projected, Strict PRF
	// Docs, GoldBeads and PredictedBeads count what was scored, omissions
	// included.
	Docs, GoldBeads, PredictedBeads int
}

// Beads scores predicted sentence beads against gold beads, summing counts
// over all documents.
//
// Texts are compared on non-whitespace characters (unicode.IsSpace) only, so
// a bead's sides may include or leave out the whitespace between
// sentences. Each gold side is located by searching forward in its text
// from the end of the previous gold side of that text: first as an exact
// substring, then, if that fails, ignoring whitespace on both sides. A gold
// side that cannot be found is an error. A gold bead is bilingual when both
// its sides hold non-whitespace text; only bilingual gold beads count
// towards recall, and only predicted beads with both sides non-empty count
// towards precision.
//
// Projected: a predicted bead overlaps a gold bead on a side when they share
// a non-whitespace character of that side's text. Each (gold bead overlapped
// on the source side, gold bead overlapped on the target side) combination
// is a link, right when both are the same gold bead. Precision is right
// links over links (PRF.Correct, PRF.Predicted); recall is gold bilingual
// beads with a right link over gold bilingual beads (PRF.Recovered,
// PRF.Gold). Predicted beads with an empty side make no links.
//
// Strict: a predicted bilingual bead matches a gold bilingual bead when it
// spans exactly the same non-whitespace characters on both sides. A gold
// bead is found when exactly one predicted bead matches it (duplicate
// predictions find nothing). Precision is predicted bilingual beads that
// are the sole match of a gold bead over predicted bilingual beads; recall
// is gold bilingual beads found over gold bilingual beads.
//
// Predicted ranges outside their text are an error.
func Beads(docs []BeadDoc) (BeadScores, error) {
	var s BeadScores
	var proj, strict beadCounts
	for i := range docs {
		d := &docs[i]
		p, st, err := scoreDoc(d)
		if err != nil {
			name := d.Name
			if name == "" {
				name = fmt.Sprintf("document %d", i+1)
			}
			return BeadScores{}, fmt.Errorf("score beads of %s: %w", name, err)
		}
		proj.add(p)
		strict.add(st)
		s.GoldBeads += len(d.Gold)
		s.PredictedBeads += len(d.Predicted)
	}
	s.Docs = len(docs)
	s.Projected = proj.prf()
	s.Strict = strict.prf()
	return s, nil
}

// beadCounts are the counts behind one PRF.
type beadCounts struct{ correct, predicted, recovered, gold int }

func (c *beadCounts) add(o beadCounts) {
	c.correct += o.correct
	c.predicted += o.predicted
	c.recovered += o.recovered
	c.gold += o.gold
}

func (c beadCounts) prf() PRF { return newPRF(c.correct, c.predicted, c.recovered, c.gold) }

// charBead is a bead as ranges of non-whitespace characters of both texts.
type charBead struct{ src, tgt charRange }

func (b charBead) bilingual() bool { return !b.src.empty() && !b.tgt.empty() }

// scoreDoc returns the projected and strict counts of one document.
func scoreDoc(d *BeadDoc) (proj, strict beadCounts, err error) {
	if len(d.Predicted) == 0 && (d.SourceText == "" || d.TargetText == "") {
		// A gold pair whose posts the build lacks: every bead is missed.
		for _, g := range d.Gold {
			if g.Bilingual() {
				proj.gold++
				strict.gold++
			}
		}
		return proj, strict, nil
	}
	src, tgt := newTextIndex(d.SourceText), newTextIndex(d.TargetText)
	gold, err := locateGold(d.Gold, src, tgt)
	if err != nil {
		return proj, strict, err
	}
	pred, err := predictedRanges(d.Predicted, src, tgt)
	if err != nil {
		return proj, strict, err
	}
	linked := make([]bool, len(gold))
	matches := make([]int, len(gold))
	for _, p := range pred {
		if !p.bilingual() {
			continue
		}
		strict.predicted++
		var nSrc, nTgt int
		for g, gb := range gold {
			onSrc, onTgt := p.src.overlaps(gb.src), p.tgt.overlaps(gb.tgt)
			if onSrc {
				nSrc++
			}
			if onTgt {
				nTgt++
			}
			if onSrc && onTgt {
				proj.correct++
				linked[g] = true
			}
			if p == gb {
				matches[g]++
			}
		}
		proj.predicted += nSrc * nTgt
	}
	for g, gb := range gold {
		if !gb.bilingual() {
			continue
		}
		proj.gold++
		strict.gold++
		if linked[g] {
			proj.recovered++
		}
		if matches[g] == 1 {
			strict.recovered++
		}
	}
	strict.correct = strict.recovered
	return proj, strict, nil
}

// locateGold finds the gold beads in the source and target texts.
func locateGold(beads []GoldBead, src, tgt *textIndex) ([]charBead, error) {
	var srcAt, tgtAt int // byte offsets where the next search starts
	out := make([]charBead, len(beads))
	for i, g := range beads {
		var ok bool
		if out[i].src, srcAt, ok = src.locate(g.Source, srcAt); !ok {
			return nil, fmt.Errorf("gold bead %d: source side %s not found in the source text", i+1, quoteShort(g.Source))
		}
		if out[i].tgt, tgtAt, ok = tgt.locate(g.Target, tgtAt); !ok {
			return nil, fmt.Errorf("gold bead %d: target side %s not found in the target text", i+1, quoteShort(g.Target))
		}
	}
	return out, nil
}

// predictedRanges converts predicted beads to character ranges.
func predictedRanges(segs []Segment, src, tgt *textIndex) ([]charBead, error) {
	out := make([]charBead, len(segs))
	for i, p := range segs {
		var err error
		if out[i].src, err = src.chars(p.Source); err != nil {
			return nil, fmt.Errorf("predicted bead %d: source %w", i+1, err)
		}
		if out[i].tgt, err = tgt.chars(p.Target); err != nil {
			return nil, fmt.Errorf("predicted bead %d: target %w", i+1, err)
		}
	}
	return out, nil
}

// quoteShort quotes s for an error message, cut to a readable length.
func quoteShort(s string) string {
	const max = 60
	r := []rune(s)
	if len(r) > max {
		return fmt.Sprintf("%q...", string(r[:max]))
	}
	return fmt.Sprintf("%q", s)
}

// PairSegments returns the beads of an aligned pair as byte ranges of its
// two texts, ready for Beads: a bead spans from the start of its first
// sentence to the end of its last. It fails when a bead's sentence indices
// are outside the pair's sentence lists.
func PairSegments(p *corpus.Pair) ([]Segment, error) {
	out := make([]Segment, len(p.Beads))
	for i, b := range p.Beads {
		var err error
		if out[i].Source, err = sentenceSpan(p.SourceSentences, b.SrcStart, b.SrcEnd); err != nil {
			return nil, fmt.Errorf("bead %d: source %w", i+1, err)
		}
		if out[i].Target, err = sentenceSpan(p.TargetSentences, b.TgtStart, b.TgtEnd); err != nil {
			return nil, fmt.Errorf("bead %d: target %w", i+1, err)
		}
	}
	return out, nil
}

// sentenceSpan returns the byte span of sentences [from, to); empty when
// from == to.
func sentenceSpan(sents []corpus.Span, from, to int) (corpus.Span, error) {
	if from < 0 || to < from || to > len(sents) {
		return corpus.Span{}, fmt.Errorf("sentences [%d, %d) out of range (%d sentences)", from, to, len(sents))
	}
	if from == to {
		return corpus.Span{}, nil
	}
	return corpus.Span{Start: sents[from].Start, End: sents[to-1].End}, nil
}
