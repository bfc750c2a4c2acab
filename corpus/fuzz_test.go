package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Fuzz seeds are the small reader fixtures whole and excerpts of the
// sample files: a mutated 100 KB seed that turns out interesting is
// minimised for up to a minute, which stalls the fuzzer.
const seedSize = 6 << 10

// addSeeds adds the files to the fuzz corpus, cut to excerpts of about
// seedSize bytes that keep their format (whole messages, whole posts).
func addSeeds(f *testing.F, paths ...string) {
	f.Helper()
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(excerpt(f, data))
	}
}

// excerpt cuts data to about seedSize bytes in a way that keeps it valid.
func excerpt(tb testing.TB, data []byte) []byte {
	if len(data) <= seedSize {
		return data
	}
	format, err := Sniff(data[:min(len(data), sniffSize)])
	if err != nil {
		tb.Fatal(err)
	}
	switch format {
	case FormatTelegramJSON:
		var export map[string]any
		if err := json.Unmarshal(data, &export); err != nil {
			tb.Fatal(err)
		}
		msgs, _ := export["messages"].([]any)
		for n := len(msgs); n > 1; n-- {
			export["messages"] = msgs[:n]
			out, _ := json.MarshalIndent(export, "", " ")
			if len(out) <= seedSize || n == 2 {
				return out
			}
		}
	case FormatTMEPage:
		const wrap = `<div class="tgme_widget_message_wrap`
		s := string(data)
		cut := strings.Index(s, wrap)
		for cut >= 0 && cut < seedSize {
			next := strings.Index(s[cut+1:], wrap)
			if next < 0 {
				break
			}
			cut += 1 + next
		}
		return []byte(s[:cut] + "</section></main></body></html>\n")
	case FormatTelegramHTML:
		const msg = `<div class="message `
		s := string(data)
		cut := strings.LastIndex(s[:seedSize], msg)
		if cut < 0 {
			break
		}
		return []byte(s[:cut] + "</div></div></div></body></html>\n")
	case FormatPageText:
		s := string(data)
		cut := strings.Index(s, "Forwarded from")
		for cut >= 0 && cut < seedSize {
			next := strings.Index(s[cut+1:], "Forwarded from")
			if next < 0 {
				break
			}
			cut += 1 + next
		}
		return []byte(s[:cut])
	}
	return data[:seedSize]
}

var (
	jsonSeeds = []string{
		filepath.Join(mfaDir, "mid_russia.result.json"),
		filepath.Join(mfaDir, "mfa_russia.result.json"),
		filepath.Join(readers, "account.result.json"),
		filepath.Join(readers, "escapes.result.json"),
	}
	htmlSeeds = []string{
		filepath.Join(mfaDir, "mid_russia.page.html"),
		filepath.Join(readers, "replies.tme.html"),
	}
	tdHTMLSeeds = []string{
		filepath.Join(readers, "html-export", "ChatExport_2022-03-17", "messages.html"),
		filepath.Join(readers, "html-export", "ChatExport_2022-03-17", "messages2.html"),
		filepath.Join(readers, "html-export", "test-b", "messages.html"),
	}
	pageTextSeeds = []string{
		filepath.Join(mfaDir, "embassy_usa.page.txt"),
		filepath.Join(readers, "own_posts.page.txt"),
	}
	jsonlSeeds = []string{
		filepath.Join(readers, "posts.jsonl"),
		filepath.Join(readers, "tree", "a.jsonl"),
	}
)

// checkRead holds for every reader on every input: no panic, errors are
// InputErrors naming the file, and posts are well formed.
func checkRead(t *testing.T, read func(io.Reader, string) ([]*Post, ReadStats, error), data []byte) {
	posts, stats, err := read(bytes.NewReader(data), "fuzz")
	if err != nil {
		var ie *InputError
		if !errors.As(err, &ie) || ie.File != "fuzz" {
			t.Fatalf("error %v (%T) is not an InputError for the file", err, err)
		}
		return
	}
	if stats.Posts != len(posts) {
		t.Fatalf("stats.Posts %d, %d posts", stats.Posts, len(posts))
	}
	for _, p := range posts {
		if p.Text == "" || !utf8.ValidString(p.Text) || normalizeText(p.Text) != p.Text {
			t.Fatalf("post %d: text not normalised: %q", p.ID, p.Text)
		}
		if !utf8.ValidString(p.Channel) || len(p.Provenance) != 1 || p.Source != "fuzz" {
			t.Fatalf("post %d: bad channel or provenance: %+v", p.ID, p)
		}
		if p.HasDate() && p.Date.Location().String() != "UTC" {
			t.Fatalf("post %d: date %v not UTC", p.ID, p.Date)
		}
	}
}

