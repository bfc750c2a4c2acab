package sim

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/parapost/parapost/corpus"
)

// testArticles are dictd articles written for these tests in the style of
// Mueller's English-Russian dictionary (transcriptions, part-of-speech and
// usage marks, numbered senses, examples, phrases with lettered sub-senses,
// homonyms, references, lines wrapped at column 0).
var testArticles = []struct{ head, text string }{
	{"00-database-info", "00-database-info\n   A dictionary written for a test.\n"},
	{"00-database-short", "00-database-short\n   Test dictionary\n"},
	{"_разг.", "_разг.\n   colloquial разговорное\n"},
	{"bank", "bank\n   _I  [bæŋk]\n      _n. берег (реки); склон\n   _II [bæŋk]\n" +
		"      1. _n. банк; bank of issue эмиссионный банк\n      2. _v. класть деньги в банк\n"},
	{"color", "color\n   [↗kʌlɜ] _n. цвет, краска; local color местный колорит\n"},
	{"colour", "colour\n   = color\n"},
	{"judgment, judgement", "judgment, judgement\n   [↗dʒʌdʒmɜnt] _n. суждение; решение суда\n"},
	{"meeting", "meeting\n   [↗mi:tɪŋ]\n   1. _pres-p. от meet\n   2. _n.\n" +
		"      1) встреча, собрание; to call a meeting созвать\n      собрание\n" +
		"      2) _спорт. состязание, игра\n" +
		"      3) _attr. встречный; meeting point место встречи\n"},
	{"minister", "Minister\n   [↗mɪnɪstɜ] _n.\n   1) министр; Prime Minister премьер-министр;\n" +
		"   глава правительства\n   2) _дип. посланник (в миссии, тж.\n   посольстве)\n"},
	{"nowhere", "nowhere\n   = elsewhere II\n"},
	{"take", "take\n   [tɛɪk] _v.\n   1) брать, взять; take it easy не волнуйся; take part\n" +
		"      а) участвовать;\n      б) принимать участие (в чём-л.)\n" +
		"   2) {см. тж. take off} занимать (место); to take a seat сесть\n" +
		"   3) глагол в сочетании с существительным означает: действие\n"},
	{"wrap", "wrap\n   [ræp] _v. завёртывать, обёртывать; to wrap up a parcel\nзавернуть посылку; кутать\n"},
}

// wantEntries is what testArticles hold, in index order.
var wantEntries = []DictEntry{
	{"bank", []string{"берег", "склон", "банк", "класть деньги в банк"}},
	{"color", []string{"цвет", "краска"}},
	{"judgment", []string{"суждение", "решение суда"}},
	{"judgement", []string{"суждение", "решение суда"}},
	{"meeting", []string{"встреча", "собрание", "состязание", "игра", "встречный"}},
	{"Minister", []string{"министр", "посланник"}},
	{"take", []string{"брать", "взять", "занимать"}},
	{"take part", []string{"участвовать", "принимать участие"}},
	{"wrap", []string{"завёртывать", "обёртывать"}},
	// References are resolved last.
	{"colour", []string{"цвет", "краска"}},
}

// encodeDictdBase64 is the inverse of decodeDictdBase64.
func encodeDictdBase64(v uint64) string {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	if v == 0 {
		return "A"
	}
	var b []byte
	for ; v > 0; v >>= 6 {
		b = append([]byte{digits[v&63]}, b...)
	}
	return string(b)
}

// writeDictd writes articles as a dictd pair in dir and returns the paths of
// the index and the data file (gzip'ed when zip is set).
func writeDictd(t *testing.T, dir string, zip bool) (index, data string) {
	t.Helper()
	var idx, dat bytes.Buffer
	for _, a := range testArticles {
		idx.WriteString(a.head + "\t" + encodeDictdBase64(uint64(dat.Len())) + "\t" + encodeDictdBase64(uint64(len(a.text))) + "\n")
		dat.WriteString(a.text)
	}
	index = filepath.Join(dir, "test.index")
	data = filepath.Join(dir, "test.dict")
	raw := dat.Bytes()
	if zip {
		data += ".dz"
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(raw)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		raw = z.Bytes()
	}
	if err := os.WriteFile(index, idx.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(data, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return index, data
}

func TestReadDictd(t *testing.T) {
	for _, zip := range []bool{false, true} {
		name := map[bool]string{false: "plain", true: "dictzip"}[zip]
		t.Run(name, func(t *testing.T) {
			index, data := writeDictd(t, t.TempDir(), zip)
			d, err := ReadDictd(index, data, "en", "ru")
			if err != nil {
				t.Fatal(err)
			}
			if d.FromLang != "en" || d.ToLang != "ru" {
				t.Errorf("langs = %q, %q; want en, ru", d.FromLang, d.ToLang)
			}
			if !reflect.DeepEqual(d.Entries, wantEntries) {
				t.Errorf("entries:\n%s\nwant:\n%s", formatEntries(d.Entries), formatEntries(wantEntries))
			}
			if got, want := d.Pairs(), 26; got != want {
				t.Errorf("Pairs() = %d, want %d", got, want)
			}
		})
	}
}

func formatEntries(es []DictEntry) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString("\t" + e.Head + " → " + strings.Join(e.Translations, " | ") + "\n")
	}
	return b.String()
}

