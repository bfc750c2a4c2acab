package corpus

import (
	"hash/fnv"
	"strings"
	"unicode"
)

// Dedup merges copies of one post, keeping the first and appending the
// copies' Provenance to it. It returns the kept posts, in input order, and
// how many were merged away. Copies are:
//
//   - posts with the same Channel and ID (an export and a saved page of one
//     channel) whose texts match (the same letters and digits). Two
//     different texts under one channel and id are both kept (an edited
//     post read twice, or two chats nothing tells apart: ReadPaths reports
//     them);
//   - a forward whose Forward names the original's channel (username or
//     title) and id, when that original is present;
//   - a post with a positional id (a page copy) whose white-space-folded
//     text equals that of a post of the same channel with a real id;
//   - a forward without the original's id (a page copy says only "Forwarded
//     from NAME") whose white-space-folded text equals that of a post of the
//     channel NAME.
//
// Lookups go through hash maps, never all pairs.
func Dedup(posts []*Post) (kept []*Post, merged int) {
	kept, merged, _ = dedup(posts)
	return kept, merged
}

// dedup is Dedup that also returns the ids read with different texts.
func dedup(posts []*Post) (kept []*Post, merged int, conflicts []IDConflict) {
	return dedupBy(posts, fullTexts{})
}

// textsOf tells dedup what it needs of a post's text: the skeleton that
// copies share, and the white-space-folded text with its hash. fullTexts
// computes them from Post.Text; the streaming reader's hashed texts from
// hashes taken as it read (it keeps no texts).
type textsOf interface {
	skeleton(p *Post) string
	folded(p *Post) string
	foldedHash(p *Post) uint64
}

// fullTexts reads the texts of posts that hold them.
type fullTexts struct{}

func (fullTexts) skeleton(p *Post) string   { return textSkeleton(p.Text) }
func (fullTexts) folded(p *Post) string     { return foldSpace(p.Text) }
func (fullTexts) foldedHash(p *Post) uint64 { return textHash(p.Text) }

// dedupBy is dedup with the texts given by texts.
func dedupBy(posts []*Post, texts textsOf) (kept []*Post, merged int, conflicts []IDConflict) {
	first := make([]*Post, 0, len(posts))
	byKey := make(map[Key][]*Post, len(posts))
	conflict := make(map[Key]int) // index into conflicts
	for _, p := range posts {
		if p == nil {
			continue
		}
		k := p.Key()
		same := byKey[k]
		if q := sameText(same, p, texts); q != nil {
			mergeCopy(q, p)
			merged++
			continue
		}
		if len(same) > 0 && hasRealID(p) && hasRealID(same[0]) {
			i, ok := conflict[k]
			if !ok {
				i = len(conflicts)
				conflict[k] = i
				conflicts = append(conflicts, IDConflict{Channel: k.Channel, ID: k.ID, Sources: []string{same[0].Source}})
			}
			conflicts[i].Sources = appendUnique(conflicts[i].Sources, p.Source)
		}
		byKey[k] = append(same, p)
		first = append(first, p)
	}

	idx := newOriginIndex(first, texts)
	into := make(map[*Post]*Post) // forward -> the original it was merged into
	root := func(p *Post) *Post {
		for i := 0; i < len(into)+1; i++ { // bounded: into has no cycles
			q, ok := into[p]
			if !ok {
				break
			}
			p = q
		}
		return p
	}
	for _, p := range first {
		var orig *Post
		if p.Forward != nil {
			orig = idx.origin(p)
		}
		if orig == nil && !hasRealID(p) {
			orig = idx.sameChannelText(p)
		}
		if orig == nil {
			continue
		}
		orig = root(orig)
		if orig == p {
			continue
		}
		addProvenance(orig, p.Provenance)
		into[p] = orig
		merged++
	}

	kept = first[:0:0]
	for _, p := range first {
		if _, gone := into[p]; !gone {
			kept = append(kept, p)
		}
	}
	return kept, merged, conflicts
}

