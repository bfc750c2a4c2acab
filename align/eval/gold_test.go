package eval

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parapost/parapost/corpus"
)

// openTestdata opens a file under the repository's testdata.
func openTestdata(t *testing.T, rel string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", rel))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestReadGoldPairsTestdata(t *testing.T) {
	tests := []struct {
		file  string
		n     int
		first GoldPair
	}{
		{"mfa-sample/gold/pairs.tsv", 13, GoldPair{"MFARussia", 20514, "MID_Russia", 60118}},
		{"mfa-sample/gold/embassy_pairs.tsv", 10, GoldPair{"EmbassyofRussiaUSA", 1, "MID_Russia", 60118}},
		{"wmt23-ruen-dev/gold/pairs.tsv", 81, GoldPair{"Daily News 🇷🇺", 10000, "Новости дня 🇷🇺", 50000}},
	}
	for _, tt := range tests {
		pairs, err := ReadGoldPairs(openTestdata(t, tt.file), tt.file)
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if len(pairs) != tt.n {
			t.Errorf("%s: %d pairs, want %d", tt.file, len(pairs), tt.n)
		}
		if len(pairs) > 0 && pairs[0] != tt.first {
			t.Errorf("%s: first pair %+v, want %+v", tt.file, pairs[0], tt.first)
		}
	}
}

func TestReadGoldPairsFormatting(t *testing.T) {
	in := "\uFEFFen_channel\ten_id\tru_channel\tru_id\r\n\r\nA B\t1\tC\t2\r\n\nA B\t3\tC\t4"
	got, err := ReadGoldPairs(strings.NewReader(in), "crlf.tsv")
	if err != nil {
		t.Fatal(err)
	}
	want := []GoldPair{{"A B", 1, "C", 2}, {"A B", 3, "C", 4}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	// Other language pairs keep the same column order.
	if _, err := ReadGoldPairs(strings.NewReader("fr_channel\tfr_id\tde_channel\tde_id\nx\t1\ty\t2\n"), "defr.tsv"); err != nil {
		t.Errorf("de-fr header: %v", err)
	}
}

// checkInputError fails unless err is an *corpus.InputError at place whose message
// holds msg.
func checkInputError(t *testing.T, err error, file, place, msg string) {
	t.Helper()
	var ie *corpus.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v (%T), want an *corpus.InputError", err, err)
	}
	if ie.File != file || ie.Place != place || !strings.Contains(ie.Error(), msg) {
		t.Errorf("error %q (place %q), want file %q, place %q, containing %q", ie, ie.Place, file, place, msg)
	}
}

func TestReadGoldPairsBadInput(t *testing.T) {
	const header = "en_channel\ten_id\tru_channel\tru_id\n"
	tests := []struct {
		name, in, place, msg string
	}{
		{"empty", "", "", "empty file"},
		{"blank lines only", "\n \n", "", "empty file"},
		{"no header", "MFARussia\t1\tMID_Russia\t2\n", "line 1", "header"},
		{"spaces instead of tabs", "en_channel en_id ru_channel ru_id\n", "line 1", "header"},
		{"three fields", header + "MFARussia\t1\tMID_Russia\n", "line 2", "3 tab-separated fields"},
		{"id not a number", header + "\nMFARussia\t1\tMID_Russia\tx\n", "line 3", `"x" is not a positive integer`},
		{"negative id", header + "MFARussia\t-1\tMID_Russia\t2\n", "line 2", "positive"},
		{"empty channel", header + "\t1\tMID_Russia\t2\n", "line 2", "empty channel"},
		{"duplicate", header + "A\t1\tB\t2\nA\t3\tB\t4\nA\t1\tB\t2\n", "line 4", "duplicate of line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadGoldPairs(strings.NewReader(tt.in), "pairs.tsv")
			checkInputError(t, err, "pairs.tsv", tt.place, tt.msg)
		})
	}
}

