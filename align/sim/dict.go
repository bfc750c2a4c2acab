package sim

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parapost/parapost/corpus"
)

// Dictionary is a bilingual word list: each entry maps a source-language
// headword or phrase to its translations. Entries keep the file's direction;
// the Lang codes say which is which.
type Dictionary struct {
	// FromLang is the language of the headwords, ToLang that of the
	// translations (ISO 639-1 codes, as the caller gave them).
	FromLang, ToLang string
	// Entries are in file order.
	Entries []DictEntry
}

// DictEntry is one headword or phrase with its translations.
type DictEntry struct {
	Head         string
	Translations []string
}

// Pairs returns the number of (headword, translation) pairs of d.
func (d *Dictionary) Pairs() int {
	n := 0
	for _, e := range d.Entries {
		n += len(e.Translations)
	}
	return n
}

// OpenDict opens a dictionary by path: "X.index", "X.dict.dz" or "X.dict"
// (a dictd pair, the other file found beside it; a compressed data file is
// preferred), or a ".tsv" file (see ReadDictTSV).
func OpenDict(path string, fromLang, toLang string) (*Dictionary, error) {
	switch {
	case strings.HasSuffix(path, ".tsv"):
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("open dictionary: %w", err)
		}
		defer f.Close()
		return ReadDictTSV(f, path, fromLang, toLang)
	case strings.HasSuffix(path, ".index"):
		base := strings.TrimSuffix(path, ".index")
		data := base + ".dict.dz"
		if _, err := os.Stat(data); err != nil {
			data = base + ".dict"
		}
		return ReadDictd(path, data, fromLang, toLang)
	case strings.HasSuffix(path, ".dict.dz"):
		return ReadDictd(strings.TrimSuffix(path, ".dict.dz")+".index", path, fromLang, toLang)
	case strings.HasSuffix(path, ".dict"):
		return ReadDictd(strings.TrimSuffix(path, ".dict")+".index", path, fromLang, toLang)
	}
	return nil, &corpus.InputError{File: path, Err: errors.New(`unknown dictionary format: want a dictd ".index", ".dict", ".dict.dz" or a ".tsv" file`)}
}

// errNoEntries reports a dictionary file that yields no translation at all:
// most likely not the file the user meant.
var errNoEntries = errors.New("no dictionary entries found")

// ReadDictTSV reads a tab-separated dictionary: "source\ttarget[\ttarget...]"
// per line. Blank lines and lines starting with '#' are skipped; a UTF-8 BOM
// and CR line ends are tolerated. Lines with the same source are merged into
// one entry. name is used in errors.
func ReadDictTSV(r io.Reader, name, fromLang, toLang string) (*Dictionary, error) {
	d := &Dictionary{FromLang: fromLang, ToLang: toLang}
	byHead := make(map[string]int)
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		line, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if line == "" && err == io.EOF {
			break
		}
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		head, trans, perr := parseTSVLine(line)
		if perr != nil {
			return nil, &corpus.InputError{File: name, Place: "line " + strconv.Itoa(n), Err: perr}
		}
		if head != "" {
			addEntry(d, byHead, head, trans)
		}
		if err == io.EOF {
			break
		}
	}
	if len(d.Entries) == 0 {
		return nil, &corpus.InputError{File: name, Err: errNoEntries}
	}
	return d, nil
}

// parseTSVLine returns the head and translations of a TSV dictionary line;
// head is "" for blank and comment lines.
func parseTSVLine(line string) (head string, trans []string, err error) {
	line = strings.TrimRight(line, "\r\n")
	if s := strings.TrimSpace(line); s == "" || strings.HasPrefix(s, "#") {
		return "", nil, nil
	}
	if !utf8.ValidString(line) {
		return "", nil, errors.New("invalid UTF-8")
	}
	fields := strings.Split(line, "\t")
	if len(fields) < 2 {
		return "", nil, errors.New(`want "source<TAB>target", found no tab`)
	}
	head = strings.TrimSpace(fields[0])
	for _, f := range fields[1:] {
		if f = strings.TrimSpace(f); f != "" {
			trans = append(trans, f)
		}
	}
	if head == "" {
		return "", nil, errors.New("empty source")
	}
	if len(trans) == 0 {
		return "", nil, errors.New("no target")
	}
	return head, trans, nil
}

