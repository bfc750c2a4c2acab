package sentence

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/parapost/parapost/align/eval"
	"github.com/parapost/parapost/align/internal/fixture"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/align/split"
	"github.com/parapost/parapost/corpus"
)

// concatDocs joins the WMT line documents, as lines (the source with cut
// marks between some), and as prose when prose is set.
func concatDocs(t testing.TB, asProse bool) (src, tgt string) {
	var rs, es strings.Builder
	for _, d := range fixture.LineDocs(t) {
		if asProse {
			rs.WriteString(prose(d.Source, true) + "\n\n")
			es.WriteString(prose(d.Target, false) + "\n\n")
			continue
		}
		rs.WriteString(d.Source)
		es.WriteString(d.Target)
	}
	return rs.String(), es.String()
}

// TestPipelinedFloors: with the merge floors worked out on another
// goroutine (floorRows), every document gets the beads, and the scores,
// that the programme working them out itself gives: with and without a
// similarity model, lines and prose (breaks, cut marks), with blocks of
// rows down to one row.
func TestPipelinedFloors(t *testing.T) {
	defer func(n, p int) { minPipelined = n; runtime.GOMAXPROCS(p) }(minPipelined, runtime.GOMAXPROCS(2))
	model := sim.NewTranslations(fixture.ReadTranslations(t, "wmt23-ruen-dev/mt/ru-en.jsonl"), "ru", sim.NewVocabulary("en"))
	for _, asProse := range []bool{false, true} {
		src, tgt := concatDocs(t, asProse)
		ss, ts := eval.LineSpans(src), eval.LineSpans(tgt)
		if asProse {
			ss, ts = split.Sentences(src, "ru"), split.Sentences(tgt, "en")
		}
		for _, m := range []sim.Model{nil, model} {
			opt := DefaultOptions()
			opt.Similarity = m
			minPipelined = len(ss) + 1
			want := Align(src, tgt, ss, ts, opt)
			minPipelined = 1
			d := Prepare(src, tgt, ss, ts, opt)
			got := d.Align()
			if !slices.Equal(got, want) {
				t.Fatalf("prose %v, model %v: %s", asProse, m != nil, firstDiff(got, want))
			}
			// Again with the band's cache filled, as a second pass does
			// (the 1-1 beads' costs then worked out with the floors), with
			// the same model and with another.
			if got := d.Align(); !slices.Equal(got, want) {
				t.Fatalf("prose %v, model %v, aligned again: %s", asProse, m != nil, firstDiff(got, want))
			}
			other := sim.Model(model)
			if m != nil {
				other = nil
			}
			minPipelined = len(ss) + 1
			serial := Prepare(src, tgt, ss, ts, opt)
			serial.Align()
			serial.SetSimilarity(other)
			want2 := serial.Align()
			minPipelined = 1
			d.SetSimilarity(other)
			if got := d.Align(); !slices.Equal(got, want2) {
				t.Fatalf("prose %v, model %v, then model %v: %s", asProse, m != nil, other != nil, firstDiff(got, want2))
			}
			if len(want) < len(ss)/2 {
				t.Fatalf("%d beads for %d sentences", len(want), len(ss))
			}
		}
	}
}

func firstDiff(got, want []corpus.Bead) string {
	for k := range min(len(got), len(want)) {
		if got[k] != want[k] {
			return fmt.Sprintf("bead %d: %+v, want %+v", k, got[k], want[k])
		}
	}
	return "different numbers of beads"
}

// BenchmarkPipelinedFloors is the dynamic programme of a prepared
// document of ~2,000 sentences per side (the second pass of align), on two
// cores, with the merge floors worked out on the programme's goroutine
// (serial) and on another (pipelined).
func BenchmarkPipelinedFloors(b *testing.B) {
	defer func(n, p int) { minPipelined = n; runtime.GOMAXPROCS(p) }(minPipelined, runtime.GOMAXPROCS(2))
	src, tgt := concatDocs(b, false)
	ss, ts := eval.LineSpans(src), eval.LineSpans(tgt)
	opt := DefaultOptions()
	opt.Similarity = sim.NewTranslations(fixture.ReadTranslations(b, "wmt23-ruen-dev/mt/ru-en.jsonl"), "ru", sim.NewVocabulary("en"))
	d := Prepare(src, tgt, ss, ts, opt)
	d.Align()
	for _, c := range []struct {
		name string
		min  int
	}{{"serial", len(ss) + 1}, {"pipelined", 1}} {
		b.Run(c.name, func(b *testing.B) {
			minPipelined = c.min
			for b.Loop() {
				d.SetSimilarity(opt.Similarity) // meaning measured again, as in a second pass
				d.Align()
			}
		})
	}
}
