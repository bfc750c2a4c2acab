package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	mfaDir  = "../testdata/mfa-sample"
	wmtDir  = "../testdata/wmt23-ruen-dev"
	readers = "../testdata/readers"
)

// readTestFile reads one file with Read, failing the test on error.
func readTestFile(t testing.TB, path string) ([]*Post, ReadStats) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	posts, stats, err := Read(f, path)
	if err != nil {
		t.Fatalf("Read(%s): %v", path, err)
	}
	return posts, stats
}

// byID indexes posts by id, failing on repeated ids.
func byID(t testing.TB, posts []*Post) map[int64]*Post {
	t.Helper()
	m := make(map[int64]*Post, len(posts))
	for _, p := range posts {
		if _, dup := m[p.ID]; dup {
			t.Fatalf("id %d twice", p.ID)
		}
		m[p.ID] = p
	}
	return m
}

func ids(posts []*Post) []int64 {
	out := make([]int64, len(posts))
	for i, p := range posts {
		out[i] = p.ID
	}
	return out
}

// The English export's posts that the embassy page copy holds, in page order.
var embassyOriginals = []int64{20514, 20883, 21012, 21402, 21567, 21574, 21579, 21584, 21588, 21592}

func TestReadMFASample(t *testing.T) {
	tests := []struct {
		file         string
		format       Format
		posts        int
		first, last  int64
		absent       []int64
		skipped      map[string]int
		channel      string
		channelTitle string
	}{
		{
			file: "mid_russia.result.json", format: FormatTelegramJSON, posts: 25, first: 60102, last: 62210,
			absent:  []int64{60103, 62138, 62190, 62162, 62176},
			skipped: map[string]int{"service message": 3, "media only (no text)": 2},
			channel: "МИД России 🇷🇺", channelTitle: "МИД России 🇷🇺",
		},
		{
			file: "mfa_russia.result.json", format: FormatTelegramJSON, posts: 19, first: 20514, last: 21611,
			channel: "Russian MFA 🇷🇺", channelTitle: "Russian MFA 🇷🇺",
		},
		{
			file: "mid_russia.page.html", format: FormatTMEPage, posts: 10, first: 62145, last: 62180,
			channel: "MID_Russia", channelTitle: "МИД России 🇷🇺",
		},
		{
			file: "embassy_usa.page.txt", format: FormatPageText, posts: 10, first: 1, last: 10,
			channel: "Embassy of Russia in the USA", channelTitle: "Embassy of Russia in the USA",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(mfaDir, tt.file)
			head, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if f, err := Sniff(head[:min(len(head), sniffSize)]); f != tt.format || err != nil {
				t.Errorf("Sniff = %q, %v; want %q", f, err, tt.format)
			}
			posts, stats := readTestFile(t, path)
			if len(posts) != tt.posts || stats.Posts != tt.posts || stats.Files != 1 {
				t.Fatalf("got %d posts (stats %+v), want %d", len(posts), stats, tt.posts)
			}
			if got := ids(posts); got[0] != tt.first || got[len(got)-1] != tt.last || !slices.IsSorted(got) {
				t.Errorf("ids %v: want increasing from %d to %d", got, tt.first, tt.last)
			}
			m := byID(t, posts)
			for _, id := range tt.absent {
				if _, ok := m[id]; ok {
					t.Errorf("post %d should have been skipped", id)
				}
			}
			if !maps.Equal(stats.Skipped, tt.skipped) && (len(stats.Skipped) > 0 || len(tt.skipped) > 0) {
				t.Errorf("Skipped = %v, want %v", stats.Skipped, tt.skipped)
			}
			for _, p := range posts {
				if p.Channel != tt.channel || p.ChannelTitle != tt.channelTitle {
					t.Fatalf("post %d: channel %q title %q, want %q %q", p.ID, p.Channel, p.ChannelTitle, tt.channel, tt.channelTitle)
				}
				if p.Text == "" || p.Source != path || len(p.Provenance) != 1 || p.Provenance[0].Source != path {
					t.Fatalf("post %d: empty text or bad provenance: %+v", p.ID, p)
				}
				if strings.Contains(p.Text, "Read in full") || strings.Contains(p.Text, "Читать полностью") {
					t.Errorf("post %d: text keeps the Read in full link", p.ID)
				}
				if p.Date.Location() != time.UTC {
					t.Errorf("post %d: date %v not in UTC", p.ID, p.Date)
				}
			}
		})
	}
}

