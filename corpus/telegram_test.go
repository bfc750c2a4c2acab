package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

func TestReadTelegramAccountExport(t *testing.T) {
	posts, stats := readTestFile(t, filepath.Join(readers, "account.result.json"))
	type want struct {
		channel  string
		id       int64
		date     time.Time
		text     string
		edited   bool
		links    []string
		hashtags []string
	}
	wants := []want{
		{"Test News", 2, time.Unix(1704110400, 0).UTC(), "A plain string post.\nSecond line with trailing spaces", true, nil, nil},
		{"Test News", 3, time.Unix(1704186900, 0).UTC(), "Array text with a #tag and a link.", false,
			[]string{"https://example.org/a", "https://example.org/full"}, []string{"#tag"}},
		// No name: the chat id names it. No date_unixtime: date read as UTC.
		{"chat2222", 7, time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), "Dated by the date field only.", false, nil, nil},
		{"Old Channel", 10, time.Unix(1704067199, 0).UTC(), "Left but still exported.", false, nil, nil},
	}
	if len(posts) != len(wants) {
		t.Fatalf("got %d posts, want %d: %v", len(posts), len(wants), ids(posts))
	}
	for i, w := range wants {
		p := posts[i]
		if p.Channel != w.channel || p.ID != w.id || !p.Date.Equal(w.date) || p.Text != w.text || p.Edited != w.edited ||
			!slices.Equal(p.Links, w.links) || !slices.Equal(p.Hashtags, w.hashtags) {
			t.Errorf("post %d:\ngot  %s %d %v %q edited=%v %v %v\nwant %s %d %v %q edited=%v %v %v", i,
				p.Channel, p.ID, p.Date, p.Text, p.Edited, p.Links, p.Hashtags,
				w.channel, w.id, w.date, w.text, w.edited, w.links, w.hashtags)
		}
	}
	wantSkipped := map[string]int{"service message": 1, "media only (no text)": 1}
	if stats.Skipped["service message"] != 1 || stats.Skipped["media only (no text)"] != 1 || len(stats.Skipped) != 2 {
		t.Errorf("Skipped = %v, want %v", stats.Skipped, wantSkipped)
	}
}

func TestReadTelegramEscapes(t *testing.T) {
	path := filepath.Join(readers, "escapes.result.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`Bell and vertical tab, tab` + "\t" + `kept, a path C:\x64 stays, \u escape é`,
		"Array with  unit separator bold",
	}
	// One byte at a time too: an escape split between two reads must
	// still be rewritten.
	for _, r := range []struct {
		name string
		read func() ([]*Post, ReadStats, error)
	}{
		{"whole", func() ([]*Post, ReadStats, error) { return Read(strings.NewReader(string(data)), path) }},
		{"one byte", func() ([]*Post, ReadStats, error) {
			return Read(iotest.OneByteReader(strings.NewReader(string(data))), path)
		}},
	} {
		posts, _, err := r.read()
		if err != nil {
			t.Fatalf("%s: %v", r.name, err)
		}
		var got []string
		for _, p := range posts {
			got = append(got, p.Text)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: texts\n%q\nwant\n%q", r.name, got, want)
		}
		if posts[0].Channel != "Escapes ✓" {
			t.Errorf("%s: channel %q", r.name, posts[0].Channel)
		}
	}
}