func TestOpenDict(t *testing.T) {
	dir := t.TempDir()
	index, dz := writeDictd(t, dir, true)
	plainDir := t.TempDir()
	_, plain := writeDictd(t, plainDir, false)
	tsv := filepath.Join("..", "..", "testdata", "dict", "en-ru-small.tsv")
	for _, tc := range []struct {
		path      string
		wantFirst string
	}{
		{index, "bank"}, // finds test.dict.dz beside it
		{dz, "bank"},
		{plain, "bank"},
		{filepath.Join(plainDir, "test.index"), "bank"}, // falls back to test.dict
		{tsv, "meeting"},
	} {
		d, err := OpenDict(tc.path, "en", "ru")
		if err != nil {
			t.Errorf("OpenDict(%s): %v", tc.path, err)
			continue
		}
		if len(d.Entries) == 0 || d.Entries[0].Head != tc.wantFirst {
			t.Errorf("OpenDict(%s): first entry %v, want %q", tc.path, d.Entries[:min(1, len(d.Entries))], tc.wantFirst)
		}
	}

	var ie *corpus.InputError
	if _, err := OpenDict(filepath.Join(dir, "words.txt"), "en", "ru"); !errors.As(err, &ie) {
		t.Errorf("unknown extension: err = %v, want an InputError", err)
	}
	_, err := OpenDict(filepath.Join(dir, "missing.index"), "en", "ru")
	if !errors.Is(err, fs.ErrNotExist) || errors.As(err, &ie) {
		t.Errorf("missing file: err = %v, want a not-exist error that is not an InputError", err)
	}
}

func TestDecodeDictdBase64(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    uint64
		wantErr bool
	}{
		{"A", 0, false},
		{"B", 1, false},
		{"Z", 25, false},
		{"a", 26, false},
		{"z", 51, false},
		{"0", 52, false},
		{"9", 61, false},
		{"+", 62, false},
		{"/", 63, false},
		{"BA", 64, false},
		{"AAB", 1, false}, // leading zeros
		{"H0", 7*64 + 52, false},
		{"TWyG", ((19*64+22)*64+50)*64 + 6, false},
		{"//////////", 1<<60 - 1, false},
		{"", 0, true},
		{"A=", 0, true}, // no padding in dictd's alphabet
		{"A-B", 0, true},
		{"Ж", 0, true},
		{" A", 0, true},
		{"AAAAAAAAAAA", 0, true}, // 11 digits could overflow 64 bits
	} {
		got, err := decodeDictdBase64(tc.in)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("decodeDictdBase64(%q) = %d, %v; want %d, error %v", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
	for _, v := range []uint64{0, 1, 63, 64, 4095, 4096, 9303472, 1<<60 - 1} {
		if got, err := decodeDictdBase64(encodeDictdBase64(v)); err != nil || got != v {
			t.Errorf("round trip %d: got %d, %v", v, got, err)
		}
	}
}

func TestReadDictdBadIndex(t *testing.T) {
	data := "word\n   _n. слово\nother\n   _n. другое\n"
	good := "word\tA\tS\n" // 0, 18
	for _, tc := range []struct {
		name, index, wantPlace, wantMsg string
	}{
		{"two fields", good + "other\tS\n", "line 2", "found 2 field(s)"},
		{"bad offset digit", good + "other\tS!\tR\n", "line 2", "offset"},
		{"bad length digit", "word\tA\t-1\n", "line 1", "length"},
		{"past the end", good + "\nother\tS\tZZ\n", "line 3", "past the end"},
		{"offset past the end", good + "other\tBAAA\tB\n", "line 2", "past the end"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			index := filepath.Join(dir, "x.index")
			os.WriteFile(index, []byte(tc.index), 0o644)
			os.WriteFile(filepath.Join(dir, "x.dict"), []byte(data), 0o644)
			_, err := OpenDict(index, "en", "ru")
			var ie *corpus.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an InputError", err)
			}
			if ie.File != index || ie.Place != tc.wantPlace || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("err = %v (file %q, place %q); want file %q, place %q, message with %q",
					err, ie.File, ie.Place, index, tc.wantPlace, tc.wantMsg)
			}
		})
	}
}

