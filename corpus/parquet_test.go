package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/parquet-go/parquet-go"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden schema files under testdata/parquet")

// Texts of the fixture. The flag emoji makes byte and code-point offsets
// differ from the first character on.
const (
	pqRuText1 = "🇷🇺 Сергей Лавров провёл переговоры с коллегой. Стороны обсудили торговлю. И энергетику. " +
		"Встреча прошла в тёплой атмосфере. Подписан меморандум о сотрудничестве."
	pqEnText1 = "🇷🇺 Sergey Lavrov held talks with his counterpart. The sides discussed trade and energy. " +
		"Read more at mid.ru. A memorandum was signed. It covers cooperation."
	pqRuText2 = "Заявление МИД России. Полный текст на сайте."
	pqEnText2 = "Statement by the Russian MFA. Full text on the website."
)

var (
	pqRuSents1 = []string{"Сергей Лавров провёл переговоры с коллегой.", "Стороны обсудили торговлю.", "И энергетику.",
		"Встреча прошла в тёплой атмосфере.", "Подписан меморандум о сотрудничестве."}
	pqEnSents1 = []string{"Sergey Lavrov held talks with his counterpart.", "The sides discussed trade and energy.",
		"Read more at mid.ru.", "A memorandum was signed.", "It covers cooperation."}
	pqRuSents2 = []string{"Заявление МИД России.", "Полный текст на сайте."}
	pqEnSents2 = []string{"Statement by the Russian MFA.", "Full text on the website."}
)

// pqSpans locates each sentence in text, in order.
func pqSpans(t *testing.T, text string, sents []string) []Span {
	t.Helper()
	var spans []Span
	from := 0
	for _, s := range sents {
		i := strings.Index(text[from:], s)
		if i < 0 {
			t.Fatalf("sentence %q not in %q", s, text)
		}
		spans = append(spans, Span{from + i, from + i + len(s)})
		from += i + len(s)
	}
	return spans
}

// pqFixture builds posts and pairs by hand: a dated pair with 1-1, 2-1,
// 1-0, 0-1 and 1-2 beads; a pair whose Russian post has no date, with a
// 2-2 bead; a pair with no beads; and an unpaired post. Posts and pairs
// come out of order.
func pqFixture(t *testing.T) ([]*Post, []*Pair) {
	t.Helper()
	msk := time.FixedZone("MSK", 3*3600)
	ru1 := &Post{
		Channel: "mid_russia", ChannelTitle: "МИД России", ChannelID: 1065276858, ID: 100,
		Date:   time.Date(2023, 6, 10, 9, 15, 30, 123456789, msk),
		Text:   pqRuText1,
		Source: "ru.result.json", Edited: true,
		Hashtags: []string{"#Лавров"},
		Provenance: []Provenance{
			{Source: "ru.result.json", Channel: "МИД России", PostID: 100},
			{Source: "mid_russia.html", Channel: "mid_russia", PostID: 100},
		},
		Lang: "ru", LangConfidence: 0.98,
	}
	en1 := &Post{
		Channel: "embassy_usa", ID: 200,
		Date:    time.Date(2023, 6, 10, 12, 0, 0, 0, time.UTC),
		Text:    pqEnText1,
		Source:  "embassy_usa.page.txt",
		Forward: &Forward{From: "MFARussia", PostID: 23456},
		Links:   []string{"https://mid.ru/en/"},
		Lang:    "en", LangConfidence: 0.91,
		LangSpans: []LangSpan{{0, 9, "ru"}, {9, len(pqEnText1), "en"}},
	}
	ru2 := &Post{Channel: "mid_russia", ID: 101, Text: pqRuText2, Source: "ru.result.json", Lang: "ru", LangConfidence: 1}
	en2 := &Post{
		Channel: "embassy_usa", ID: 201,
		Date: time.Date(2023, 6, 11, 8, 0, 0, 0, time.UTC),
		Text: pqEnText2, Source: "embassy_usa.page.txt",
		Forward: &Forward{From: "Russian MFA 🇷🇺"},
		Lang:    "en", LangConfidence: 0.99,
	}
	ru3 := &Post{Channel: "mid_russia", ID: 102, Date: time.Date(2023, 6, 12, 0, 0, 0, 0, time.UTC), Text: "Брифинг.", Source: "ru.result.json", Lang: "ru", LangConfidence: 0.7}
	en3 := &Post{Channel: "embassy_usa", ID: 202, Date: time.Date(2023, 6, 12, 1, 0, 0, 0, time.UTC), Text: "Briefing.", Lang: "en", LangConfidence: 0.6}
	lone := &Post{Channel: "mid_russia", ID: 99, Date: time.Date(2023, 6, 9, 0, 0, 0, 0, time.UTC), Text: "Без перевода.", Source: "ru.result.json", Lang: "ru", LangConfidence: 0.95}

	p1 := &Pair{
		ID: 1, Source: ru1, Target: en1, Score: 0.87, Margin: 0.3,
		Evidence:        []string{"flag:🇷🇺", "name:lavrov"},
		SourceSentences: pqSpans(t, pqRuText1, pqRuSents1),
		TargetSentences: pqSpans(t, pqEnText1, pqEnSents1),
		Beads: []Bead{
			{0, 1, 0, 1, 0.5},
			{1, 3, 1, 2, 0.75},
			{3, 4, 2, 2, 0.1}, // 1-0
			{4, 4, 2, 3, 0.1}, // 0-1
			{4, 5, 3, 5, 1.0},
		},
	}
	p2 := &Pair{
		ID: 2, Source: ru2, Target: en2, Score: 0.6, Margin: 0.05,
		SourceSentences: pqSpans(t, pqRuText2, pqRuSents2),
		TargetSentences: pqSpans(t, pqEnText2, pqEnSents2),
		Beads:           []Bead{{0, 2, 0, 2, 0.9}},
	}
	p3 := &Pair{ID: 3, Source: ru3, Target: en3, Score: 0.4, Margin: 0.4}
	return []*Post{ru2, en1, lone, ru3, en3, ru1, en2}, []*Pair{p3, p1, p2}
}

func pqInt64(v int64) *int64        { return &v }
func pqFloat(v float64) *float64    { return &v }
func pqTime(t time.Time) *time.Time { return &t }

