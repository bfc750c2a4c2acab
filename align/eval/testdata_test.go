package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parapost/parapost/corpus"
)

// The WMT23 sample: 81 documents, 950 gold beads of which 33 omissions.
const (
	wmtDocs      = 81
	wmtBeads     = 950
	wmtBilingual = 917
)

func testdataPath(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata"}, parts...)...)
}

// readLinesGold reads the Vecalign-format gold of every WMT document.
func readLinesGold(t *testing.T) [][]LineBead {
	t.Helper()
	var all [][]LineBead
	for i := range wmtDocs {
		name := testdataPath("wmt23-ruen-dev", "lines", fmt.Sprintf("doc%03d.ruen", i))
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		beads, err := ReadLineAlignment(f, name)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, beads)
	}
	return all
}

func TestLinesTestdataAgainstItself(t *testing.T) {
	gold := readLinesGold(t)
	got := Lines(gold, gold)
	checkPRF(t, "strict", got.Strict, counts{wmtBeads, wmtBeads, wmtBilingual, wmtBilingual})
	checkPRF(t, "lax", got.Lax, counts{wmtBeads, wmtBeads, wmtBilingual, wmtBilingual})
}

// Every gold bilingual bead of the WMT sample is 1-1, so shifting the
// target side of every bead by one line leaves no source sentence with its
// gold target: recall is 0, and no wrong bead is even laxly right. Only
// omissions that stay equal to a gold omission ([i]:[] is unchanged by the
// shift) can be right.
func TestLinesTestdataShifted(t *testing.T) {
	gold := readLinesGold(t)
	shifted := make([][]LineBead, len(gold))
	for d, doc := range gold {
		for _, b := range doc {
			tgt := make([]int, len(b.Target))
			for i, x := range b.Target {
				tgt[i] = x + 1
			}
			shifted[d] = append(shifted[d], LineBead{Source: b.Source, Target: tgt})
		}
	}
	got := Lines(gold, shifted)
	if got.Strict.Recovered != 0 || got.Lax.Recovered != 0 {
		t.Errorf("recall counts strict %d, lax %d; want 0", got.Strict.Recovered, got.Lax.Recovered)
	}
	if got.Strict.Correct != got.Lax.Correct || got.Strict.Correct > wmtBeads-wmtBilingual {
		t.Errorf("precision counts strict %d, lax %d; want equal and at most the %d omissions",
			got.Strict.Correct, got.Lax.Correct, wmtBeads-wmtBilingual)
	}
	if got.Strict.Predicted != wmtBeads || got.Strict.Gold != wmtBilingual {
		t.Errorf("denominators %d, %d; want %d, %d", got.Strict.Predicted, got.Strict.Gold, wmtBeads, wmtBilingual)
	}
	t.Logf("shifted by one line: strict P %.3f R %.3f, lax P %.3f R %.3f",
		got.Strict.Precision, got.Strict.Recall, got.Lax.Precision, got.Lax.Recall)
}

