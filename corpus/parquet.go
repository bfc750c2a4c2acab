package corpus

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
)

// maxRowsPerRowGroup bounds the rows a writer buffers before flushing a row
// group, and so its memory.
const maxRowsPerRowGroup = 100_000

// parquetBatch is how many rows the writers convert before handing them to
// the encoder: large enough to amortise the call, small enough to keep
// memory flat.
const parquetBatch = 1024

// Pair roles written to posts.parquet.
const (
	RoleSource = "source"
	RoleTarget = "target"
)

// parquetWriterOptions are the options every parapost Parquet output shares:
// zstd on every column and bounded row groups.
func parquetWriterOptions(extra ...parquet.WriterOption) []parquet.WriterOption {
	opts := []parquet.WriterOption{
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(maxRowsPerRowGroup),
	}
	return append(opts, extra...)
}

// PostRow is one row of posts.parquet; its tags are the file's schema.
// Optional columns are NULL when the value is unknown: an empty optional
// string is written as NULL and read back as "".
type PostRow struct {
	Channel      string `parquet:"channel,dict"`
	ChannelTitle string `parquet:"channel_title,optional,dict"`
	// ChannelID is the chat's numeric Telegram id; NULL when no source gave it.
	ChannelID *int64     `parquet:"channel_id,optional"`
	PostID    int64      `parquet:"post_id"`
	Date      *time.Time `parquet:"date,optional,timestamp(millisecond)"`
	Text      string     `parquet:"text"`
	// Source is the file the post was first read from.
	Source string `parquet:"source,dict"`
	// Sources lists every provenance as "FILE#CHANNEL/ID".
	Sources         []string      `parquet:"sources,list"`
	ForwardedFrom   string        `parquet:"forwarded_from,optional"`
	ForwardedPostID *int64        `parquet:"forwarded_post_id,optional"`
	Edited          bool          `parquet:"edited"`
	Links           []string      `parquet:"links,list"`
	Hashtags        []string      `parquet:"hashtags,list"`
	Lang            string        `parquet:"lang,dict"`
	LangConfidence  float64       `parquet:"lang_confidence"`
	LangSpans       []LangSpanRow `parquet:"lang_spans,list"`
	// PairID, PairedChannel, PairedPostID and PairRole (RoleSource or
	// RoleTarget) describe the pair the post belongs to; NULL when unpaired.
	PairID        *int64 `parquet:"pair_id,optional"`
	PairedChannel string `parquet:"paired_channel,optional,dict"`
	PairedPostID  *int64 `parquet:"paired_post_id,optional"`
	PairRole      string `parquet:"pair_role,optional,dict"`
}

// LangSpanRow is one language span of a mixed post in posts.parquet:
// code-point offsets into the post's text (as Python and DuckDB's
// substring() count, and as sentences.parquet's offsets are), converted from
// LangSpan's byte offsets. The list is empty for a single-language post.
type LangSpanRow struct {
	Start int32  `parquet:"start"`
	End   int32  `parquet:"end"`
	Lang  string `parquet:"lang,dict"`
}