// addEntry adds translations to the entry of head, creating it if needed,
// without repeating a translation.
func addEntry(d *Dictionary, byHead map[string]int, head string, trans []string) {
	i, ok := byHead[head]
	if !ok {
		i = len(d.Entries)
		byHead[head] = i
		d.Entries = append(d.Entries, DictEntry{Head: head})
	}
	e := &d.Entries[i]
	for _, t := range trans {
		if !containsString(e.Translations, t) {
			e.Translations = append(e.Translations, t)
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ReadDictd reads a dictd dictionary: indexPath holds "headword\tOFFSET\tLENGTH"
// lines whose offset and length are in dictd's base64 (digits A-Za-z0-9+/,
// most significant first); dataPath is the .dict file, plain or dictzip
// (.dict.dz, a gzip file with random access: reading it as plain gzip is
// fine; the format is told by content). Entries are parsed from each
// article's text (see articleParser); the 00-database-* meta entries are
// skipped.
func ReadDictd(indexPath, dataPath string, fromLang, toLang string) (*Dictionary, error) {
	data, err := readDictData(dataPath)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(indexPath)
	if err != nil {
		return nil, fmt.Errorf("open dictionary index: %w", err)
	}
	defer f.Close()
	return parseDictd(f, indexPath, data, fromLang, toLang)
}

// readDictData reads a dictd data file whole, decompressing it if it is gzip.
func readDictData(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read dictionary data: %w", err)
	}
	if !bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) {
		return string(raw), nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return "", &corpus.InputError{File: path, Err: fmt.Errorf("gzip: %w", err)}
	}
	var out strings.Builder
	// gzip's trailer holds the uncompressed size modulo 4 GiB: a hint that
	// saves regrowing a large buffer.
	if n := len(raw); n >= 18 {
		if size := binary.LittleEndian.Uint32(raw[n-4:]); size < 1<<30 {
			out.Grow(int(size))
		}
	}
	if _, err := io.Copy(&out, zr); err != nil {
		return "", &corpus.InputError{File: path, Place: "byte " + strconv.Itoa(out.Len()) + " (uncompressed)", Err: fmt.Errorf("gzip: %w", err)}
	}
	return out.String(), nil
}

// parseDictd reads the index from r and parses each article of data.
func parseDictd(r io.Reader, indexName, data, fromLang, toLang string) (*Dictionary, error) {
	p := newArticleParser(fromLang, toLang)
	d := &Dictionary{FromLang: fromLang, ToLang: toLang}
	byHead := make(map[string]int)
	var refs []dictRef
	valid := utf8.ValidString(data) // else each article is repaired
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if line == "" {
			continue
		}
		head, article, err := indexLine(line, data, valid)
		if err != nil {
			return nil, &corpus.InputError{File: indexName, Place: "line " + strconv.Itoa(n), Err: err}
		}
		if isDictdMeta(head) {
			continue
		}
		heads, arts := p.parse(head, article)
		for _, h := range heads {
			for _, a := range arts {
				if a.head == "" {
					a.head = h
				}
				if len(a.trans) > 0 {
					addEntry(d, byHead, a.head, a.trans)
				} else if a.ref != "" {
					refs = append(refs, dictRef{a.head, a.ref})
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &corpus.InputError{File: indexName, Place: "line " + strconv.Itoa(n+1), Err: err}
	}
	resolveRefs(d, byHead, refs)
	if len(d.Entries) == 0 {
		return nil, &corpus.InputError{File: indexName, Err: errNoEntries}
	}
	return d, nil
}

// dictRef is an article that only refers to another headword ("= tomorrow").
type dictRef struct{ head, to string }

// resolveRefs gives each referring headword the translations of the
// headword it refers to, when that one has any.
func resolveRefs(d *Dictionary, byHead map[string]int, refs []dictRef) {
	lower := make(map[string]int, len(byHead))
	for h, i := range byHead {
		lower[strings.ToLower(h)] = i
	}
	for _, r := range refs {
		i, ok := lower[strings.ToLower(r.to)]
		if !ok {
			continue
		}
		addEntry(d, byHead, r.head, d.Entries[i].Translations)
	}
}

// isDictdMeta reports whether head is one of dictfmt's meta entries
// (00-database-info, 00databaseshort...).
func isDictdMeta(head string) bool {
	return strings.HasPrefix(head, "00-database-") || strings.HasPrefix(head, "00database")
}

// indexLine parses one dictd index line and returns its headword and article.
// Invalid UTF-8 in the article is replaced unless valid says the whole data
// is known to be valid.
func indexLine(line, data string, valid bool) (head, article string, err error) {
	fields := strings.Split(line, "\t")
	// dictfmt may add a fourth field (the original headword); ignore it.
	if len(fields) < 3 {
		return "", "", fmt.Errorf(`want "headword<TAB>offset<TAB>length", found %d field(s)`, len(fields))
	}
	off, err := decodeDictdBase64(fields[1])
	if err != nil {
		return "", "", fmt.Errorf("offset: %w", err)
	}
	n, err := decodeDictdBase64(fields[2])
	if err != nil {
		return "", "", fmt.Errorf("length: %w", err)
	}
	if off > uint64(len(data)) || n > uint64(len(data))-off {
		return "", "", fmt.Errorf("article at byte %d, length %d, is past the end of the data (%d bytes)", off, n, len(data))
	}
	article = data[off : off+n]
	if !valid && !utf8.ValidString(article) {
		article = strings.ToValidUTF8(article, "\uFFFD")
	}
	return fields[0], article, nil
}

// decodeDictdBase64 decodes a dictd index number: base64 digits
// A-Z a-z 0-9 + / (values 0..63), most significant first, no padding.
func decodeDictdBase64(s string) (uint64, error) {
	if s == "" {
		return 0, errors.New("empty number")
	}
	// 10 digits are 60 bits; 11 would overflow 64 bits in the worst case and
	// no dictionary is that large.
	if len(s) > 10 {
		return 0, fmt.Errorf("number %q too long", s)
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		d := dictdDigit(s[i])
		if d < 0 {
			return 0, fmt.Errorf("bad base64 digit %q in %q", s[i], s)
		}
		v = v<<6 | uint64(d)
	}
	return v, nil
}

func dictdDigit(c byte) int {
	switch {
	case 'A' <= c && c <= 'Z':
		return int(c - 'A')
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 26
	case '0' <= c && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	}
	return -1
}

// articleParser extracts translations from dictd article text written in
// the style of Mueller's English-Russian dictionary:
//
//	minister
//	   [↗mɪnɪstɜ]
//	   1. _n.
//	      1) министр; the ministers правительство
//	      2) _дип. посланник; советник посольства
//	   2. _v.
//	      1) служить; помогать, оказывать помощь
//
// Each numbered sense (or the whole body when there are none) lists
// translations separated by ',' and ';', then examples: source-language
// text followed by its translation. Transcriptions [..], comments (..) and
// {..}, and grammar or usage marks (_n., _разг.) are dropped. A sense whose
// last item is a bare source-language phrase ("go about") introduces
// lettered sub-senses ("а) расхаживать") that translate that phrase: they
// become an entry of their own.
type articleParser struct {
	// src and tgt are the scripts of the two languages; examples are told
	// from translations by script, so when both are the same every item is
	// taken as a translation.
	src, tgt *unicode.RangeTable
}

func newArticleParser(fromLang, toLang string) *articleParser {
	return &articleParser{src: scriptOf(fromLang), tgt: scriptOf(toLang)}
}

// scriptOf returns the main script of a language (Latin when unknown).
func scriptOf(lang string) *unicode.RangeTable {
	switch strings.ToLower(lang) {
	case "ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "tg", "mn", "tt", "ba":
		return unicode.Cyrillic
	case "el":
		return unicode.Greek
	case "zh", "ja":
		return unicode.Han
	case "ar", "fa", "ur":
		return unicode.Arabic
	case "he", "yi":
		return unicode.Hebrew
	case "ka":
		return unicode.Georgian
	case "hy":
		return unicode.Armenian
	}
	return unicode.Latin
}

// parsedArticle is what one article yields for one head: head is "" for
// the article's own headword, else a phrase.
type parsedArticle struct {
	head  string
	trans []string
	ref   string // headword referred to by a "= word" article
}

// chunk is one sense of an article: its marker kind and text.
type chunk struct {
	lettered bool // "а)" sub-sense
	text     string
}

// parse returns the headwords of an article (the index headword, or its
// spelling in the article, split at ", " for variants) and what the article
// says about them.
func (p *articleParser) parse(indexHead, article string) (heads []string, out []parsedArticle) {
	lines := strings.Split(article, "\n")
	head := indexHead
	if first := strings.TrimSpace(lines[0]); strings.EqualFold(first, indexHead) {
		head = first // the article keeps the original case ("ABC")
		lines = lines[1:]
	} else if len(first) > len(indexHead) && strings.EqualFold(first[:len(indexHead)], indexHead) {
		lines[0] = first[len(indexHead):] // "word [transcription] translation"
	}
	// Legend entries of abbreviations ("_разг.", "-л.") are not words.
	if strings.HasPrefix(head, "_") || strings.HasPrefix(head, "-") {
		return nil, nil
	}
	for _, h := range strings.Split(head, ",") {
		if h = strings.TrimSpace(h); h != "" {
			heads = append(heads, h)
		}
	}
	main := parsedArticle{}
	phrase := -1 // index in out of the phrase that lettered sub-senses belong to
	for _, c := range splitChunks(lines) {
		items := strings.Split(cleanArticleText(c.text), ";")
		if !c.lettered {
			phrase = -1
		}
		dst := &main
		if phrase >= 0 {
			dst = &out[phrase]
		}
		p.collect(dst, items)
		if last := lastItem(items); last != "" && p.isPhrase(last) {
			out = append(out, parsedArticle{head: last})
			phrase = len(out) - 1
		}
	}
	// The head's own entry first, then its phrases (the slice may move
	// while phrases are appended, so main is kept apart until the end).
	out = append([]parsedArticle{main}, out...)
	return heads, out
}

// collect adds the translations of a sense's items to dst, stopping at the
// first example.
func (p *articleParser) collect(dst *parsedArticle, items []string) {
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it == "" {
			continue
		}
		if p.src != p.tgt && hasScript(it, p.src) {
			if dst.ref == "" && len(dst.trans) == 0 && strings.HasPrefix(it, "=") {
				dst.ref = refTarget(it)
			}
			return // an example: what follows translates it, not the head
		}
		if strings.ContainsRune(it, '~') {
			return // an example with the head abbreviated as '~'
		}
		if strings.ContainsRune(it, ':') {
			continue // "означает: ..." is an explanation, not a translation
		}
		for _, t := range strings.Split(it, ",") {
			t = strings.Trim(t, " \"«»“”„:")
			if t != "" && hasScript(t, p.tgt) && !containsString(dst.trans, t) {
				dst.trans = append(dst.trans, t)
			}
		}
	}
}

// isPhrase reports whether item is a bare source-language phrase, one that
// can head lettered sub-senses.
func (p *articleParser) isPhrase(item string) bool {
	return p.src != p.tgt && hasScript(item, p.src) && !hasScript(item, p.tgt) &&
		!strings.HasPrefix(item, "=") && !strings.ContainsRune(item, '~')
}

// lastItem returns the last non-empty item, trimmed.
func lastItem(items []string) string {
	for i := len(items) - 1; i >= 0; i-- {
		if s := strings.TrimSpace(items[i]); s != "" {
			return strings.TrimRight(s, ":,.")
		}
	}
	return ""
}

// refTarget returns the headword of a reference item "= buzz III", "= hoick 1, 2".
func refTarget(item string) string {
	var words []string
	for _, w := range strings.Fields(strings.TrimPrefix(item, "=")) {
		w = strings.TrimRight(w, ",.")
		if w == "" || isRomanOrNumber(w) {
			break
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

func isRomanOrNumber(w string) bool {
	return strings.Trim(w, "IVX") == "" || strings.Trim(w, "0123456789") == ""
}

// splitChunks joins wrapped lines and splits an article body at its sense
// markers: "1. " (part of speech), "1) " or "10)" (sense), "а) " (sub-sense)
// and "_I"/"_II" (homonym) at the start of a line.
func splitChunks(lines []string) []chunk {
	var out []chunk
	var b strings.Builder
	lettered := false
	flush := func() {
		if b.Len() > 0 {
			out = append(out, chunk{lettered: lettered, text: b.String()})
			b.Reset()
		}
	}
	for _, ln := range lines {
		ln = strings.TrimSpace(ln)
		if ln == "" {
			continue
		}
		if rest, kind := senseMarker(ln); kind != markNone {
			flush()
			lettered = kind == markLetter
			ln = rest
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(ln)
	}
	flush()
	return out
}

type markKind int

const (
	markNone markKind = iota
	markNumber
	markLetter
	markHomonym
)

// senseMarker recognises a sense marker at the start of a trimmed line and
// returns the rest of the line.
func senseMarker(ln string) (rest string, kind markKind) {
	i := 0
	for i < len(ln) && '0' <= ln[i] && ln[i] <= '9' {
		i++
	}
	if i > 0 && i <= 3 && i < len(ln) {
		switch {
		case ln[i] == ')':
			return ln[i+1:], markNumber
		case ln[i] == '.' && (i+1 == len(ln) || ln[i+1] == ' '):
			return ln[i+1:], markNumber
		}
		return ln, markNone
	}
	if r, size := utf8.DecodeRuneInString(ln); unicode.IsLower(r) && size < len(ln) && ln[size] == ')' {
		return ln[size+1:], markLetter
	}
	if strings.HasPrefix(ln, "_") {
		j := 1
		for j < len(ln) && strings.IndexByte("IVX", ln[j]) >= 0 {
			j++
		}
		if j > 1 && (j == len(ln) || ln[j] == ' ') {
			return ln[j:], markHomonym
		}
	}
	return ln, markNone
}

// cleanArticleText drops bracketed text — transcriptions [..], comments
// (..), cross-references {..} — and grammar or usage marks (words starting
// with '_'), and collapses spaces. It is one pass: loading a large
// dictionary spends most of its time here.
func cleanArticleText(s string) string {
	b := make([]byte, 0, len(s))
	depth := 0
	inMark := false // inside a word that starts with '_'
	atWordStart := true
	for _, r := range s {
		switch r {
		case '(', '[', '{':
			depth++
			continue
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth > 0 {
			continue
		}
		if isSpace(r) {
			inMark = false
			if !atWordStart {
				b = append(b, ' ')
			}
			atWordStart = true
			continue
		}
		if atWordStart && r == '_' {
			inMark = true
		}
		atWordStart = false
		if !inMark {
			b = utf8.AppendRune(b, r)
		}
	}
	return strings.TrimSpace(string(b))
}

// hasScript reports whether s has a letter of script t.
func hasScript(s string, t *unicode.RangeTable) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if t == unicode.Latin && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
				return true
			}
			continue
		}
		if 0x400 <= r && r <= 0x52f { // Cyrillic and its supplement: the common case
			if t == unicode.Cyrillic {
				return true
			}
			continue
		}
		if unicode.Is(t, r) {
			return true
		}
	}
	return false
}

// isSpace is unicode.IsSpace with a fast path for the letters between
// Latin-1 and the first non-Latin-1 space (U+1680), Cyrillic among them.
func isSpace(r rune) bool {
	if 0xff < r && r < 0x1680 {
		return false
	}
	return unicode.IsSpace(r)
}
