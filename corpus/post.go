package corpus

import "time"

// Post is one channel post, whatever file it came from.
type Post struct {
	// Channel is the channel's username when any source read gives it (a
	// t.me/s page, a forward's t.me link, JSON Lines), else its title as a
	// Telegram Desktop export gives it (exports know no usernames), else
	// "chat" and its numeric id. ReadPaths applies a username found in one
	// source to every post of that chat (see applyUsernames).
	Channel string
	// ChannelTitle is the human-readable channel name, when known.
	ChannelTitle string
	// ChannelID is the chat's numeric Telegram id when a source gives it
	// (a Telegram Desktop JSON export's "id"), else 0. It, not the title,
	// tells two chats with one title apart (ReadPaths then renames their
	// Channel).
	ChannelID int64
	// ID is the post id within the channel. Posts from sources without ids
	// (copied page text) get their 1-based position in their file.
	ID int64
	// Date is the publication time in UTC; the zero Time means unknown.
	Date time.Time
	// Text is the flattened post text in Unicode NFC.
	Text string
	// Source is the file the post was first read from ("-" for stdin).
	Source string
	// Forward describes the original post when this one is a forward.
	Forward *Forward
	// Edited reports whether the source marks the post as edited.
	Edited bool
	// Links holds the URLs of the post, in order of appearance.
	Links []string
	// Hashtags holds the post's hashtags as written, with the leading '#'.
	Hashtags []string
	// Provenance lists every place the post was read from; deduplication
	// (Dedup) merges the provenances of copies of one post.
	Provenance []Provenance

	// Lang is the ISO 639-1 code of the post's language, or "unknown"
	// (set by package detect).
	Lang string
	// LangConfidence is the detector's confidence in Lang, 0..1.
	LangConfidence float64
	// LangSpans are the language spans of a mixed post, byte offsets into Text;
	// nil when the post is in one language.
	LangSpans []LangSpan
}

// HasDate reports whether the post's publication time is known.
func (p *Post) HasDate() bool { return !p.Date.IsZero() }

// Key identifies a post within a run: channel and id.
type Key struct {
	Channel string
	ID      int64
}

// Key returns the post's identity.
func (p *Post) Key() Key { return Key{p.Channel, p.ID} }

// Forward is the origin of a forwarded post.
type Forward struct {
	// From is the original channel's username when known, else its name as
	// shown ("Russian MFA 🇷🇺").
	From string
	// Title is the original channel's name as shown, when From is its
	// username and the source shows both (a t.me/s page's forward link);
	// it tells which title the username belongs to.
	Title string
	// PostID is the original post's id, 0 when the source does not give it.
	PostID int64
}

// Provenance is one place a post was read from.
type Provenance struct {
	Source  string // file name, "-" for stdin
	Channel string // channel as that source names it
	PostID  int64  // id as that source gives it
}

// LangSpan is a run of text in one language.
type LangSpan struct {
	Start, End int // byte offsets into Post.Text
	Lang       string
}

// Unknown is the language code for posts too short or too noisy to tell.
const Unknown = "unknown"

// LangSpansInCodePoints returns p.LangSpans with code-point offsets, the
// unit of every offset parapost writes (byte offsets split characters in
// DuckDB's substring and in Python).
func (p *Post) LangSpansInCodePoints() []LangSpan {
	if len(p.LangSpans) == 0 {
		return nil
	}
	cp := codePointCursor{text: p.Text}
	out := make([]LangSpan, len(p.LangSpans))
	for i, s := range p.LangSpans {
		out[i] = LangSpan{Start: int(cp.at(s.Start)), End: int(cp.at(s.End)), Lang: s.Lang}
	}
	return out
}
