package align_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parapost/parapost/align"
	"github.com/parapost/parapost/align/eval"
	"github.com/parapost/parapost/corpus"
)

// TestPairsLearnsFromMergedBeads: aligning documents alone, Pairs learns
// its lexicon from every confident bead, merged ones too (a document has
// few beads to learn from), while LearnLexicon, pairing's, learns from
// the 1-1 ones only.
func TestPairsLearnsFromMergedBeads(t *testing.T) {
	base := filepath.Join("..", "testdata", "wmt23-ruen-dev", "lines", "doc024")
	ru, err := os.ReadFile(base + ".ru")
	if err != nil {
		t.Fatal(err)
	}
	en, err := os.ReadFile(base + ".en")
	if err != nil {
		t.Fatal(err)
	}
	// Every other pair of English lines made one line: the document's
	// beads become 2-1.
	lines := strings.Split(strings.TrimRight(string(en), "\n"), "\n")
	var joined []string
	for i := 0; i < len(lines); i += 2 {
		joined = append(joined, strings.Join(lines[i:min(i+2, len(lines))], " "))
	}
	src, tgt := string(ru), strings.Join(joined, "\n")+"\n"
	newPair := func() *corpus.Pair {
		return &corpus.Pair{
			Source: &corpus.Post{Text: src, Lang: "ru"}, Target: &corpus.Post{Text: tgt, Lang: "en"},
			SourceSentences: eval.LineSpans(src), TargetSentences: eval.LineSpans(tgt),
		}
	}
	// The first pass alone: the beads the lexicon is learned from.
	first, opt := newPair(), align.DefaultOptions()
	opt.NoLearn = true
	if _, _, err := align.Pairs(context.Background(), []*corpus.Pair{first}, opt, 1); err != nil {
		t.Fatal(err)
	}
	opt.NoLearn = false
	merged, ones := 0, 0
	for _, b := range first.Beads {
		switch {
		case b.Score < opt.MinLearnScore || !b.Bilingual():
		case b.SrcEnd-b.SrcStart == 1 && b.TgtEnd-b.TgtStart == 1:
			ones++
		default:
			merged++
		}
	}
	_, stats, err := align.Pairs(context.Background(), []*corpus.Pair{newPair()}, opt, 1)
	if err != nil {
		t.Fatal(err)
	}
	if merged < 5 {
		t.Fatalf("%d confident merged beads (%d 1-1): the fixture does not test them", merged, ones)
	}
	if stats.LearnedFrom != merged+ones {
		t.Errorf("Pairs learned from %d beads, want every confident one: %d merged and %d 1-1", stats.LearnedFrom, merged, ones)
	}
	if got := align.LearnLexicon([]*corpus.Pair{first}, opt).Pairs(); got != ones {
		t.Errorf("LearnLexicon learned from %d beads, want the %d confident 1-1 ones", got, ones)
	}
}
