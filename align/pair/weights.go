package pair

// Weights are the constants of the meaning and residual stages of
// pairing (the anchor stage's are its options: MinScore, MinMargin,
// Candidates). One set serves every language pair and channel; the values
// were set on the WMT23 ru-en development sets and checked on the Foreign
// Ministry sample (README "Accuracy").
type Weights struct {
	// MeaningLift turns the lead of a candidate's meaning (idf-weighted
	// Dice of the bags) over the target's background (the median of its
	// candidates) into evidence in 0..1: at 3, a lead of 1/3 is certainty,
	// just above the most any wrong candidate reached on the development
	// sets (0.29; 99 % of them stay under 0.16), while half the
	// translations lead by 0.5 and more, and one in ten by less than 0.17.
	MeaningLift float64
	// Crossing scales that evidence for a candidate that crosses the
	// settled pairs (dateless posts) or whose delay the channels never
	// showed (dated ones), and the residual score of a candidate that
	// meaning speaks against (which competes but is never paired).
	Crossing float64
	// A pair of the anchor stage is settled, and its target not rescored,
	// when its score and margin reach SettledScore and SettledMargin.
	SettledScore, SettledMargin float64
	// MeaningCandidates is how many sources the inverted index of meaning
	// brings in per target; MeaningQueryTerms how many of the target's
	// rarest terms query it; MeaningMinTerm the least weight of a source
	// term the index keeps.
	MeaningCandidates, MeaningQueryTerms int
	MeaningMinTerm                       float32
	// LearnRounds bounds how often pairing learns its lexicon again from
	// the pairs it has made.
	LearnRounds int

	// The residual stage pairs by length and timing, so it asks for a
	// surer score and a wider lead: ResidualMinScore, ResidualMinMargin.
	ResidualMinScore, ResidualMinMargin float64
	// ResidualMinPairs is how many pairs it takes to learn the channels'
	// length ratio and delay.
	ResidualMinPairs int
	// ResidualMaxWindow bounds the free sources one target may weigh: in a
	// crowded window length and timing cannot tell posts apart.
	ResidualMaxWindow int
	// ResidualFloor is the score below which a residual candidate is not
	// considered at all; ResidualMaxGroup bounds a group of candidates that
	// compete with each other.
	ResidualFloor    float64
	ResidualMaxGroup int
	// ResidualNeutral is the weight of about one rare anchor: with no
	// anchors on either side the anchors are neutral (1). ResidualLift is
	// the shared anchor weight that makes up for much of a length that
	// fits less well.
	ResidualNeutral, ResidualLift float64
}

// DefaultWeights returns the pairing stages' constants.
func DefaultWeights() *Weights {
	return &Weights{
		MeaningLift: 3, Crossing: 0.5,
		SettledScore: 0.6, SettledMargin: 0.2,
		MeaningCandidates: 8, MeaningQueryTerms: 24, MeaningMinTerm: 0.5,
		LearnRounds:      2,
		ResidualMinScore: 0.5, ResidualMinMargin: 0.25,
		ResidualMinPairs:  5,
		ResidualMaxWindow: 32,
		ResidualFloor:     0.1, ResidualMaxGroup: 24,
		ResidualNeutral: 4, ResidualLift: 8,
	}
}
