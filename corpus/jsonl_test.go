package corpus

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestReadJSONL(t *testing.T) {
	posts, stats := readTestFile(t, filepath.Join(readers, "posts.jsonl"))
	date := time.Date(2024, 6, 10, 8, 5, 47, 0, time.UTC)
	type want struct {
		id       int64
		provID   int64
		date     time.Time
		text     string
		edited   bool
		forward  *Forward
		links    []string
		hashtags []string
	}
	wants := []want{
		{1, 1, date, "RFC 3339 date. #one", false, nil, []string{"https://example.org/given"}, []string{"#one"}},
		{2, 2, date, "Unix seconds as a number https://example.org/found.", false, nil, []string{"https://example.org/found"}, nil},
		{3, 3, date, "Unix seconds as a string.", true, nil, nil, []string{"#given"}},
		{4, 4, time.Time{}, "No date.", false, &Forward{From: "source_chan", PostID: 456}, nil, nil},
		// No id: the record's position (blank lines do not count).
		{5, 0, date, "Telegram-style #array text", false, nil, nil, []string{"#array"}},
	}
	if len(posts) != len(wants) {
		t.Fatalf("%d posts, want %d", len(posts), len(wants))
	}
	for i, w := range wants {
		p := posts[i]
		fwdOK := (p.Forward == nil) == (w.forward == nil) && (p.Forward == nil || *p.Forward == *w.forward)
		if p.ID != w.id || p.Provenance[0].PostID != w.provID || !p.Date.Equal(w.date) || p.Text != w.text ||
			p.Edited != w.edited || !fwdOK || !slices.Equal(p.Links, w.links) || !slices.Equal(p.Hashtags, w.hashtags) {
			t.Errorf("post %d: got %+v\nwant %+v", i, *p, w)
		}
		if p.Channel != "test_news" {
			t.Errorf("post %d: channel %q", i, p.Channel)
		}
	}
	if posts[0].ChannelTitle != "Test News" {
		t.Errorf("channel title %q", posts[0].ChannelTitle)
	}
	if stats.Skipped["empty text"] != 1 {
		t.Errorf("Skipped = %v, want one empty text", stats.Skipped)
	}
}

func TestJSONLDate(t *testing.T) {
	tests := []struct {
		raw  string
		want time.Time
		ok   bool
	}{
		{`"2024-06-10T11:05:47+03:00"`, time.Date(2024, 6, 10, 8, 5, 47, 0, time.UTC), true},
		{`"2024-06-10T08:05:47.5Z"`, time.Date(2024, 6, 10, 8, 5, 47, 5e8, time.UTC), true},
		{`1718006747`, time.Unix(1718006747, 0).UTC(), true},
		{`"1718006747"`, time.Unix(1718006747, 0).UTC(), true},
		{`null`, time.Time{}, true},
		{``, time.Time{}, true},
		{`"yesterday"`, time.Time{}, false},
		{`1e300`, time.Time{}, false},
		{`true`, time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := jsonlDate([]byte(tt.raw))
		if (err == nil) != tt.ok || !got.Equal(tt.want) || (tt.ok && got.Location() != time.UTC) {
			t.Errorf("jsonlDate(%s) = %v, %v; want %v, ok=%v", tt.raw, got, err, tt.want, tt.ok)
		}
	}
}

func TestReadJSONLLongLinesAndCRLF(t *testing.T) {
	long := strings.Repeat("x", 200<<10) // longer than any read buffer
	data := "{\"channel\": \"c\", \"id\": 1, \"text\": \"" + long + "\"}\r\n\r\n{\"channel\": \"c\", \"id\": 2, \"text\": \"a\\r\\nb\"}"
	posts, _, err := Read(strings.NewReader(data), "l.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 2 || posts[0].Text != long || posts[1].Text != "a\nb" {
		t.Fatalf("got %d posts", len(posts))
	}
}