// pqWantPosts is posts.parquet of the fixture, written by hand.
func pqWantPosts() []PostRow {
	return []PostRow{
		{Channel: "embassy_usa", PostID: 200, Date: pqTime(time.Date(2023, 6, 10, 12, 0, 0, 0, time.UTC)),
			Text: pqEnText1, Source: "embassy_usa.page.txt", Sources: []string{"embassy_usa.page.txt#embassy_usa/200"},
			ForwardedFrom: "MFARussia", ForwardedPostID: pqInt64(23456), Links: []string{"https://mid.ru/en/"},
			Lang: "en", LangConfidence: 0.91,
			// Code points: the flag and the space are 3 of them, 9 bytes.
			LangSpans: []LangSpanRow{{0, 3, "ru"}, {3, int32(utf8.RuneCountInString(pqEnText1)), "en"}},
			PairID:    pqInt64(1), PairedChannel: "mid_russia", PairedPostID: pqInt64(100), PairRole: "target"},
		{Channel: "embassy_usa", PostID: 201, Date: pqTime(time.Date(2023, 6, 11, 8, 0, 0, 0, time.UTC)),
			Text: pqEnText2, Source: "embassy_usa.page.txt", Sources: []string{"embassy_usa.page.txt#embassy_usa/201"},
			ForwardedFrom: "Russian MFA 🇷🇺", Lang: "en", LangConfidence: 0.99,
			PairID: pqInt64(2), PairedChannel: "mid_russia", PairedPostID: pqInt64(101), PairRole: "target"},
		{Channel: "embassy_usa", PostID: 202, Date: pqTime(time.Date(2023, 6, 12, 1, 0, 0, 0, time.UTC)),
			Text: "Briefing.", Lang: "en", LangConfidence: 0.6,
			PairID: pqInt64(3), PairedChannel: "mid_russia", PairedPostID: pqInt64(102), PairRole: "target"},
		{Channel: "mid_russia", PostID: 99, Date: pqTime(time.Date(2023, 6, 9, 0, 0, 0, 0, time.UTC)),
			Text: "Без перевода.", Source: "ru.result.json", Sources: []string{"ru.result.json#mid_russia/99"},
			Lang: "ru", LangConfidence: 0.95},
		{Channel: "mid_russia", ChannelTitle: "МИД России", ChannelID: pqInt64(1065276858), PostID: 100,
			Date: pqTime(time.Date(2023, 6, 10, 6, 15, 30, 123e6, time.UTC)), // UTC, millisecond precision
			Text: pqRuText1, Source: "ru.result.json",
			Sources: []string{"ru.result.json#МИД России/100", "mid_russia.html#mid_russia/100"},
			Edited:  true, Hashtags: []string{"#Лавров"}, Lang: "ru", LangConfidence: 0.98,
			PairID: pqInt64(1), PairedChannel: "embassy_usa", PairedPostID: pqInt64(200), PairRole: "source"},
		{Channel: "mid_russia", PostID: 101, Text: pqRuText2, Source: "ru.result.json",
			Sources: []string{"ru.result.json#mid_russia/101"}, Lang: "ru", LangConfidence: 1,
			PairID: pqInt64(2), PairedChannel: "embassy_usa", PairedPostID: pqInt64(201), PairRole: "source"},
		{Channel: "mid_russia", PostID: 102, Date: pqTime(time.Date(2023, 6, 12, 0, 0, 0, 0, time.UTC)),
			Text: "Брифинг.", Source: "ru.result.json", Sources: []string{"ru.result.json#mid_russia/102"},
			Lang: "ru", LangConfidence: 0.7,
			PairID: pqInt64(3), PairedChannel: "embassy_usa", PairedPostID: pqInt64(202), PairRole: "source"},
	}
}

// pqWantPairs is pairs.parquet of the fixture, written by hand.
func pqWantPairs() []PairRow {
	return []PairRow{
		{PairID: 1, SourceChannel: "mid_russia", SourcePostID: 100,
			SourceDate:    pqTime(time.Date(2023, 6, 10, 6, 15, 30, 123e6, time.UTC)),
			TargetChannel: "embassy_usa", TargetPostID: 200,
			TargetDate: pqTime(time.Date(2023, 6, 10, 12, 0, 0, 0, time.UTC)),
			SourceLang: "ru", TargetLang: "en", Score: 0.87, Margin: 0.3,
			Evidence:        []string{"flag:🇷🇺", "name:lavrov"},
			SourceSentences: 5, TargetSentences: 5,
			Beads11: 1, Beads12: 1, Beads21: 1, Beads10: 1, Beads01: 1,
			UnalignedSource: 1, UnalignedTarget: 1,
			AlignmentScore: pqFloat(0.75)}, // (0.5+0.75+1)/3: omissions do not count
		{PairID: 2, SourceChannel: "mid_russia", SourcePostID: 101,
			TargetChannel: "embassy_usa", TargetPostID: 201,
			TargetDate: pqTime(time.Date(2023, 6, 11, 8, 0, 0, 0, time.UTC)),
			SourceLang: "ru", TargetLang: "en", Score: 0.6, Margin: 0.05,
			SourceSentences: 2, TargetSentences: 2, Beads22: 1, AlignmentScore: pqFloat(0.9)},
		{PairID: 3, SourceChannel: "mid_russia", SourcePostID: 102,
			SourceDate:    pqTime(time.Date(2023, 6, 12, 0, 0, 0, 0, time.UTC)),
			TargetChannel: "embassy_usa", TargetPostID: 202,
			TargetDate: pqTime(time.Date(2023, 6, 12, 1, 0, 0, 0, time.UTC)),
			SourceLang: "ru", TargetLang: "en", Score: 0.4, Margin: 0.4},
	}
}

// pqCodePoints counts code points the slow way, independently of the
// writer's cursor.
func pqCodePoints(text string, byteOff int) int32 {
	return int32(len([]rune(text[:byteOff])))
}