func readGoldBeads(t *testing.T, set string) []GoldBeads {
	t.Helper()
	name := testdataPath(set, "gold", "beads.jsonl")
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := ReadGoldBeads(f, name, "ru", "en")
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// The WMT documents as their sentence-per-line files, gold beads from
// beads.jsonl and predictions from the Vecalign-format gold: both scorers
// must see a perfect alignment. One bead for a whole document must give
// one right link per bilingual gold bead out of (source beads × target
// beads) links.
func TestBeadsTestdataWMT(t *testing.T) {
	gold := readGoldBeads(t, "wmt23-ruen-dev")
	lines := readLinesGold(t)
	if len(gold) != wmtDocs {
		t.Fatalf("%d gold documents, want %d", len(gold), wmtDocs)
	}
	var perfect, whole []BeadDoc
	wantLinks := 0
	for d := range gold {
		ru := readText(t, testdataPath("wmt23-ruen-dev", "lines", fmt.Sprintf("doc%03d.ru", d)))
		en := readText(t, testdataPath("wmt23-ruen-dev", "lines", fmt.Sprintf("doc%03d.en", d)))
		ruLines, enLines := LineSpans(ru), LineSpans(en)
		doc := BeadDoc{Name: fmt.Sprintf("doc%03d", d), SourceText: ru, TargetText: en, Gold: gold[d].Beads}
		for _, b := range lines[d] {
			doc.Predicted = append(doc.Predicted, Segment{
				Source: spanOfLines(t, ruLines, b.Source),
				Target: spanOfLines(t, enLines, b.Target),
			})
		}
		perfect = append(perfect, doc)
		doc.Predicted = []Segment{{Source: corpus.Span{Start: 0, End: len(ru)}, Target: corpus.Span{Start: 0, End: len(en)}}}
		whole = append(whole, doc)
		wantLinks += len(ruLines) * len(enLines)
	}
	got, err := Beads(perfect)
	if err != nil {
		t.Fatal(err)
	}
	checkPRF(t, "projected", got.Projected, counts{wmtBilingual, wmtBilingual, wmtBilingual, wmtBilingual})
	checkPRF(t, "strict", got.Strict, counts{wmtBilingual, wmtBilingual, wmtBilingual, wmtBilingual})
	if got.GoldBeads != wmtBeads || got.PredictedBeads != wmtBeads {
		t.Errorf("%d gold and %d predicted beads, want %d", got.GoldBeads, got.PredictedBeads, wmtBeads)
	}
	got, err = Beads(whole)
	if err != nil {
		t.Fatal(err)
	}
	checkPRF(t, "projected, one bead a document", got.Projected, counts{wmtBilingual, wantLinks, wmtBilingual, wmtBilingual})
	// Only documents of one bilingual bead are matched strictly.
	t.Logf("one bead a document: projected P %.4f, strict P %.3f R %.3f",
		got.Projected.Precision, got.Strict.Precision, got.Strict.Recall)
}

// spanOfLines returns the span from the first to the last of the given
// lines, empty when there are none.
func spanOfLines(t *testing.T, lines []corpus.Span, idx []int) corpus.Span {
	t.Helper()
	if len(idx) == 0 {
		return corpus.Span{}
	}
	first, last := idx[0], idx[len(idx)-1]
	if first < 0 || last >= len(lines) {
		t.Fatalf("line indices %v out of range (%d lines)", idx, len(lines))
	}
	return corpus.Span{Start: lines[first].Start, End: lines[last].End}
}

func readText(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// The Foreign Ministry gold beads, their sides joined into texts with
// varying whitespace: gold beads located in texts with emoji, hashtags and
// initials ("Ю.В.Ушакова") score perfectly against themselves, and a
// prediction that merges every two consecutive beads loses strict matches.
func TestBeadsTestdataMFA(t *testing.T) {
	gold := readGoldBeads(t, "mfa-sample")
	seps := []string{" ", "\n", "\n\n", "  "}
	var perfect, merged []BeadDoc
	bilingual := 0
	for d, g := range gold {
		var ru, en strings.Builder
		var pred []Segment
		for i, b := range g.Beads {
			sep := seps[(d+i)%len(seps)]
			var s Segment
			s.Source = appendSide(&ru, b.Source, sep)
			s.Target = appendSide(&en, b.Target, sep)
			pred = append(pred, s)
			if b.Bilingual() {
				bilingual++
			}
		}
		doc := BeadDoc{Name: fmt.Sprint(g.TargetID), SourceText: ru.String(), TargetText: en.String(), Gold: g.Beads, Predicted: pred}
		perfect = append(perfect, doc)
		doc.Predicted = mergePairs(pred)
		merged = append(merged, doc)
	}
	if bilingual != 114 {
		t.Fatalf("%d bilingual gold beads, want 114 (116 less 2 omissions)", bilingual)
	}
	got, err := Beads(perfect)
	if err != nil {
		t.Fatal(err)
	}
	checkPRF(t, "projected", got.Projected, counts{bilingual, bilingual, bilingual, bilingual})
	checkPRF(t, "strict", got.Strict, counts{bilingual, bilingual, bilingual, bilingual})
	got, err = Beads(merged)
	if err != nil {
		t.Fatal(err)
	}
	if got.Projected.Recall != 1 || got.Projected.Precision >= 1 || got.Strict.Recall >= 0.2 {
		t.Errorf("merged pairs: projected P %.3f R %.3f, strict R %.3f; want R 1, P < 1, strict R < 0.2",
			got.Projected.Precision, got.Projected.Recall, got.Strict.Recall)
	}
}

// appendSide appends side to b after sep and returns its span ("" gives an
// empty span).
func appendSide(b *strings.Builder, side, sep string) corpus.Span {
	if side == "" {
		return corpus.Span{}
	}
	if b.Len() > 0 {
		b.WriteString(sep)
	}
	start := b.Len()
	b.WriteString(side)
	return corpus.Span{Start: start, End: b.Len()}
}

// mergePairs merges predicted beads 2k and 2k+1.
func mergePairs(segs []Segment) []Segment {
	var out []Segment
	for i := 0; i < len(segs); i += 2 {
		s := segs[i]
		if i+1 < len(segs) {
			s.Source = joinSpans(s.Source, segs[i+1].Source)
			s.Target = joinSpans(s.Target, segs[i+1].Target)
		}
		out = append(out, s)
	}
	return out
}

// joinSpans returns the span covering a and b, either of which may be empty.
func joinSpans(a, b corpus.Span) corpus.Span {
	switch {
	case a == corpus.Span{}:
		return b
	case b == corpus.Span{}:
		return a
	}
	return corpus.Span{Start: min(a.Start, b.Start), End: max(a.End, b.End)}
}

func readAlignmentFile(t *testing.T, rel string) []LineBead {
	t.Helper()
	name := testdataPath("eval", rel)
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	beads, err := ReadLineAlignment(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return beads
}

// The hand-scored fixtures of testdata/eval (see its README) read from
// files give the same scores as the tables of TestLines.
func TestLinesFixtures(t *testing.T) {
	hg, ht := readAlignmentFile(t, "hand.gold.ruen"), readAlignmentFile(t, "hand.test.ruen")
	sg, st := readAlignmentFile(t, "shift.gold.ruen"), readAlignmentFile(t, "shift.test.ruen")
	tests := []struct {
		name        string
		gold, test  [][]LineBead
		strict, lax [3]float64 // precision, recall, F1
	}{
		{"hand", [][]LineBead{hg}, [][]LineBead{ht},
			[3]float64{0.5, 0.75, 0.6}, [3]float64{2.0 / 3, 1, 0.8}},
		{"shift", [][]LineBead{sg}, [][]LineBead{st},
			[3]float64{0, 0, 0}, [3]float64{1.0 / 3, 1.0 / 3, 1.0 / 3}},
		{"both", [][]LineBead{hg, sg}, [][]LineBead{ht, st},
			[3]float64{3.0 / 9, 3.0 / 7, 0.375}, [3]float64{5.0 / 9, 5.0 / 7, 0.625}},
	}
	for _, tt := range tests {
		got := Lines(tt.gold, tt.test)
		for _, c := range []struct {
			what string
			got  PRF
			want [3]float64
		}{{"strict", got.Strict, tt.strict}, {"lax", got.Lax, tt.lax}} {
			if !near(c.got.Precision, c.want[0]) || !near(c.got.Recall, c.want[1]) || !near(c.got.F1, c.want[2]) {
				t.Errorf("%s: %s P/R/F1 %.4f/%.4f/%.4f, want %.4f/%.4f/%.4f", tt.name, c.what,
					c.got.Precision, c.got.Recall, c.got.F1, c.want[0], c.want[1], c.want[2])
			}
		}
	}
}
