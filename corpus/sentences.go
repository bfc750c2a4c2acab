package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
)

// SentenceRow is one row of sentences.parquet, one bilingual bead, as
// ReadSentencesParquet returns it. Its tags name the columns, except the
// translation column: a struct whose fields are language codes, which only
// a run knows, so WriteSentences builds that part of the schema at run time
// and the reader returns it as a map.
type SentenceRow struct {
	// ID is "PAIRID-BEADINDEX", BEADINDEX being the bead's 0-based position
	// in Pair.Beads (omission beads included, so IDs are stable).
	ID            string `parquet:"id"`
	PairID        int64  `parquet:"pair_id"`
	SourceChannel string `parquet:"source_channel"`
	SourcePostID  int64  `parquet:"source_post_id"`
	TargetChannel string `parquet:"target_channel"`
	TargetPostID  int64  `parquet:"target_post_id"`
	// Translation maps each language code to the bead's text in that
	// language: its sentences joined by one space. Nil when the column is
	// NULL.
	Translation map[string]string `parquet:"-"`
	// Alignment is the bead's shape, "source-target" sentence counts
	// (Bead.Type).
	Alignment string  `parquet:"alignment"`
	Score     float64 `parquet:"score"`
	// SourceIndex and TargetIndex are the 0-based numbers of the bead's
	// sentences within their posts.
	SourceIndex []int32 `parquet:"source_index,list"`
	TargetIndex []int32 `parquet:"target_index,list"`
	// SourceStart, SourceEnd, TargetStart and TargetEnd delimit the bead in
	// its posts' texts as written in posts.parquet, in code points (as
	// Python slices strings): from the start of its first sentence to the
	// end of its last.
	SourceStart int32 `parquet:"source_start"`
	SourceEnd   int32 `parquet:"source_end"`
	TargetStart int32 `parquet:"target_start"`
	TargetEnd   int32 `parquet:"target_end"`
}

// sentenceRecord is the schema of sentences.parquet. The fields of
// translationRecord are renamed to the run's language codes
// (translationTags); the other columns are those of SentenceRow.
type sentenceRecord struct {
	ID            string             `parquet:"id"`
	PairID        int64              `parquet:"pair_id"`
	SourceChannel string             `parquet:"source_channel,dict"`
	SourcePostID  int64              `parquet:"source_post_id"`
	TargetChannel string             `parquet:"target_channel,dict"`
	TargetPostID  int64              `parquet:"target_post_id"`
	Translation   *translationRecord `parquet:"translation,optional"`
	Alignment     string             `parquet:"alignment,dict"`
	Score         float64            `parquet:"score"`
	SourceIndex   []int32            `parquet:"source_index,list"`
	TargetIndex   []int32            `parquet:"target_index,list"`
	SourceStart   int32              `parquet:"source_start"`
	SourceEnd     int32              `parquet:"source_end"`
	TargetStart   int32              `parquet:"target_start"`
	TargetEnd     int32              `parquet:"target_end"`
}

// translationRecord is the Hugging Face Translation feature: an optional
// struct of optional strings, one per language, names sorted. First holds
// the language that sorts first.
type translationRecord struct {
	First  string `parquet:"first,optional"`
	Second string `parquet:"second,optional"`
}

// translationTags renames translationRecord's fields to the language codes
// langs (sorted). The option serves both the schema, the writer and the
// reader; parquet-go matches a nested field by its parent's column name
// and its own Go name.
func translationTags(langs [2]string) []*parquet.StructTagOption {
	return []*parquet.StructTagOption{
		{ColumnPath: []string{"translation", "First"}, StructTag: reflect.StructTag(`parquet:"` + langs[0] + `,optional"`)},
		{ColumnPath: []string{"translation", "Second"}, StructTag: reflect.StructTag(`parquet:"` + langs[1] + `,optional"`)},
	}
}

// translationLangs checks the two language codes and sorts them.
func translationLangs(src, tgt string) (langs [2]string, srcFirst bool, err error) {
	for _, l := range []string{src, tgt} {
		if !validLangCode(l) {
			return langs, false, fmt.Errorf("invalid language code %q", l)
		}
	}
	if src == tgt {
		return langs, false, fmt.Errorf("source and target language are both %q", src)
	}
	if src < tgt {
		return [2]string{src, tgt}, true, nil
	}
	return [2]string{tgt, src}, false, nil
}