func TestReadDates(t *testing.T) {
	export, _ := readTestFile(t, filepath.Join(mfaDir, "mid_russia.result.json"))
	page, _ := readTestFile(t, filepath.Join(mfaDir, "mid_russia.page.html"))
	copyPosts, _ := readTestFile(t, filepath.Join(mfaDir, "embassy_usa.page.txt"))
	e, p := byID(t, export), byID(t, page)
	// 60102: "date": "2024-03-05T11:30:12" (Moscow), "date_unixtime": "1709627412".
	if got, want := e[60102].Date, time.Unix(1709627412, 0).UTC(); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("60102 date = %v, want %v", got, want)
	}
	if got := e[60102].Date.Format(time.DateTime); got != "2024-03-05 08:30:12" {
		t.Errorf("60102 date = %s UTC: the export's local time was taken for UTC", got)
	}
	// 62145: <time datetime="2024-06-10T08:05:47+00:00">.
	if got, want := p[62145].Date, time.Date(2024, 6, 10, 8, 5, 47, 0, time.UTC); !got.Equal(want) {
		t.Errorf("page 62145 date = %v, want %v", got, want)
	}
	for id, pp := range p {
		if !pp.Date.Equal(e[id].Date) {
			t.Errorf("post %d: page date %v, export date %v", id, pp.Date, e[id].Date)
		}
	}
	for _, cp := range copyPosts {
		if cp.HasDate() {
			t.Errorf("page copy post %d has a date %v; the source has none", cp.ID, cp.Date)
		}
	}
}

// The three sources of one post must give the same Text, links and
// hashtags, or deduplication and pairing would see different posts.
func TestReadSourcesAgree(t *testing.T) {
	export, _ := readTestFile(t, filepath.Join(mfaDir, "mid_russia.result.json"))
	page, _ := readTestFile(t, filepath.Join(mfaDir, "mid_russia.page.html"))
	e := byID(t, export)
	for _, p := range page {
		x, ok := e[p.ID]
		if !ok {
			t.Fatalf("page post %d not in the export", p.ID)
		}
		if p.Text != x.Text {
			t.Errorf("post %d: page and export texts differ:\npage:   %q\nexport: %q", p.ID, p.Text, x.Text)
		}
		if !slices.Equal(p.Hashtags, x.Hashtags) || !slices.Equal(p.Links, x.Links) {
			t.Errorf("post %d: page hashtags %v links %v; export %v %v", p.ID, p.Hashtags, p.Links, x.Hashtags, x.Links)
		}
	}
	if got := e[62145].Links; !slices.Equal(got, []string{"https://mid.ru/ru/foreign_policy/news/1956432/"}) {
		t.Errorf("62145 links = %v: the Read in full URL belongs there", got)
	}

	mfa, _ := readTestFile(t, filepath.Join(mfaDir, "mfa_russia.result.json"))
	copyPosts, _ := readTestFile(t, filepath.Join(mfaDir, "embassy_usa.page.txt"))
	m := byID(t, mfa)
	for i, cp := range copyPosts {
		x := m[embassyOriginals[i]]
		if x == nil {
			t.Fatalf("export post %d missing", embassyOriginals[i])
		}
		if cp.Text != x.Text {
			t.Errorf("page copy post %d vs export %d:\ncopy:   %q\nexport: %q", cp.ID, x.ID, cp.Text, x.Text)
		}
		if !slices.Equal(cp.Hashtags, x.Hashtags) {
			t.Errorf("page copy post %d hashtags %v, export %d %v", cp.ID, cp.Hashtags, x.ID, x.Hashtags)
		}
	}
}

