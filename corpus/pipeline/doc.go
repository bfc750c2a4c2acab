// Package pipeline is a build of a parallel corpus as a library: read the
// inputs, detect each post's language, pair translations with their
// originals, align the pairs' sentences and write the Parquet files. The
// parapost command only turns its flags into Options and shows the
// progress Events.
//
// Pairing and alignment run per block: a run of whole calendar months (UTC,
// by the post's date) closed once it holds Options.BlockTargets
// translations. A block pairs its translations with the originals dated
// within the window of its months, with the translations dated just outside
// it as competitors, and keeps only the pairs of its own translations, so
// that no pair is made twice. The lexicon, the rarity weights and the
// residual model are learned per block. Dateless translations (page copies)
// form one last block, paired against every original. A corpus with fewer
// translations than BlockTargets is one block: exactly the build of old.
//
// Memory: with Options.SpillTexts (the CLI sets it), a build keeps the
// posts' texts, and the beads, sentence spans and audit of aligned pairs,
// in a temporary file (unlinked at once), and holds in memory the posts'
// metadata, the pairs' ids, scores and evidence, and the one block being
// paired and aligned: Post.Text is empty outside the stages that read it
// (Builder.LoadTexts and LoadPairs read them back), and the writers load a
// chunk of posts or pairs at a time. ReadStream reads a corpus.Stream, whose
// first pass merges copies by key and text hash, and detects as it reads
// again, so that no stage holds every text.
//
// Blocks make a build divisible: Options.Shard builds a contiguous range of
// them (a CI matrix or a Kubernetes Indexed Job runs the shares), and
// Options.Partition writes Hive-style month folders that shards can copy
// into one tree. Update recomputes only the blocks that new posts touch.
package pipeline