// validLangCode accepts codes such as "en" or "zh-Hant": they become
// column names and struct tags, so nothing that could break either.
func validLangCode(s string) bool {
	if s == "" || len(s) > 16 {
		return false
	}
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// WriteSentences writes sentences.parquet: one row per bilingual bead of every pair, in
// (pair_id, bead order); srcLang and tgtLang are ISO 639-1 codes ("ru", "en").
// The footer key "huggingface" describes the columns as Hugging Face
// datasets features, translation as a Translation feature.
func WriteSentences(w io.Writer, pairs []*Pair, srcLang, tgtLang string) error {
	return WriteSentencesFiltered(w, pairs, srcLang, tgtLang, nil)
}

// WriteSentencesFiltered is WriteSentences that writes only the beads
// filter keeps (nil keeps all); the IDs of the kept beads stay those of an
// unfiltered file.
func WriteSentencesFiltered(w io.Writer, pairs []*Pair, srcLang, tgtLang string, filter *Filter) error {
	sorted, err := pairsByID(pairs)
	if err != nil {
		return fmt.Errorf("write sentences: %w", err)
	}
	return WriteSentencesSeq(w, seqOf(sorted), srcLang, tgtLang, filter)
}

// WriteSentencesSeq is WriteSentencesFiltered for pairs that come already
// in ID order (an error otherwise), one at a time: a caller that keeps
// texts out of memory loads a pair's texts as it yields the pair. An error
// yielded stops the writer and is returned.
func WriteSentencesSeq(w io.Writer, pairs iter.Seq2[*Pair, error], srcLang, tgtLang string, filter *Filter) error {
	langs, srcFirst, err := translationLangs(srcLang, tgtLang)
	if err != nil {
		return fmt.Errorf("write sentences: %w", err)
	}
	hf, err := huggingFaceMetadata(reflect.TypeFor[sentenceRecord](), langs)
	if err != nil {
		return fmt.Errorf("write sentences: %w", err)
	}
	opts := []parquet.WriterOption{parquet.KeyValueMetadata("huggingface", hf)}
	for _, t := range translationTags(langs) {
		opts = append(opts, t)
	}
	sw := &sentenceWriter{
		pw:       parquet.NewGenericWriter[sentenceRecord](w, parquetWriterOptions(opts...)...),
		srcFirst: srcFirst,
		filter:   filter,
	}
	for p, err := range orderedPairs(pairs) {
		if err != nil {
			return fmt.Errorf("write sentences: %w", err)
		}
		if err := sw.addPair(p); err != nil {
			return fmt.Errorf("write sentences: %w", err)
		}
	}
	if err := sw.flush(); err != nil {
		return fmt.Errorf("write sentences: %w", err)
	}
	if err := sw.pw.Close(); err != nil {
		return fmt.Errorf("write sentences: %w", err)
	}
	return nil
}

// sentenceWriter converts beads to records in fixed-size batches, reusing
// the batch's storage so that memory does not grow with the corpus.
type sentenceWriter struct {
	pw       *parquet.GenericWriter[sentenceRecord]
	srcFirst bool    // the source language sorts first in translation
	filter   *Filter // nil: every bead
	batch    []sentenceRecord
	texts    []translationRecord // batch[i].Translation points to texts[i]
	indices  []int32             // backing store of the batch's index lists
	join     strings.Builder
}

// addPair appends a record for each bilingual bead of p, flushing full
// batches.
func (sw *sentenceWriter) addPair(p *Pair) error {
	if err := checkPairSpans(p); err != nil {
		return err
	}
	src := codePointCursor{text: p.Source.Text}
	tgt := codePointCursor{text: p.Target.Text}
	prefix := strconv.FormatInt(p.ID, 10) + "-"
	for i, b := range p.Beads {
		if !b.Bilingual() {
			continue
		}
		if len(sw.batch) == parquetBatch {
			if err := sw.flush(); err != nil {
				return err
			}
		}
		srcSpans := p.SourceSentences[b.SrcStart:b.SrcEnd]
		tgtSpans := p.TargetSentences[b.TgtStart:b.TgtEnd]
		first := sw.sideText(p.Source.Text, srcSpans)
		second := sw.sideText(p.Target.Text, tgtSpans)
		if sw.filter != nil && !sw.filter.Keep(first, second, b.Score) {
			continue
		}
		if !sw.srcFirst {
			first, second = second, first
		}
		sw.texts = append(sw.texts, translationRecord{First: first, Second: second})
		sw.batch = append(sw.batch, sentenceRecord{
			ID:            prefix + strconv.Itoa(i),
			PairID:        p.ID,
			SourceChannel: p.Source.Channel,
			SourcePostID:  p.Source.ID,
			TargetChannel: p.Target.Channel,
			TargetPostID:  p.Target.ID,
			Alignment:     beadShape(b),
			Score:         b.Score,
			SourceIndex:   sw.indexList(b.SrcStart, b.SrcEnd),
			TargetIndex:   sw.indexList(b.TgtStart, b.TgtEnd),
			SourceStart:   src.at(srcSpans[0].Start),
			SourceEnd:     src.at(srcSpans[len(srcSpans)-1].End),
			TargetStart:   tgt.at(tgtSpans[0].Start),
			TargetEnd:     tgt.at(tgtSpans[len(tgtSpans)-1].End),
		})
	}
	return nil
}

// flush writes the batch and empties it.
func (sw *sentenceWriter) flush() error {
	if len(sw.batch) == 0 {
		return nil
	}
	// Pointers into texts are taken only now: texts may have been
	// reallocated while the batch grew.
	for i := range sw.batch {
		sw.batch[i].Translation = &sw.texts[i]
	}
	if _, err := sw.pw.Write(sw.batch); err != nil {
		return err
	}
	clear(sw.batch)
	clear(sw.texts)
	sw.batch, sw.texts, sw.indices = sw.batch[:0], sw.texts[:0], sw.indices[:0]
	return nil
}

// sideText is the text of one side of a bead: its sentences joined by one
// space.
func (sw *sentenceWriter) sideText(text string, spans []Span) string {
	if len(spans) == 1 {
		return text[spans[0].Start:spans[0].End]
	}
	sw.join.Reset()
	for i, s := range spans {
		if i > 0 {
			sw.join.WriteByte(' ')
		}
		sw.join.WriteString(text[s.Start:s.End])
	}
	return sw.join.String()
}

// indexList returns the sentence numbers [start, end) as a list backed by
// the batch's shared store.
func (sw *sentenceWriter) indexList(start, end int) []int32 {
	if cap(sw.indices)-len(sw.indices) < end-start {
		// A new store: the lists already handed out keep the old one.
		sw.indices = make([]int32, 0, max(4*parquetBatch, end-start))
	}
	n := len(sw.indices)
	for i := start; i < end; i++ {
		sw.indices = append(sw.indices, int32(i))
	}
	return sw.indices[n:len(sw.indices):len(sw.indices)]
}

// beadShapes caches the common bead shapes, to spare an allocation a row.
var beadShapes = [4][4]string{
	{"0-0", "0-1", "0-2", "0-3"},
	{"1-0", "1-1", "1-2", "1-3"},
	{"2-0", "2-1", "2-2", "2-3"},
	{"3-0", "3-1", "3-2", "3-3"},
}

func beadShape(b Bead) string {
	ns, nt := b.SrcEnd-b.SrcStart, b.TgtEnd-b.TgtStart
	if ns < len(beadShapes) && nt < len(beadShapes[0]) {
		return beadShapes[ns][nt]
	}
	return b.Type()
}

// codePointCursor converts byte offsets of a text to code-point offsets. Offsets
// asked in increasing order cost one pass over the text in all.
type codePointCursor struct {
	text  string
	bytes int // byte offset reached
	runes int // code points before it
}

// at returns the number of code points in text[:off]; off must lie on a
// rune boundary within text (checkPairSpans ensures it).
func (c *codePointCursor) at(off int) int32 {
	if off < c.bytes {
		c.bytes, c.runes = 0, 0
	}
	c.runes += utf8.RuneCountInString(c.text[c.bytes:off])
	c.bytes = off
	return int32(c.runes)
}

// ReadSentencesParquet reads every row of a sentences.parquet file.
func ReadSentencesParquet(r io.ReaderAt, size int64) ([]SentenceRow, error) {
	_, seq, err := SentencesParquetRows(r, size)
	if err != nil {
		return nil, err
	}
	var rows []SentenceRow
	for row, err := range seq {
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// SentencesParquetRows streams the rows of a sentences.parquet file a batch
// at a time, in memory that does not grow with the file, after reading its
// two languages (sorted) from the schema. An error ends the sequence.
func SentencesParquetRows(r io.ReaderAt, size int64) (langs [2]string, rows iter.Seq2[SentenceRow, error], err error) {
	langs, err = sentenceLangs(r, size)
	if err != nil {
		return langs, nil, err
	}
	var opts []parquet.ReaderOption
	for _, t := range translationTags(langs) {
		opts = append(opts, t)
	}
	return langs, parquetRows(r, size, "sentences", nil, func(rec *sentenceRecord) SentenceRow {
		row := SentenceRow{
			ID:            rec.ID,
			PairID:        rec.PairID,
			SourceChannel: rec.SourceChannel,
			SourcePostID:  rec.SourcePostID,
			TargetChannel: rec.TargetChannel,
			TargetPostID:  rec.TargetPostID,
			Alignment:     rec.Alignment,
			Score:         rec.Score,
			SourceIndex:   rec.SourceIndex,
			TargetIndex:   rec.TargetIndex,
			SourceStart:   rec.SourceStart,
			SourceEnd:     rec.SourceEnd,
			TargetStart:   rec.TargetStart,
			TargetEnd:     rec.TargetEnd,
		}
		if t := rec.Translation; t != nil {
			row.Translation = make(map[string]string, 2)
			for i, text := range []string{t.First, t.Second} {
				if text != "" { // NULL
					row.Translation[langs[i]] = text
				}
			}
		}
		return row
	}, opts...), nil
}

// sentenceLangs returns the language codes of a sentences.parquet file: the
// fields of its translation column.
func sentenceLangs(r io.ReaderAt, size int64) (langs [2]string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("read sentences.parquet: malformed file: %v", p)
		}
	}()
	f, err := parquet.OpenFile(r, size)
	if err != nil {
		return langs, fmt.Errorf("read sentences.parquet: %w", err)
	}
	for _, field := range f.Schema().Fields() {
		if field.Name() != "translation" {
			continue
		}
		sub := field.Fields()
		if len(sub) != 2 {
			break
		}
		langs = [2]string{sub[0].Name(), sub[1].Name()}
		if _, _, err := translationLangs(langs[0], langs[1]); err != nil || langs[0] > langs[1] {
			break
		}
		return langs, nil
	}
	return langs, fmt.Errorf("read sentences.parquet: no translation column of two languages")
}

// hfObject is a JSON object that keeps its keys in order, so that the
// features read in column order.
type hfObject []hfField

type hfField struct {
	key   string
	value any
}

// MarshalJSON implements json.Marshaler.
func (o hfObject) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := json.Marshal(f.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(f.value)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// huggingFaceMetadata describes the columns of record type t as Hugging
// Face datasets features: {"info":{"features":{...}}}. Lists are written in
// the "Sequence" form, which datasets 2.x and 3.x read and 4.x still
// accepts (as List); the translation struct is a Translation feature.
func huggingFaceMetadata(t reflect.Type, langs [2]string) (string, error) {
	features := hfObject{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("parquet"), ",")
		if name == "" || name == "-" {
			continue
		}
		var feature any
		if f.Type == reflect.TypeFor[*translationRecord]() {
			feature = hfObject{{"languages", langs[:]}, {"_type", "Translation"}}
		} else {
			v, err := huggingFaceFeature(f.Type)
			if err != nil {
				return "", fmt.Errorf("column %s: %w", name, err)
			}
			feature = v
		}
		features = append(features, hfField{name, feature})
	}
	b, err := json.Marshal(hfObject{{"info", hfObject{{"features", features}}}})
	return string(b), err
}

// huggingFaceFeature is the datasets feature of a column of Go type t.
func huggingFaceFeature(t reflect.Type) (any, error) {
	value := func(dtype string) any { return hfObject{{"dtype", dtype}, {"_type", "Value"}} }
	switch t.Kind() {
	case reflect.String:
		return value("string"), nil
	case reflect.Int64:
		return value("int64"), nil
	case reflect.Int32:
		return value("int32"), nil
	case reflect.Float64:
		return value("float64"), nil
	case reflect.Bool:
		return value("bool"), nil
	case reflect.Slice:
		elem, err := huggingFaceFeature(t.Elem())
		if err != nil {
			return nil, err
		}
		return hfObject{{"feature", elem}, {"length", -1}, {"_type", "Sequence"}}, nil
	}
	return nil, fmt.Errorf("no Hugging Face feature for Go type %s", t)
}