// PairRow is one row of pairs.parquet; its tags are the file's schema.
type PairRow struct {
	PairID        int64      `parquet:"pair_id"`
	SourceChannel string     `parquet:"source_channel,dict"`
	SourcePostID  int64      `parquet:"source_post_id"`
	SourceDate    *time.Time `parquet:"source_date,optional,timestamp(millisecond)"`
	TargetChannel string     `parquet:"target_channel,dict"`
	TargetPostID  int64      `parquet:"target_post_id"`
	TargetDate    *time.Time `parquet:"target_date,optional,timestamp(millisecond)"`
	SourceLang    string     `parquet:"source_lang,dict"`
	TargetLang    string     `parquet:"target_lang,dict"`
	Score         float64    `parquet:"score"`
	Margin        float64    `parquet:"margin"`
	Evidence      []string   `parquet:"evidence,list"`
	// SourceSentences and TargetSentences count the two posts' sentences.
	SourceSentences int32 `parquet:"source_sentences"`
	TargetSentences int32 `parquet:"target_sentences"`
	// Beads11 ... Beads22 count bilingual beads by shape; BeadsOther counts
	// bilingual beads of any other shape.
	Beads11    int32 `parquet:"beads_1_1"`
	Beads12    int32 `parquet:"beads_1_2"`
	Beads21    int32 `parquet:"beads_2_1"`
	Beads22    int32 `parquet:"beads_2_2"`
	BeadsOther int32 `parquet:"beads_other"`
	// Beads10 counts omission beads with source sentences only (left out
	// of the translation), Beads01 those with target sentences only.
	Beads10 int32 `parquet:"beads_1_0"`
	Beads01 int32 `parquet:"beads_0_1"`
	// UnalignedSource and UnalignedTarget count the sentences in omission
	// beads.
	UnalignedSource int32 `parquet:"unaligned_source"`
	UnalignedTarget int32 `parquet:"unaligned_target"`
	// AlignmentScore is the mean score of the bilingual beads; NULL when
	// no sentences were aligned.
	AlignmentScore *float64 `parquet:"alignment_score,optional"`
	// The check_* columns hold the fidelity audit (Pair.Check); NULL when
	// the pair was not checked, and absent from corpora built before it
	// (ReadPairsParquet reads those as NULL).
	CheckCoverage         *float64 `parquet:"check_coverage,optional"`
	CheckSentenceCoverage *float64 `parquet:"check_sentence_coverage,optional"`
	CheckOmissions        *int32   `parquet:"check_omissions,optional"`
	CheckAdditions        *int32   `parquet:"check_additions,optional"`
	CheckNumbers          *int32   `parquet:"check_numbers,optional"`
	CheckDates            *int32   `parquet:"check_dates,optional"`
	CheckNames            *int32   `parquet:"check_names,optional"`
	CheckHashtags         *int32   `parquet:"check_hashtags,optional"`
	CheckFlags            *int32   `parquet:"check_flags,optional"`
	CheckMeaning          *int32   `parquet:"check_meaning,optional"`
	CheckLength           *int32   `parquet:"check_length,optional"`
	CheckAbridged         *int32   `parquet:"check_abridged,optional"`
	CheckPass             *bool    `parquet:"check_pass,optional"`
}

// checkColumnPrefix starts the names of the columns a corpus built before
// the check lacks.
const checkColumnPrefix = "check_"

// Check returns the audit the row records, nil when it records none.
func (r *PairRow) Check() *Check {
	if r.CheckPass == nil {
		return nil
	}
	n := func(p *int32) int {
		if p == nil {
			return 0
		}
		return int(*p)
	}
	f := func(p *float64) float64 {
		if p == nil {
			return 0
		}
		return *p
	}
	return &Check{Coverage: f(r.CheckCoverage), SentenceCoverage: f(r.CheckSentenceCoverage),
		Omissions: n(r.CheckOmissions), Additions: n(r.CheckAdditions), Numbers: n(r.CheckNumbers),
		Dates: n(r.CheckDates), Names: n(r.CheckNames), Hashtags: n(r.CheckHashtags), Flags: n(r.CheckFlags),
		Meaning: n(r.CheckMeaning), Length: n(r.CheckLength), Abridged: n(r.CheckAbridged), Pass: *r.CheckPass}
}

// setCheck fills the row's check_* columns from c (nil: left NULL).
func (r *PairRow) setCheck(c *Check) {
	if c == nil {
		return
	}
	n := func(v int) *int32 { x := int32(min(v, math.MaxInt32)); return &x }
	cov, scov, pass := c.Coverage, c.SentenceCoverage, c.Pass
	r.CheckCoverage, r.CheckSentenceCoverage, r.CheckPass = &cov, &scov, &pass
	r.CheckOmissions, r.CheckAdditions, r.CheckNumbers = n(c.Omissions), n(c.Additions), n(c.Numbers)
	r.CheckDates, r.CheckNames, r.CheckHashtags, r.CheckFlags = n(c.Dates), n(c.Names), n(c.Hashtags), n(c.Flags)
	r.CheckMeaning, r.CheckLength, r.CheckAbridged = n(c.Meaning), n(c.Length), n(c.Abridged)
}

