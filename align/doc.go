// Package align pairs translated posts with their originals and aligns their
// sentences. It works on the corpus model and knows no file format.
//
// Anchors (Anchors, Skeleton) are the language-neutral tokens a text and its
// translation share: numbers, dates, hashtags, flags and other emoji, Latin
// tokens, names through transliteration, and cognates.
//
// Pair finds, for each post in the target language, the post in the source
// language it translates, in two stages. The first scores candidates found
// through an inverted index of anchors within a date window: a weighted Dice
// coefficient of shared anchors (weights are rarity over the inputs) times a
// length prior, assigned one-to-one surest first, abstaining below a
// threshold and when the runner-up is close. The second learns the channels'
// length ratio and posting delay from the first stage's pairs and pairs the
// posts that share few anchors by length and timing, with a maximum-weight
// matching and the same abstention.
//
// Split cuts Russian and English text into sentences; AlignSentences aligns
// two lists of sentences by dynamic programming over 0-1, 1-0, 1-1, 1-2,
// 2-1, 2-2, 1-3 and 3-1 beads, in a band around the path of shared anchors.
// AlignPair and AlignPairs do both for pairs of posts.
package align
