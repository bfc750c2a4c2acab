package corpus

import (
	"cmp"
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
	read := func(name string) (*os.File, int64, error) {
		path := filepath.Join(dir, name)
		f, err := os.Open(path)
		if err != nil {
			return nil, 0, &InputError{File: path, Err: fmt.Errorf("not a built corpus (parapost build writes %s): %w", name, err)}
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, 0, fmt.Errorf("read %s: %w", path, err)
		}
		return f, st.Size(), nil
	}
	bad := func(name, place string, err error) error {
		return &InputError{File: filepath.Join(dir, name), Place: place, Err: err}
	}

	f, size, err := read("posts.parquet")
	if err != nil {
		return nil, nil, err
	}
	postRows, err := ReadPostsParquet(f, size)
	f.Close()
	if err != nil {
		return nil, nil, bad("posts.parquet", "", err)
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
		posts[i] = p
		byKey[p.Key()] = p
	}

	f, size, err = read("pairs.parquet")
	if err != nil {
		return nil, nil, err
	}
	pairRows, err := ReadPairsParquet(f, size)
	f.Close()
	if err != nil {
		return nil, nil, bad("pairs.parquet", "", err)
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

	f, size, err = read("sentences.parquet")
	if err != nil {
		return nil, nil, err
	}
	_, rows, err := SentencesParquetRows(f, size)
	if err != nil {
		f.Close()
		return nil, nil, bad("sentences.parquet", "", err)
	}
	type indexed struct {
		bead int
		b    Bead
	}
	beads := map[int64][]indexed{}
	for row, err := range rows {
		if err != nil {
			f.Close()
			return nil, nil, bad("sentences.parquet", "", err)
		}
		place := "bead " + row.ID
		p := byID[row.PairID]
		if p == nil {
			f.Close()
			return nil, nil, bad("sentences.parquet", place, fmt.Errorf("pair %d missing from pairs.parquet", row.PairID))
		}
		_, idx, _ := strings.Cut(row.ID, "-")
		n, err := strconv.Atoi(idx)
		b, ok := beadOf(row.SourceIndex, row.TargetIndex, counts[row.PairID])
		if err != nil || !ok {
			f.Close()
			return nil, nil, bad("sentences.parquet", place, fmt.Errorf("bead id or sentence indices out of place"))
		}
		b.Score = row.Score
		beads[row.PairID] = append(beads[row.PairID], indexed{n, b})
	}
	f.Close()
	for _, p := range pairs {
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