// WritePosts writes posts.parquet: one row per post, sorted by (channel, post_id); pairs tells
// for each post whether and with what it was paired (nil: nothing paired yet).
// A post in several pairs is described by the one with the lowest ID.
func WritePosts(w io.Writer, posts []*Post, pairs []*Pair) error {
	for i, p := range posts {
		if p == nil {
			return fmt.Errorf("write posts: post %d is nil", i)
		}
	}
	sorted := slices.Clone(posts)
	slices.SortStableFunc(sorted, ComparePostKeys)
	return WritePostsSeq(w, seqOf(sorted), pairs)
}

// ComparePostKeys orders posts as posts.parquet holds them: by channel,
// then id.
func ComparePostKeys(a, b *Post) int {
	return cmp.Or(cmp.Compare(a.Channel, b.Channel), cmp.Compare(a.ID, b.ID))
}

// WritePostsSeq is WritePosts for posts that come already in
// ComparePostKeys order (an error otherwise), one at a time: a caller that
// keeps texts out of memory loads each post's text as it yields it. An
// error yielded stops the writer and is returned.
func WritePostsSeq(w io.Writer, posts iter.Seq2[*Post, error], pairs []*Pair) error {
	links, err := pairLinks(pairs)
	if err != nil {
		return fmt.Errorf("write posts: %w", err)
	}
	var last *Post
	return writeParquetRows(w, "posts", posts, func(p *Post) (PostRow, error) {
		if p == nil {
			return PostRow{}, errors.New("nil post")
		}
		if last != nil && ComparePostKeys(last, p) > 0 {
			return PostRow{}, fmt.Errorf("post %s/%d after %s/%d: not in (channel, id) order", p.Channel, p.ID, last.Channel, last.ID)
		}
		last = p
		link, ok := links[p.Key()]
		return postRowOf(p, link, ok)
	})
}

// WritePairs writes pairs.parquet: one row per pair, in Pair.ID order.
func WritePairs(w io.Writer, pairs []*Pair) error {
	sorted, err := pairsByID(pairs)
	if err != nil {
		return fmt.Errorf("write pairs: %w", err)
	}
	return WritePairsSeq(w, seqOf(sorted))
}

// WritePairsSeq is WritePairs for pairs that come already in ID order (an
// error otherwise), one at a time, as WritePostsSeq takes posts.
func WritePairsSeq(w io.Writer, pairs iter.Seq2[*Pair, error]) error {
	checked := orderedPairs(pairs)
	return writeParquetRows(w, "pairs", checked, pairRowOf)
}

// orderedPairs yields pairs, or an error for a pair that is not whole or
// comes before the one yielded last.
func orderedPairs(pairs iter.Seq2[*Pair, error]) iter.Seq2[*Pair, error] {
	return func(yield func(*Pair, error) bool) {
		var last *Pair
		for p, err := range pairs {
			switch {
			case err != nil:
			case p == nil:
				err = errors.New("nil pair")
			case p.Source == nil || p.Target == nil:
				err = fmt.Errorf("pair %d lacks a post", p.ID)
			case last != nil && p.ID < last.ID:
				err = fmt.Errorf("pair %d after pair %d: not in id order", p.ID, last.ID)
			}
			if err != nil {
				yield(nil, err)
				return
			}
			last = p
			if !yield(p, nil) {
				return
			}
		}
	}
}

// seqOf yields the items of list, without error.
func seqOf[T any](list []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, v := range list {
			if !yield(v, nil) {
				return
			}
		}
	}
}

// ReadPostsParquet reads every row of a posts.parquet file.
func ReadPostsParquet(r io.ReaderAt, size int64) ([]PostRow, error) {
	return readParquetRows(r, size, "posts", nil, func(row *PostRow) PostRow { return *row })
}

// ReadPairsParquet reads every row of a pairs.parquet file. A file
// without the check_* columns (a corpus built before parapost check) is
// read with those columns NULL.
func ReadPairsParquet(r io.ReaderAt, size int64) ([]PairRow, error) {
	return readParquetRows(r, size, "pairs", []string{checkColumnPrefix}, func(row *PairRow) PairRow { return *row })
}

