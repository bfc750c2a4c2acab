package sentence_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/eval"
	"github.com/parapost/parapost/align/internal/fixture"
	"github.com/parapost/parapost/align/sentence"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/align/split"
	"github.com/parapost/parapost/corpus"
)

// goldBeadDocs aligns every gold pair of a data set and returns the
// documents to score.
func goldBeadDocs(t testing.TB, opt sentence.Options, beadsFile string, files ...string) []eval.BeadDoc {
	t.Helper()
	posts := fixture.ReadPosts(t, files...)
	byID := make(map[int64]*corpus.Post, len(posts))
	for _, p := range posts {
		byID[p.ID] = p
	}
	f, err := os.Open(filepath.Join("..", "..", "testdata", beadsFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := eval.ReadGoldBeads(f, beadsFile, "ru", "en")
	if err != nil {
		t.Fatal(err)
	}
	var docs []eval.BeadDoc
	for _, g := range gold {
		p := &corpus.Pair{Source: byID[g.SourceID], Target: byID[g.TargetID]}
		if p.Source == nil || p.Target == nil {
			t.Fatalf("gold pair %d-%d: posts not found", g.SourceID, g.TargetID)
		}
		align.Pair(p, opt)
		segs, err := eval.PairSegments(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, eval.BeadDoc{Name: p.Source.Channel, SourceText: p.Source.Text, TargetText: p.Target.Text, Gold: g.Beads, Predicted: segs})
	}
	return docs
}

func TestAlignGold(t *testing.T) {
	tests := []struct {
		name               string
		beads              string
		files              []string
		minStrict, minProj float64
	}{
		{"mfa-sample", "mfa-sample/gold/beads.jsonl", []string{"mfa-sample/mid_russia.result.json", "mfa-sample/mfa_russia.result.json"}, 0.95, 0.98},
		{"wmt23", "wmt23-ruen-dev/gold/beads.jsonl", []string{"wmt23-ruen-dev/ru.result.json", "wmt23-ruen-dev/en.result.json"}, 0.93, 0.98},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := goldBeadDocs(t, sentence.DefaultOptions(), tt.beads, tt.files...)
			s, err := eval.Beads(docs)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("strict P %.4f R %.4f F1 %.4f; projected P %.4f R %.4f F1 %.4f (%d gold, %d predicted beads)",
				s.Strict.Precision, s.Strict.Recall, s.Strict.F1, s.Projected.Precision, s.Projected.Recall, s.Projected.F1, s.GoldBeads, s.PredictedBeads)
			if s.Strict.F1 < tt.minStrict || s.Projected.F1 < tt.minProj {
				t.Errorf("strict F1 %.4f projected F1 %.4f, want ≥ %.2f and ≥ %.2f", s.Strict.F1, s.Projected.F1, tt.minStrict, tt.minProj)
			}
		})
	}
}

func TestAlignLines(t *testing.T) {
	s, _ := alignLineFiles(t, sentence.DefaultOptions())
	t.Logf("strict P %.4f R %.4f F1 %.4f; lax P %.4f R %.4f F1 %.4f", s.Strict.Precision, s.Strict.Recall, s.Strict.F1, s.Lax.Precision, s.Lax.Recall, s.Lax.F1)
	if s.Strict.F1 < 0.998 {
		t.Errorf("strict F1 %.4f, want ≥ 0.998", s.Strict.F1)
	}
}

// TestAlignLinesWithTranslations: with a system's translations of the
// Russian segments as the similarity model, the line files align better
// than by length, anchors and cognates alone.
func TestAlignLinesWithTranslations(t *testing.T) {
	units := fixture.ReadTranslations(t, "wmt23-ruen-dev/mt/ru-en.jsonl")
	opt := sentence.DefaultOptions()
	opt.Similarity = sim.NewTranslations(units, "ru", sim.NewVocabulary("en"))
	with, sureWith := alignLineFiles(t, opt)
	without, sureWithout := alignLineFiles(t, sentence.DefaultOptions())
	t.Logf("strict F1 %.4f with translations, %.4f without; mean bead score %.3f and %.3f", with.Strict.F1, without.Strict.F1, sureWith, sureWithout)
	// Anchors and lengths already align these files nearly perfectly: the
	// translations must not lower that, and must make the beads surer.
	if with.Strict.F1 < without.Strict.F1 || with.Strict.F1 < 0.998 {
		t.Errorf("strict F1 with translations %.4f, without %.4f: want no lower, and ≥ 0.998", with.Strict.F1, without.Strict.F1)
	}
	if sureWith < sureWithout+0.01 {
		t.Errorf("mean bead score %.3f with translations, %.3f without: want higher", sureWith, sureWithout)
	}
}

