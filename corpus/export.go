package corpus

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ExportFormat names a format of `parapost export`.
type ExportFormat string

// The export formats. Every format writes one bead per record and the texts
// as CleanLine makes them, so that all formats hold the same sentences.
const (
	// ExportMoses is two plain-text files, PATH.SRC and PATH.TGT (train.ru,
	// train.en), one bead per line, line n of one the translation of line n
	// of the other: what Moses, fairseq, Marian and OpenNMT read.
	ExportMoses ExportFormat = "moses"
	// ExportTSV is one file, "SOURCE<TAB>TARGET" per line, no header and
	// no quoting: CleanLine leaves no tab or line break inside a text.
	ExportTSV ExportFormat = "tsv"
	// ExportJSONL is one JSON object per line: id, pair_id, channels and
	// post ids, alignment, score and translation {"en": ..., "ru": ...},
	// the Hugging Face Translation feature.
	ExportJSONL ExportFormat = "jsonl"
	// ExportTMX is a TMX 1.4b translation memory: one <tu> per bead, tuid =
	// the bead id, its score and shape as x- properties.
	ExportTMX ExportFormat = "tmx"
)

// ExportFormats lists the formats.
var ExportFormats = []ExportFormat{ExportMoses, ExportTSV, ExportJSONL, ExportTMX}

// ParseExportFormat checks a format name.
func ParseExportFormat(s string) (ExportFormat, error) {
	for _, f := range ExportFormats {
		if string(f) == strings.ToLower(strings.TrimSpace(s)) {
			return f, nil
		}
	}
	names := make([]string, len(ExportFormats))
	for i, f := range ExportFormats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown export format %q (want %s)", s, strings.Join(names, ", "))
}

// ExportOptions are what every export needs to know.
type ExportOptions struct {
	// SourceLang and TargetLang are the languages of the originals and the
	// translations, keys of SentenceRow.Translation (ISO 639-1).
	SourceLang, TargetLang string
	// ToolVersion is parapost's version, for TMX's creationtoolversion
	// ("unknown" when empty).
	ToolVersion string
}