func TestReadGoldBeadsTestdata(t *testing.T) {
	tests := []struct {
		file                     string
		docs, beads, omissions   int
		firstIDs                 [2]int64 // en, ru
		firstBeads               int
		firstSource, firstTarget string
	}{
		{"mfa-sample/gold/beads.jsonl", 13, 116, 2, [2]int64{20514, 60118}, 17,
			"Основные тезисы:", "Key talking points:"},
		{"wmt23-ruen-dev/gold/beads.jsonl", 81, 950, 33, [2]int64{10000, 50000}, 24, "", ""},
	}
	for _, tt := range tests {
		docs, err := ReadGoldBeads(openTestdata(t, tt.file), tt.file, "ru", "en")
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		beads, omissions := 0, 0
		for _, d := range docs {
			beads += len(d.Beads)
			for _, b := range d.Beads {
				if !b.Bilingual() {
					omissions++
				}
			}
		}
		if len(docs) != tt.docs || beads != tt.beads || omissions != tt.omissions {
			t.Errorf("%s: %d docs, %d beads, %d omissions; want %d, %d, %d",
				tt.file, len(docs), beads, omissions, tt.docs, tt.beads, tt.omissions)
		}
		first := docs[0]
		if first.TargetID != tt.firstIDs[0] || first.SourceID != tt.firstIDs[1] || len(first.Beads) != tt.firstBeads {
			t.Errorf("%s: first doc en %d ru %d with %d beads, want %v with %d",
				tt.file, first.TargetID, first.SourceID, len(first.Beads), tt.firstIDs, tt.firstBeads)
		}
		if tt.firstSource != "" && (first.Beads[1] != GoldBead{tt.firstSource, tt.firstTarget}) {
			t.Errorf("%s: second bead %+v", tt.file, first.Beads[1])
		}
	}
}

func TestReadGoldBeadsLanguages(t *testing.T) {
	in := `{"fr_id": 7, "de_id": 9, "beads": [{"de": "Hallo.", "fr": "Bonjour."}, {"de": "Welt.", "fr": null}, {"de": "", "fr": "Salut."}], "doc": "x"}`
	got, err := ReadGoldBeads(strings.NewReader(in), "defr.jsonl", "de", "fr")
	if err != nil {
		t.Fatal(err)
	}
	want := []GoldBeads{{TargetID: 7, SourceID: 9, Beads: []GoldBead{{"Hallo.", "Bonjour."}, {"Welt.", ""}, {"", "Salut."}}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestReadGoldBeadsBadInput(t *testing.T) {
	const ok = `{"en_id": 1, "ru_id": 2, "beads": [{"ru": "А.", "en": "A."}]}` + "\n"
	tests := []struct {
		name, in, place, msg string
	}{
		{"empty", "", "", "empty file"},
		{"not JSON", ok + "{en_id: 1}\n", "line 2", "not a JSON object"},
		{"truncated", ok + `{"en_id": 1, "ru_id": 3, "beads": [{"ru": "А.", `, "line 2", "not a JSON object"},
		{"missing en_id", `{"ru_id": 2, "beads": []}`, "line 1", `missing "en_id"`},
		{"string id", `{"en_id": "1", "ru_id": 2, "beads": []}`, "line 1", `"en_id" is "1"`},
		{"missing beads", `{"en_id": 1, "ru_id": 2}`, "line 1", `missing "beads"`},
		{"beads not a list", `{"en_id": 1, "ru_id": 2, "beads": {"ru": "А."}}`, "line 1", `"beads" is not a list`},
		{"side not a string", `{"en_id": 1, "ru_id": 2, "beads": [{"ru": 5, "en": "A."}]}`, "line 1", `"beads" is not a list`},
		{"bead without ru", "\n" + `{"en_id": 1, "ru_id": 2, "beads": [{"ru": "А.", "en": "A."}, {"en": "B."}]}`, "line 2", `bead 2: missing "ru"`},
		{"empty bead", `{"en_id": 1, "ru_id": 2, "beads": [{"ru": " ", "en": ""}]}`, "line 1", "bead 1: both sides are empty"},
		{"duplicate pair", ok + ok, "line 2", "repeat line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadGoldBeads(strings.NewReader(tt.in), "beads.jsonl", "ru", "en")
			checkInputError(t, err, "beads.jsonl", tt.place, tt.msg)
		})
	}
}

func TestReadLineAlignmentTestdata(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "wmt23-ruen-dev", "lines", "*.ruen"))
	if err != nil || len(files) != 81 {
		t.Fatalf("want 81 gold alignment files, got %d (%v)", len(files), err)
	}
	beads, omissions := 0, 0
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ReadLineAlignment(bytes.NewReader(data), name)
		if err != nil {
			t.Fatal(err)
		}
		beads += len(got)
		for _, b := range got {
			if len(b.Source) == 0 || len(b.Target) == 0 {
				omissions++
			}
		}
		// Writing what was read gives the file back: the gold is written as
		// Vecalign writes it.
		var buf bytes.Buffer
		if err := WriteLineAlignment(&buf, got, false); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), data) {
			t.Errorf("%s: rewritten file differs:\n%s", name, buf.Bytes())
		}
	}
	// One bead per gold bead of beads.jsonl, omissions included.
	if beads != 950 || omissions != 33 {
		t.Errorf("%d beads, %d omissions; want 950, 33", beads, omissions)
	}
}

