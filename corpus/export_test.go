package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCleanLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Plain sentence.", "Plain sentence."},
		{"two\nlines", "two lines"},
		{"tab\there", "tab here"},
		{"crlf\r\nend", "crlf end"},
		{"  padded   and  spaced  ", "padded and spaced"},
		{"line\u2028separator\u2029paragraph\u0085next", "line separator paragraph next"},
		{"control\x01\x1b[0m chars\x7f", "control [0m chars"},
		{"non\uFFFEchar\uFFFF", "nonchar"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"10\u00a0000 рублей", "10\u00a0000 рублей"}, // no-break space kept
		{`"quoted" & <tagged>`, `"quoted" & <tagged>`},
	}
	for _, tt := range tests {
		if got := CleanLine(tt.in); got != tt.want {
			t.Errorf("CleanLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// exportRows are beads whose texts hold everything that breaks naive
// exports: quotes (DuckDB's CSV COPY quotes such lines), tabs, line breaks,
// Unicode line separators, control characters, markup.
var exportRows = []SentenceRow{
	{ID: "1-0", PairID: 1, SourceChannel: "MID_Russia", SourcePostID: 60118, TargetChannel: "MFARussia", TargetPostID: 20514,
		Alignment: "1-1", Score: 0.98, Translation: map[string]string{
			"ru": "📰 Интервью Ю.В.Ушакова агентству «ТАСС»", "en": `📰 Yuri Ushakov's interview with "TASS"`}},
	{ID: "1-2", PairID: 1, SourceChannel: "MID_Russia", SourcePostID: 60118, TargetChannel: "MFARussia", TargetPostID: 20514,
		Alignment: "1-2", Score: 0.5, Translation: map[string]string{
			"ru": "Основные\tтезисы:\nпервый", "en": "Key talking\r\npoints:\u2028first\x01 one"}},
	{ID: "2-0", PairID: 2, SourceChannel: "MID_Russia", SourcePostID: 61062, TargetChannel: "MFARussia", TargetPostID: 20883,
		Alignment: "2-1", Score: 0.25, Translation: map[string]string{
			"ru": "Тег <b> & «кавычки» \uFFFE", "en": "Tag <b> & 'quotes' </seg>"}},
}

func rowSeq(rows []SentenceRow) iter.Seq2[SentenceRow, error] {
	return func(yield func(SentenceRow, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

var exportOpt = ExportOptions{SourceLang: "ru", TargetLang: "en", ToolVersion: "v0.1.0"}

func lines(t *testing.T, b []byte) []string {
	t.Helper()
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

func TestWriteMoses(t *testing.T) {
	var ru, en bytes.Buffer
	n, err := WriteMoses(&ru, &en, rowSeq(exportRows), exportOpt)
	if err != nil || n != len(exportRows) {
		t.Fatalf("WriteMoses = %d, %v; want %d rows", n, err, len(exportRows))
	}
	ruLines, enLines := lines(t, ru.Bytes()), lines(t, en.Bytes())
	if len(ruLines) != len(exportRows) || len(enLines) != len(exportRows) {
		t.Fatalf("%d ru and %d en lines, want %d each", len(ruLines), len(enLines), len(exportRows))
	}
	for i, r := range exportRows {
		if ruLines[i] != CleanLine(r.Translation["ru"]) || enLines[i] != CleanLine(r.Translation["en"]) {
			t.Errorf("line %d: %q | %q", i, ruLines[i], enLines[i])
		}
	}
	if enLines[0] != `📰 Yuri Ushakov's interview with "TASS"` {
		t.Errorf("quotes were changed: %q", enLines[0])
	}
	// Python's str.splitlines() is what many training scripts use.
	for _, b := range [][]byte{ru.Bytes(), en.Bytes()} {
		if bytes.ContainsAny(b, "\r\t\v\f\u0085\u2028\u2029\x1c\x1d\x1e") {
			t.Errorf("a line breaker other than \\n is left in %q", b)
		}
	}
}

func TestWriteTSV(t *testing.T) {
	var buf bytes.Buffer
	if _, err := WriteTSV(&buf, rowSeq(exportRows), exportOpt); err != nil {
		t.Fatal(err)
	}
	got := lines(t, buf.Bytes())
	if len(got) != len(exportRows) {
		t.Fatalf("%d lines, want %d", len(got), len(exportRows))
	}
	for i, l := range got {
		f := strings.Split(l, "\t")
		if len(f) != 2 || f[0] != CleanLine(exportRows[i].Translation["ru"]) || f[1] != CleanLine(exportRows[i].Translation["en"]) {
			t.Errorf("line %d = %q, want ru<TAB>en", i, l)
		}
	}
}

func TestWriteJSONL(t *testing.T) {
	var buf bytes.Buffer
	if _, err := WriteJSONL(&buf, rowSeq(exportRows), exportOpt); err != nil {
		t.Fatal(err)
	}
	got := lines(t, buf.Bytes())
	if len(got) != len(exportRows) {
		t.Fatalf("%d lines, want %d", len(got), len(exportRows))
	}
	for i, l := range got {
		var rec struct {
			ID          string            `json:"id"`
			PairID      int64             `json:"pair_id"`
			Score       float64           `json:"score"`
			Alignment   string            `json:"alignment"`
			Translation map[string]string `json:"translation"`
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		r := exportRows[i]
		if rec.ID != r.ID || rec.PairID != r.PairID || rec.Score != r.Score || rec.Alignment != r.Alignment ||
			rec.Translation["ru"] != CleanLine(r.Translation["ru"]) || rec.Translation["en"] != CleanLine(r.Translation["en"]) || len(rec.Translation) != 2 {
			t.Errorf("line %d = %s", i, l)
		}
	}
	if !strings.Contains(got[2], "Tag <b> &") {
		t.Errorf("markup escaped as \\u003c: %s", got[2])
	}
}

// tmxDoc is what a TMX reader sees.
type tmxDoc struct {
	XMLName xml.Name `xml:"tmx"`
	Version string   `xml:"version,attr"`
	Header  struct {
		Attrs []xml.Attr `xml:",any,attr"`
	} `xml:"header"`
	TUs []struct {
		TUID  string `xml:"tuid,attr"`
		Props []struct {
			Type  string `xml:"type,attr"`
			Value string `xml:",chardata"`
		} `xml:"prop"`
		TUVs []struct {
			Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			Seg  string `xml:"seg"`
		} `xml:"tuv"`
	} `xml:"body>tu"`
}

func TestWriteTMX(t *testing.T) {
	var buf bytes.Buffer
	if _, err := WriteTMX(&buf, rowSeq(exportRows), exportOpt); err != nil {
		t.Fatal(err)
	}
	var doc tmxDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, buf.String())
	}
	if doc.Version != "1.4" {
		t.Errorf("version %q", doc.Version)
	}
	header := map[string]string{}
	for _, a := range doc.Header.Attrs {
		header[a.Name.Local] = a.Value
	}
	// The attributes the TMX 1.4b DTD requires of <header>.
	for k, want := range map[string]string{"creationtool": "parapost", "creationtoolversion": "v0.1.0", "segtype": "sentence",
		"o-tmf": "parapost", "adminlang": "en", "srclang": "ru", "datatype": "plaintext"} {
		if header[k] != want {
			t.Errorf("header %s = %q, want %q", k, header[k], want)
		}
	}
	if len(doc.TUs) != len(exportRows) {
		t.Fatalf("%d tu, want %d", len(doc.TUs), len(exportRows))
	}
	for i, tu := range doc.TUs {
		r := exportRows[i]
		if tu.TUID != r.ID || len(tu.TUVs) != 2 || tu.TUVs[0].Lang != "ru" || tu.TUVs[1].Lang != "en" ||
			tu.TUVs[0].Seg != CleanLine(r.Translation["ru"]) || tu.TUVs[1].Seg != CleanLine(r.Translation["en"]) {
			t.Errorf("tu %d = %+v", i, tu)
		}
		if len(tu.Props) == 0 || tu.Props[0].Type != "x-score" {
			t.Errorf("tu %d: props %+v, want x-score first", i, tu.Props)
		}
	}
	// xmllint is the reference checker where it is installed (Debian
	// libxml2-utils); encoding/xml above holds everywhere.
	if path, err := exec.LookPath("xmllint"); err == nil {
		file := filepath.Join(t.TempDir(), "x.tmx")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(path, "--noout", file).CombinedOutput(); err != nil {
			t.Errorf("xmllint --noout: %v\n%s", err, out)
		}
	}
}

func TestExportFilesMoses(t *testing.T) {
	dir := t.TempDir()
	prefix := filepath.Join(dir, "train")
	files, n, err := ExportFiles(prefix, ExportMoses, rowSeq(exportRows), exportOpt)
	if err != nil || n != len(exportRows) {
		t.Fatalf("ExportFiles = %v, %d, %v", files, n, err)
	}
	if want := []string{prefix + ".ru", prefix + ".en"}; !slices.Equal(files, want) {
		t.Errorf("files %v, want %v", files, want)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(lines(t, b)); got != len(exportRows) {
			t.Errorf("%s: %d lines, want %d", f, got, len(exportRows))
		}
	}
}

// TestExportFilesAllOrNone: a read error in the middle leaves the earlier
// export in place, both files of it, and no temporary files.
func TestExportFilesAllOrNone(t *testing.T) {
	dir := t.TempDir()
	prefix := filepath.Join(dir, "train")
	if _, _, err := ExportFiles(prefix, ExportMoses, rowSeq(exportRows[:1]), exportOpt); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("read sentences.parquet: boom")
	failing := func(yield func(SentenceRow, error) bool) {
		if yield(exportRows[1], nil) {
			yield(SentenceRow{}, boom)
		}
	}
	for _, format := range ExportFormats {
		path := prefix
		if format != ExportMoses {
			path = prefix + "." + string(format)
		}
		if _, _, err := ExportFiles(path, format, failing, exportOpt); !errors.Is(err, boom) {
			t.Errorf("%s: error %v, want %v", format, err, boom)
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"train.en", "train.ru"}; !slices.Equal(names, want) {
		t.Errorf("directory holds %v, want only %v", names, want)
	}
	for _, f := range []string{prefix + ".ru", prefix + ".en"} {
		b, _ := os.ReadFile(f)
		if len(lines(t, b)) != 1 {
			t.Errorf("%s was changed: %q", f, b)
		}
	}
}

// TestExportFromParquet runs the whole path: sentences.parquet, streamed,
// to Moses files of as many lines as bilingual beads.
func TestExportFromParquet(t *testing.T) {
	_, pairs := pqFixture(t)
	var buf bytes.Buffer
	if err := WriteSentences(&buf, pairs, "ru", "en"); err != nil {
		t.Fatal(err)
	}
	langs, rows, err := SentencesParquetRows(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if langs != [2]string{"en", "ru"} {
		t.Errorf("languages %v", langs)
	}
	var ru, en bytes.Buffer
	n, err := WriteMoses(&ru, &en, rows, exportOpt)
	if err != nil {
		t.Fatal(err)
	}
	bilingual := 0
	for _, p := range pairs {
		for _, b := range p.Beads {
			if b.Bilingual() {
				bilingual++
			}
		}
	}
	if n != bilingual || len(lines(t, ru.Bytes())) != bilingual || len(lines(t, en.Bytes())) != bilingual {
		t.Errorf("%d rows, %d/%d lines; want %d", n, len(lines(t, ru.Bytes())), len(lines(t, en.Bytes())), bilingual)
	}
}

func TestParseExportFormat(t *testing.T) {
	for _, s := range []string{"moses", "TSV", " jsonl", "tmx"} {
		if _, err := ParseExportFormat(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	if _, err := ParseExportFormat("csv"); err == nil || !strings.Contains(err.Error(), "moses, tsv, jsonl, tmx") {
		t.Errorf("csv: error %v", err)
	}
}
