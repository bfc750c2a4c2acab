package eval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/parapost/parapost/corpus"
)

// GoldPair is one line of a gold pairs file (pairs.tsv): a target-language
// post and the source-language post it translates.
type GoldPair struct {
	TargetChannel string // en_channel
	TargetID      int64  // en_id
	SourceChannel string // ru_channel
	SourceID      int64  // ru_id
}

// GoldBead is one gold sentence bead: the source and target text it spans,
// each an exact substring of its post (whitespace aside). A bead with one
// side empty is an omission.
type GoldBead struct{ Source, Target string }

// Bilingual reports whether both sides of the bead hold more than
// whitespace.
func (b GoldBead) Bilingual() bool {
	return strings.TrimSpace(b.Source) != "" && strings.TrimSpace(b.Target) != ""
}

// GoldBeads is the gold sentence alignment of one gold pair: its beads cover
// both post texts in order.
type GoldBeads struct {
	TargetID, SourceID int64
	Beads              []GoldBead
}

// LineBead is one bead of a Bleualign/Vecalign alignment file: source and
// target line indices (0-based), with an optional score.
type LineBead struct {
	Source, Target []int
	Score          float64
}

// goldLines calls fn for each line of r that is not blank, with its 1-based
// line number, after dropping a UTF-8 byte order mark and the line ending.
// It stops at the first error fn returns. Lines may be of any length.
func goldLines(r io.Reader, name string, fn func(n int, line string) error) error {
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		line, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) != "" {
			if ferr := fn(n, line); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// lineErr is an InputError at a line of a file.
func lineErr(name string, n int, format string, args ...any) *corpus.InputError {
	return &corpus.InputError{File: name, Place: "line " + strconv.Itoa(n), Err: fmt.Errorf(format, args...)}
}

// ReadGoldPairs reads a gold pairs file: a tab-separated header
// "en_channel en_id ru_channel ru_id" (any language codes, target language
// first) and one line per true pair. Blank lines are skipped. Malformed
// input is an *corpus.InputError naming the line.
func ReadGoldPairs(r io.Reader, name string) ([]GoldPair, error) {
	var pairs []GoldPair
	header := false
	seen := make(map[GoldPair]int)
	err := goldLines(r, name, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if !header {
			header = true
			return checkPairsHeader(name, n, f)
		}
		if len(f) != 4 {
			return lineErr(name, n, "got %d tab-separated fields, want 4 (target channel, id, source channel, id)", len(f))
		}
		p, err := parseGoldPair(f)
		if err != nil {
			return lineErr(name, n, "%w", err)
		}
		if first, dup := seen[p]; dup {
			return lineErr(name, n, "duplicate of line %d", first)
		}
		seen[p] = n
		pairs = append(pairs, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !header {
		return nil, &corpus.InputError{File: name, Err: corpus.ErrEmpty}
	}
	return pairs, nil
}

// checkPairsHeader checks the header fields of a pairs file.
func checkPairsHeader(name string, n int, f []string) error {
	ok := len(f) == 4
	for i, suffix := range []string{"_channel", "_id", "_channel", "_id"} {
		ok = ok && strings.HasSuffix(strings.TrimSpace(f[i]), suffix)
	}
	if !ok {
		return lineErr(name, n, "header %q: want tab-separated en_channel, en_id, ru_channel, ru_id", strings.Join(f, "\t"))
	}
	return nil
}

// parseGoldPair parses the four fields of a pairs line.
func parseGoldPair(f []string) (GoldPair, error) {
	p := GoldPair{TargetChannel: strings.TrimSpace(f[0]), SourceChannel: strings.TrimSpace(f[2])}
	if p.TargetChannel == "" || p.SourceChannel == "" {
		return p, errors.New("empty channel name")
	}
	var err error
	if p.TargetID, err = parsePostID(f[1]); err != nil {
		return p, err
	}
	p.SourceID, err = parsePostID(f[3])
	return p, err
}

// parsePostID parses a positive post id.
func parsePostID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("post id %q is not a positive integer", s)
	}
	return id, nil
}

// ReadGoldBeads reads a gold beads file (beads.jsonl): one JSON object per
// line, {"en_id": 1, "ru_id": 2, "beads": [{"ru": "...", "en": "..."}, ...]}.
// srcLang and tgtLang name the keys ("ru" and "en" give "ru_id" and the
// beads' "ru" sides), so other language pairs read the same way. Other keys
// are ignored. A side may be "" or null (an omission) but not both sides of
// one bead. Blank lines are skipped; an empty file is an error. Malformed
// input is an *corpus.InputError naming the line.
func ReadGoldBeads(r io.Reader, name, srcLang, tgtLang string) ([]GoldBeads, error) {
	var out []GoldBeads
	seen := make(map[[2]int64]int)
	err := goldLines(r, name, func(n int, line string) error {
		g, err := parseGoldBeads(line, srcLang, tgtLang)
		if err != nil {
			return lineErr(name, n, "%w", err)
		}
		key := [2]int64{g.TargetID, g.SourceID}
		if first, dup := seen[key]; dup {
			return lineErr(name, n, "%s_id %d and %s_id %d repeat line %d", tgtLang, g.TargetID, srcLang, g.SourceID, first)
		}
		seen[key] = n
		out = append(out, g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, &corpus.InputError{File: name, Err: corpus.ErrEmpty}
	}
	return out, nil
}

// parseGoldBeads parses one line of a beads file.
func parseGoldBeads(line, srcLang, tgtLang string) (GoldBeads, error) {
	var g GoldBeads
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(line), &obj); err != nil {
		return g, fmt.Errorf("not a JSON object: %w", err)
	}
	var err error
	if g.TargetID, err = jsonPostID(obj, tgtLang+"_id"); err != nil {
		return g, err
	}
	if g.SourceID, err = jsonPostID(obj, srcLang+"_id"); err != nil {
		return g, err
	}
	raw, ok := obj["beads"]
	if !ok {
		return g, errors.New(`missing "beads"`)
	}
	var beads []map[string]*string
	if err := json.Unmarshal(raw, &beads); err != nil {
		return g, fmt.Errorf(`"beads" is not a list of objects of strings: %w`, err)
	}
	g.Beads = make([]GoldBead, len(beads))
	for i, b := range beads {
		if g.Beads[i], err = goldBead(b, srcLang, tgtLang); err != nil {
			return g, fmt.Errorf("bead %d: %w", i+1, err)
		}
	}
	return g, nil
}

// jsonPostID reads a positive integer post id under key.
func jsonPostID(obj map[string]json.RawMessage, key string) (int64, error) {
	raw, ok := obj[key]
	if !ok {
		return 0, fmt.Errorf("missing %q", key)
	}
	var id int64
	if err := json.Unmarshal(raw, &id); err != nil || id <= 0 {
		return 0, fmt.Errorf("%q is %s, want a positive integer", key, raw)
	}
	return id, nil
}

// goldBead reads the two sides of a bead object.
func goldBead(b map[string]*string, srcLang, tgtLang string) (GoldBead, error) {
	src, okSrc := b[srcLang]
	tgt, okTgt := b[tgtLang]
	switch {
	case !okSrc:
		return GoldBead{}, fmt.Errorf("missing %q", srcLang)
	case !okTgt:
		return GoldBead{}, fmt.Errorf("missing %q", tgtLang)
	}
	var g GoldBead
	if src != nil {
		g.Source = *src
	}
	if tgt != nil {
		g.Target = *tgt
	}
	if strings.TrimSpace(g.Source) == "" && strings.TrimSpace(g.Target) == "" {
		return g, errors.New("both sides are empty")
	}
	return g, nil
}

// ReadLineAlignment reads a Bleualign/Vecalign alignment file: one bead a
// line, source and target line indices and an optional score, as in
// "[0]:[0, 1]", "[]:[3]" (an insertion) or "[2]:[2]:0.873". Blank lines
// are skipped, and an empty file is an empty alignment. Malformed input is
// an *corpus.InputError naming the line.
func ReadLineAlignment(r io.Reader, name string) ([]LineBead, error) {
	var out []LineBead
	err := goldLines(r, name, func(n int, line string) error {
		b, err := parseLineBead(line)
		if err != nil {
			return lineErr(name, n, "%w", err)
		}
		out = append(out, b)
		return nil
	})
	return out, err
}

// parseLineBead parses one line of an alignment file.
func parseLineBead(line string) (LineBead, error) {
	var b LineBead
	f := strings.Split(line, ":")
	if len(f) != 2 && len(f) != 3 {
		return b, fmt.Errorf("bead %q: want [source lines]:[target lines] with an optional :score", line)
	}
	var err error
	if b.Source, err = parseIndexList(f[0]); err != nil {
		return b, fmt.Errorf("source side: %w", err)
	}
	if b.Target, err = parseIndexList(f[1]); err != nil {
		return b, fmt.Errorf("target side: %w", err)
	}
	if len(f) == 3 {
		s := strings.TrimSpace(f[2])
		if b.Score, err = strconv.ParseFloat(s, 64); err != nil {
			return b, fmt.Errorf("score %q is not a number", s)
		}
	}
	return b, nil
}

// parseIndexList parses "[0, 1]" or "[]"; nil for an empty list.
func parseIndexList(s string) ([]int, error) {
	s = strings.TrimSpace(s)
	inner, ok := strings.CutPrefix(s, "[")
	if ok {
		inner, ok = strings.CutSuffix(inner, "]")
	}
	if !ok {
		return nil, fmt.Errorf("%q is not a bracketed list", s)
	}
	if strings.TrimSpace(inner) == "" {
		return nil, nil
	}
	var out []int
	for _, x := range strings.Split(inner, ",") {
		i, err := strconv.Atoi(strings.TrimSpace(x))
		if err != nil || i < 0 {
			return nil, fmt.Errorf("%q: %q is not a line index", s, strings.TrimSpace(x))
		}
		out = append(out, i)
	}
	return out, nil
}

// WriteLineAlignment writes beads in the Bleualign/Vecalign format, one a
// line: "[0]:[0, 1]", with ":0.873" appended when withScore is set (scores
// are rounded to 6 decimals, as Vecalign prints them).
func WriteLineAlignment(w io.Writer, beads []LineBead, withScore bool) error {
	bw := bufio.NewWriter(w)
	for i, b := range beads {
		if err := checkIndices(b); err != nil {
			return fmt.Errorf("write alignment: bead %d: %w", i+1, err)
		}
		writeIndexList(bw, b.Source)
		bw.WriteByte(':')
		writeIndexList(bw, b.Target)
		if withScore {
			bw.WriteByte(':')
			// +0 turns a rounded -0 into 0.
			bw.WriteString(strconv.FormatFloat(math.Round(b.Score*1e6)/1e6+0, 'f', -1, 64))
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write alignment: %w", err)
	}
	return nil
}

// checkIndices rejects negative line indices, which could not be read back.
func checkIndices(b LineBead) error {
	for _, side := range [][]int{b.Source, b.Target} {
		for _, i := range side {
			if i < 0 {
				return fmt.Errorf("negative line index %d", i)
			}
		}
	}
	return nil
}

// writeIndexList writes "[0, 1]" as Python prints a list.
func writeIndexList(w *bufio.Writer, xs []int) {
	w.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			w.WriteString(", ")
		}
		w.WriteString(strconv.Itoa(x))
	}
	w.WriteByte(']')
}

// LineSpans returns one span per line of a sentence-per-line file (the
// input of `parapost align --lines`, hunalign and Vecalign): a final newline
// ends the last line rather than starting an empty one, and a "\r" before
// "\n" is left out.
func LineSpans(text string) []corpus.Span {
	var spans []corpus.Span
	for start := 0; start < len(text); {
		end, next := len(text), len(text)
		if i := strings.IndexByte(text[start:], '\n'); i >= 0 {
			end, next = start+i, start+i+1
		}
		if end > start && text[end-1] == '\r' {
			end--
		}
		spans = append(spans, corpus.Span{Start: start, End: end})
		start = next
	}
	return spans
}

// LineBeadOf returns bead b in the line-alignment form: the 0-based
// sentence (line) numbers of each side, and its score.
func LineBeadOf(b corpus.Bead) LineBead {
	lb := LineBead{Score: b.Score}
	for i := b.SrcStart; i < b.SrcEnd; i++ {
		lb.Source = append(lb.Source, i)
	}
	for j := b.TgtStart; j < b.TgtEnd; j++ {
		lb.Target = append(lb.Target, j)
	}
	return lb
}
