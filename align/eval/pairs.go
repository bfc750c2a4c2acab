package eval

import "github.com/parapost/parapost/corpus"

// PostPair is a (source post, target post) pair: the original and its
// translation.
type PostPair struct{ Source, Target corpus.Key }

// Pairs scores predicted post pairs against gold pairs. A predicted pair is
// correct when the same (source, target) pair is in gold; duplicates on
// either side are counted once, so Correct and Recovered are both the size
// of the intersection of the two sets.
func Pairs(gold, predicted []PostPair) PRF {
	goldSet := pairSet(gold)
	predSet := pairSet(predicted)
	hits := 0
	for p := range predSet {
		if goldSet[p] {
			hits++
		}
	}
	return newPRF(hits, len(predSet), hits, len(goldSet))
}

// pairSet returns the distinct pairs of ps.
func pairSet(ps []PostPair) map[PostPair]bool {
	set := make(map[PostPair]bool, len(ps))
	for _, p := range ps {
		set[p] = true
	}
	return set
}
