package corpus

import "strconv"

// Pair links a target-language post (a translation) to the source-language
// post it translates.
type Pair struct {
	ID     int64 // 1-based, in order of source date then source key
	Source *Post
	Target *Post
	// Score is the pairing score (higher is surer); Margin is its lead over
	// the runner-up candidate of either post.
	Score, Margin float64
	// Evidence lists the anchors both posts share, such as "flag:🇷🇺🇧🇷",
	// "date:06-10", "name:lavrov", "num:200".
	Evidence []string

	// Sentence alignment, filled by align.Pair.
	Beads []Bead
	// SourceSentences and TargetSentences are the two posts' sentences.
	SourceSentences, TargetSentences []Span

	// Check is the fidelity audit of the alignment (align/check), written
	// to pairs.parquet's check_* columns; nil when the pair was not checked.
	Check *Check
}

// Check summarises the fidelity audit of a pair (parapost check): the
// aligned share of the source and the findings counted by kind.
type Check struct {
	// Coverage and SentenceCoverage are the shares of the source post's
	// characters and sentences that are aligned.
	Coverage, SentenceCoverage float64
	// Findings per kind (align/check's kinds).
	Omissions, Additions, Numbers, Dates, Names, Hashtags, Flags, Meaning, Length, Abridged int
	// Pass says whether the pair has no failing finding.
	Pass bool
}

// Untranslated reports whether the target is not a translation but the
// original itself, reposted as it is in a translation channel (pairing
// says "copy" in its evidence): its posts share a language, and no
// sentences of it are aligned.
func (p *Pair) Untranslated() bool { return p.Source.Lang != "" && p.Source.Lang == p.Target.Lang }

// Span is a half-open byte range [Start, End) of a post's Text.
type Span struct{ Start, End int }

// Bead is one link of a sentence alignment: Source sentences [SrcStart,
// SrcEnd) of the source post aligned with target sentences [TgtStart,
// TgtEnd). A bead with an empty side is an omission (0-1 or 1-0).
type Bead struct {
	SrcStart, SrcEnd int // sentence indices in Pair.SourceSentences
	TgtStart, TgtEnd int // sentence indices in Pair.TargetSentences
	Score            float64
}

// Type returns the bead's shape as "source-target" sentence counts, e.g. "1-2".
func (b Bead) Type() string {
	return strconv.Itoa(b.SrcEnd-b.SrcStart) + "-" + strconv.Itoa(b.TgtEnd-b.TgtStart)
}

// Bilingual reports whether both sides are non-empty.
func (b Bead) Bilingual() bool { return b.SrcEnd > b.SrcStart && b.TgtEnd > b.TgtStart }
