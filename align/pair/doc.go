// Package pair finds, for each post in the target language, the post in the
// source language it translates, or abstains.
//
// Posts pairs in three stages. The anchor stage scores candidates found
// through an inverted index of anchors within a date window: a weighted
// Dice coefficient of shared anchors (rarity weights) times a length prior,
// assigned one-to-one surest first, abstaining below a threshold and when
// the runner-up is close. The meaning stage, when Options.Similarity or
// Options.Learn gives a similarity model, finds candidates through an
// inverted index of the sources' bags of words, scores them by anchors and
// meaning together and assigns again. The residual stage learns the
// channels' length ratio and posting delay from the pairs and pairs what
// is left by a maximum-weight matching, among the free originals the
// delays allow (for a dateless page copy: those between the originals of
// its neighbours' pairs in page order). The constants of the last two
// stages are Weights.
package pair