func TestReadForwards(t *testing.T) {
	copyPosts, _ := readTestFile(t, filepath.Join(mfaDir, "embassy_usa.page.txt"))
	for _, p := range copyPosts {
		if p.Forward == nil || *p.Forward != (Forward{From: "Russian MFA 🇷🇺"}) {
			t.Errorf("page copy post %d: Forward = %+v, want From Russian MFA 🇷🇺", p.ID, p.Forward)
		}
	}
	page, _ := readTestFile(t, filepath.Join(readers, "replies.tme.html"))
	account, _ := readTestFile(t, filepath.Join(readers, "account.result.json"))
	tests := []struct {
		name string
		post *Post
		want *Forward
	}{
		{"t.me link with id", byID(t, page)[101], &Forward{From: "source_chan", Title: "Source Channel", PostID: 456}},
		{"t.me hidden author", byID(t, page)[102], &Forward{From: "Hidden Author"}},
		{"t.me own post", byID(t, page)[100], nil},
		{"export forwarded_from", byID(t, account)[3], &Forward{From: "Other Channel"}},
		{"export own post", byID(t, account)[2], nil},
	}
	for _, tt := range tests {
		if tt.post == nil {
			t.Errorf("%s: post missing", tt.name)
			continue
		}
		got := tt.post.Forward
		if (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want {
			t.Errorf("%s: Forward = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestReadPathsMFASample(t *testing.T) {
	var paths []string
	for _, f := range []string{"mid_russia.result.json", "mfa_russia.result.json", "mid_russia.page.html", "embassy_usa.page.txt"} {
		paths = append(paths, filepath.Join(mfaDir, f))
	}
	posts, stats, err := ReadPaths(context.Background(), paths, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 25 + 19 + 10 + 10 read; the 10 page posts are export posts, the 10
	// embassy forwards are MFARussia posts.
	if len(posts) != 44 || stats.Posts != 44 || stats.Duplicates != 20 || stats.Files != 4 {
		t.Fatalf("got %d posts, stats %+v; want 44 posts, 20 duplicates, 4 files", len(posts), stats)
	}
	seen := make(map[Key]int)
	onPage := map[int64]bool{62145: true, 62149: true, 62153: true, 62158: true, 62161: true, 62166: true, 62168: true, 62172: true, 62175: true, 62180: true}
	embassy := make(map[int64]bool)
	for _, id := range embassyOriginals {
		embassy[id] = true
	}
	for _, p := range posts {
		seen[p.Key()]++
		sources := make(map[string]bool)
		for _, pr := range p.Provenance {
			sources[filepath.Base(pr.Source)] = true
		}
		switch p.Channel {
		case "MID_Russia":
			want := map[string]bool{"mid_russia.result.json": true}
			if onPage[p.ID] {
				want["mid_russia.page.html"] = true
			}
			if !maps.Equal(sources, want) {
				t.Errorf("MID_Russia %d: provenance %v, want %v", p.ID, p.Provenance, want)
			}
			if p.ChannelTitle != "МИД России 🇷🇺" {
				t.Errorf("MID_Russia %d: title %q", p.ID, p.ChannelTitle)
			}
		case "Russian MFA 🇷🇺":
			want := map[string]bool{"mfa_russia.result.json": true}
			if embassy[p.ID] {
				want["embassy_usa.page.txt"] = true
			}
			if !maps.Equal(sources, want) {
				t.Errorf("MFARussia %d: provenance %v, want %v", p.ID, p.Provenance, want)
			}
		default:
			t.Errorf("post %v: unexpected channel (export channel not renamed, or a forward kept)", p.Key())
		}
	}
	for k, n := range seen {
		if n > 1 {
			t.Errorf("%v kept %d times", k, n)
		}
	}
	// Provenance keeps each source's own naming, in the order of the files'
	// names (a build does not depend on the order of its arguments).
	for _, p := range posts {
		if p.Key() == (Key{"MID_Russia", 62145}) {
			want := []Provenance{
				{Source: paths[2], Channel: "MID_Russia", PostID: 62145},
				{Source: paths[0], Channel: "МИД России 🇷🇺", PostID: 62145},
			}
			if !slices.Equal(p.Provenance, want) {
				t.Errorf("62145 provenance %+v, want %+v", p.Provenance, want)
			}
		}
	}
}

func TestReadWMT(t *testing.T) {
	for _, f := range []string{"ru.result.json", "en.result.json"} {
		posts, stats := readTestFile(t, filepath.Join(wmtDir, f))
		if len(posts) != 81 || len(stats.Skipped) != 0 {
			t.Errorf("%s: %d posts, skipped %v; want 81, none", f, len(posts), stats.Skipped)
		}
		byID(t, posts)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want Format
		err  error
	}{
		{"export", "{\n \"name\": \"x\",\n \"type\": \"public_channel\"", FormatTelegramJSON, nil},
		{"account export", `{"about": "Here is the data", "personal_information": {}}`, FormatTelegramJSON, nil},
		{"export cut inside messages", `{"id": 1, "messages": [{"id": 1, "text": "cut`, FormatTelegramJSON, nil},
		{"export with BOM and \\x escape", "\ufeff{\"name\": \"a\\x07b\"}", FormatTelegramJSON, nil},
		{"jsonl", "{\"channel\": \"a\", \"id\": 1, \"text\": \"x\"}\n{\"channel\": \"a\"}\n", FormatJSONL, nil},
		{"jsonl id first", `{"id": 1, "text": "a huge text cut by the end of the he`, FormatJSONL, nil},
		{"html", "<!DOCTYPE html><html><body>", FormatTMEPage, nil},
		{"html garbage", "<<<>>> not really", FormatTMEPage, nil},
		{"page copy", "Some Channel\n7.01K subscribers\nBio\n", FormatPageText, nil},
		{"page copy forwards only", "Forwarded from\u00a0 Russian MFA 🇷🇺\nText\n", FormatPageText, nil},
		{"page copy footer", "Some text\n1.2K views\n10:05\n", FormatPageText, nil},
		{"plain text", "Just some notes.\nNothing Telegram about them.\n", "", ErrUnrecognised},
		{"other JSON lines", "{\"en_id\": 1, \"ru_id\": 2, \"beads\": []}\n{\"en_id\": 3}\n", "", ErrUnrecognised},
		{"JSON array", `[{"channel": "a"}]`, "", ErrUnrecognised},
		{"empty", "", "", ErrEmpty},
		{"white space", " \n\t\r\n ", "", ErrEmpty},
		{"binary NUL", "PK\x03\x04\x00\x00binary", "", ErrBinary},
		{"binary bytes", "\x89PNG\r\n\x1a\n\xff\xd8\xff\xe0\x01\x02\x03\x04\x05\x06\x80\x81\x82", "", ErrBinary},
		{"gzip", "\x1f\x8b\x08\x00", "", ErrUnrecognised},
		{"utf-16", "\xff\xfe{\x00", "", ErrUnrecognised},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sniff([]byte(tt.head))
			if got != tt.want || !errors.Is(err, tt.err) {
				t.Errorf("Sniff = %q, %v; want %q, %v", got, err, tt.want, tt.err)
			}
			if bin := IsBinary([]byte(tt.head)); bin != (tt.err == ErrBinary) {
				t.Errorf("IsBinary = %v, Sniff's error %v", bin, tt.err)
			}
		})
	}
}

// Bad input gives an *InputError naming the file and, where it helps, the
// place; repairable input is read.
func TestReadBadInput(t *testing.T) {
	export, err := os.ReadFile(filepath.Join(mfaDir, "mfa_russia.result.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		data  string
		err   error  // errors.Is target, nil when any InputError will do
		place string // expected Place, "" for none
		msg   string // substring of the message
	}{
		{name: "empty", data: "", err: ErrEmpty},
		{name: "binary", data: "\x00\x01\x02\x03garbage\x00", err: ErrBinary},
		{name: "plain text", data: "hello\nworld\n", err: ErrUnrecognised},
		{name: "html garbage", data: "<html><body><p>Nothing here</p></body></html>", err: ErrNoPosts},
		{name: "truncated export", data: string(export[:20000]), err: ErrTruncated, place: "line 336, byte 20000"},
		{name: "truncated mid-string", data: "{\n \"name\": \"x\",\n \"messages\": [\n  {\"id\": 1, \"text\": \"abc", err: ErrTruncated, place: "line 4, byte 55"},
		{name: "malformed export", data: "{\n \"name\": \"x\",\n \"messages\": [\n  {\"id\": 1, \"text\": \"a\"},\n  {\"id\": 2 \"text\": \"b\"}\n ]\n}", place: "line 5, byte 68", msg: "malformed JSON"},
		{name: "bad key", data: "{\n \"name\": \"x\",\n \"messages\": [],\n oops\n}", place: "line 4, byte 34", msg: "malformed JSON"},
		{name: "messages not an array", data: `{"name": "x", "messages": {"id": 1}}`, place: "line 1, byte 26", msg: "expected an array"},
		{name: "text a number", data: `{"name": "x", "messages": [{"id": 1, "type": "message", "text": 5}]}`, place: "line 1, byte 27", msg: "message 1: text"},
		{name: "trailing data", data: `{"name": "x", "messages": []} {"name": "y"}`, place: "line 1, byte 30", msg: "after the end"},
		{name: "not an export", data: `{"name": "x", "about": "nothing"}`, msg: "not a Telegram Desktop export"},
		{name: "jsonl bad line", data: "{\"channel\": \"a\", \"text\": \"x\"}\n\n{\"channel\": \"a\", \"text\": \"y\"\n", place: "line 3", msg: "malformed JSON"},
		{name: "jsonl missing channel", data: "{\"text\": \"x\"}\n", place: "line 1", msg: `missing "channel"`},
		{name: "jsonl bad date", data: "{\"channel\": \"a\", \"text\": \"x\", \"date\": \"yesterday\"}\n", place: "line 1", msg: "date"},
		{name: "gzip corrupt", data: "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage", msg: "gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, _, err := Read(strings.NewReader(tt.data), "in.txt")
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v (%d posts), want an *InputError", err, len(posts))
			}
			if ie.File != "in.txt" || ie.Place != tt.place {
				t.Errorf("File %q Place %q, want in.txt %q (%v)", ie.File, ie.Place, tt.place, err)
			}
			if tt.err != nil && !errors.Is(err, tt.err) {
				t.Errorf("err = %v, want %v", err, tt.err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want it to say %q", err, tt.msg)
			}
		})
	}
}

func TestReadInvalidUTF8(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"export", "{\"name\": \"x\", \"messages\": [{\"id\": 1, \"type\": \"message\", \"text\": \"bad \xff\xfe byte\"}, {\"id\": 2, \"type\": \"message\", \"text\": \"fine\"}]}", "bad \uFFFD\uFFFD byte"},
		{"jsonl", "{\"channel\": \"a\", \"text\": \"bad \xff byte\"}\n{\"channel\": \"a\", \"text\": \"fine\"}\n", "bad \uFFFD byte"},
		{"html", "<html><div class=\"tgme_widget_message\" data-post=\"a/1\"><div class=\"tgme_widget_message_text\">bad \xff byte</div></div><div class=\"tgme_widget_message\" data-post=\"a/2\"><div class=\"tgme_widget_message_text\">fine</div></div></html>", "bad \uFFFD byte"},
		{"page copy", "Forwarded from X\nbad \xff byte\nForwarded from X\nfine\n", "bad \uFFFD byte"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, stats, err := Read(strings.NewReader(tt.data), "in")
			if err != nil {
				t.Fatal(err)
			}
			if len(posts) != 2 || posts[0].Text != tt.want || posts[1].Text != "fine" {
				t.Fatalf("posts %+v, want %q and \"fine\"", posts, tt.want)
			}
			if stats.RepairedUTF8 != 1 {
				t.Errorf("RepairedUTF8 = %d, want 1", stats.RepairedUTF8)
			}
		})
	}
}

