// Package fetch downloads the public web preview of Telegram channels
// (https://t.me/s/CHANNEL) politely, incrementally and resumably, and stores
// the pages as fetched, gzipped, so that corpus.ReadPaths reads them as any
// saved t.me/s page and the raw source stays for provenance.
//
// Layout of an output directory, one folder per channel:
//
//	DIR/CHANNEL/0000010000-0000010044.html.gz   a page: its first and last post id
//	DIR/CHANNEL/.fetch.json                     the channel's state (hidden: build skips it)
//
// Page names sort by id and their id ranges never overlap, so a post is
// stored once. A first run fetches the newest page (/s/CHANNEL) and goes back
// through history (?before=ID) down to Options.Since or Options.MaxPosts; a
// later run fetches only what is newer (?after=ID), re-fetching the stored
// pages with posts younger than Options.Recheck (they may have been edited:
// the new copies replace those pages), then resumes going back where it
// stopped. A page without a link to older posts is not taken for the first
// page: one more ?before= request answered without older posts says so.
//
// Every page and the state are written to a hidden temporary file and
// renamed; a page stored just before a crash, before the state, is found and
// counted by the next run; re-fetched pages are staged under hidden names and
// swapped in through a journal in the state. So a crash, kill -9 or Ctrl-C
// loses at most the pages in flight, and the folder never holds a post twice.
// One fetch per folder at a time.
//
// Requests are one at a time per host, at most Options.Rate per second, with
// a User-Agent naming parapost, a deadline each, and backoff with jitter on
// 429 and 5xx that honours Retry-After. A channel without a public preview
// (t.me redirects /s/CHANNEL to /CHANNEL) or that does not exist is a
// *corpus.InputError wrapping ErrNoPreview.
package fetch