func TestJSONSanitizer(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"a": "x\x07y"}`, `{"a": "x\u0007y"}`},
		{`{"a\x01": 1}`, `{"a\u0001": 1}`},
		{`{"a": "\\x41"}`, `{"a": "\\x41"}`},     // an escaped backslash, then x
		{`{"a": "\"\x1f"}`, `{"a": "\"\u001f"}`}, // an escaped quote does not end the string
		{`{"a": 1} \x07`, `{"a": 1} \x07`},       // outside strings: left for the decoder
		{`"\x0`, `"\u000`},
	}
	for _, tt := range tests {
		for _, oneByte := range []bool{false, true} {
			var r = strings.NewReader(tt.in)
			s := newJSONSanitizer(r)
			if oneByte {
				s = newJSONSanitizer(iotest.OneByteReader(r))
			}
			var b strings.Builder
			buf := make([]byte, 3)
			for {
				n, err := s.Read(buf)
				b.Write(buf[:n])
				if err != nil {
					break
				}
			}
			if b.String() != tt.want {
				t.Errorf("sanitize(%q) = %q, want %q (one byte: %v)", tt.in, b.String(), tt.want, oneByte)
			}
		}
	}
}

// Error places count bytes of the original input, before \x escapes are
// rewritten.
func TestReadTelegramErrorPlaceAfterEscapes(t *testing.T) {
	data := "{\n \"name\": \"a\\x07\\x08b\",\n \"messages\": [ oops ]\n}"
	_, _, err := Read(strings.NewReader(data), "x.json")
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want an InputError", err)
	}
	want := "line 3, byte " + strconv.Itoa(strings.Index(data, "oops"))
	if ie.Place != want {
		t.Errorf("Place = %q, want %q", ie.Place, want)
	}
}

// A 20 MB post reads whole, in every format that can hold one.
func TestReadHugePost(t *testing.T) {
	if testing.Short() {
		t.Skip("20 MB inputs")
	}
	const size = 20 << 20
	word := "слово word "
	body := strings.Repeat(word, size/len(word))
	body = strings.TrimSpace(body)
	tests := []struct {
		name string
		data string
	}{
		{"telegram", `{"name": "big", "messages": [{"id": 1, "type": "message", "date_unixtime": "1709627412", "text": "` + body + `"}, {"id": 2, "type": "message", "text": "small"}]}`},
		{"jsonl", `{"channel": "big", "id": 1, "text": "` + body + `"}` + "\n" + `{"channel": "big", "id": 2, "text": "small"}` + "\n"},
		{"tme", `<html><div class="tgme_widget_message" data-post="big/1"><div class="tgme_widget_message_text">` + body + `</div></div><div class="tgme_widget_message" data-post="big/2"><div class="tgme_widget_message_text">small</div></div></html>`},
		{"page copy", "Forwarded from big\n" + body + "\nForwarded from big\nsmall\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, _, err := Read(strings.NewReader(tt.data), tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if len(posts) != 2 || len(posts[0].Text) != len(body) || posts[0].Text != body || posts[1].Text != "small" {
				t.Fatalf("got %d posts, first %d bytes; want 2, %d bytes", len(posts), len(posts[0].Text), len(body))
			}
		})
	}
}

func TestTelegramDate(t *testing.T) {
	msk := time.FixedZone("MSK", 3*3600)
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		unix, local string
		zone        *time.Location
		want        time.Time
		isLocal     bool
		err         string
	}{
		{"1709627412", "2024-03-05T11:30:12", nil, time.Unix(1709627412, 0).UTC(), false, ""},
		{"", "2024-03-05T11:30:12", nil, time.Date(2024, 3, 5, 11, 30, 12, 0, time.UTC), true, ""},
		{"", "2024-03-05T11:30:12", msk, time.Date(2024, 3, 5, 8, 30, 12, 0, time.UTC), true, ""},
		{"garbage", "2024-03-05T11:30:12", nil, time.Time{}, false, "not a number"},
		{"1000", "", nil, time.Time{}, false, "outside 2013-01-01"},
		{"1356998399", "", nil, time.Time{}, false, "outside"}, // 2012-12-31T23:59:59Z
		{"1356998400", "", nil, time.Unix(1356998400, 0).UTC(), false, ""},
		{strconv.FormatInt(now.Unix()+23*3600, 10), "", nil, now.Add(23 * time.Hour), false, ""},
		{strconv.FormatInt(now.Unix()+25*3600, 10), "", nil, time.Time{}, false, "outside"},
		{"", "", nil, time.Time{}, false, ""},
		{"", "yesterday", nil, time.Time{}, false, ""},
	}
	for _, tt := range tests {
		opt := &ReadOptions{Zone: tt.zone, Now: func() time.Time { return now }}
		r := &tgReader{latest: opt.latestDate()}
		r.zone, r.zoneGiven = opt.zone()
		got, isLocal, err := r.date(tt.unix, tt.local)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("date(%q, %q): err %v, want %q", tt.unix, tt.local, err, tt.err)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC || isLocal != tt.isLocal {
			t.Errorf("date(%q, %q) = %v, %v, %v; want %v, %v", tt.unix, tt.local, got, isLocal, err, tt.want, tt.isLocal)
		}
	}
}