func TestReadGzipAndStdin(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(readers, "posts.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	dir := t.TempDir()
	gzPath := filepath.Join(dir, "posts.data") // the name says nothing: the magic bytes do
	if err := os.WriteFile(gzPath, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	plain, _ := readTestFile(t, filepath.Join(readers, "posts.jsonl"))
	tests := []struct {
		name  string
		paths []string
		stdin []byte
	}{
		{"gz file", []string{gzPath}, nil},
		{"stdin", []string{"-"}, data},
		{"gz stdin", []string{"-"}, gz.Bytes()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, stats, err := ReadPaths(context.Background(), tt.paths, bytes.NewReader(tt.stdin))
			if err != nil {
				t.Fatal(err)
			}
			if len(posts) != len(plain) || stats.Files != 1 {
				t.Fatalf("%d posts, stats %+v; want %d", len(posts), stats, len(plain))
			}
			for i, p := range posts {
				if p.Text != plain[i].Text || p.Source != tt.paths[0] {
					t.Errorf("post %d: %q from %q, want %q from %q", i, p.Text, p.Source, plain[i].Text, tt.paths[0])
				}
			}
		})
	}
	if _, _, err := ReadPaths(context.Background(), []string{"-", "-"}, bytes.NewReader(data)); err == nil {
		t.Error("stdin named twice: no error")
	}
}

func TestReadPathsDirectory(t *testing.T) {
	posts, stats, err := ReadPaths(context.Background(), []string{filepath.Join(readers, "tree")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range posts {
		got = append(got, p.Text)
	}
	// Lexical order: a.jsonl, sub/b.jsonl.gz, sub/deeper/c.jsonl; the hidden
	// file and directory, the notes, the binary file, the empty file and
	// the HTML page without posts are skipped and counted.
	want := []string{"a1", "a2", "b1", "c1"}
	if !slices.Equal(got, want) {
		t.Errorf("texts %q, want %q", got, want)
	}
	wantSkipped := map[string]int{"file in no supported format": 1, "binary file": 1, "empty file": 1, "HTML file without Telegram posts": 1}
	if stats.Files != 3 || !maps.Equal(stats.Skipped, wantSkipped) {
		t.Errorf("stats %+v; want 3 files, skipped %v", stats, wantSkipped)
	}
	// Named on its own, an unreadable file is an error.
	_, _, err = ReadPaths(context.Background(), []string{filepath.Join(readers, "tree", "notes.txt")}, nil)
	if !errors.Is(err, ErrUnrecognised) {
		t.Errorf("notes.txt named: err %v, want ErrUnrecognised", err)
	}
	_, _, err = ReadPaths(context.Background(), []string{filepath.Join(readers, "no-such-file")}, nil)
	var ie *InputError
	if !errors.As(err, &ie) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err %v, want an InputError wrapping ErrNotExist", err)
	}
}

func TestReadPathsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := ReadPaths(ctx, []string{filepath.Join(mfaDir, "mid_russia.result.json")}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	// A read error of the stream itself is not a problem with the data.
	_, _, err = Read(iotestErrReader{}, "broken")
	var ie *InputError
	if err == nil || errors.As(err, &ie) || !strings.Contains(err.Error(), "broken") {
		t.Errorf("err = %v, want a plain error naming the file", err)
	}
}

type iotestErrReader struct{}

func (iotestErrReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestReadStatsAdd(t *testing.T) {
	s := ReadStats{Files: 1, Posts: 2, Skipped: map[string]int{"a": 1}}
	s.Add(ReadStats{Files: 2, Posts: 3, RepairedUTF8: 1, Duplicates: 4, Skipped: map[string]int{"a": 2, "b": 1}})
	want := ReadStats{Files: 3, Posts: 5, RepairedUTF8: 1, Duplicates: 4, Skipped: map[string]int{"a": 3, "b": 1}}
	if s.Files != want.Files || s.Posts != want.Posts || s.RepairedUTF8 != want.RepairedUTF8 ||
		s.Duplicates != want.Duplicates || !maps.Equal(s.Skipped, want.Skipped) {
		t.Errorf("got %+v, want %+v", s, want)
	}
	var z ReadStats
	z.Add(ReadStats{Skipped: map[string]int{"x": 1}})
	if z.Skipped["x"] != 1 {
		t.Errorf("Add into a zero ReadStats lost Skipped: %+v", z)
	}
}

func TestInputErrorFormat(t *testing.T) {
	inner := errors.New("boom")
	tests := []struct {
		e    *InputError
		want string
	}{
		{&InputError{File: "a.json", Place: "line 3, byte 12", Err: inner}, "a.json: line 3, byte 12: boom"},
		{&InputError{File: "-", Err: inner}, "-: boom"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.e, inner) {
			t.Errorf("%v does not unwrap to its Err", tt.e)
		}
	}
}
