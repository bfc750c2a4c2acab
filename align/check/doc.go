// Package check audits the fidelity of aligned translations: for each pair
// of posts with its sentence beads it reports where the translation departs
// from its original, so that translators, editors and CI jobs see it.
//
// Findings (Kind) per pair:
//   - omission: source sentences left out (1-0 beads) that no declared cut
//     covers; addition: target sentences with no source (0-1 beads); a
//     1-0 bead next to a 0-1 bead is one sentence replaced by another, a
//     meaning finding (unless the two translate each other). An orphan the
//     aligner hid by shifting (paired with its neighbour's translation, the
//     neighbour folded into the bead beside it) is found too: a bead far
//     below the pair's others whose other side matches the sentence across
//     its boundary better;
//   - abridged: an editor's cut ("<...>", "[…]") in the translation, or a
//     translation that stops early and links to the full text ("Read in
//     full"): reported, never a failure by default;
//   - number, date, hashtag, flag: an anchor (align/anchor keys, so "1,5" =
//     "1.5" and "10 июня" = "June 10") on one side of a bead that the other
//     side and its neighbouring beads lack;
//   - name: a name of the translation found nowhere in the original (names
//     are compared by transliterated skeleton, prefix-tolerant, through the
//     learned lexicon when one is given, and near the bead more loosely:
//     Stewart/Стюарт, Japan/Японию, Israeli/израильского), when no original
//     of the run uses it or the bead's original has a name the translation
//     lacks: a name swapped for another. Capitalised common English words
//     (words/en.txt.gz, SCOWL) are no names;
//   - numbers and dates written in words on one side (первом/1st,
//     пятиминутной/five-minute, десятого февраля/February 10, twice) and
//     digit groups (229 62 01 / 229-6201) vouch for the other side's;
//   - meaning: a bead whose similarity is far below the pair's others;
//   - length: a bead whose length ratio is an outlier for the run.
//
// Coverage is the share of the source's sentences and characters that are
// aligned. A pair passes when it has no finding of a failing kind
// (Options.FailOn) and its character coverage reaches Options.MinCoverage.
//
// Writers render a Report as JSON, JUnit XML, Markdown and one
// self-contained HTML page; Annotate sets each pair's corpus.Check, the
// check_* columns of pairs.parquet.
package check
