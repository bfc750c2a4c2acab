package corpus

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// SplitFunc cuts a text in language lang into sentences, as the build
// that wrote a corpus did (align/split.Sentences).
type SplitFunc func(text, lang string) []Span

// ReadCorpus reads a built corpus back from dir: the posts of
// posts.parquet, and the pairs of pairs.parquet with their sentences and
// beads rebuilt from sentences.parquet. sentences.parquet holds the
// bilingual beads only, so the sentences are split again with split and
// checked against the counts of pairs.parquet, and every sentence no
// bilingual bead covers becomes a 1-0 (source) or 0-1 (target) bead in
// its place. A corpus written with training filters lacks the beads they
// removed, which come back as 1-0 and 0-1 beads. Bad files are
// InputErrors.
func ReadCorpus(dir string, split SplitFunc) ([]*Post, []*Pair, error) {
	open := func(path string) (*os.File, int64, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, 0, &InputError{File: path, Err: fmt.Errorf("not a built corpus (parapost build writes %s): %w", filepath.Base(path), err)}
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, 0, fmt.Errorf("read %s: %w", path, err)
		}
		return f, st.Size(), nil
	}
	// readAll reads the rows of every file of a table.
	readAll := func(table string, into func(*os.File, int64) error) error {
		for _, path := range TableFiles(dir, table) {
			f, size, err := open(path)
			if err != nil {
				return err
			}
			err = into(f, size)
			f.Close()
			if err != nil {
				var ie *InputError
				if errors.As(err, &ie) {
					return err
				}
				return &InputError{File: path, Err: err}
			}
		}
		return nil
	}
	bad := func(name, place string, err error) error {
		return &InputError{File: filepath.Join(dir, name), Place: place, Err: err}
	}

	var postRows []PostRow
	err := readAll("posts", func(f *os.File, size int64) error {
		rows, err := ReadPostsParquet(f, size)
		postRows = append(postRows, rows...)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	posts := make([]*Post, len(postRows))
	byKey := make(map[Key]*Post, len(postRows))
	for i, r := range postRows {
		p := &Post{Channel: r.Channel, ChannelTitle: r.ChannelTitle, ID: r.PostID, Text: r.Text, Source: r.Source,
			Edited: r.Edited, Links: r.Links, Hashtags: r.Hashtags, Lang: r.Lang, LangConfidence: r.LangConfidence}
		if r.ChannelID != nil {
			p.ChannelID = *r.ChannelID
		}
		if r.Date != nil {
			p.Date = *r.Date
		}
		if r.ForwardedFrom != "" || r.ForwardedPostID != nil {
			p.Forward = &Forward{From: r.ForwardedFrom}
			if r.ForwardedPostID != nil {
				p.Forward.PostID = *r.ForwardedPostID
			}
		}
		for _, s := range r.Sources {
			p.Provenance = append(p.Provenance, parseProvenance(s))
		}
		if p.LangSpans, err = langSpansOfRow(p.Text, r.LangSpans); err != nil {
			return nil, nil, bad("posts.parquet", fmt.Sprintf("post %s/%d", p.Channel, p.ID), err)
		}
		posts[i] = p
		byKey[p.Key()] = p
	}

	var pairRows []PairRow
	err = readAll("pairs", func(f *os.File, size int64) error {
		rows, err := ReadPairsParquet(f, size)
		pairRows = append(pairRows, rows...)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	pairs := make([]*Pair, 0, len(pairRows))
	byID := map[int64]*Pair{}
	counts := map[int64][2]int{}
	for _, r := range pairRows {
		place := "pair " + strconv.FormatInt(r.PairID, 10)
		src, tgt := byKey[Key{r.SourceChannel, r.SourcePostID}], byKey[Key{r.TargetChannel, r.TargetPostID}]
		if src == nil || tgt == nil {
			return nil, nil, bad("pairs.parquet", place, fmt.Errorf("post %s/%d or %s/%d missing from posts.parquet", r.SourceChannel, r.SourcePostID, r.TargetChannel, r.TargetPostID))
		}
		if byID[r.PairID] != nil {
			return nil, nil, bad("pairs.parquet", place, fmt.Errorf("pair id repeated"))
		}
		p := &Pair{ID: r.PairID, Source: src, Target: tgt, Score: r.Score, Margin: r.Margin, Evidence: r.Evidence, Check: r.Check()}
		if split != nil {
			p.SourceSentences = split(src.Text, cmp.Or(r.SourceLang, src.Lang))
			p.TargetSentences = split(tgt.Text, cmp.Or(r.TargetLang, tgt.Lang))
			if len(p.SourceSentences) != int(r.SourceSentences) || len(p.TargetSentences) != int(r.TargetSentences) {
				return nil, nil, bad("pairs.parquet", place, fmt.Errorf("the posts split into %d and %d sentences, the corpus says %d and %d (built by another version of parapost? build it again)",
					len(p.SourceSentences), len(p.TargetSentences), r.SourceSentences, r.TargetSentences))
			}
		}
		counts[r.PairID] = [2]int{int(r.SourceSentences), int(r.TargetSentences)}
		byID[p.ID] = p
		pairs = append(pairs, p)
	}

	type indexed struct {
		bead int
		b    Bead
	}
	beads := map[int64][]indexed{}
	err = readAll("sentences", func(f *os.File, size int64) error {
		_, rows, err := SentencesParquetRows(f, size)
		if err != nil {
			return err
		}
		for row, err := range rows {
			if err != nil {
				return err
			}
			place := "bead " + row.ID
			p := byID[row.PairID]
			if p == nil {
				return &InputError{File: f.Name(), Place: place, Err: fmt.Errorf("pair %d missing from pairs.parquet", row.PairID)}
			}
			_, idx, _ := strings.Cut(row.ID, "-")
			n, err := strconv.Atoi(idx)
			b, ok := beadOf(row.SourceIndex, row.TargetIndex, counts[row.PairID])
			if err != nil || !ok {
				return &InputError{File: f.Name(), Place: place, Err: fmt.Errorf("bead id or sentence indices out of place")}
			}
			b.Score = row.Score
			beads[row.PairID] = append(beads[row.PairID], indexed{n, b})
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for _, p := range pairs {
		if p.Untranslated() {
			continue // a repost: its sentences are counted, none aligned
		}
		list := beads[p.ID]
		slices.SortFunc(list, func(a, b indexed) int { return cmp.Compare(a.bead, b.bead) })
		n := counts[p.ID]
		si, ti := 0, 0
		fill := func(srcTo, tgtTo int) {
			for ; si < srcTo; si++ {
				p.Beads = append(p.Beads, Bead{SrcStart: si, SrcEnd: si + 1, TgtStart: ti, TgtEnd: ti})
			}
			for ; ti < tgtTo; ti++ {
				p.Beads = append(p.Beads, Bead{SrcStart: si, SrcEnd: si, TgtStart: ti, TgtEnd: ti + 1})
			}
		}
		for _, x := range list {
			if x.b.SrcStart < si || x.b.TgtStart < ti {
				return nil, nil, bad("sentences.parquet", "pair "+strconv.FormatInt(p.ID, 10), fmt.Errorf("beads overlap"))
			}
			fill(x.b.SrcStart, x.b.TgtStart)
			p.Beads = append(p.Beads, x.b)
			si, ti = x.b.SrcEnd, x.b.TgtEnd
		}
		fill(n[0], n[1])
	}
	return posts, pairs, nil
}

// beadOf makes a bead of a row's sentence indices, which must be
// consecutive and within the pair's sentence counts.
func beadOf(src, tgt []int32, n [2]int) (Bead, bool) {
	ok := func(idx []int32, n int) bool {
		if len(idx) == 0 || idx[0] < 0 || int(idx[len(idx)-1]) >= n {
			return false
		}
		for i := 1; i < len(idx); i++ {
			if idx[i] != idx[i-1]+1 {
				return false
			}
		}
		return true
	}
	if !ok(src, n[0]) || !ok(tgt, n[1]) {
		return Bead{}, false
	}
	return Bead{SrcStart: int(src[0]), SrcEnd: int(src[len(src)-1]) + 1, TgtStart: int(tgt[0]), TgtEnd: int(tgt[len(tgt)-1]) + 1}, true
}

// TableFiles returns the Parquet files of a table ("posts", "pairs",
// "sentences") of the corpus in dir: dir/TABLE.parquet, or else the files
// of its Hive-style partitions, dir/TABLE/KEY=VALUE/*.parquet (parapost
// build --partition month, and the union of shards copied into one tree),
// sorted. A corpus with neither gives dir/TABLE.parquet, whose opening
// then says what is missing.
func TableFiles(dir, table string) []string {
	single := filepath.Join(dir, table+".parquet")
	if _, err := os.Stat(single); err == nil {
		return []string{single}
	}
	parts, _ := filepath.Glob(filepath.Join(dir, table, "*=*", "*.parquet"))
	if len(parts) == 0 {
		return []string{single}
	}
	slices.Sort(parts)
	return parts
}

// parseProvenance reverses formatProvenance: "FILE#CHANNEL/ID", cut at the
// first '#' and the last '/', so that formatting it again gives the same
// string whatever the names hold.
func parseProvenance(s string) Provenance {
	var pv Provenance
	rest := s
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		if id, err := strconv.ParseInt(s[i+1:], 10, 64); err == nil {
			pv.PostID, rest = id, s[:i]
		}
	}
	pv.Source, pv.Channel, _ = strings.Cut(rest, "#")
	return pv
}

// langSpansOfRow converts posts.parquet's code-point language spans back to
// byte offsets into text.
func langSpansOfRow(text string, rows []LangSpanRow) ([]LangSpan, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	// Byte offset of every code point, and of the end.
	offsets := make([]int, 0, len(text)+1)
	for i := range text {
		offsets = append(offsets, i)
	}
	offsets = append(offsets, len(text))
	spans := make([]LangSpan, len(rows))
	for i, r := range rows {
		if r.Start < 0 || r.End < r.Start || int(r.End) >= len(offsets) {
			return nil, fmt.Errorf("language span [%d, %d) outside the text", r.Start, r.End)
		}
		spans[i] = LangSpan{Start: offsets[r.Start], End: offsets[r.End], Lang: r.Lang}
	}
	return spans, nil
}