// sameText returns the post of list whose text matches p's, or nil.
func sameText(list []*Post, p *Post, texts textsOf) *Post {
	if len(list) == 0 {
		return nil
	}
	key := texts.skeleton(p)
	for _, q := range list {
		if texts.skeleton(q) == key {
			return q
		}
	}
	return nil
}

// textSkeleton keeps the letters and digits of s, case-folded: two
// renderings of one post (an export, a saved page, a page copy) differ in
// white space, emoji images and link texts, never in words.
func textSkeleton(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// hasRealID reports whether p.ID is the source's own id rather than a
// position in its file.
func hasRealID(p *Post) bool {
	return len(p.Provenance) == 0 || p.Provenance[0].PostID != 0
}

// mergeCopy merges b, a copy of a under the same key, into a: provenance,
// and what a lacks.
func mergeCopy(a, b *Post) {
	addProvenance(a, b.Provenance)
	if a.ChannelTitle == "" {
		a.ChannelTitle = b.ChannelTitle
	}
	if a.ChannelID == 0 {
		a.ChannelID = b.ChannelID
	}
	if a.Date.IsZero() {
		a.Date = b.Date
	}
	if a.Forward == nil && b.Forward != nil {
		f := *b.Forward
		a.Forward = &f
	}
	if len(a.Links) == 0 {
		a.Links = b.Links
	}
	if len(a.Hashtags) == 0 {
		a.Hashtags = b.Hashtags
	}
	a.Edited = a.Edited || b.Edited
}

// addProvenance appends the entries of prov that p does not have yet.
func addProvenance(p *Post, prov []Provenance) {
next:
	for _, v := range prov {
		for _, have := range p.Provenance {
			if have == v {
				continue next
			}
		}
		p.Provenance = append(p.Provenance, v)
	}
}

// textKey identifies a post text within a channel.
type textKey struct {
	channel string
	hash    uint64
}

// originIndex finds the original of a forward by channel (username or
// title) and id, or by channel and text.
type originIndex struct {
	byID   map[Key]*Post
	byText map[textKey][]*Post
	texts  textsOf
}

func newOriginIndex(posts []*Post, texts textsOf) *originIndex {
	idx := &originIndex{byID: make(map[Key]*Post), byText: make(map[textKey][]*Post), texts: texts}
	for _, p := range posts {
		names := []string{p.Channel}
		if p.ChannelTitle != "" && p.ChannelTitle != p.Channel {
			names = append(names, p.ChannelTitle)
		}
		h := texts.foldedHash(p)
		for _, name := range names {
			if hasRealID(p) {
				k := Key{name, p.ID}
				if _, dup := idx.byID[k]; !dup {
					idx.byID[k] = p
				}
			}
			tk := textKey{name, h}
			idx.byText[tk] = append(idx.byText[tk], p)
		}
	}
	return idx
}

// origin returns the original of forward f, or nil.
func (idx *originIndex) origin(f *Post) *Post {
	from := f.Forward.From
	if f.Forward.PostID != 0 {
		if p := idx.byID[Key{from, f.Forward.PostID}]; p != nil && p != f {
			return p
		}
	}
	text := idx.texts.folded(f)
	for _, p := range idx.byText[textKey{from, idx.texts.foldedHash(f)}] {
		if p != f && idx.texts.folded(p) == text {
			return p
		}
	}
	return nil
}

// sameChannelText returns a post with a real id in p's channel whose
// white-space-folded text equals p's (a page copy of a channel that an
// export or a saved page also gives), or nil.
func (idx *originIndex) sameChannelText(p *Post) *Post {
	text := idx.texts.folded(p)
	for _, q := range idx.byText[textKey{p.Channel, idx.texts.foldedHash(p)}] {
		if q != p && hasRealID(q) && idx.texts.folded(q) == text {
			return q
		}
	}
	return nil
}

// textHash hashes the white-space-folded text.
func textHash(s string) uint64 {
	h := fnv.New64a()
	for i, w := range strings.Fields(s) {
		if i > 0 {
			h.Write([]byte{' '})
		}
		h.Write([]byte(w))
	}
	return h.Sum64()
}
