package corpus

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestReadTMEPageMarkup(t *testing.T) {
	posts, stats := readTestFile(t, filepath.Join(readers, "replies.tme.html"))
	if got := ids(posts); !slices.Equal(got, []int64{100, 101, 102}) {
		t.Fatalf("ids %v, want [100 101 102]", got)
	}
	if stats.Skipped["service message"] != 1 || stats.Skipped["media only (no text)"] != 1 {
		t.Errorf("Skipped = %v, want one service message and one media-only post", stats.Skipped)
	}
	reply := posts[0]
	wantText := "A reply 👍 with a #hashtag, @someone and a link.\nSecond line <...>\n\nSee https://example.org/bare."
	if reply.Text != wantText {
		t.Errorf("reply text\n%q\nwant\n%q (the quoted parent must not be in it)", reply.Text, wantText)
	}
	if !slices.Equal(reply.Hashtags, []string{"#hashtag"}) {
		t.Errorf("hashtags %v", reply.Hashtags)
	}
	if want := []string{"https://example.org/x", "https://example.org/bare"}; !slices.Equal(reply.Links, want) {
		t.Errorf("links %v, want %v", reply.Links, want)
	}
	if !reply.Edited || posts[1].Edited {
		t.Errorf("edited flags %v %v, want true false", reply.Edited, posts[1].Edited)
	}
	if want := time.Date(2024, 6, 10, 8, 5, 47, 0, time.UTC); !reply.Date.Equal(want) {
		t.Errorf("date %v, want %v", reply.Date, want)
	}
	if reply.Channel != "test_news" || reply.ChannelTitle != "Test News 📰" {
		t.Errorf("channel %q title %q, want test_news, Test News 📰", reply.Channel, reply.ChannelTitle)
	}
	fwd := posts[1]
	if fwd.Text != "Forwarded text." || !slices.Equal(fwd.Links, []string{"https://example.org/full"}) {
		t.Errorf("forward: text %q links %v; the Read in full link must go to Links only", fwd.Text, fwd.Links)
	}
	if posts[2].HasDate() {
		t.Errorf("post without time element has date %v", posts[2].Date)
	}
}

func TestReadTMEPageFallbacks(t *testing.T) {
	// No header: the canonical link names the channel; a data-post without
	// an id gets the post's position and no provenance id.
	page := `<html><head><link rel="canonical" href="https://t.me/s/chan"><meta property="og:title" content="Chan Title"></head><body>
<div class="tgme_widget_message" data-post="chan/7"><div class="tgme_widget_message_text">seven</div></div>
<div class="tgme_widget_message" data-post="broken"><div class="tgme_widget_message_text">second</div></div>
</body></html>`
	posts, _, err := Read(strings.NewReader(page), "p.html")
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 2 {
		t.Fatalf("%d posts, want 2", len(posts))
	}
	if p := posts[0]; p.Channel != "chan" || p.ChannelTitle != "Chan Title" || p.ID != 7 || p.Provenance[0].PostID != 7 {
		t.Errorf("first post %+v", p)
	}
	if p := posts[1]; p.Channel != "chan" || p.ID != 2 || p.Provenance[0].PostID != 0 {
		t.Errorf("second post: channel %q id %d provenance %+v; want chan, position 2, no id", p.Channel, p.ID, p.Provenance)
	}
}

func TestParseTMELink(t *testing.T) {
	tests := []struct {
		href string
		ch   string
		id   int64
	}{
		{"https://t.me/source_chan/456", "source_chan", 456},
		{"https://t.me/s/source_chan", "source_chan", 0},
		{"http://telegram.me/x/1?single", "x", 1},
		{"https://t.me/c/123/456", "", 0},
		{"https://example.org/a/1", "", 0},
		{"::not a url", "", 0},
	}
	for _, tt := range tests {
		if ch, id := parseTMELink(tt.href); ch != tt.ch || id != tt.id {
			t.Errorf("parseTMELink(%q) = %q, %d; want %q, %d", tt.href, ch, id, tt.ch, tt.id)
		}
	}
}