// alignLineFiles aligns every pair of WMT23 line files and scores them;
// it checks that every "<...>" line comes out as an omission.
// The second result is the mean score of the bilingual beads: how sure
// the aligner is of them.
func alignLineFiles(t *testing.T, opt sentence.Options) (eval.LineScores, float64) {
	var gold, test [][]eval.LineBead
	marks := 0
	var sum float64
	var n int
	for _, d := range fixture.LineDocs(t) {
		g, src, tgt := d.Gold, d.Source, d.Target
		base := strings.TrimSuffix(g, ".ruen")
		beads := sentence.Align(src, tgt, eval.LineSpans(src), eval.LineSpans(tgt), opt)
		var lb []eval.LineBead
		ss, ts := eval.LineSpans(src), eval.LineSpans(tgt)
		for _, b := range beads {
			lb = append(lb, eval.LineBeadOf(b))
			if b.Bilingual() {
				sum += b.Score
				n++
			}
			// A cut mark stands for a passage the other side has: it must
			// come out as an omission, never aligned to a sentence.
			for i := b.SrcStart; i < b.SrcEnd; i++ {
				if src[ss[i].Start:ss[i].End] == "<...>" && b.TgtEnd > b.TgtStart && tgt[ts[b.TgtStart].Start:ts[b.TgtStart].End] != "<...>" {
					t.Errorf("%s: source line %d <...> aligned with target lines [%d, %d)", base, i, b.TgtStart, b.TgtEnd)
				}
			}
			for j := b.TgtStart; j < b.TgtEnd; j++ {
				if tgt[ts[j].Start:ts[j].End] == "<...>" {
					marks++
					if b.SrcEnd > b.SrcStart && src[ss[b.SrcStart].Start:ss[b.SrcStart].End] != "<...>" {
						t.Errorf("%s: target line %d <...> aligned with source lines [%d, %d)", base, j, b.SrcStart, b.SrcEnd)
					}
				}
			}
		}
		f, err := os.Open(g)
		if err != nil {
			t.Fatal(err)
		}
		gl, err := eval.ReadLineAlignment(f, g)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		gold, test = append(gold, gl), append(test, lb)
	}
	if marks == 0 {
		t.Error("no <...> line in the line files: the omission check checked nothing")
	}
	return eval.Lines(gold, test), sum / float64(max(1, n))
}

// TestAlignShapes checks the bead shapes of small hand-made documents.
func TestAlignShapes(t *testing.T) {
	tests := []struct {
		name, ru, en string
		want         []string
	}{
		{
			"marks on both sides stand for each other; an added sentence is 0-1",
			"10 июня С.В.Лавров провёл переговоры с министром иностранных дел Бразилии. <...> Стороны обсудили подготовку к саммиту БРИКС в Казани.",
			"On June 10, Sergey Lavrov held talks with Brazilian Foreign Minister. <...> The sides discussed preparations for the BRICS summit in Kazan. The meeting was warm and friendly.",
			[]string{"1-1", "1-1", "1-1", "0-1"},
		},
		{
			"a mark on one side stands for the sentences the other side has",
			"10 июня С.В.Лавров провёл переговоры с министром иностранных дел Бразилии М.Виейрой. Встреча прошла в Нижнем Новгороде на полях СМИД БРИКС. Стороны обсудили подготовку к саммиту объединения в Казани 22-24 октября.",
			"On June 10, Sergey Lavrov held talks with Foreign Minister of Brazil Mauro Vieira. <...> The sides discussed preparations for the BRICS summit in Kazan on October 22-24.",
			[]string{"1-1", "0-1", "1-0", "1-1"},
		},
		{
			"one sentence translated as two",
			"Министр подчеркнул, что Россия готова к сотрудничеству со всеми странами БРИКС, а также с партнёрами объединения в Африке и Латинской Америке.",
			"The Minister stressed that Russia is ready to cooperate with all BRICS countries. This also applies to the association's partners in Africa and Latin America.",
			[]string{"1-2"},
		},
	}
	for _, tt := range tests {
		rs, es := split.Sentences(tt.ru, "ru"), split.Sentences(tt.en, "en")
		var got []string
		for _, b := range sentence.Align(tt.ru, tt.en, rs, es, sentence.DefaultOptions()) {
			got = append(got, b.Type())
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: shapes %v, want %v", tt.name, got, tt.want)
		}
	}
}