// pqWantSentences is sentences.parquet of the fixture: texts, shapes and
// indices by hand, offsets counted the slow way (one checked literally).
func pqWantSentences(t *testing.T) []SentenceRow {
	ru1, en1 := pqSpans(t, pqRuText1, pqRuSents1), pqSpans(t, pqEnText1, pqEnSents1)
	ru2, en2 := pqSpans(t, pqRuText2, pqRuSents2), pqSpans(t, pqEnText2, pqEnSents2)
	cp := pqCodePoints
	rows := []SentenceRow{
		{ID: "1-0", PairID: 1, Translation: map[string]string{"ru": pqRuSents1[0], "en": pqEnSents1[0]},
			Alignment: "1-1", Score: 0.5, SourceIndex: []int32{0}, TargetIndex: []int32{0},
			SourceStart: cp(pqRuText1, ru1[0].Start), SourceEnd: cp(pqRuText1, ru1[0].End),
			TargetStart: cp(pqEnText1, en1[0].Start), TargetEnd: cp(pqEnText1, en1[0].End)},
		{ID: "1-1", PairID: 1, Translation: map[string]string{"ru": "Стороны обсудили торговлю. И энергетику.", "en": pqEnSents1[1]},
			Alignment: "2-1", Score: 0.75, SourceIndex: []int32{1, 2}, TargetIndex: []int32{1},
			SourceStart: cp(pqRuText1, ru1[1].Start), SourceEnd: cp(pqRuText1, ru1[2].End),
			TargetStart: cp(pqEnText1, en1[1].Start), TargetEnd: cp(pqEnText1, en1[1].End)},
		{ID: "1-4", PairID: 1, Translation: map[string]string{"ru": pqRuSents1[4], "en": "A memorandum was signed. It covers cooperation."},
			Alignment: "1-2", Score: 1, SourceIndex: []int32{4}, TargetIndex: []int32{3, 4},
			SourceStart: cp(pqRuText1, ru1[4].Start), SourceEnd: cp(pqRuText1, ru1[4].End),
			TargetStart: cp(pqEnText1, en1[3].Start), TargetEnd: cp(pqEnText1, en1[4].End)},
		{ID: "2-0", PairID: 2, Translation: map[string]string{"ru": "Заявление МИД России. Полный текст на сайте.", "en": "Statement by the Russian MFA. Full text on the website."},
			Alignment: "2-2", Score: 0.9, SourceIndex: []int32{0, 1}, TargetIndex: []int32{0, 1},
			SourceStart: cp(pqRuText2, ru2[0].Start), SourceEnd: cp(pqRuText2, ru2[1].End),
			TargetStart: cp(pqEnText2, en2[0].Start), TargetEnd: cp(pqEnText2, en2[1].End)},
	}
	for i := range rows {
		r := &rows[i]
		r.SourceChannel, r.TargetChannel = "mid_russia", "embassy_usa"
		r.SourcePostID, r.TargetPostID = 100, 200
		if r.PairID == 2 {
			r.SourcePostID, r.TargetPostID = 101, 201
		}
	}
	if rows[0].SourceStart != 3 { // "🇷🇺 " is two code points and a space
		t.Fatalf("fixture: first source sentence starts at code point %d, want 3", rows[0].SourceStart)
	}
	return rows
}

// pqColumn is the expected Arrow form of one column.
type pqColumn struct {
	name, typ string
	nullable  bool
}

var pqPostColumns = []pqColumn{
	{"channel", "utf8", false},
	{"channel_title", "utf8", true},
	{"channel_id", "int64", true},
	{"post_id", "int64", false},
	{"date", "timestamp[ms, tz=UTC]", true},
	{"text", "utf8", false},
	{"source", "utf8", false},
	{"sources", "list<element: utf8>", false},
	{"forwarded_from", "utf8", true},
	{"forwarded_post_id", "int64", true},
	{"edited", "bool", false},
	{"links", "list<element: utf8>", false},
	{"hashtags", "list<element: utf8>", false},
	{"lang", "utf8", false},
	{"lang_confidence", "float64", false},
	{"lang_spans", "list<element: struct<start: int32, end: int32, lang: utf8>>", false},
	{"pair_id", "int64", true},
	{"paired_channel", "utf8", true},
	{"paired_post_id", "int64", true},
	{"pair_role", "utf8", true},
}

var pqPairColumns = []pqColumn{
	{"pair_id", "int64", false},
	{"source_channel", "utf8", false},
	{"source_post_id", "int64", false},
	{"source_date", "timestamp[ms, tz=UTC]", true},
	{"target_channel", "utf8", false},
	{"target_post_id", "int64", false},
	{"target_date", "timestamp[ms, tz=UTC]", true},
	{"source_lang", "utf8", false},
	{"target_lang", "utf8", false},
	{"score", "float64", false},
	{"margin", "float64", false},
	{"evidence", "list<element: utf8>", false},
	{"source_sentences", "int32", false},
	{"target_sentences", "int32", false},
	{"beads_1_1", "int32", false},
	{"beads_1_2", "int32", false},
	{"beads_2_1", "int32", false},
	{"beads_2_2", "int32", false},
	{"beads_other", "int32", false},
	{"beads_1_0", "int32", false},
	{"beads_0_1", "int32", false},
	{"unaligned_source", "int32", false},
	{"unaligned_target", "int32", false},
	{"alignment_score", "float64", true},
	{"check_coverage", "float64", true},
	{"check_sentence_coverage", "float64", true},
	{"check_omissions", "int32", true},
	{"check_additions", "int32", true},
	{"check_numbers", "int32", true},
	{"check_dates", "int32", true},
	{"check_names", "int32", true},
	{"check_hashtags", "int32", true},
	{"check_flags", "int32", true},
	{"check_meaning", "int32", true},
	{"check_length", "int32", true},
	{"check_abridged", "int32", true},
	{"check_pass", "bool", true},
}

var pqSentenceColumns = []pqColumn{
	{"id", "utf8", false},
	{"pair_id", "int64", false},
	{"source_channel", "utf8", false},
	{"source_post_id", "int64", false},
	{"target_channel", "utf8", false},
	{"target_post_id", "int64", false},
	// The Hugging Face Translation feature: nullable struct, nullable
	// fields, names sorted.
	{"translation", "struct<en: utf8 nullable, ru: utf8 nullable>", true},
	{"alignment", "utf8", false},
	{"score", "float64", false},
	{"source_index", "list<element: int32>", false},
	{"target_index", "list<element: int32>", false},
	{"source_start", "int32", false},
	{"source_end", "int32", false},
	{"target_start", "int32", false},
	{"target_end", "int32", false},
}

