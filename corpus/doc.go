// Package corpus owns parapost's data model — posts, pairs of posts and
// sentence beads — and every file format parapost reads or writes:
// Telegram Desktop exports, saved t.me/s pages, text copied from such pages,
// JSON Lines, Parquet outputs and their dataset card, the training exports
// (Moses, TSV, JSONL, TMX) with their filters, gold files and bilingual
// dictionaries.
//
// Readers are chosen by content, not by file name (see Sniff). All readers
// produce the same Post model, so the later stages (language detection,
// pairing, alignment) never see a file format.
package corpus