// readAsInput wraps a format reader the way Read does, so that errors are
// classified.
func readAsInput(read func(io.Reader, string) ([]*Post, ReadStats, error)) func(io.Reader, string) ([]*Post, ReadStats, error) {
	return func(r io.Reader, name string) ([]*Post, ReadStats, error) {
		posts, stats, err := read(r, name)
		if err != nil {
			return nil, stats, readError(name, err)
		}
		return posts, stats, nil
	}
}

func FuzzReadTelegramJSON(f *testing.F) {
	addSeeds(f, jsonSeeds...)
	f.Add([]byte(`{"name": "x", "messages": [{"id": 1, "text": "a\x07"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, readAsInput(readTelegramJSON), data) })
}

func FuzzReadTMEPage(f *testing.F) {
	addSeeds(f, htmlSeeds...)
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, readAsInput(readTMEPage), data) })
}

func FuzzReadTelegramHTML(f *testing.F) {
	addSeeds(f, tdHTMLSeeds...)
	f.Add([]byte(`<div class="page_wrap"><div class="history"><div class="message default" id="message1"><div class="body"><div class="pull_right date details" title="16.03.2022 19:24:40 UTC+03:00"></div><div class="text">a<br>b</div></div></div></div></div></html>`))
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, readAsInput(readTelegramHTML), data) })
}

// FuzzTelegramHTMLDate checks the date titles of an HTML export: any
// title gives a UTC time or none, never a panic.
func FuzzTelegramHTMLDate(f *testing.F) {
	for _, s := range []string{"16.03.2022 19:24:40", "16.03.2022 19:24:40 UTC+03:00", "01.01.2020 00:00:00 UTC-05:30", "x UTC+99", "", "\x00\x00\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		if strings.ContainsFunc(title, func(r rune) bool { return r < 0x20 || r == utf8.RuneError }) {
			t.Skip("not text: the page is refused as binary, which FuzzReadTelegramHTML covers")
		}
		page := `<html><body><div class="page_wrap"><div class="history"><div class="message default" id="message1"><div class="body"><div class="pull_right date details" title="` +
			html.EscapeString(title) + `">x</div><div class="text">text</div></div></div></div></div></body></html>`
		posts, _, err := Read(strings.NewReader(page), "fuzz")
		if err != nil || len(posts) != 1 {
			t.Fatalf("%d posts, %v", len(posts), err)
		}
		if p := posts[0]; p.HasDate() && p.Date.Location() != time.UTC {
			t.Fatalf("date %v not UTC", p.Date)
		}
	})
}

func FuzzReadPageText(f *testing.F) {
	addSeeds(f, pageTextSeeds...)
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, readAsInput(readPageText), data) })
}

func FuzzReadJSONL(f *testing.F) {
	addSeeds(f, jsonlSeeds...)
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, readAsInput(readJSONL), data) })
}

// FuzzSniff checks that Sniff and Read agree and never panic.
func FuzzSniff(f *testing.F) {
	addSeeds(f, jsonSeeds...)
	addSeeds(f, htmlSeeds...)
	addSeeds(f, tdHTMLSeeds...)
	addSeeds(f, pageTextSeeds...)
	addSeeds(f, jsonlSeeds...)
	f.Add([]byte{})
	f.Add([]byte("\x1f\x8b\x08\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		format, err := Sniff(data[:min(len(data), sniffSize)])
		if (format == "") == (err == nil) {
			t.Fatalf("Sniff = %q, %v: want exactly one of a format and an error", format, err)
		}
		checkRead(t, Read, data)
		if err != nil && !isGzip(data) {
			if _, _, rerr := Read(bytes.NewReader(data), "fuzz"); rerr == nil {
				t.Fatalf("Sniff failed (%v) but Read succeeded", err)
			}
		}
	})
}
