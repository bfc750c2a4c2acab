package corpus

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestReadPageTextOwnPosts(t *testing.T) {
	posts, _ := readTestFile(t, filepath.Join(readers, "own_posts.page.txt"))
	type want struct {
		text    string
		forward string
		edited  bool
	}
	wants := []want{
		{"First own post.\n\nWith a second paragraph and https://example.org/page.", "", false},
		{"Second own post #Tagged.", "", true},
		{"A forward closed by a read-in-full line.", "Source Channel", false},
		{"Third post, last in the file.", "", false},
	}
	if len(posts) != len(wants) {
		var got []string
		for _, p := range posts {
			got = append(got, p.Text)
		}
		t.Fatalf("got %d posts %q, want %d", len(posts), got, len(wants))
	}
	for i, w := range wants {
		p := posts[i]
		from := ""
		if p.Forward != nil {
			from = p.Forward.From
		}
		if p.Text != w.text || from != w.forward || p.Edited != w.edited || p.ID != int64(i+1) || p.HasDate() {
			t.Errorf("post %d: %q from %q edited %v id %d; want %q from %q edited %v id %d",
				i, p.Text, from, p.Edited, p.ID, w.text, w.forward, w.edited, i+1)
		}
		if p.Channel != "Test News 📰" || p.Provenance[0].PostID != 0 {
			t.Errorf("post %d: channel %q provenance %+v", i, p.Channel, p.Provenance)
		}
	}
	if !slices.Equal(posts[0].Links, []string{"https://example.org/page"}) || !slices.Equal(posts[1].Hashtags, []string{"#Tagged"}) {
		t.Errorf("links %v hashtags %v", posts[0].Links, posts[1].Hashtags)
	}
}

func TestReadPageTextEmbassy(t *testing.T) {
	posts, _ := readTestFile(t, filepath.Join(mfaDir, "embassy_usa.page.txt"))
	for _, p := range posts {
		for _, chrome := range []string{"加入频道", "subscribers", "Forwarded from", "Read in full", "Официальный новостной"} {
			if strings.Contains(p.Text, chrome) {
				t.Errorf("post %d keeps %q", p.ID, chrome)
			}
		}
	}
	// The four posts closed by "Read in full" and the six without.
	if !strings.HasSuffix(posts[0].Text, "brings together like-minded countries.") ||
		!strings.HasSuffix(posts[9].Text, "#RussiaLaos") {
		t.Errorf("post ends: %q / %q", posts[0].Text[len(posts[0].Text)-40:], posts[9].Text[len(posts[9].Text)-20:])
	}
}

func TestReadPageTextHeaderless(t *testing.T) {
	tests := []struct {
		name, data string
		channel    string
		texts      []string
		err        error
	}{
		{
			name: "forwards only", data: "Forwarded from A\none\nForwarded\u00a0from\u00a0B\ntwo\n",
			channel: "copy", texts: []string{"one", "two"},
		},
		{
			name: "name on the next line", data: "Forwarded from\nA\none\n",
			channel: "copy", texts: []string{"one"},
		},
		{
			name: "sentence starting with the words", data: "Forwarded from X\nForwarded from the embassy to all of us.\n",
			channel: "copy", texts: []string{"Forwarded from the embassy to all of us."},
		},
		{name: "plain text", data: "Dear diary,\nnothing happened today.\n", err: ErrUnrecognised},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, _, err := Read(strings.NewReader(tt.data), "dir/copy.txt")
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range posts {
				got = append(got, p.Text)
				if p.Channel != tt.channel {
					t.Errorf("channel %q, want %q", p.Channel, tt.channel)
				}
			}
			if !slices.Equal(got, tt.texts) {
				t.Errorf("texts %q, want %q", got, tt.texts)
			}
		})
	}
}

func TestForwardedFrom(t *testing.T) {
	tests := []struct {
		line, name string
		ok         bool
	}{
		{"Forwarded from\u00a0 Russian MFA 🇷🇺", "Russian MFA 🇷🇺", true},
		{"forwarded from X", "X", true},
		{"Переслано из МИД России", "МИД России", true},
		{"Forwarded from", "", false},
		{"Forwarded fromX", "", false},
		{"Forwarded from the ministry, as usual.", "", false},
		{"Not forwarded from anyone", "", false},
	}
	for _, tt := range tests {
		if name, ok := forwardedFrom(tt.line); name != tt.name || ok != tt.ok {
			t.Errorf("forwardedFrom(%q) = %q, %v; want %q, %v", tt.line, name, ok, tt.name, tt.ok)
		}
	}
}
