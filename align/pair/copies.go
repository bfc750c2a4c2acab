package pair

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/parapost/parapost/align/internal/sorted"

	"github.com/parapost/parapost/corpus"
)

// A repost and its original: at least minCopyWords words, and at least
// copyContainment of the shorter one's word trigrams in the other (a
// channel may cut a paragraph or two), which is at least copyMinShare of
// the longer one. Short posts ("С праздником!") repeat without being
// copies.
const (
	minCopyWords    = 8
	copyContainment = 0.8
	copyMinShare    = 0.5
	copyRivalAtMost = 0.5 // the next best original, when one is found
)

// reposts finds the untranslated copies of originals. A translation
// channel (one holding more posts in the target language than in the
// source language) sometimes reposts an original as it is, in the source
// language: the embassy forwards the Ministry's post untranslated. Such a
// post repeats word for word (case and punctuation aside) exactly one
// original of another channel within the window. reposts returns each
// repost with its original, in the order of posts. Pairing leaves the
// reposts out, so that no translation of the original hesitates between
// the two, and pairs a repost with its original afterwards when no
// translation took it: the pair says that this post was not translated
// (corpus.Pair.Untranslated), and no sentences of it are aligned.
func reposts(posts []*corpus.Post, opt Options) []*corpus.Pair {
	type count struct{ src, tgt int }
	byChannel := make(map[string]count)
	for _, p := range posts {
		c := byChannel[p.Channel]
		switch p.Lang {
		case opt.SourceLang:
			c.src++
		case opt.TargetLang:
			c.tgt++
		}
		byChannel[p.Channel] = c
	}
	translation := func(ch string) bool { c := byChannel[ch]; return c.tgt > c.src }
	var originals, candidates []*corpus.Post
	for _, p := range posts {
		switch {
		case p.Lang != opt.SourceLang:
		case translation(p.Channel):
			candidates = append(candidates, p)
		default:
			originals = append(originals, p)
		}
	}
	if len(candidates) == 0 {
		return nil
	}
	// Originals by date (dateless ones first, matching any date), so that
	// a candidate's window is a range.
	slices.SortStableFunc(originals, func(a, b *corpus.Post) int {
		if a.HasDate() != b.HasDate() {
			return cmp.Compare(boolInt(a.HasDate()), boolInt(b.HasDate()))
		}
		return a.Date.Compare(b.Date)
	})
	dateless, _ := slices.BinarySearchFunc(originals, true, func(p *corpus.Post, _ bool) int { return cmp.Compare(boolInt(p.HasDate()), 1) })
	shingles := make(map[*corpus.Post][]uint64)
	shingleOf := func(p *corpus.Post) []uint64 {
		sh, ok := shingles[p]
		if !ok {
			sh = wordTrigrams(p.Text)
			shingles[p] = sh
		}
		return sh
	}
	var out []*corpus.Pair
	for _, r := range candidates {
		rs := shingleOf(r)
		if len(rs) < minCopyWords-2 {
			continue
		}
		window := originals[:dateless]
		if r.HasDate() {
			dated := originals[dateless:]
			lo, _ := slices.BinarySearchFunc(dated, r.Date.Add(-opt.After), func(p *corpus.Post, t time.Time) int { return p.Date.Compare(t) })
			hi, _ := slices.BinarySearchFunc(dated, r.Date.Add(opt.Before+1), func(p *corpus.Post, t time.Time) int { return p.Date.Compare(t) })
			window = append(slices.Clip(window), dated[lo:hi]...)
		} else {
			window = originals
		}
		var best *corpus.Post
		var first, second float64
		for _, s := range window {
			c := containment(rs, shingleOf(s))
			switch {
			case c > first:
				best, first, second = s, c, first
			case c > second:
				second = c
			}
		}
		if best != nil && first >= copyContainment && second <= copyRivalAtMost {
			out = append(out, &corpus.Pair{Source: best, Target: r, Score: first, Margin: first - second, Evidence: []string{fmt.Sprintf("copy:%.2f", first)}})
		}
	}
	return out
}

// wordTrigrams returns the hashes of a text's word trigrams (words
// lower-cased, punctuation dropped), sorted and distinct.
func wordTrigrams(text string) []uint64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) < minCopyWords {
		return nil
	}
	out := make([]uint64, 0, len(words)-2)
	for i := 0; i+3 <= len(words); i++ {
		h := fnv.New64a()
		for _, w := range words[i : i+3] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		out = append(out, h.Sum64())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// containment is the share of the smaller set's trigrams in the larger,
// or 0 when the smaller holds less than copyMinShare of the larger's size.
func containment(a, b []uint64) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 || float64(len(a)) < copyMinShare*float64(len(b)) {
		return 0
	}
	shared := 0
	sorted.Intersect(a, b, func(uint64) { shared++ })
	return float64(shared) / float64(len(a))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// withoutReposts returns posts without the reposts' targets.
func withoutReposts(posts []*corpus.Post, reposts []*corpus.Pair) []*corpus.Post {
	if len(reposts) == 0 {
		return posts
	}
	drop := make(map[*corpus.Post]bool, len(reposts))
	for _, r := range reposts {
		drop[r.Target] = true
	}
	return slices.DeleteFunc(slices.Clone(posts), func(p *corpus.Post) bool { return drop[p] })
}

// unpairedReposts returns the reposts whose originals no pair holds, each
// original once (the first repost of it).
func unpairedReposts(reposts, pairs []*corpus.Pair) []*corpus.Pair {
	taken := make(map[*corpus.Post]bool, len(pairs))
	for _, p := range pairs {
		taken[p.Source] = true
	}
	var out []*corpus.Pair
	for _, r := range reposts {
		if !taken[r.Source] {
			taken[r.Source] = true
			out = append(out, r)
		}
	}
	return out
}

// inWindowOf reports whether source s may be the original of target t by
// their dates: t posted from Before before s to After after it; a dateless
// post fits any.
func inWindowOf(s, t *corpus.Post, opt Options) bool {
	if !s.HasDate() || !t.HasDate() {
		return true
	}
	d := t.Date.Sub(s.Date)
	return -opt.Before <= d && d <= opt.After
}
