package eval

// PRF is a precision, recall and F1 score with the counts behind it:
// Precision = Correct/Predicted and Recall = Recovered/Gold. Correct and
// Recovered differ when a score counts precision and recall over different
// units (the projected bead score counts links for precision and gold beads
// for recall).
type PRF struct {
	Precision, Recall, F1 float64
	// Correct is the number of predictions judged right, out of Predicted.
	Correct, Predicted int
	// Recovered is the number of gold items found, out of Gold.
	Recovered, Gold int
}

// newPRF computes the ratios from the counts.
func newPRF(correct, predicted, recovered, gold int) PRF {
	s := PRF{Correct: correct, Predicted: predicted, Recovered: recovered, Gold: gold}
	s.Precision = ratio(correct, predicted)
	s.Recall = ratio(recovered, gold)
	s.F1 = f1(s.Precision, s.Recall)
	return s
}

// ratio returns n/d, or 0 when d is 0.
func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// f1 is the harmonic mean of p and r, 0 when both are 0.
func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