func TestReadDictdBadData(t *testing.T) {
	dir := t.TempDir()
	index, dz := writeDictd(t, dir, true)
	raw, err := os.ReadFile(dz)
	if err != nil {
		t.Fatal(err)
	}
	// A dictzip file cut short: the gzip header is intact, the stream is not.
	if err := os.WriteFile(dz, raw[:len(raw)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadDictd(index, dz, "en", "ru")
	var ie *corpus.InputError
	if !errors.As(err, &ie) || ie.File != dz {
		t.Errorf("truncated dictzip: err = %v, want an InputError naming %s", err, dz)
	}

	// Only meta entries: nothing to use.
	os.WriteFile(index, []byte("00-database-info\tA\tB\n"), 0o644)
	os.WriteFile(dz, []byte("x\n"), 0o644)
	if _, err := ReadDictd(index, dz, "en", "ru"); !errors.As(err, &ie) {
		t.Errorf("no entries: err = %v, want an InputError", err)
	}
}

func TestReadDictTSV(t *testing.T) {
	in := "\uFEFF# comment line\n" +
		"\n" +
		"meeting\tвстреча\tсобрание\r\n" +
		"   # indented comment\n" +
		"minister\t министр \n" +
		"foreign policy\tвнешняя политика\t\n" + // an empty last field is ignored
		"meeting\tвстреча\tзаседание\n" + // merged into the first entry
		"talks\tпереговоры" // no final newline
	d, err := ReadDictTSV(strings.NewReader(in), "words.tsv", "en", "ru")
	if err != nil {
		t.Fatal(err)
	}
	want := []DictEntry{
		{"meeting", []string{"встреча", "собрание", "заседание"}},
		{"minister", []string{"министр"}},
		{"foreign policy", []string{"внешняя политика"}},
		{"talks", []string{"переговоры"}},
	}
	if !reflect.DeepEqual(d.Entries, want) {
		t.Errorf("entries:\n%s\nwant:\n%s", formatEntries(d.Entries), formatEntries(want))
	}
	if d.FromLang != "en" || d.ToLang != "ru" {
		t.Errorf("langs = %q, %q", d.FromLang, d.ToLang)
	}
}

func TestReadDictTSVFixture(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "testdata", "dict", "en-ru-small.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := ReadDictTSV(f, "en-ru-small.tsv", "en", "ru")
	if err != nil {
		t.Fatal(err)
	}
	// The fixture repeats "meeting" to exercise merging.
	if d.Entries[0].Head != "meeting" || !reflect.DeepEqual(d.Entries[0].Translations,
		[]string{"встреча", "собрание", "заседание", "митинг"}) {
		t.Errorf("first entry = %v", d.Entries[0])
	}
}

func TestReadDictTSVBadLines(t *testing.T) {
	for _, tc := range []struct {
		name, in, wantPlace, wantMsg string
	}{
		{"no tab", "a\tб\nword only\n", "line 2", "no tab"},
		{"spaces, not a tab", "word  слово\n", "line 1", "no tab"},
		{"empty source", "# c\n\tслово\n", "line 2", "empty source"},
		{"no target", "a\tб\nc\t \t\n", "line 2", "no target"},
		{"invalid UTF-8", "a\tб\n\n\nc\t\xff\n", "line 4", "UTF-8"},
		{"nothing but comments", "# only\n\n", "", "no dictionary entries"},
		{"empty", "", "", "no dictionary entries"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadDictTSV(strings.NewReader(tc.in), "w.tsv", "en", "ru")
			var ie *corpus.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an InputError", err)
			}
			if ie.File != "w.tsv" || ie.Place != tc.wantPlace || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("err = %v; want place %q, message with %q", err, tc.wantPlace, tc.wantMsg)
			}
		})
	}
}

// TestMueller7 loads Debian's mueller7-dict when it is installed
// (apt-get install mueller7-dict); it is never part of the repository.
func TestMueller7(t *testing.T) {
	const index = "/usr/share/dictd/mueller7.index"
	if _, err := os.Stat(index); err != nil {
		skipWithoutMueller(t)
	}
	start := time.Now()
	d, err := OpenDict(index, "en", "ru")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("mueller7: %d entries, %d word pairs, loaded in %v", len(d.Entries), d.Pairs(), time.Since(start))
	if len(d.Entries) < 40000 || d.Pairs() < 100000 {
		t.Errorf("only %d entries, %d pairs", len(d.Entries), d.Pairs())
	}
	byHead := make(map[string][]string, len(d.Entries))
	for _, e := range d.Entries {
		byHead[e.Head] = e.Translations
		if strings.HasPrefix(e.Head, "00") || strings.HasPrefix(e.Head, "_") {
			t.Errorf("meta or legend entry %q kept", e.Head)
		}
		for _, tr := range e.Translations {
			if strings.ContainsAny(tr, "[]()_{}~;") || strings.IndexFunc(tr, isASCIILetter) >= 0 {
				t.Errorf("%s: unclean translation %q", e.Head, tr)
			}
		}
	}
	for head, want := range map[string]string{
		"minister": "министр",
		"meeting":  "встреча",
		"state":    "государство",
		"embassy":  "посольство",
		"go":       "идти",
		"go about": "расхаживать",  // a phrase with lettered sub-senses
		"biased":   "пристрастный", // "= biassed"
	} {
		if !containsString(byHead[head], want) {
			t.Errorf("%s → %q, want it to include %q", head, byHead[head], want)
		}
	}
	// Examples must not leak into the head's translations: "the ministers
	// правительство" is an example of "minister".
	if containsString(byHead["minister"], "правительство") {
		t.Errorf("minister → %q: example translation leaked", byHead["minister"])
	}
}

func isASCIILetter(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }
