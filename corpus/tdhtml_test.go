package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var htmlExport = filepath.Join(readers, "html-export")

func TestReadTelegramHTML(t *testing.T) {
	dir := filepath.Join(htmlExport, "ChatExport_2022-03-17")
	posts, stats := readTestFile(t, filepath.Join(dir, "messages.html"))
	msk := time.FixedZone("", 3*3600)
	type want struct {
		id      int64
		text    string
		date    time.Time
		forward string
	}
	wants := []want{
		{2, "First post of the export.\n\nIt has bold words, a link https://example.org/a and #Tagged.", time.Date(2022, 3, 16, 19, 24, 40, 0, msk), ""},
		{3, "Second post, joined to the first: no name repeated.", time.Date(2022, 3, 16, 19, 26, 2, 0, msk), ""},
		{5, "A photo with a caption & an ampersand.", time.Date(2022, 3, 16, 19, 31, 10, 0, msk), ""},
		{6, "A forwarded post.\nSecond line.", time.Date(2022, 3, 17, 9, 0, 5, 0, msk), "Source Channel 🇷🇺"},
		{7, "Another forward from the same source.", time.Date(2022, 3, 17, 9, 0, 5, 0, msk), "Source Channel 🇷🇺"},
		{8, "A reply: only this text is the post.", time.Date(2022, 3, 17, 12, 15, 0, 0, msk), ""},
	}
	if len(posts) != len(wants) {
		t.Fatalf("%d posts, want %d: %+v", len(posts), len(wants), posts)
	}
	for i, w := range wants {
		p := posts[i]
		from := ""
		if p.Forward != nil {
			from = p.Forward.From
		}
		if p.ID != w.id || p.Text != w.text || !p.Date.Equal(w.date) || p.Date.Location() != time.UTC || from != w.forward {
			t.Errorf("post %d: id %d %q %v from %q; want id %d %q %v from %q", i, p.ID, p.Text, p.Date, from, w.id, w.text, w.date, w.forward)
		}
		if p.Channel != "Test News 📰" || p.ChannelTitle != "Test News 📰" || p.Provenance[0].PostID != w.id {
			t.Errorf("post %d: channel %q title %q provenance %+v", i, p.Channel, p.ChannelTitle, p.Provenance)
		}
	}
	if !slices.Equal(posts[0].Links, []string{"https://example.org/a"}) || !slices.Equal(posts[0].Hashtags, []string{"#Tagged"}) {
		t.Errorf("links %v hashtags %v", posts[0].Links, posts[0].Hashtags)
	}
	if !slices.Equal(posts[3].Links, []string{"https://t.me/source/77"}) {
		t.Errorf("read-in-full link %v", posts[3].Links)
	}
	// Date separators (negative ids) are not messages.
	if stats.Skipped[skipService] != 2 || stats.Skipped[skipMediaOnly] != 1 || len(stats.Skipped) != 2 {
		t.Errorf("skipped %v, want 2 service messages and 1 media only", stats.Skipped)
	}
	if len(stats.Warnings) != 0 {
		t.Errorf("warnings %q for dates with offsets", stats.Warnings)
	}
}

func TestSniffTelegramHTML(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(htmlExport, "ChatExport_2022-03-17", "messages.html"))
	if err != nil {
		t.Fatal(err)
	}
	if f, err := Sniff(data); f != FormatTelegramHTML || err != nil {
		t.Errorf("Sniff = %q, %v", f, err)
	}
	// The export's other pages (its index, lists) have no messages.
	index := `<!DOCTYPE html><html><body><div class="page_wrap"><div class="page_header"><div class="content"><div class="text bold">Exported Data</div></div></div><div class="page_body"><div class="sections with_divider"></div></div></div></body></html>`
	if _, _, err := Read(strings.NewReader(index), "export_results.html"); !errors.Is(err, ErrNoPosts) {
		t.Errorf("index page: %v, want ErrNoPosts", err)
	}
}

