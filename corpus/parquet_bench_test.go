package corpus

import (
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

var (
	benchRuWords = strings.Fields("министр иностранных дел России провёл переговоры с коллегой стороны обсудили " +
		"торговлю энергетику безопасность сотрудничество в области культуры образования подписан меморандум " +
		"встреча прошла в тёплой атмосфере заявление посольства США Вашингтон Москва санкции договор")
	benchEnWords = strings.Fields("the foreign minister of Russia held talks with his counterpart sides discussed " +
		"trade energy security cooperation in the field of culture education a memorandum was signed meeting " +
		"took place in warm atmosphere statement embassy USA Washington Moscow sanctions treaty")
)

// benchSentences writes n random sentences of 6–14 words into a post text,
// returning the text and the sentences' spans.
func benchSentences(rng *rand.Rand, words []string, n int) (string, []Span) {
	var sb strings.Builder
	spans := make([]Span, 0, n)
	for i := range n {
		if i > 0 {
			sb.WriteByte(' ')
		}
		start := sb.Len()
		for w := range 6 + rng.IntN(9) {
			if w > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(words[rng.IntN(len(words))])
		}
		sb.WriteByte('.')
		spans = append(spans, Span{start, sb.Len()})
	}
	return sb.String(), spans
}

// benchPairs builds pairs holding `rows` bilingual beads in all: ten beads
// a pair, mostly 1-1 with a 2-1, a 1-2 and an omission, on distinct random
// texts so that compression sees realistic data.
func benchPairs(rows int) []*Pair {
	rng := rand.New(rand.NewPCG(1, 2))
	// Per pair: 8 1-1 beads, one 2-1, one 1-2, one 1-0 omission.
	const srcN, tgtN = 8 + 2 + 1 + 1, 8 + 1 + 2
	pairs := make([]*Pair, 0, rows/10)
	for id := int64(1); len(pairs)*10 < rows; id++ {
		ruText, ruSpans := benchSentences(rng, benchRuWords, srcN)
		enText, enSpans := benchSentences(rng, benchEnWords, tgtN)
		beads := make([]Bead, 0, 11)
		for i := range 8 {
			beads = append(beads, Bead{i, i + 1, i, i + 1, 0.9})
		}
		beads = append(beads,
			Bead{8, 10, 8, 9, 0.8},    // 2-1
			Bead{10, 11, 9, 11, 0.7},  // 1-2
			Bead{11, 12, 11, 11, 0.1}, // 1-0
		)
		pairs = append(pairs, &Pair{
			ID:              id,
			Source:          &Post{Channel: "mid_russia", ID: id, Text: ruText, Lang: "ru"},
			Target:          &Post{Channel: "embassy_usa", ID: 1000 + id, Text: enText, Lang: "en"},
			SourceSentences: ruSpans, TargetSentences: enSpans, Beads: beads,
		})
	}
	return pairs
}

// benchCounter counts the bytes written.
type benchCounter struct{ n int64 }

func (c *benchCounter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*benchCounter)(nil)

// BenchmarkWriteSentences writes sentences.parquet for 1M bilingual beads.
// MB/s is output file bytes; text_MB/s the bead texts encoded.
func BenchmarkWriteSentences(b *testing.B) {
	const rows = 1_000_000
	pairs := benchPairs(rows)
	var textBytes int64
	for _, p := range pairs {
		textBytes += int64(len(p.Source.Text) + len(p.Target.Text))
	}
	var out benchCounter
	for b.Loop() {
		out.n = 0
		if err := WriteSentences(&out, pairs, "ru", "en"); err != nil {
			b.Fatal(err)
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(rows/sec, "rows/s")
	b.ReportMetric(float64(out.n)/sec/1e6, "MB/s")
	b.ReportMetric(float64(textBytes)/sec/1e6, "text_MB/s")
	b.ReportMetric(float64(out.n)/rows, "bytes/row")
}
