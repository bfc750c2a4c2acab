package corpus

import (
	"fmt"
	"slices"
	"testing"
)

// post builds a test post read from source; realID false makes the id a
// position (provenance id 0).
func post(source, channel, title string, id int64, text string, realID bool) *Post {
	provID := id
	if !realID {
		provID = 0
	}
	return &Post{
		Channel: channel, ChannelTitle: title, ID: id, Text: text, Source: source,
		Provenance: []Provenance{{Source: source, Channel: channel, PostID: provID}},
	}
}

func forward(p *Post, from string, id int64) *Post {
	p.Forward = &Forward{From: from, PostID: id}
	return p
}

func TestDedup(t *testing.T) {
	tests := []struct {
		name   string
		posts  []*Post
		kept   []string // "source:id" of the kept posts
		prov   [][]string
		merged int
	}{
		{
			name: "same channel and id",
			posts: []*Post{
				post("export", "chan", "Chan", 1, "One, two.", true),
				post("page", "chan", "Chan", 1, "one  two 👍", true),
				post("page", "chan", "Chan", 2, "two", true),
			},
			kept:   []string{"export:1", "page:2"},
			prov:   [][]string{{"export", "page"}, {"page"}},
			merged: 1,
		},
		{
			name: "same channel and id, different texts: both kept",
			posts: []*Post{
				post("a.jsonl", "chan", "", 1, "one", true),
				post("b.jsonl", "chan", "", 1, "one (edited)", true),
				post("c.jsonl", "chan", "", 1, "one", true),
			},
			kept:   []string{"a.jsonl:1", "b.jsonl:1"},
			prov:   [][]string{{"a.jsonl", "c.jsonl"}, {"b.jsonl"}},
			merged: 1,
		},
		{
			name: "page copy of a channel an export also gives",
			posts: []*Post{
				post("copy", "chan", "Chan", 1, "two  words", false),
				post("export", "chan", "Chan", 700, "two words", true),
				post("copy", "chan", "Chan", 2, "only in the copy", false),
			},
			kept:   []string{"export:700", "copy:2"},
			prov:   [][]string{{"export", "copy"}, {"copy"}},
			merged: 1,
		},
		{
			name: "same id in other channels",
			posts: []*Post{
				post("a", "chan1", "", 1, "one", true),
				post("b", "chan2", "", 1, "one", true),
			},
			kept: []string{"a:1", "b:1"}, prov: [][]string{{"a"}, {"b"}},
		},
		{
			name: "positional ids match only with equal text",
			posts: []*Post{
				post("copy1", "Embassy", "Embassy", 1, "first  post", false),
				post("copy2", "Embassy", "Embassy", 1, "another post", false),
				post("copy3", "Embassy", "Embassy", 1, "first post", false),
			},
			kept:   []string{"copy1:1", "copy2:1"},
			prov:   [][]string{{"copy1", "copy3"}, {"copy2"}},
			merged: 1,
		},
		{
			name: "forward with the original's id, original later",
			posts: []*Post{
				forward(post("page", "embassy", "", 9, "forwarded text", true), "MFARussia", 20514),
				post("export", "MFARussia", "Russian MFA", 20514, "the original text", true),
			},
			kept: []string{"export:20514"}, prov: [][]string{{"export", "page"}}, merged: 1,
		},
		{
			name: "forward by title and text",
			posts: []*Post{
				post("export", "Russian MFA 🇷🇺", "Russian MFA 🇷🇺", 20514, "Same\n\ntext  here", true),
				forward(post("copy", "Embassy", "Embassy", 1, "Same text\nhere", false), "Russian MFA 🇷🇺", 0),
				forward(post("copy", "Embassy", "Embassy", 2, "Different text", false), "Russian MFA 🇷🇺", 0),
			},
			kept:   []string{"export:20514", "copy:2"},
			prov:   [][]string{{"export", "copy"}, {"copy"}},
			merged: 1,
		},
		{
			name: "forward matched through the original's title",
			posts: []*Post{
				post("page", "MFARussia", "Russian MFA", 5, "text", true),
				forward(post("copy", "Embassy", "Embassy", 1, "text", false), "Russian MFA", 0),
			},
			kept: []string{"page:5"}, prov: [][]string{{"page", "copy"}}, merged: 1,
		},
		{
			name: "forward whose original is absent",
			posts: []*Post{
				post("export", "other", "", 5, "text", true),
				forward(post("copy", "Embassy", "Embassy", 1, "text", false), "Russian MFA", 0),
			},
			kept: []string{"export:5", "copy:1"}, prov: [][]string{{"export"}, {"copy"}},
		},
		{
			name: "chain of forwards ends at the original",
			posts: []*Post{
				forward(post("c", "C", "", 1, "t", true), "B", 1),
				forward(post("b", "B", "", 1, "t", true), "A", 1),
				post("a", "A", "", 1, "t", true),
			},
			kept: []string{"a:1"}, prov: [][]string{{"a", "b", "c"}}, merged: 2,
		},
		{
			name: "a post forwarding itself is kept",
			posts: []*Post{
				forward(post("a", "A", "", 1, "t", true), "A", 1),
			},
			kept: []string{"a:1"}, prov: [][]string{{"a"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept, merged := Dedup(tt.posts)
			var got []string
			var prov [][]string
			for _, p := range kept {
				got = append(got, fmt.Sprintf("%s:%d", p.Source, p.ID))
				var ps []string
				for _, pr := range p.Provenance {
					ps = append(ps, pr.Source)
				}
				slices.Sort(ps[1:]) // the kept copy's own provenance first
				prov = append(prov, ps)
			}
			if !slices.Equal(got, tt.kept) || merged != tt.merged {
				t.Errorf("kept %v (merged %d), want %v (%d)", got, merged, tt.kept, tt.merged)
			}
			for i := range min(len(prov), len(tt.prov)) {
				want := slices.Clone(tt.prov[i])
				slices.Sort(want[1:])
				if !slices.Equal(prov[i], want) {
					t.Errorf("%s provenance %v, want %v", got[i], prov[i], want)
				}
			}
		})
	}
}

// Dedup must stay linear: 100k posts, half of them forwards of the others.
func TestDedupScales(t *testing.T) {
	const n = 50_000
	posts := make([]*Post, 0, 2*n)
	for i := range n {
		posts = append(posts, post("export", "A", "A title", int64(i+1), fmt.Sprintf("text %d", i), true))
	}
	for i := range n {
		posts = append(posts, forward(post("copy", "B", "B", int64(i+1), fmt.Sprintf("text  %d", i), false), "A title", 0))
	}
	kept, merged := Dedup(posts)
	if len(kept) != n || merged != n {
		t.Errorf("kept %d merged %d, want %d %d", len(kept), merged, n, n)
	}
}

func TestDedupFillsGaps(t *testing.T) {
	a := post("copy", "chan", "", 1, "t", true)
	b := post("page", "chan", "Chan Title", 1, "t", true)
	b.Date = b.Date.AddDate(2024, 0, 0)
	b.Links = []string{"https://x"}
	b.Edited = true
	kept, _ := Dedup([]*Post{a, b})
	if len(kept) != 1 || kept[0] != a {
		t.Fatalf("kept %v", kept)
	}
	if a.ChannelTitle != "Chan Title" || !a.HasDate() || !slices.Equal(a.Links, b.Links) || !a.Edited {
		t.Errorf("first copy not completed from the second: %+v", a)
	}
}