// pqArrowFile is a Parquet file as the independent reader (arrow-go) sees it.
type pqArrowFile struct {
	schema *arrow.Schema
	rows   []map[string]any // each row as arrow-go marshals it to JSON
	pf     *file.Reader
}

func pqReadArrow(t *testing.T, data []byte) pqArrowFile {
	t.Helper()
	pf, err := file.NewParquetReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("arrow-go cannot open the file: %v", err)
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 4096}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := fr.Schema()
	if err != nil {
		t.Fatal(err)
	}
	table, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatalf("arrow-go cannot read the rows: %v", err)
	}
	defer table.Release()
	tr := array.NewTableReader(table, 4096)
	defer tr.Release()
	var rows []map[string]any
	for tr.Next() {
		b, err := tr.RecordBatch().MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var batch []map[string]any
		if err := json.Unmarshal(b, &batch); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, batch...)
	}
	return pqArrowFile{schema: schema, rows: rows, pf: pf}
}

// checkSchema compares the Arrow schema field by field with want.
func (f pqArrowFile) checkSchema(t *testing.T, want []pqColumn) {
	t.Helper()
	var got []pqColumn
	for _, fd := range f.schema.Fields() {
		got = append(got, pqColumn{fd.Name, fd.Type.String(), fd.Nullable})
	}
	for i := range max(len(got), len(want)) {
		var g, w pqColumn
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("column %d: got %+v, want %+v", i, g, w)
		}
	}
}

