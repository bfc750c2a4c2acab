package sentence_test

import (
	"reflect"
	"testing"

	"github.com/parapost/parapost/align/eval"
	"github.com/parapost/parapost/align/internal/fixture"
	"github.com/parapost/parapost/align/sentence"
	"github.com/parapost/parapost/align/sim"
)

// TestDocSetSimilarity: a document prepared without a similarity model
// and aligned, then given one and aligned again (align.Pairs's two
// passes), comes out exactly as a document aligned with that model from
// the start — beads and scores alike — and as before when the model is
// taken away again.
func TestDocSetSimilarity(t *testing.T) {
	units := fixture.ReadTranslations(t, "wmt23-ruen-dev/mt/ru-en.jsonl")
	model := sim.NewTranslations(units, "ru", sim.NewVocabulary("en"))
	changed := 0
	for _, line := range fixture.LineDocs(t)[:20] {
		src, tgt := line.Source, line.Target
		ss, ts := eval.LineSpans(src), eval.LineSpans(tgt)
		plain := sentence.DefaultOptions()
		withModel := plain
		withModel.Similarity = model
		want0 := sentence.Align(src, tgt, ss, ts, plain)
		want1 := sentence.Align(src, tgt, ss, ts, withModel)
		d := sentence.Prepare(src, tgt, ss, ts, plain)
		if got := d.Align(); !reflect.DeepEqual(got, want0) {
			t.Errorf("%s: prepared document aligned differently from Align", line.Gold)
		}
		d.SetSimilarity(model)
		if got := d.Align(); !reflect.DeepEqual(got, want1) {
			t.Errorf("%s: with the model set after preparing, beads differ from Align with it", line.Gold)
		}
		d.SetSimilarity(nil)
		if got := d.Align(); !reflect.DeepEqual(got, want0) {
			t.Errorf("%s: with the model taken away, beads differ from Align without one", line.Gold)
		}
		if !reflect.DeepEqual(want0, want1) {
			changed++
		}
	}
	// The model must change some scores, or the test shows nothing.
	if changed == 0 {
		t.Error("the translations changed no document's beads")
	}
}