// writeParquetRows converts items to rows in batches and writes them as one
// Parquet file whose schema is that of Row; an error yielded by items stops
// it.
func writeParquetRows[Item any, Row any](w io.Writer, what string, items iter.Seq2[Item, error], convert func(Item) (Row, error), opts ...parquet.WriterOption) error {
	pw := parquet.NewGenericWriter[Row](w, parquetWriterOptions(opts...)...)
	var batch []Row
	flush := func() error {
		if _, err := pw.Write(batch); err != nil {
			return fmt.Errorf("write %s: %w", what, err)
		}
		clear(batch) // drop references to the written rows' data
		batch = batch[:0]
		return nil
	}
	for it, err := range items {
		if err != nil {
			return fmt.Errorf("write %s: %w", what, err)
		}
		row, err := convert(it)
		if err != nil {
			return fmt.Errorf("write %s: %w", what, err)
		}
		if batch == nil {
			batch = make([]Row, 0, parquetBatch)
		}
		batch = append(batch, row)
		if len(batch) == cap(batch) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if len(batch) > 0 {
		if err := flush(); err != nil {
			return err
		}
	}
	if err := pw.Close(); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	return nil
}

// readParquetRows reads every row of a Parquet file as a Rec and returns them
// converted, after checking that the file has every column of Rec (a file
// of another kind is rejected rather than read as zero values) but those
// whose names start with one of the optional prefixes: columns added
// since, which an older file lacks and which are read as zero values.
func readParquetRows[Rec, Row any](r io.ReaderAt, size int64, what string, optional []string, convert func(*Rec) Row, opts ...parquet.ReaderOption) ([]Row, error) {
	var rows []Row
	for row, err := range parquetRows(r, size, what, optional, convert, opts...) {
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// parquetRows streams the rows of a Parquet file as readParquetRows reads
// them, a batch at a time; an error is the last value yielded.
func parquetRows[Rec, Row any](r io.ReaderAt, size int64, what string, optional []string, convert func(*Rec) Row, opts ...parquet.ReaderOption) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		var zero Row
		inYield := false
		// parquet-go panics on some malformed files; a bad input file must
		// be an error, not a crash. A panic of the caller's loop body is
		// not ours to turn into an error.
		defer func() {
			if p := recover(); p != nil {
				if inYield {
					panic(p)
				}
				yield(zero, fmt.Errorf("read %s.parquet: malformed file: %v", what, p))
			}
		}()
		fail := func(err error) { yield(zero, fmt.Errorf("read %s.parquet: %w", what, err)) }
		f, err := parquet.OpenFile(r, size)
		if err != nil {
			fail(err)
			return
		}
		cfg, err := parquet.NewReaderConfig(opts...)
		if err != nil {
			fail(err)
			return
		}
		want := parquet.SchemaOf(new(Rec), cfg.SchemaConfig)
		for _, path := range want.Columns() {
			if _, ok := f.Schema().Lookup(path...); !ok && !hasAnyPrefix(path[0], optional) {
				yield(zero, fmt.Errorf("read %s.parquet: no column %q: not a %s file", what, path, what))
				return
			}
		}
		pr := parquet.NewGenericReader[Rec](f, cfg)
		defer pr.Close()
		buf := make([]Rec, parquetBatch)
		for {
			n, err := pr.Read(buf)
			for i := range buf[:n] {
				inYield = true
				more := yield(convert(&buf[i]), nil)
				inYield = false
				if !more {
					return
				}
			}
			// The reader may reuse the slices of the values it fills: give
			// it fresh ones so that rows already yielded stay intact.
			clear(buf)
			if err == io.EOF {
				return
			}
			if err != nil {
				fail(err)
				return
			}
		}
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// pairLink is what posts.parquet says about a paired post.
type pairLink struct {
	pair *Pair
	role string
}

// pairLinks maps each paired post to its pair, the lowest pair ID first.
func pairLinks(pairs []*Pair) (map[Key]pairLink, error) {
	sorted, err := pairsByID(pairs)
	if err != nil {
		return nil, err
	}
	links := make(map[Key]pairLink, 2*len(sorted))
	for _, p := range sorted {
		for _, l := range []pairLink{{p, RoleSource}, {p, RoleTarget}} {
			k := l.post().Key()
			if _, dup := links[k]; !dup {
				links[k] = l
			}
		}
	}
	return links, nil
}

// post returns the post the link describes.
func (l pairLink) post() *Post {
	if l.role == RoleSource {
		return l.pair.Source
	}
	return l.pair.Target
}

// other returns the post it is paired with.
func (l pairLink) other() *Post {
	if l.role == RoleSource {
		return l.pair.Target
	}
	return l.pair.Source
}

// pairsByID returns the pairs in ID order, checking that each is whole.
func pairsByID(pairs []*Pair) ([]*Pair, error) {
	for i, p := range pairs {
		switch {
		case p == nil:
			return nil, fmt.Errorf("pair %d is nil", i)
		case p.Source == nil || p.Target == nil:
			return nil, fmt.Errorf("pair %d lacks a post", p.ID)
		}
	}
	sorted := slices.Clone(pairs)
	slices.SortStableFunc(sorted, func(a, b *Pair) int { return cmp.Compare(a.ID, b.ID) })
	return sorted, nil
}

// postRowOf converts a post and, when ok, the pair it belongs to.
func postRowOf(p *Post, link pairLink, ok bool) (PostRow, error) {
	if len(p.Text) > math.MaxInt32 {
		return PostRow{}, fmt.Errorf("post %s/%d: text too long", p.Channel, p.ID)
	}
	row := PostRow{
		Channel:        p.Channel,
		ChannelTitle:   p.ChannelTitle,
		PostID:         p.ID,
		ChannelID:      optionalID(p.ChannelID),
		Date:           parquetTime(p.Date),
		Text:           p.Text,
		Source:         p.Source,
		Sources:        provenanceList(p),
		Edited:         p.Edited,
		Links:          p.Links,
		Hashtags:       p.Hashtags,
		Lang:           p.Lang,
		LangConfidence: p.LangConfidence,
	}
	if row.Source == "" && len(p.Provenance) > 0 {
		row.Source = p.Provenance[0].Source
	}
	if f := p.Forward; f != nil {
		row.ForwardedFrom = f.From
		if f.PostID != 0 {
			row.ForwardedPostID = &f.PostID
		}
	}
	cp := codePointCursor{text: p.Text}
	for _, s := range p.LangSpans {
		if s.Start < 0 || s.End < s.Start || s.End > len(p.Text) {
			return PostRow{}, fmt.Errorf("post %s/%d: language span [%d, %d) outside its text", p.Channel, p.ID, s.Start, s.End)
		}
		if !runeBoundary(p.Text, s.Start) || !runeBoundary(p.Text, s.End) {
			return PostRow{}, fmt.Errorf("post %s/%d: language span [%d, %d) splits a character", p.Channel, p.ID, s.Start, s.End)
		}
		row.LangSpans = append(row.LangSpans, LangSpanRow{Start: cp.at(s.Start), End: cp.at(s.End), Lang: s.Lang})
	}
	if ok {
		other := link.other()
		row.PairID = &link.pair.ID
		row.PairedChannel = other.Channel
		row.PairedPostID = &other.ID
		row.PairRole = link.role
	}
	return row, nil
}

// provenanceList formats every place a post was read from as
// "FILE#CHANNEL/ID"; a post without recorded provenance gets its own.
func provenanceList(p *Post) []string {
	if len(p.Provenance) == 0 {
		if p.Source == "" {
			return nil
		}
		return []string{formatProvenance(Provenance{Source: p.Source, Channel: p.Channel, PostID: p.ID})}
	}
	out := make([]string, len(p.Provenance))
	for i, pv := range p.Provenance {
		out[i] = formatProvenance(pv)
	}
	return out
}

func formatProvenance(pv Provenance) string {
	return pv.Source + "#" + pv.Channel + "/" + strconv.FormatInt(pv.PostID, 10)
}

// optionalID returns nil for 0 (unknown), else a pointer to id.
func optionalID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// parquetTime returns nil for the zero time (unknown), else t in UTC.
func parquetTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// beadStats are the per-pair bead counts of pairs.parquet.
type beadStats struct {
	b11, b12, b21, b22, other, b10, b01 int32
	unalignedSrc, unalignedTgt          int32
	scoreSum                            float64
	bilingual                           int
}

func countBeadShapes(beads []Bead) beadStats {
	var s beadStats
	for _, b := range beads {
		ns, nt := int32(b.SrcEnd-b.SrcStart), int32(b.TgtEnd-b.TgtStart)
		switch {
		case ns > 0 && nt > 0:
			s.bilingual++
			s.scoreSum += b.Score
			switch {
			case ns == 1 && nt == 1:
				s.b11++
			case ns == 1 && nt == 2:
				s.b12++
			case ns == 2 && nt == 1:
				s.b21++
			case ns == 2 && nt == 2:
				s.b22++
			default:
				s.other++
			}
		case ns > 0:
			s.b10++
			s.unalignedSrc += ns
		case nt > 0:
			s.b01++
			s.unalignedTgt += nt
		}
	}
	return s
}

// pairRowOf converts a pair with its alignment statistics.
func pairRowOf(p *Pair) (PairRow, error) {
	if err := checkPairSpans(p); err != nil {
		return PairRow{}, err
	}
	st := countBeadShapes(p.Beads)
	row := PairRow{
		PairID:          p.ID,
		SourceChannel:   p.Source.Channel,
		SourcePostID:    p.Source.ID,
		SourceDate:      parquetTime(p.Source.Date),
		TargetChannel:   p.Target.Channel,
		TargetPostID:    p.Target.ID,
		TargetDate:      parquetTime(p.Target.Date),
		SourceLang:      p.Source.Lang,
		TargetLang:      p.Target.Lang,
		Score:           p.Score,
		Margin:          p.Margin,
		Evidence:        p.Evidence,
		SourceSentences: int32(len(p.SourceSentences)),
		TargetSentences: int32(len(p.TargetSentences)),
		Beads11:         st.b11,
		Beads12:         st.b12,
		Beads21:         st.b21,
		Beads22:         st.b22,
		BeadsOther:      st.other,
		Beads10:         st.b10,
		Beads01:         st.b01,
		UnalignedSource: st.unalignedSrc,
		UnalignedTarget: st.unalignedTgt,
	}
	if st.bilingual > 0 {
		mean := st.scoreSum / float64(st.bilingual)
		row.AlignmentScore = &mean
	}
	row.setCheck(p.Check)
	return row, nil
}

// checkPairSpans verifies that a pair's beads and sentence spans are
// consistent with its posts, so that the writers can index them freely.
func checkPairSpans(p *Pair) error {
	if len(p.Source.Text) > math.MaxInt32 || len(p.Target.Text) > math.MaxInt32 {
		return fmt.Errorf("pair %d: text too long", p.ID)
	}
	for _, side := range []struct {
		name  string
		spans []Span
		text  string
	}{{"source", p.SourceSentences, p.Source.Text}, {"target", p.TargetSentences, p.Target.Text}} {
		for i, s := range side.spans {
			if s.Start < 0 || s.End < s.Start || s.End > len(side.text) {
				return fmt.Errorf("pair %d: %s sentence %d [%d, %d) outside its text", p.ID, side.name, i, s.Start, s.End)
			}
			if !runeBoundary(side.text, s.Start) || !runeBoundary(side.text, s.End) {
				return fmt.Errorf("pair %d: %s sentence %d [%d, %d) splits a character", p.ID, side.name, i, s.Start, s.End)
			}
		}
	}
	for i, b := range p.Beads {
		if b.SrcStart < 0 || b.SrcEnd < b.SrcStart || b.SrcEnd > len(p.SourceSentences) ||
			b.TgtStart < 0 || b.TgtEnd < b.TgtStart || b.TgtEnd > len(p.TargetSentences) {
			return fmt.Errorf("pair %d: bead %d (%d:%d, %d:%d) outside its sentences", p.ID, i, b.SrcStart, b.SrcEnd, b.TgtStart, b.TgtEnd)
		}
	}
	return nil
}

// runeBoundary reports whether byte offset off of text starts a character
// (or is the end of text).
func runeBoundary(text string, off int) bool {
	return off == len(text) || utf8.RuneStart(text[off])
}
