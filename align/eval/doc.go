// Package eval scores parapost's output against gold annotations: post
// pairs (Pairs), sentence beads of aligned posts (Beads) and
// sentence-per-line alignments in the Bleualign/Vecalign format (Lines).
//
// It also reads and writes the gold formats (ReadGoldPairs, ReadGoldBeads,
// ReadLineAlignment, WriteLineAlignment), which only evaluation uses.
// Every score is a PRF that keeps the counts behind its ratios, so scores
// of several runs can be checked by hand and summed.
//
// A ratio whose denominator is zero is 0, as in Vecalign's score.py: an
// empty prediction has precision 0, not 1.
package eval
