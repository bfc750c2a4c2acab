package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// writeFiles writes name -> content under a new temporary directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A page whose markup was re-indented renders as a browser shows it.
func TestHTMLWhitespace(t *testing.T) {
	page := `<html><body><section>
        <div class="tgme_widget_message" data-post="chan/1">
          <div class="tgme_widget_message_text js-message_text">
            Ночью небо над
                            городом   было  <b>ясным</b>
            и тихим.<br/>
            Вторая строка <a href="https://example.org/x">ссылка</a> .
            <br>   <code>a  b</code>   <pre>x
  y</pre>
          </div>
        </div>
      </section></body></html>`
	posts, _, err := Read(strings.NewReader(page), "page.html")
	if err != nil {
		t.Fatal(err)
	}
	want := "Ночью небо над городом было ясным и тихим.\nВторая строка ссылка .\na  b x\n  y"
	if len(posts) != 1 || posts[0].Text != want {
		t.Fatalf("text %q, want %q", posts[0].Text, want)
	}
	if len(posts[0].Links) != 1 || posts[0].Links[0] != "https://example.org/x" {
		t.Errorf("links %v", posts[0].Links)
	}
}

// A saved page cut short is an error naming the file and the place, like
// truncated JSON; inside a directory it stops the run unless SkipBad.
func TestTruncatedPage(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(mfaDir, "mid_russia.page.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	cuts := map[string]string{
		"in the last post": s[:strings.LastIndex(s, "tgme_widget_message_text")+200],
		"after the posts":  s[:strings.LastIndex(s, "</section>")],
	}
	for name, cut := range cuts {
		t.Run(name, func(t *testing.T) {
			_, _, err := Read(strings.NewReader(cut), "saved.html")
			var ie *InputError
			if !errors.As(err, &ie) || ie.File != "saved.html" || ie.Place != "byte "+strconv.Itoa(len(cut))+" (end of file)" || !strings.Contains(ie.Err.Error(), "truncated") {
				t.Fatalf("err %v, want an InputError at the end of the file", err)
			}
		})
	}
	// The whole page is fine.
	if _, _, err := Read(strings.NewReader(s), "saved.html"); err != nil {
		t.Fatal(err)
	}
}

// Old exports without date_unixtime: warned, named, read in --tz; Unix
// dates outside 2013..now+1 day are errors with their place.
func TestTelegramLocalDates(t *testing.T) {
	export := `{"name": "old", "type": "public_channel", "id": 7, "messages": [
 {"id": 1, "type": "message", "date": "2021-03-05T11:30:12", "text": "one"},
 {"id": 2, "type": "message", "date": "2021-03-05T12:00:00", "text": "two"}
]}`
	posts, stats, err := Read(strings.NewReader(export), "old/result.json")
	if err != nil {
		t.Fatal(err)
	}
	if !posts[0].Date.Equal(time.Date(2021, 3, 5, 11, 30, 12, 0, time.UTC)) {
		t.Errorf("date %v", posts[0].Date)
	}
	if len(stats.Warnings) != 1 || !strings.HasPrefix(stats.Warnings[0], "old/result.json: 2 dates without date_unixtime") || !strings.Contains(stats.Warnings[0], "--tz") {
		t.Errorf("warnings %q", stats.Warnings)
	}
	msk, err := ParseZone("Europe/Moscow")
	if err != nil {
		t.Fatal(err)
	}
	posts, stats, err = ReadOptions{Zone: msk}.Read(strings.NewReader(export), "old/result.json")
	if err != nil {
		t.Fatal(err)
	}
	if !posts[0].Date.Equal(time.Date(2021, 3, 5, 8, 30, 12, 0, time.UTC)) || posts[0].Date.Location() != time.UTC {
		t.Errorf("date in Moscow time %v", posts[0].Date)
	}
	if len(stats.Warnings) != 1 || !strings.Contains(stats.Warnings[0], "read in Europe/Moscow") {
		t.Errorf("warnings %q", stats.Warnings)
	}

	bad := `{"name": "x", "messages": [
 {"id": 1, "type": "message", "date_unixtime": "1709627412", "text": "fine"},
 {"id": 2, "type": "message", "date_unixtime": "4102444800", "text": "in 2100"}
]}`
	_, _, err = Read(strings.NewReader(bad), "future.json")
	var ie *InputError
	if !errors.As(err, &ie) || ie.Place != "line 3, byte 107" || !strings.Contains(err.Error(), "message 2: date_unixtime 4102444800") {
		t.Errorf("err %v (place %q)", err, ie.Place)
	}
}