// checkGolden compares the schema as arrow-go prints it with a golden
// file, so that schema changes are deliberate (go test -update rewrites it).
func (f pqArrowFile) checkGolden(t *testing.T, name string) {
	t.Helper()
	path := filepath.Join("..", "testdata", "parquet", name+".arrow-schema.txt")
	got := f.schema.String() + "\n"
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./corpus -run Parquet -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("schema of %s changed; if deliberate, rerun with -update.\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

// checkCodecs checks that every column chunk is zstd-compressed and that
// the dictionary columns are dictionary-encoded.
func (f pqArrowFile) checkCodecs(t *testing.T, dictColumns ...string) {
	t.Helper()
	md := f.pf.MetaData()
	if md.NumRowGroups() == 0 {
		t.Fatal("no row groups")
	}
	for g := range md.NumRowGroups() {
		rg := md.RowGroup(g)
		for c := range rg.NumColumns() {
			cc, err := rg.ColumnChunk(c)
			if err != nil {
				t.Fatal(err)
			}
			path := cc.PathInSchema().String()
			if got := cc.Compression().String(); got != "ZSTD" {
				t.Errorf("column %s: compression %s, want ZSTD", path, got)
			}
			if slices.Contains(dictColumns, path) && !cc.HasDictionaryPage() {
				t.Errorf("column %s: no dictionary page", path)
			}
		}
	}
}

// checkRows compares the rows arrow-go read with want, converted to the
// same JSON form by pqRowJSON.
func (f pqArrowFile) checkRows(t *testing.T, want any) {
	t.Helper()
	w := reflect.ValueOf(want)
	if len(f.rows) != w.Len() {
		t.Fatalf("arrow-go read %d rows, want %d", len(f.rows), w.Len())
	}
	for i := range f.rows {
		if exp := pqRowJSON(t, w.Index(i).Interface()); !reflect.DeepEqual(f.rows[i], exp) {
			t.Errorf("row %d (arrow-go):\n got %v\nwant %v", i, f.rows[i], exp)
		}
	}
}

// pqRowJSON converts a row struct to the JSON object arrow-go makes of the
// corresponding Parquet row: columns named by parquet tag, NULL for empty
// optional strings and nil pointers, empty lists for nil slices.
func pqRowJSON(t *testing.T, row any) map[string]any {
	t.Helper()
	v := reflect.ValueOf(row)
	obj := map[string]any{}
	for i := range v.NumField() {
		f := v.Type().Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("parquet"), ",")
		if f.Name == "Translation" {
			name = "translation"
		}
		if name == "-" || name == "" {
			continue
		}
		fv := v.Field(i)
		var val any = fv.Interface()
		switch {
		case fv.Kind() == reflect.Pointer && fv.IsNil(), fv.Kind() == reflect.Map && fv.IsNil():
			val = nil
		case fv.Kind() == reflect.String && fv.String() == "" && strings.Contains(opts, "optional"):
			val = nil
		case fv.Kind() == reflect.Slice && fv.Len() == 0:
			val = []any{}
		case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Struct:
			var list []any
			for j := range fv.Len() {
				list = append(list, pqRowJSON(t, fv.Index(j).Interface()))
			}
			val = list
		}
		obj[name] = val
	}
	// Round trip through JSON so that numbers and times compare as
	// arrow-go's JSON decodes.
	b, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// pqCheckOwnRows compares rows read back by the package's own reader with
// want, in the same JSON form (so times compare by instant).
func pqCheckOwnRows[Row any](t *testing.T, got, want []Row) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("read back %d rows, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := pqRowJSON(t, got[i]), pqRowJSON(t, want[i])
		if !reflect.DeepEqual(g, w) {
			t.Errorf("row %d (round trip):\n got %v\nwant %v", i, g, w)
		}
	}
}

func TestWritePostsParquet(t *testing.T) {
	posts, pairs := pqFixture(t)
	before := slices.Clone(posts)
	var buf bytes.Buffer
	if err := WritePosts(&buf, posts, pairs); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(posts, before) {
		t.Error("WritePosts reordered the caller's slice")
	}
	f := pqReadArrow(t, buf.Bytes())
	f.checkSchema(t, pqPostColumns)
	f.checkGolden(t, "posts")
	f.checkCodecs(t, "channel", "lang", "source")
	want := pqWantPosts()
	f.checkRows(t, want)

	got, err := ReadPostsParquet(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	pqCheckOwnRows(t, got, want)
	if got[3].Date == nil || !got[3].Date.Equal(time.Date(2023, 6, 9, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date read back as %v", got[3].Date)
	}
}

func TestWritePostsParquetUnpaired(t *testing.T) {
	posts, _ := pqFixture(t)
	var buf bytes.Buffer
	if err := WritePosts(&buf, posts, nil); err != nil {
		t.Fatal(err)
	}
	got, err := ReadPostsParquet(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range got {
		if r.PairID != nil || r.PairedChannel != "" || r.PairedPostID != nil || r.PairRole != "" {
			t.Errorf("post %s/%d: pair columns set with no pairs: %+v", r.Channel, r.PostID, r)
		}
	}
}

func TestWritePairsParquet(t *testing.T) {
	_, pairs := pqFixture(t)
	var buf bytes.Buffer
	if err := WritePairs(&buf, pairs); err != nil {
		t.Fatal(err)
	}
	f := pqReadArrow(t, buf.Bytes())
	f.checkSchema(t, pqPairColumns)
	f.checkGolden(t, "pairs")
	f.checkCodecs(t, "source_channel", "target_channel", "source_lang", "target_lang")
	want := pqWantPairs()
	f.checkRows(t, want)

	got, err := ReadPairsParquet(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	pqCheckOwnRows(t, got, want)
}

func TestWriteSentencesParquet(t *testing.T) {
	_, pairs := pqFixture(t)
	var buf bytes.Buffer
	if err := WriteSentences(&buf, pairs, "ru", "en"); err != nil {
		t.Fatal(err)
	}
	f := pqReadArrow(t, buf.Bytes())
	f.checkSchema(t, pqSentenceColumns)
	f.checkGolden(t, "sentences")
	f.checkCodecs(t, "source_channel", "target_channel", "alignment")
	want := pqWantSentences(t)
	f.checkRows(t, want)

	got, err := ReadSentencesParquet(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	pqCheckOwnRows(t, got, want)
	if !reflect.DeepEqual(got[1].Translation, want[1].Translation) {
		t.Errorf("translation read back as %q, want %q", got[1].Translation, want[1].Translation)
	}
}

// TestSentenceOffsetsSlice checks the promise made to Python users: the
// code-point offsets slice the post texts of posts.parquet to the bead.
func TestSentenceOffsetsSlice(t *testing.T) {
	posts, pairs := pqFixture(t)
	var buf bytes.Buffer
	if err := WriteSentences(&buf, pairs, "ru", "en"); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadSentencesParquet(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	texts := map[Key][]rune{}
	for _, p := range posts {
		texts[p.Key()] = []rune(p.Text)
	}
	for _, r := range rows {
		for _, side := range []struct {
			key        Key
			start, end int32
			text       string
		}{
			{Key{r.SourceChannel, r.SourcePostID}, r.SourceStart, r.SourceEnd, r.Translation["ru"]},
			{Key{r.TargetChannel, r.TargetPostID}, r.TargetStart, r.TargetEnd, r.Translation["en"]},
		} {
			slice := string(texts[side.key][side.start:side.end])
			// Sentences are joined by one space where the post may have
			// other whitespace: compare word by word.
			if strings.Join(strings.Fields(slice), " ") != strings.Join(strings.Fields(side.text), " ") {
				t.Errorf("%s: text[%d:%d] = %q, want %q", r.ID, side.start, side.end, slice, side.text)
			}
		}
	}
}

func TestWriteSentencesLanguageOrder(t *testing.T) {
	// English source, Russian target: the struct fields stay sorted and
	// each text stays under its language.
	_, pairs := pqFixture(t)
	swapped := []*Pair{{ID: 1, Source: pairs[1].Target, Target: pairs[1].Source,
		SourceSentences: pairs[1].TargetSentences, TargetSentences: pairs[1].SourceSentences,
		Beads: []Bead{{0, 1, 0, 1, 0.5}}}}
	var buf bytes.Buffer
	if err := WriteSentences(&buf, swapped, "en", "ru"); err != nil {
		t.Fatal(err)
	}
	f := pqReadArrow(t, buf.Bytes())
	f.checkSchema(t, pqSentenceColumns)
	tr, _ := f.rows[0]["translation"].(map[string]any)
	if tr["en"] != pqEnSents1[0] || tr["ru"] != pqRuSents1[0] {
		t.Errorf("translation = %v", tr)
	}
}

func TestHuggingFaceMetadata(t *testing.T) {
	_, pairs := pqFixture(t)
	var buf bytes.Buffer
	if err := WriteSentences(&buf, pairs, "ru", "en"); err != nil {
		t.Fatal(err)
	}
	f := pqReadArrow(t, buf.Bytes())
	raw := f.pf.MetaData().KeyValueMetadata().FindValue("huggingface")
	if raw == nil {
		t.Fatal("no huggingface key in the footer")
	}
	type feature struct {
		Type      string          `json:"_type"`
		Dtype     string          `json:"dtype"`
		Languages []string        `json:"languages"`
		Feature   json.RawMessage `json:"feature"`
		Length    *int            `json:"length"`
	}
	var md struct {
		Info struct {
			Features json.RawMessage `json:"features"`
		} `json:"info"`
	}
	if err := json.Unmarshal([]byte(*raw), &md); err != nil {
		t.Fatalf("huggingface metadata is not valid JSON: %v\n%s", err, *raw)
	}
	var features map[string]feature
	if err := json.Unmarshal(md.Info.Features, &features); err != nil {
		t.Fatal(err)
	}
	// Features in column order, each with the dtype of its Arrow type.
	keys := pqJSONKeys(t, md.Info.Features)
	var cols []string
	dtypes := map[string]string{"utf8": "string", "int64": "int64", "int32": "int32", "float64": "float64"}
	for _, fd := range f.schema.Fields() {
		cols = append(cols, fd.Name)
		ft := features[fd.Name]
		switch typ := fd.Type.(type) {
		case *arrow.StructType:
			if ft.Type != "Translation" || !slices.Equal(ft.Languages, []string{"en", "ru"}) {
				t.Errorf("%s: feature %+v, want Translation of [en ru]", fd.Name, ft)
			}
		case *arrow.ListType:
			var elem feature
			if err := json.Unmarshal(ft.Feature, &elem); err != nil {
				t.Fatalf("%s: %v", fd.Name, err)
			}
			if ft.Type != "Sequence" || ft.Length == nil || *ft.Length != -1 ||
				elem.Type != "Value" || elem.Dtype != dtypes[typ.Elem().String()] {
				t.Errorf("%s: feature %+v of %s, want a Sequence of %s", fd.Name, ft, elem.Dtype, typ.Elem())
			}
		default:
			if ft.Type != "Value" || ft.Dtype != dtypes[typ.String()] {
				t.Errorf("%s: feature %+v, want Value %s", fd.Name, ft, dtypes[typ.String()])
			}
		}
	}
	if !slices.Equal(keys, cols) {
		t.Errorf("features %v, want the columns %v", keys, cols)
	}
}

// pqJSONKeys returns the keys of a JSON object in order.
func pqJSONKeys(t *testing.T, obj json.RawMessage) []string {
	t.Helper()
	var ordered []string
	dec := json.NewDecoder(bytes.NewReader(obj))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		ordered = append(ordered, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return ordered
}

// TestSentenceRowColumns keeps SentenceRow in step with the writer's
// schema: the same columns, translation aside.
func TestSentenceRowColumns(t *testing.T) {
	columns := func(s *parquet.Schema) []string {
		var out []string
		for _, c := range s.Columns() {
			if c[0] != "translation" {
				out = append(out, strings.Join(c, "."))
			}
		}
		return out
	}
	got := columns(parquet.SchemaOf(new(SentenceRow)))
	want := columns(parquet.SchemaOf(new(sentenceRecord)))
	if !slices.Equal(got, want) {
		t.Errorf("SentenceRow columns %v, writer columns %v", got, want)
	}
}

// pqManyPairs builds n pairs of beadsPerPair 1-1 beads each, sharing two
// posts (the writer does not care): enough rows to span row groups.
func pqManyPairs(n, beadsPerPair int) []*Pair {
	var ru, en strings.Builder
	var ruSpans, enSpans []Span
	for i := range beadsPerPair {
		if i > 0 {
			ru.WriteByte(' ')
			en.WriteByte(' ')
		}
		s := ru.Len()
		fmt.Fprintf(&ru, "Предложение номер %d о переговорах министров.", i)
		ruSpans = append(ruSpans, Span{s, ru.Len()})
		s = en.Len()
		fmt.Fprintf(&en, "Sentence number %d about the ministers' talks.", i)
		enSpans = append(enSpans, Span{s, en.Len()})
	}
	src := &Post{Channel: "mid_russia", ID: 1, Text: ru.String(), Lang: "ru"}
	tgt := &Post{Channel: "embassy_usa", ID: 2, Text: en.String(), Lang: "en"}
	beads := make([]Bead, beadsPerPair)
	for i := range beads {
		beads[i] = Bead{i, i + 1, i, i + 1, 0.9}
	}
	pairs := make([]*Pair, n)
	for i := range pairs {
		pairs[i] = &Pair{ID: int64(i + 1), Source: src, Target: tgt,
			SourceSentences: ruSpans, TargetSentences: enSpans, Beads: beads}
	}
	return pairs
}

func TestWriteSentencesRowGroups(t *testing.T) {
	pairs := pqManyPairs(20_001, 10) // 200,010 rows: two full row groups and a bit
	var buf bytes.Buffer
	if err := WriteSentences(&buf, pairs, "ru", "en"); err != nil {
		t.Fatal(err)
	}
	pf, err := file.NewParquetReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	md := pf.MetaData()
	if md.NumRows != 200_010 {
		t.Errorf("%d rows, want 200010", md.NumRows)
	}
	if md.NumRowGroups() != 3 {
		t.Errorf("%d row groups, want 3", md.NumRowGroups())
	}
	for g := range md.NumRowGroups() {
		if n := md.RowGroup(g).NumRows(); n > 100_000 {
			t.Errorf("row group %d has %d rows, want at most 100000", g, n)
		}
	}
	// The reader reuses its buffers between batches: rows of earlier
	// batches must survive.
	rows, err := ReadSentencesParquet(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 200_010 {
		t.Fatalf("read back %d rows", len(rows))
	}
	for _, i := range []int{0, 1, 1023, 1024, 99_999, 100_000, 200_009} {
		r := rows[i]
		bead := i % 10
		wantID := fmt.Sprintf("%d-%d", i/10+1, bead)
		wantRu := fmt.Sprintf("Предложение номер %d о переговорах министров.", bead)
		if r.ID != wantID || r.Translation["ru"] != wantRu || !slices.Equal(r.SourceIndex, []int32{int32(bead)}) {
			t.Errorf("row %d: %s %q %v, want %s %q [%d]", i, r.ID, r.Translation["ru"], r.SourceIndex, wantID, wantRu, bead)
		}
	}
}

func TestCountBeadShapes(t *testing.T) {
	tests := []struct {
		name  string
		beads []Bead
		want  beadStats
	}{
		{"none", nil, beadStats{}},
		{"shapes", []Bead{{0, 1, 0, 1, 1}, {1, 2, 1, 3, 1}, {2, 4, 3, 4, 1}, {4, 6, 4, 6, 1}},
			beadStats{b11: 1, b12: 1, b21: 1, b22: 1, bilingual: 4, scoreSum: 4}},
		{"other", []Bead{{0, 3, 0, 1, 0.5}, {3, 4, 1, 4, 0.5}},
			beadStats{other: 2, bilingual: 2, scoreSum: 1}},
		{"omissions", []Bead{{0, 2, 0, 0, 0.2}, {2, 3, 0, 0, 0.2}, {3, 3, 0, 3, 0.2}, {3, 3, 3, 3, 0}},
			beadStats{b10: 2, b01: 1, unalignedSrc: 3, unalignedTgt: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countBeadShapes(tt.beads); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParquetWriterErrors(t *testing.T) {
	posts, pairs := pqFixture(t)
	mutate := func(f func(p *Pair)) []*Pair {
		_, ps := pqFixture(t)
		f(ps[1])
		return ps
	}
	tests := []struct {
		name  string
		write func() error
		want  string
	}{
		{"nil post", func() error { return WritePosts(&bytes.Buffer{}, []*Post{posts[0], nil}, nil) }, "post 1 is nil"},
		{"nil pair", func() error { return WritePairs(&bytes.Buffer{}, []*Pair{nil}) }, "pair 0 is nil"},
		{"pair without post", func() error { return WritePairs(&bytes.Buffer{}, []*Pair{{ID: 7, Source: posts[0]}}) }, "pair 7 lacks a post"},
		{"same languages", func() error { return WriteSentences(&bytes.Buffer{}, pairs, "ru", "ru") }, "both"},
		{"bad language", func() error { return WriteSentences(&bytes.Buffer{}, pairs, "ru", `en"`) }, "invalid language code"},
		{"empty language", func() error { return WriteSentences(&bytes.Buffer{}, pairs, "", "en") }, "invalid language code"},
		{"bead outside sentences", func() error {
			return WriteSentences(&bytes.Buffer{}, mutate(func(p *Pair) { p.Beads[4].TgtEnd = 9 }), "ru", "en")
		}, "bead 4"},
		{"sentence outside text", func() error {
			return WritePairs(&bytes.Buffer{}, mutate(func(p *Pair) { p.SourceSentences[0].End = 10_000 }))
		}, "outside its text"},
		{"sentence splits a character", func() error {
			return WriteSentences(&bytes.Buffer{}, mutate(func(p *Pair) { p.SourceSentences[0].Start++ }), "ru", "en")
		}, "splits a character"},
		{"language span outside text", func() error {
			_, ps := pqFixture(t)
			ps[1].Target.LangSpans[1].End++
			return WritePosts(&bytes.Buffer{}, []*Post{ps[1].Target}, nil)
		}, "language span"},
		{"failing writer", func() error { return WritePairs(pqFailingWriter{}, pairs) }, "disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.write()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

type pqFailingWriter struct{}

func (pqFailingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestReadParquetWrongFile(t *testing.T) {
	posts, pairs := pqFixture(t)
	var postsBuf, pairsBuf bytes.Buffer
	if err := WritePosts(&postsBuf, posts, pairs); err != nil {
		t.Fatal(err)
	}
	if err := WritePairs(&pairsBuf, pairs); err != nil {
		t.Fatal(err)
	}
	garbage := []byte("PAR1 this is not a parquet file PAR1")
	truncated := pairsBuf.Bytes()[:pairsBuf.Len()/2]
	tests := []struct {
		name string
		read func() error
	}{
		{"posts as pairs", func() error {
			_, err := ReadPairsParquet(bytes.NewReader(postsBuf.Bytes()), int64(postsBuf.Len()))
			return err
		}},
		{"pairs as posts", func() error {
			_, err := ReadPostsParquet(bytes.NewReader(pairsBuf.Bytes()), int64(pairsBuf.Len()))
			return err
		}},
		{"pairs as sentences", func() error {
			_, err := ReadSentencesParquet(bytes.NewReader(pairsBuf.Bytes()), int64(pairsBuf.Len()))
			return err
		}},
		{"garbage", func() error {
			_, err := ReadPostsParquet(bytes.NewReader(garbage), int64(len(garbage)))
			return err
		}},
		{"truncated", func() error {
			_, err := ReadPairsParquet(bytes.NewReader(truncated), int64(len(truncated)))
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.read(); err == nil {
				t.Error("no error")
			}
		})
	}
}

// TestCodePointCursor guards the code-point cursor on texts
// where offsets are asked out of order (a bead list that goes back).
func TestCodePointCursor(t *testing.T) {
	text := "a🇷🇺б c"
	c := codePointCursor{text: text}
	for _, off := range []int{0, 1, 9, 11, 12, 13, 1, 0, len(text)} {
		if got, want := c.at(off), int32(utf8.RuneCountInString(text[:off])); got != want {
			t.Errorf("at(%d) = %d, want %d", off, got, want)
		}
	}
}

// pqDir lists a directory's entries, to catch leftover temporary files.
func pqDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func pqWriteFile(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // whatever the umask
		t.Fatal(err)
	}
}

func pqCheckFile(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s = %q, want %q", filepath.Base(path), got, want)
	}
}

func TestAtomicFileCommitReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pairs.parquet")
	pqWriteFile(t, path, "old", 0o600)
	f, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("new ")); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("content")); err != nil {
		t.Fatal(err)
	}
	pqCheckFile(t, path, "old") // nothing visible before Commit
	if n := len(pqDir(t, dir)); n != 2 {
		t.Errorf("%d files while writing, want the output and its temporary file", n)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	pqCheckFile(t, path, "new content")
	if got := pqDir(t, dir); !slices.Equal(got, []string{"pairs.parquet"}) {
		t.Errorf("directory holds %v after Commit", got)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("replaced file has mode %v (%v), want the old file's 0600", st.Mode(), err)
	}
	if err := f.Commit(); err != nil {
		t.Errorf("second Commit: %v", err)
	}
	f.Abort() // no-op after Commit
	pqCheckFile(t, path, "new content")
	if _, err := f.Write([]byte("more")); err == nil {
		t.Error("Write after Commit succeeded")
	}
}

func TestAtomicFileNewOutputMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "posts.parquet")
	f, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	// os.CreateTemp makes 0600 files; an output is meant to be shared.
	if st.Mode().Perm()&0o044 == 0 {
		t.Errorf("new output has mode %v, want it readable by others", st.Mode())
	}
}

func TestAtomicFileAbort(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "posts.parquet")
	pqWriteFile(t, existing, "old", 0o644)
	for _, path := range []string{existing, filepath.Join(dir, "new.parquet")} {
		f, err := CreateAtomic(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte("partial")); err != nil {
			t.Fatal(err)
		}
		f.Abort()
		f.Abort() // twice is fine
		if err := f.Commit(); err == nil {
			t.Error("Commit after Abort succeeded")
		}
	}
	pqCheckFile(t, existing, "old")
	if got := pqDir(t, dir); !slices.Equal(got, []string{"posts.parquet"}) {
		t.Errorf("directory holds %v after Abort", got)
	}
}

func TestAtomicFileCommitFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.parquet")
	f, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("data")); err != nil {
		t.Fatal(err)
	}
	// Something else takes the path meanwhile: Commit must fail cleanly.
	if err := os.MkdirAll(filepath.Join(path, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err == nil {
		t.Fatal("Commit over a directory succeeded")
	}
	if got := pqDir(t, dir); !slices.Equal(got, []string{"out.parquet"}) {
		t.Errorf("directory holds %v after a failed Commit", got)
	}
	if _, err := CreateAtomic(path); err == nil {
		t.Error("CreateAtomic over a directory succeeded")
	}
	if _, err := CreateAtomic(filepath.Join(dir, "missing", "x.parquet")); err == nil {
		t.Error("CreateAtomic in a missing directory succeeded")
	}
}

func TestOutputSetFailedRunKeepsOutputs(t *testing.T) {
	dir := t.TempDir()
	posts, pairs := filepath.Join(dir, "posts.parquet"), filepath.Join(dir, "pairs.parquet")
	pqWriteFile(t, posts, "earlier posts", 0o644)
	pqWriteFile(t, pairs, "earlier pairs", 0o644)
	run := func() error {
		var set OutputSet
		defer set.Abort()
		for _, path := range []string{posts, pairs, filepath.Join(dir, "sentences.parquet")} {
			f, err := set.Create(path)
			if err != nil {
				return err
			}
			if _, err := f.Write([]byte("half-written")); err != nil {
				return err
			}
		}
		return errors.New("alignment failed")
	}
	if err := run(); err == nil {
		t.Fatal("run did not fail")
	}
	pqCheckFile(t, posts, "earlier posts")
	pqCheckFile(t, pairs, "earlier pairs")
	if got := pqDir(t, dir); !slices.Equal(got, []string{"pairs.parquet", "posts.parquet"}) {
		t.Errorf("directory holds %v after a failed run", got)
	}
}

func TestOutputSetCommitFailureKeepsOutputs(t *testing.T) {
	dir := t.TempDir()
	posts, pairs := filepath.Join(dir, "posts.parquet"), filepath.Join(dir, "pairs.parquet")
	pqWriteFile(t, posts, "earlier posts", 0o644)
	var set OutputSet
	defer set.Abort()
	for _, path := range []string{posts, pairs} {
		f, err := set.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte("new")); err != nil {
			t.Fatal(err)
		}
	}
	// The second output cannot be published: the first must not be either.
	if err := os.MkdirAll(filepath.Join(pairs, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := set.Commit(); err == nil {
		t.Fatal("Commit succeeded")
	}
	pqCheckFile(t, posts, "earlier posts")
	if got := pqDir(t, dir); !slices.Equal(got, []string{"pairs.parquet", "posts.parquet"}) {
		t.Errorf("directory holds %v after a failed Commit", got)
	}
	if err := set.Commit(); err == nil {
		t.Error("second Commit of a failed set succeeded")
	}
}

func TestOutputSetCommit(t *testing.T) {
	dir := t.TempDir()
	var set OutputSet
	defer set.Abort()
	postsPath := filepath.Join(dir, "posts.parquet")
	pqWriteFile(t, postsPath, "earlier posts", 0o644)
	posts, pairs := pqFixture(t)
	outputs := []struct {
		name  string
		write func(f *AtomicFile) error
	}{
		{"posts.parquet", func(f *AtomicFile) error { return WritePosts(f, posts, pairs) }},
		{"pairs.parquet", func(f *AtomicFile) error { return WritePairs(f, pairs) }},
		{"sentences.parquet", func(f *AtomicFile) error { return WriteSentences(f, pairs, "ru", "en") }},
	}
	for _, o := range outputs {
		f, err := set.Create(filepath.Join(dir, o.name))
		if err != nil {
			t.Fatal(err)
		}
		if err := o.write(f); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := set.Create(postsPath); err == nil {
		t.Error("Create of the same path twice succeeded")
	}
	pqCheckFile(t, postsPath, "earlier posts")
	if err := set.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := set.Commit(); err != nil {
		t.Errorf("second Commit: %v", err)
	}
	if _, err := set.Create(filepath.Join(dir, "late.parquet")); err == nil {
		t.Error("Create after Commit succeeded")
	}
	if got := pqDir(t, dir); !slices.Equal(got, []string{"pairs.parquet", "posts.parquet", "sentences.parquet"}) {
		t.Errorf("directory holds %v", got)
	}
	open := func(name string) (*os.File, int64) {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		st, err := f.Stat()
		if err != nil {
			t.Fatal(err)
		}
		return f, st.Size()
	}
	gotPosts, err := ReadPostsParquet(open("posts.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	pqCheckOwnRows(t, gotPosts, pqWantPosts())
	gotPairs, err := ReadPairsParquet(open("pairs.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	pqCheckOwnRows(t, gotPairs, pqWantPairs())
	gotSentences, err := ReadSentencesParquet(open("sentences.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	pqCheckOwnRows(t, gotSentences, pqWantSentences(t))
}

// TestPairsParquetCheckColumns: a pair's Check is written to the check_*
// columns and read back; an unchecked pair's columns are NULL.
func TestPairsParquetCheckColumns(t *testing.T) {
	_, pairs := pqFixture(t)
	want := map[int64]*Check{
		1: {Coverage: 0.8, SentenceCoverage: 0.75, Omissions: 1, Numbers: 2, Abridged: 3, Names: 1, Meaning: 1, Pass: false},
		2: {Coverage: 1, SentenceCoverage: 1, Pass: true},
	}
	for _, p := range pairs {
		p.Check = want[p.ID]
	}
	var buf bytes.Buffer
	if err := WritePairs(&buf, pairs); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadPairsParquet(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	for _, r := range rows {
		if got := r.Check(); !reflect.DeepEqual(got, want[r.PairID]) {
			t.Errorf("pair %d: check %+v, want %+v", r.PairID, got, want[r.PairID])
		}
		if want[r.PairID] == nil && (r.CheckOmissions != nil || r.CheckCoverage != nil) {
			t.Errorf("unchecked pair %d: check columns not NULL", r.PairID)
		}
	}
}

// TestReadPairsParquetBeforeCheck reads the pairs.parquet of a corpus
// built before the check_* columns existed: every row, the columns NULL.
func TestReadPairsParquetBeforeCheck(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "parquet", "pairs-before-check.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ReadPairsParquet(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 13 {
		t.Fatalf("%d rows, want the sample's 13 pairs", len(rows))
	}
	for _, r := range rows {
		if r.PairID == 0 || r.SourcePostID == 0 || r.TargetPostID == 0 || r.SourceSentences == 0 {
			t.Errorf("row not read: %+v", r)
		}
		if r.Check() != nil || r.CheckPass != nil || r.CheckCoverage != nil {
			t.Errorf("pair %d: check columns of a file without them: %+v", r.PairID, r.Check())
		}
	}
}