// The files of one export folder are one channel; a folder's photos and
// styles are skipped and named; of two chats titled "test" no post is lost.
func TestReadTelegramHTMLFolder(t *testing.T) {
	posts, stats, err := ReadOptions{Zone: time.FixedZone("", 2*3600)}.ReadPaths(context.Background(), []string{htmlExport}, nil)
	if err != nil {
		t.Fatal(err)
	}
	channels := map[string][]int64{}
	for _, p := range posts {
		channels[p.Channel] = append(channels[p.Channel], p.ID)
	}
	if got := channels["Test News 📰"]; !slices.Equal(got, []int64{2, 3, 5, 6, 7, 8, 1001}) {
		t.Errorf("Test News ids %v", got)
	}
	// The export has no chat ids: the two chats titled "test" are one
	// channel, but neither post is lost, and the clash is reported.
	if len(channels) != 2 || !slices.Equal(channels["test"], []int64{1, 1}) {
		t.Errorf("channels %v: want both posts of the chats titled test", channels)
	}
	if len(stats.IDConflicts) != 1 || stats.IDConflicts[0].Channel != "test" || len(stats.IDConflicts[0].Sources) != 2 {
		t.Errorf("conflicts %+v", stats.IDConflicts)
	}
	for _, p := range posts {
		switch {
		case p.Text == "Hello from chat A.":
			// An offset in the export wins over --tz.
			if want := time.Date(2022, 3, 18, 9, 0, 0, 0, time.UTC); !p.Date.Equal(want) {
				t.Errorf("chat A date %v, want %v", p.Date, want)
			}
		case p.Text == "Hello from chat B.":
			// No offset: read in the zone given.
			if want := time.Date(2022, 3, 18, 8, 0, 0, 0, time.UTC); !p.Date.Equal(want) {
				t.Errorf("chat B date %v, want %v", p.Date, want)
			}
			if p.ChannelTitle != "test" {
				t.Errorf("chat B title %q", p.ChannelTitle)
			}
		case p.Channel == "Test News 📰":
			if p.ID == 1001 && p.Text != "Утро.\nНебо над городом.\ncode  keeps   spaces" {
				t.Errorf("messages2.html text %q", p.Text)
			}
		}
	}
	if len(stats.SkippedFiles) != 1 || !strings.HasSuffix(stats.SkippedFiles[0].File, filepath.Join("css", "style.css")) {
		t.Errorf("skipped files %+v, want css/style.css named", stats.SkippedFiles)
	}
	joined := strings.Join(stats.Warnings, "\n")
	if !strings.Contains(joined, filepath.Join("test-b", "messages.html")+": 1 date without a UTC offset read in UTC+02:00 (--tz)") || len(stats.Warnings) != 1 {
		t.Errorf("warnings:\n%s", joined)
	}
}

// Without --tz, offset-less dates are read as UTC and the file is named.
func TestReadTelegramHTMLNoZone(t *testing.T) {
	path := filepath.Join(htmlExport, "test-b", "messages.html")
	posts, stats := readTestFile(t, path)
	if len(posts) != 1 || !posts[0].Date.Equal(time.Date(2022, 3, 18, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("posts %+v", posts)
	}
	if len(stats.Warnings) != 1 || !strings.HasPrefix(stats.Warnings[0], path+": 1 date without a UTC offset") || !strings.Contains(stats.Warnings[0], "--tz") {
		t.Errorf("warnings %q", stats.Warnings)
	}
}

func TestReadTelegramHTMLTruncated(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(htmlExport, "ChatExport_2022-03-17", "messages.html"))
	if err != nil {
		t.Fatal(err)
	}
	cut := strings.Index(string(data), "A reply: only")
	_, _, err = Read(strings.NewReader(string(data[:cut+5])), "messages.html")
	var ie *InputError
	if !errors.As(err, &ie) || ie.File != "messages.html" || !strings.Contains(ie.Place, "byte") || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("err %v, want an InputError at the end of the file", err)
	}
}
