// Package corpus owns parapost's data model — posts, pairs of posts and
// sentence beads — and every file format parapost reads or writes:
// Telegram Desktop exports, saved t.me/s pages, text copied from such pages,
// JSON Lines, Parquet outputs and their dataset card, the training exports
// (Moses, TSV, JSONL, TMX) with their filters.
// Telegram Desktop exports come as JSON (result.json) or as HTML (the
// app's default: messages.html, messages2.html, ... per chat).
//
// ReadOptions tune reading: the time zone of dates written without an
// offset (old exports), and whether a file with bad data stops reading or
// is left out and reported. ReadStats says what was skipped, repaired,
// guessed or left out, file by file.
//
// ReadPaths and ReadFS return every post of their inputs; Stream reads the
// same inputs in two passes and yields the same posts one at a time
// (iter.Seq2), in memory that grows with the number of posts, not with
// their texts: for consumers that need one post at a time.
//
// Readers are chosen by content, not by file name (see Sniff). All readers
// produce the same Post model, so the later stages (language detection,
// pairing, alignment) never see a file format.
package corpus
