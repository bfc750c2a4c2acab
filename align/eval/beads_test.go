package eval

import (
	"strings"
	"testing"

	"github.com/parapost/parapost/corpus"
)

// A hand-made document with a 1-2 bead, a 2-1 bead and an omission.
const (
	ruText = "Первое. Второе и третье.\nЧетвёртое.  Пятое. Лишнее."
	enText = "First. Second. And third. Fourth fifth."
)

var handBeads = []GoldBead{
	{Source: "Первое.", Target: "First."},
	{Source: "Второе и третье.", Target: "Second. And third."}, // 1-2
	{Source: "Четвёртое.  Пятое.", Target: "Fourth fifth."},    // 2-1
	{Source: "Лишнее.", Target: ""},                            // omission
}

// span returns the byte span of the only occurrence of sub in text ("" gives
// an empty span).
func span(t *testing.T, text, sub string) corpus.Span {
	t.Helper()
	if sub == "" {
		return corpus.Span{}
	}
	i := strings.Index(text, sub)
	if i < 0 || strings.Count(text, sub) != 1 {
		t.Fatalf("%q is not in %q exactly once", sub, text)
	}
	return corpus.Span{Start: i, End: i + len(sub)}
}

// segs builds predicted beads of the hand document from (ru, en) strings.
func segs(t *testing.T, sides ...[2]string) []Segment {
	t.Helper()
	out := make([]Segment, len(sides))
	for i, s := range sides {
		out[i] = Segment{Source: span(t, ruText, s[0]), Target: span(t, enText, s[1])}
	}
	return out
}

func handDoc(pred []Segment) BeadDoc {
	return BeadDoc{SourceText: ruText, TargetText: enText, Gold: handBeads, Predicted: pred}
}

func TestBeads(t *testing.T) {
	exact := segs(t,
		[2]string{"Первое.", "First."},
		[2]string{"Второе и третье.", "Second. And third."},
		[2]string{"Четвёртое.  Пятое.", "Fourth fifth."},
		[2]string{"Лишнее.", ""},
	)
	tests := []struct {
		name                 string
		docs                 []BeadDoc
		projected, strict    counts
		goldBeads, predBeads int
	}{
		{
			name:      "prediction equals gold",
			docs:      []BeadDoc{handDoc(exact)},
			projected: counts{3, 3, 3, 3},
			strict:    counts{3, 3, 3, 3},
			goldBeads: 4, predBeads: 4,
		},
		{
			// Spans that take in the whitespace around the sentences, or
			// leave out the double space inside, cover the same characters.
			name: "whitespace around and inside beads is ignored",
			docs: []BeadDoc{handDoc([]Segment{
				{Source: corpus.Span{Start: 0, End: len("Первое. ")}, Target: corpus.Span{Start: 0, End: len("First. ")}},
				{Source: span(t, ruText, " Второе и третье.\n"), Target: span(t, enText, "Second. And third. ")},
				// Two predicted spans that together hold gold bead 3's source
				// are not it: only the first counts, and wrongly.
				{Source: span(t, ruText, "Четвёртое. "), Target: span(t, enText, "Fourth fifth.")},
				{Source: span(t, ruText, " Пятое."), Target: corpus.Span{}},
			})},
			// Bead 3 links gold 3 to gold 3: right, so 3 right links of 3.
			projected: counts{3, 3, 3, 3},
			strict:    counts{2, 3, 2, 3},
			goldBeads: 4, predBeads: 4,
		},
		{
			// A sentence aligner's output: the 1-2 gold bead split into 1-1
			// and 0-1, the 2-1 bead merged with the omission.
			name: "split and merged beads",
			docs: []BeadDoc{handDoc(segs(t,
				[2]string{"Первое.", "First."},
				[2]string{"Второе и третье.", "Second."},
				[2]string{"", "And third."},
				[2]string{"Четвёртое.  Пятое. Лишнее.", "Fourth fifth."},
			))},
			// Links: 1 right; 1 right; none (omission); (g3,g3) right and
			// (g4,g3) wrong. Gold 1, 2 and 3 are linked.
			projected: counts{3, 4, 3, 3},
			// Only bead 1 is exact; 3 predicted beads are bilingual.
			strict:    counts{1, 3, 1, 3},
			goldBeads: 4, predBeads: 4,
		},
		{
			name: "one bead for the whole pair",
			docs: []BeadDoc{handDoc([]Segment{{
				Source: corpus.Span{Start: 0, End: len(ruText)},
				Target: corpus.Span{Start: 0, End: len(enText)},
			}})},
			// 4 gold beads on the source side × 3 on the target side.
			projected: counts{3, 12, 3, 3},
			strict:    counts{0, 1, 0, 3},
			goldBeads: 4, predBeads: 1,
		},
		{
			name: "crossed beads",
			docs: []BeadDoc{handDoc(segs(t,
				[2]string{"Первое.", "Second. And third."},
				[2]string{"Второе и третье.", "First."},
				[2]string{"Четвёртое.  Пятое.", "Fourth fifth."},
			))},
			projected: counts{1, 3, 1, 3},
			strict:    counts{1, 3, 1, 3},
			goldBeads: 4, predBeads: 3,
		},
		{
			name: "partial overlap links",
			docs: []BeadDoc{handDoc([]Segment{
				// Half a word on each side still overlaps gold bead 2.
				{Source: span(t, ruText, "Второе"), Target: span(t, enText, "Sec")},
			})},
			projected: counts{1, 1, 1, 3},
			strict:    counts{0, 1, 0, 3},
			goldBeads: 4, predBeads: 1,
		},
		{
			name:      "duplicate predictions find nothing strictly",
			docs:      []BeadDoc{handDoc(append(exact[:3:3], exact[0]))},
			projected: counts{4, 4, 3, 3},
			strict:    counts{2, 4, 2, 3},
			goldBeads: 4, predBeads: 4,
		},
		{
			name: "whitespace-only and omission beads make no links",
			docs: []BeadDoc{handDoc([]Segment{
				{Source: span(t, ruText, "\n"), Target: span(t, enText, "First.")},
				{Source: span(t, ruText, "Лишнее."), Target: corpus.Span{}},
			})},
			projected: counts{0, 0, 0, 3},
			strict:    counts{0, 0, 0, 3},
			goldBeads: 4, predBeads: 2,
		},
		{
			name:      "no predictions",
			docs:      []BeadDoc{handDoc(nil)},
			projected: counts{0, 0, 0, 3},
			strict:    counts{0, 0, 0, 3},
			goldBeads: 4,
		},
		{
			name: "counts are summed over documents",
			docs: []BeadDoc{
				handDoc(exact),
				handDoc([]Segment{{Source: corpus.Span{Start: 0, End: len(ruText)}, Target: corpus.Span{Start: 0, End: len(enText)}}}),
			},
			projected: counts{6, 15, 6, 6},
			strict:    counts{3, 4, 3, 6},
			goldBeads: 8, predBeads: 5,
		},
		{
			// Gold written with other whitespace than the text (a line break
			// for a space, single for double spaces) is still found.
			name: "gold whitespace differs from the text",
			docs: []BeadDoc{{
				SourceText: ruText, TargetText: enText,
				Gold: []GoldBead{
					{Source: "Первое.", Target: "First."},
					{Source: "Второе\nи  третье.", Target: "Second.\nAnd third."},
					{Source: "Четвёртое. Пятое.", Target: "Fourth fifth."},
					{Source: "Лишнее.", Target: " "},
				},
				Predicted: exact,
			}},
			projected: counts{3, 3, 3, 3},
			strict:    counts{3, 3, 3, 3},
			goldBeads: 4, predBeads: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Beads(tt.docs)
			if err != nil {
				t.Fatal(err)
			}
			checkPRF(t, "projected", got.Projected, tt.projected)
			checkPRF(t, "strict", got.Strict, tt.strict)
			if got.Docs != len(tt.docs) || got.GoldBeads != tt.goldBeads || got.PredictedBeads != tt.predBeads {
				t.Errorf("docs/gold/predicted = %d/%d/%d, want %d/%d/%d",
					got.Docs, got.GoldBeads, got.PredictedBeads, len(tt.docs), tt.goldBeads, tt.predBeads)
			}
		})
	}
}

func TestBeadsErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  BeadDoc
		msg  string
	}{
		{
			name: "gold side not in the text",
			doc:  BeadDoc{Name: "20514-60118", SourceText: ruText, TargetText: enText, Gold: []GoldBead{{Source: "Нет такого.", Target: "First."}}},
			msg:  `20514-60118: gold bead 1: source side "Нет такого." not found`,
		},
		{
			name: "gold beads out of order",
			doc: BeadDoc{SourceText: ruText, TargetText: enText, Gold: []GoldBead{
				{Source: "Второе и третье.", Target: "Second. And third."},
				{Source: "Первое.", Target: "First."},
			}},
			msg: "document 1: gold bead 2: source side",
		},
		{
			name: "target side not in the text",
			doc:  BeadDoc{SourceText: ruText, TargetText: enText, Gold: []GoldBead{{Source: "Первое.", Target: "Firstly."}}},
			msg:  "gold bead 1: target side",
		},
		{
			name: "predicted span past the end",
			doc: BeadDoc{SourceText: ruText, TargetText: enText, Gold: handBeads,
				Predicted: []Segment{{Source: corpus.Span{Start: 0, End: len(ruText) + 1}, Target: corpus.Span{Start: 0, End: 3}}}},
			msg: "predicted bead 1: source span",
		},
		{
			name: "reversed predicted span",
			doc: BeadDoc{SourceText: ruText, TargetText: enText, Gold: handBeads,
				Predicted: []Segment{{Source: corpus.Span{Start: 0, End: 3}, Target: corpus.Span{Start: 5, End: 2}}}},
			msg: "predicted bead 1: target span [5, 2)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Beads([]BeadDoc{tt.doc})
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %v, want one containing %q", err, tt.msg)
			}
		})
	}
}

func TestPairSegments(t *testing.T) {
	p := &corpus.Pair{
		SourceSentences: []corpus.Span{{Start: 0, End: 5}, {Start: 6, End: 10}, {Start: 11, End: 20}},
		TargetSentences: []corpus.Span{{Start: 0, End: 4}, {Start: 5, End: 9}},
		Beads: []corpus.Bead{
			{SrcStart: 0, SrcEnd: 2, TgtStart: 0, TgtEnd: 1},
			{SrcStart: 2, SrcEnd: 2, TgtStart: 1, TgtEnd: 2},
			{SrcStart: 2, SrcEnd: 3, TgtStart: 2, TgtEnd: 2},
		},
	}
	got, err := PairSegments(p)
	if err != nil {
		t.Fatal(err)
	}
	want := []Segment{
		{Source: corpus.Span{Start: 0, End: 10}, Target: corpus.Span{Start: 0, End: 4}},
		{Target: corpus.Span{Start: 5, End: 9}},
		{Source: corpus.Span{Start: 11, End: 20}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("bead %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	p.Beads = append(p.Beads, corpus.Bead{SrcStart: 2, SrcEnd: 4, TgtStart: 0, TgtEnd: 1})
	if _, err := PairSegments(p); err == nil || !strings.Contains(err.Error(), "bead 4: source sentences [2, 4) out of range") {
		t.Errorf("error %v for a bead past the last sentence", err)
	}
}