func (o ExportOptions) check() error {
	if _, _, err := translationLangs(o.SourceLang, o.TargetLang); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// texts returns the cleaned source and target texts of a row.
func (o ExportOptions) texts(row *SentenceRow) (string, string) {
	return CleanLine(row.Translation[o.SourceLang]), CleanLine(row.Translation[o.TargetLang])
}

// CleanLine makes a text safe as one line of any export: invalid UTF-8
// becomes U+FFFD; tabs, line breaks (also U+0085, U+2028, U+2029, which
// Python's splitlines honours) and other control characters become spaces;
// U+FFFE and U+FFFF, which XML 1.0 forbids, are dropped; runs of spaces
// become one, and the ends are trimmed. Other white space (no-break spaces
// in "10 000") is kept.
func CleanLine(s string) string {
	if cleanLineStable(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		switch {
		case r == ' ' || r == '\u0085' || r == '\u2028' || r == '\u2029' || unicode.IsControl(r):
			pending = b.Len() > 0
			continue
		case r == 0xFFFE || r == 0xFFFF:
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cleanLineStable reports whether CleanLine would return s as it is, the
// common case, without building a copy.
func cleanLineStable(s string) bool {
	prevSpace := true // no leading space
	for _, r := range s {
		switch {
		case r == utf8.RuneError || r == '\u0085' || r == '\u2028' || r == '\u2029' || r == 0xFFFE || r == 0xFFFF || unicode.IsControl(r):
			return false
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

// WriteMoses writes the rows as two parallel plain-text files, the source
// texts to src and the target texts to tgt, one line per row: both get
// the same number of lines. It returns the number of rows written.
func WriteMoses(src, tgt io.Writer, rows iter.Seq2[SentenceRow, error], opt ExportOptions) (int, error) {
	if err := opt.check(); err != nil {
		return 0, err
	}
	bs, bt := bufio.NewWriter(src), bufio.NewWriter(tgt)
	n := 0
	for row, err := range rows {
		if err != nil {
			return n, err
		}
		s, t := opt.texts(&row)
		bs.WriteString(s)
		bs.WriteByte('\n')
		bt.WriteString(t)
		bt.WriteByte('\n')
		n++
	}
	if err := bs.Flush(); err != nil {
		return n, fmt.Errorf("write moses %s: %w", opt.SourceLang, err)
	}
	if err := bt.Flush(); err != nil {
		return n, fmt.Errorf("write moses %s: %w", opt.TargetLang, err)
	}
	return n, nil
}

// WriteTSV writes the rows as "SOURCE<TAB>TARGET" lines, without a header.
// No escaping is needed: CleanLine leaves no tab or line break in a text.
func WriteTSV(w io.Writer, rows iter.Seq2[SentenceRow, error], opt ExportOptions) (int, error) {
	if err := opt.check(); err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(w)
	n := 0
	for row, err := range rows {
		if err != nil {
			return n, err
		}
		s, t := opt.texts(&row)
		bw.WriteString(s)
		bw.WriteByte('\t')
		bw.WriteString(t)
		bw.WriteByte('\n')
		n++
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("write tsv: %w", err)
	}
	return n, nil
}

// jsonlBead is one line of the JSON Lines export.
type jsonlBead struct {
	ID            string            `json:"id"`
	PairID        int64             `json:"pair_id"`
	SourceChannel string            `json:"source_channel"`
	SourcePostID  int64             `json:"source_post_id"`
	TargetChannel string            `json:"target_channel"`
	TargetPostID  int64             `json:"target_post_id"`
	Alignment     string            `json:"alignment"`
	Score         float64           `json:"score"`
	Translation   map[string]string `json:"translation"` // keys sorted by encoding/json
}

// WriteJSONL writes one JSON object per row: {"id", "pair_id",
// "source_channel", "source_post_id", "target_channel", "target_post_id",
// "alignment", "score", "translation": {"en": ..., "ru": ...}}, which
// Hugging Face's load_dataset("json", ...) reads with translation as the
// Translation feature.
func WriteJSONL(w io.Writer, rows iter.Seq2[SentenceRow, error], opt ExportOptions) (int, error) {
	if err := opt.check(); err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n := 0
	for row, err := range rows {
		if err != nil {
			return n, err
		}
		s, t := opt.texts(&row)
		rec := jsonlBead{
			ID: row.ID, PairID: row.PairID,
			SourceChannel: row.SourceChannel, SourcePostID: row.SourcePostID,
			TargetChannel: row.TargetChannel, TargetPostID: row.TargetPostID,
			Alignment: row.Alignment, Score: row.Score,
			Translation: map[string]string{opt.SourceLang: s, opt.TargetLang: t},
		}
		if err := enc.Encode(&rec); err != nil {
			return n, fmt.Errorf("write jsonl: bead %s: %w", row.ID, err)
		}
		n++
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("write jsonl: %w", err)
	}
	return n, nil
}

// WriteTMX writes the rows as a TMX 1.4b document (LISA/GALA's Translation
// Memory eXchange, which CAT tools such as OmegaT, Trados and memoQ
// import): a header with srclang, adminlang "en", segtype "sentence",
// datatype "plaintext", o-tmf and creationtool "parapost"; one <tu
// tuid="ID"> per row with the properties x-score, x-alignment, x-source and
// x-target ("CHANNEL/POST") and a <tuv xml:lang=..><seg> per language.
// Texts are escaped; CleanLine has removed the characters XML 1.0 forbids.
// No DOCTYPE: validate with xmllint --dtdvalid tmx14.dtd if you have it.
func WriteTMX(w io.Writer, rows iter.Seq2[SentenceRow, error], opt ExportOptions) (int, error) {
	if err := opt.check(); err != nil {
		return 0, err
	}
	version := opt.ToolVersion
	if version == "" {
		version = "unknown"
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<tmx version="1.4">` + "\n")
	bw.WriteString(`  <header creationtool="parapost" creationtoolversion="`)
	xmlEscape(bw, CleanLine(version))
	bw.WriteString(`" datatype="plaintext" segtype="sentence" adminlang="en" srclang="`)
	xmlEscape(bw, opt.SourceLang)
	bw.WriteString(`" o-tmf="parapost"/>` + "\n  <body>\n")
	n := 0
	for row, err := range rows {
		if err != nil {
			return n, err
		}
		s, t := opt.texts(&row)
		bw.WriteString(`    <tu tuid="`)
		xmlEscape(bw, CleanLine(row.ID))
		bw.WriteString("\">\n")
		tmxProp(bw, "x-score", strconv.FormatFloat(row.Score, 'f', -1, 64))
		tmxProp(bw, "x-alignment", row.Alignment)
		tmxProp(bw, "x-source", row.SourceChannel+"/"+strconv.FormatInt(row.SourcePostID, 10))
		tmxProp(bw, "x-target", row.TargetChannel+"/"+strconv.FormatInt(row.TargetPostID, 10))
		tmxTUV(bw, opt.SourceLang, s)
		tmxTUV(bw, opt.TargetLang, t)
		bw.WriteString("    </tu>\n")
		n++
	}
	bw.WriteString("  </body>\n</tmx>\n")
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("write tmx: %w", err)
	}
	return n, nil
}

func tmxProp(w *bufio.Writer, typ, value string) {
	w.WriteString(`      <prop type="`)
	w.WriteString(typ)
	w.WriteString(`">`)
	xmlEscape(w, CleanLine(value))
	w.WriteString("</prop>\n")
}

func tmxTUV(w *bufio.Writer, lang, text string) {
	w.WriteString(`      <tuv xml:lang="`)
	xmlEscape(w, lang)
	w.WriteString(`"><seg>`)
	xmlEscape(w, text)
	w.WriteString("</seg></tuv>\n")
}

// xmlEscape writes s escaped for XML text and attribute values (& < > " '
// and white space other than the space as character references).
func xmlEscape(w *bufio.Writer, s string) {
	xml.EscapeText(w, []byte(s)) // writes to a bufio.Writer fail only at Flush
}

// ExportFiles writes rows in format at path, all or none: Moses writes
// PATH.SRC and PATH.TGT (path is a prefix such as corpus/train), the other
// formats the file path. It returns the files written and the rows.
func ExportFiles(path string, format ExportFormat, rows iter.Seq2[SentenceRow, error], opt ExportOptions) (files []string, n int, err error) {
	if err := opt.check(); err != nil {
		return nil, 0, err
	}
	var set OutputSet
	defer func() {
		if err != nil {
			set.Abort()
		}
	}()
	create := func(p string) (*AtomicFile, error) {
		files = append(files, p)
		return set.Create(p)
	}
	if format == ExportMoses {
		src, err := create(path + "." + opt.SourceLang)
		if err != nil {
			return nil, 0, err
		}
		tgt, err := create(path + "." + opt.TargetLang)
		if err != nil {
			return nil, 0, err
		}
		if n, err = WriteMoses(src, tgt, rows, opt); err != nil {
			return nil, n, err
		}
	} else {
		f, err := create(path)
		if err != nil {
			return nil, 0, err
		}
		if n, err = WriteExport(f, format, rows, opt); err != nil {
			return nil, n, err
		}
	}
	if err := set.Commit(); err != nil {
		return nil, n, err
	}
	return files, n, nil
}

// WriteExport writes rows to w in a one-file format (not Moses).
func WriteExport(w io.Writer, format ExportFormat, rows iter.Seq2[SentenceRow, error], opt ExportOptions) (int, error) {
	switch format {
	case ExportTSV:
		return WriteTSV(w, rows, opt)
	case ExportJSONL:
		return WriteJSONL(w, rows, opt)
	case ExportTMX:
		return WriteTMX(w, rows, opt)
	case ExportMoses:
		return 0, fmt.Errorf("export: the moses format writes two files, not one stream")
	}
	return 0, fmt.Errorf("export: unknown format %q", format)
}