func TestLineAlignmentRoundTrip(t *testing.T) {
	beads := []LineBead{
		{Source: []int{0}, Target: []int{0, 1}, Score: 0.873},
		{Source: nil, Target: []int{2}},
		{Source: []int{1, 2}, Target: nil, Score: 0},
		{Source: []int{3}, Target: []int{3}, Score: 1.25},
		{Source: []int{4, 5, 6}, Target: []int{4}, Score: 0.1234564},
		{Source: []int{7}, Target: []int{5}, Score: -0.0000001},
	}
	tests := []struct {
		withScore bool
		text      string
	}{
		{false, "[0]:[0, 1]\n[]:[2]\n[1, 2]:[]\n[3]:[3]\n[4, 5, 6]:[4]\n[7]:[5]\n"},
		{true, "[0]:[0, 1]:0.873\n[]:[2]:0\n[1, 2]:[]:0\n[3]:[3]:1.25\n[4, 5, 6]:[4]:0.123456\n[7]:[5]:0\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := WriteLineAlignment(&buf, beads, tt.withScore); err != nil {
			t.Fatal(err)
		}
		if buf.String() != tt.text {
			t.Errorf("withScore=%v: wrote\n%s\nwant\n%s", tt.withScore, buf.String(), tt.text)
		}
		got, err := ReadLineAlignment(&buf, "round-trip")
		if err != nil {
			t.Fatal(err)
		}
		for i := range beads {
			want := beads[i]
			want.Score = 0
			if tt.withScore {
				want.Score = []float64{0.873, 0, 0, 1.25, 0.123456, 0}[i]
			}
			if !reflect.DeepEqual(got[i], want) {
				t.Errorf("withScore=%v: bead %d read back as %+v, want %+v", tt.withScore, i, got[i], want)
			}
		}
	}
}

func TestReadLineAlignmentLenient(t *testing.T) {
	in := "\uFEFF[0]:[0]\r\n\r\n[ 1 ,2 ] : [ ] : 0.5\r\n[]:[1]"
	got, err := ReadLineAlignment(strings.NewReader(in), "x.ruen")
	if err != nil {
		t.Fatal(err)
	}
	want := []LineBead{{Source: []int{0}, Target: []int{0}}, {Source: []int{1, 2}, Score: 0.5}, {Target: []int{1}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got, err := ReadLineAlignment(strings.NewReader(""), "empty.ruen"); err != nil || len(got) != 0 {
		t.Errorf("empty file: %v, %v; want no beads and no error", got, err)
	}
}

func TestReadLineAlignmentBadInput(t *testing.T) {
	tests := []struct {
		name, in, place, msg string
	}{
		{"no colon", "[0]-[0]\n", "line 1", "want [source lines]:[target lines]"},
		{"too many fields", "[0]:[0]:0.5:1\n", "line 1", "want [source lines]"},
		{"no brackets", "[0]:[0]\n\n0:[1]\n", "line 3", `"0" is not a bracketed list`},
		{"not an index", "[0]:[0]\n[1]:[a]\n", "line 2", `target side: "[a]": "a" is not a line index`},
		{"negative index", "[-1]:[0]\n", "line 1", `"-1" is not a line index`},
		{"empty element", "[0, ]:[0]\n", "line 1", "not a line index"},
		{"bad score", "[0]:[0]:high\n", "line 1", `score "high" is not a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadLineAlignment(strings.NewReader(tt.in), "doc.ruen")
			checkInputError(t, err, "doc.ruen", tt.place, tt.msg)
		})
	}
}

func TestWriteLineAlignmentErrors(t *testing.T) {
	if err := WriteLineAlignment(&bytes.Buffer{}, []LineBead{{Source: []int{-1}}}, false); err == nil {
		t.Error("negative index written without error")
	}
	if err := WriteLineAlignment(failWriter{}, []LineBead{{Source: []int{0}, Target: []int{0}}}, false); err == nil {
		t.Error("write error not reported")
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestLineSpans(t *testing.T) {
	text := "first\r\n\nthird\nlast"
	want := []string{"first", "", "third", "last"}
	spans := LineSpans(text)
	if len(spans) != len(want) {
		t.Fatalf("%d spans, want %d", len(spans), len(want))
	}
	for i, sp := range spans {
		if got := text[sp.Start:sp.End]; got != want[i] {
			t.Errorf("line %d = %q, want %q", i, got, want[i])
		}
	}
	if n := len(LineSpans("a\nb\n")); n != 2 {
		t.Errorf("a final newline gives %d lines, want 2", n)
	}
	lb := LineBeadOf(corpus.Bead{SrcStart: 3, SrcEnd: 5, TgtStart: 7, TgtEnd: 7, Score: 0.5})
	if fmt.Sprint(lb.Source, lb.Target, lb.Score) != "[3 4] [] 0.5" {
		t.Errorf("LineBeadOf = %+v", lb)
	}
}