func TestParseZone(t *testing.T) {
	tests := []struct {
		in   string
		off  int // seconds east of UTC in January
		fail bool
	}{
		{"UTC", 0, false}, {"+03:00", 3 * 3600, false}, {"UTC+3", 3 * 3600, false}, {"-0530", -(5*3600 + 30*60), false},
		{"GMT-05:30", -(5*3600 + 30*60), false}, {"Europe/Moscow", 3 * 3600, false}, {"Asia/Kolkata", 5*3600 + 30*60, false},
		{"Mars/Olympus", 0, true}, {"+25:00", 0, true}, {"", 0, true},
	}
	for _, tt := range tests {
		loc, err := ParseZone(tt.in)
		if tt.fail {
			if err == nil {
				t.Errorf("ParseZone(%q) = %v, want an error", tt.in, loc)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseZone(%q): %v", tt.in, err)
			continue
		}
		if _, off := time.Date(2024, 1, 15, 12, 0, 0, 0, loc).Zone(); off != tt.off {
			t.Errorf("ParseZone(%q) offset %d, want %d", tt.in, off, tt.off)
		}
	}
}

// A byte order mark on result.json is accepted; a stray NUL in a page is
// dropped, not a reason to skip the file; skipped files are named.
func TestBOMAndNUL(t *testing.T) {
	posts, _, err := Read(strings.NewReader("\ufeff"+`{"name": "c", "messages": [{"id": 1, "type": "message", "date_unixtime": "1709627412", "text": "hello"}]}`), "bom.json")
	if err != nil || len(posts) != 1 || posts[0].Text != "hello" {
		t.Fatalf("BOM export: %v, %d posts", err, len(posts))
	}
	page, err := os.ReadFile(filepath.Join(readers, "replies.tme.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	i := strings.Index(s, "Forwarded text.")
	withNUL := s[:i+3] + "\x00" + s[i+3:]
	dir := writeFiles(t, map[string]string{
		"page.html": withNUL,
		"photo.jpg": "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb\x00C\x00\x08\x06\x06\x07\x06\x05\x08\x07\x07\x07\t\t\x08\n\x0c\x14\r\x0c\x0b\x0b\x0c\x19\x12\x13\x0f",
		"notes.txt": "Nothing to see here.\n",
	})
	posts, stats, err := ReadPaths(context.Background(), []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range posts {
		if strings.HasPrefix(p.Text, "Forwarded text.") {
			found = true
		}
	}
	if !found || stats.NULBytes != 1 {
		t.Errorf("page with a NUL: found %v, NUL bytes %d", found, stats.NULBytes)
	}
	want := []FileNote{{filepath.Join(dir, "notes.txt"), "file in no supported format"}, {filepath.Join(dir, "photo.jpg"), "binary file"}}
	if len(stats.SkippedFiles) != 2 || stats.SkippedFiles[0] != want[0] || stats.SkippedFiles[1] != want[1] {
		t.Errorf("skipped files %+v, want %+v", stats.SkippedFiles, want)
	}
	if !strings.Contains(strings.Join(stats.Warnings, "\n"), "page.html: dropped 1 NUL byte") {
		t.Errorf("warnings %q", stats.Warnings)
	}
	if f, err := Sniff([]byte("a\x00b\x00c\x00d\x00")); err == nil {
		t.Errorf("UTF-16-like data sniffed as %q", f)
	}
}

// With SkipBad a directory with one bad file reads the rest and names it.
func TestSkipBad(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.jsonl":       `{"channel": "c", "id": 1, "text": "one"}` + "\n",
		"b.result.json": `{"name": "x", "messages": [{"id": 1, "text": "cut`,
		"c.jsonl":       `{"channel": "c", "id": 2, "text": "two"}` + "\n",
	})
	if _, _, err := ReadPaths(context.Background(), []string{dir}, nil); err == nil {
		t.Fatal("no error without SkipBad")
	}
	missing := filepath.Join(dir, "missing.json")
	posts, stats, err := ReadOptions{SkipBad: true}.ReadPaths(context.Background(), []string{dir, missing}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 2 || len(stats.BadFiles) != 2 {
		t.Fatalf("%d posts, bad files %+v", len(posts), stats.BadFiles)
	}
	if bf := stats.BadFiles[0]; bf.File != filepath.Join(dir, "b.result.json") || !strings.Contains(bf.Reason, "truncated") {
		t.Errorf("bad file %+v", bf)
	}
	if bf := stats.BadFiles[1]; bf.File != missing || !strings.Contains(bf.Reason, "no such file") {
		t.Errorf("bad file %+v", bf)
	}
	summary := strings.Join(stats.SummaryLines(), "\n")
	if !strings.Contains(summary, "left out 2 files with bad data (--skip-bad):\n  "+filepath.Join(dir, "b.result.json")+": ") {
		t.Errorf("summary:\n%s", summary)
	}
	// I/O errors and cancellation still stop.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := (ReadOptions{SkipBad: true}).ReadPaths(ctx, []string{dir}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// Identity is the chat, not its title: two exports titled "test" keep all
// their posts; JSON Lines posts with one channel and id but different texts
// are both kept and reported, equal texts are copies.
func TestChatIdentity(t *testing.T) {
	export := func(id, text string) string {
		return `{"name": "test", "type": "private_group", "id": ` + id + `, "messages": [{"id": 1, "type": "message", "date_unixtime": "1709627412", "text": "` + text + `"}]}`
	}
	dir := writeFiles(t, map[string]string{
		"a/result.json": export("1001", "first chat"),
		"b/result.json": export("1002", "second chat"),
		"c/result.json": export("1001", "first chat"), // chat 1001 exported twice
	})
	posts, stats, err := ReadPaths(context.Background(), []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range posts {
		got[p.Channel] = p.Text
		if p.ChannelTitle != "test" || p.ChannelID == 0 {
			t.Errorf("post %s/%d: title %q chat id %d", p.Channel, p.ID, p.ChannelTitle, p.ChannelID)
		}
	}
	if len(posts) != 2 || got["test (chat 1001)"] != "first chat" || got["test (chat 1002)"] != "second chat" || stats.Duplicates != 1 {
		t.Errorf("posts %v, duplicates %d", got, stats.Duplicates)
	}
	if len(stats.Warnings) != 1 || !strings.Contains(stats.Warnings[0], `2 different chats are named "test"`) {
		t.Errorf("warnings %q", stats.Warnings)
	}

	jsonl := `{"channel": "c", "id": 5, "text": "The original text."}
{"channel": "c", "id": 5, "text": "The  original text"}
{"channel": "c", "id": 5, "text": "A different text under the same id."}
`
	posts, stats, err = ReadPaths(context.Background(), []string{writeFiles(t, map[string]string{"p.jsonl": jsonl})}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 2 || stats.Duplicates != 1 || len(stats.IDConflicts) != 1 || stats.IDConflicts[0].Channel != "c" || stats.IDConflicts[0].ID != 5 {
		t.Fatalf("%d posts, %d duplicates, conflicts %+v", len(posts), stats.Duplicates, stats.IDConflicts)
	}
	summary := strings.Join(stats.SummaryLines(), "\n")
	if !strings.Contains(summary, "1 post id read with different texts (all kept):\n  c/5: different texts in ") {
		t.Errorf("summary:\n%s", summary)
	}
}
