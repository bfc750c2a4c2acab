// Package align pairs translated posts with their originals and aligns their
// sentences. It works on the corpus model and knows no file format.
//
// Posts is the pipeline of a build: PairPosts pairs the posts (package
// pair), learning a translation lexicon from the pairs the anchors settle
// (package sim), and Sentences aligns the pairs' sentences with it
// (packages split and sentence). Pairs does the same for documents already
// paired, such as the two files of `parapost align`: a first pass, a
// lexicon learned from its confident beads, a second pass.
//
// Machine translation, which costs money and goes over a network, is
// Options.MT: it is asked only for what the free signals leave undecided
// (translations unpaired or paired with a low score or margin, pairs with
// an unsure bead), decided before anything is asked, so that a dry run
// says exactly what a run sends (see MT).
//
// The subsystems are packages of their own:
//
//   - anchor: the language-neutral tokens a text and its translation share
//     (numbers, dates, hashtags, flags, names through transliteration,
//     cognates);
//   - split: sentences;
//   - pair: pairing posts by anchors, meaning, length and timing;
//   - sentence: aligning sentences by dynamic programming;
//   - sim: similarity of meaning behind one interface, sim.Model (a
//     learned lexicon, a dictionary, translations, a translation service);
//   - eval: scoring against gold files.
package align
