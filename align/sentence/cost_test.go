package sentence

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
)

func TestTailCost(t *testing.T) {
	for _, x := range []float64{0, 0.5, 1, 1.96, 3, 5.5, 7.5} {
		want := min(27.6, -math.Log(math.Erfc(x/math.Sqrt2)))
		if got := tailCost(x); math.Abs(got-want) > 1e-3*max(1, want) {
			t.Errorf("tailCost(%g) = %.5f, want %.5f", x, got, want)
		}
	}
	if got := tailCost(100); got != tailCost(9) || got < 27 {
		t.Errorf("tailCost far in the tail = %.2f, want the cap", got)
	}
}

// TestMergedShared: a merged bead shares an anchor as often as its side
// with fewer copies holds it, not once per pair of sentences holding it
// (which made a 2-2 bead of two sentences that repeat a year outweigh the
// two 1-1 beads it was).
func TestMergedShared(t *testing.T) {
	src := "В феврале 2022 года возобновилось авиасообщение.\nВ июле 2022 года стороны договорились.\n"
	tgt := "In February 2022, flights resumed.\nIn July 2022, the sides agreed.\n"
	a := newAligner(src, tgt, lineSpans(src), lineSpans(tgt), DefaultOptions())
	one := a.sharedFeatures(0, 0).strong
	if one == 0 {
		t.Fatal("the 1-1 bead shares no strong anchor; want the year")
	}
	shared, strong, _ := a.mergedShared(0, 2, 0, 2, true, true)
	if math.Abs(strong-2*one) > 1e-9 || shared < strong {
		t.Errorf("2-2 bead shares strong weight %.3f (all %.3f), want twice the 1-1's %.3f", strong, shared, one)
	}
	got := alignSpans(src, tgt)
	if want := "[0-1:0-1 1-2:1-2]"; got != want {
		t.Errorf("beads %s, want %s", got, want)
	}
}

// TestMergedMeaning: a merged bead shares a word of meaning once, however
// many of its sentence pairs hold it. Two sentences about one camp on one
// glacier share "camp" and "glacier" in all four pairs of the 2-2 bead:
// counted per pair, the bead shared 10 words, more than either side's 8,
// and its meaning looked perfect (Dice 1); merged, it shares 4 (climber,
// camp, glacier, snow): Dice 0.5.
func TestMergedMeaning(t *testing.T) {
	src := "Альпинисты разбили лагерь на леднике.\nЛагерь на леднике занесло снегом.\n"
	tgt := "The climbers pitched their camp on the glacier.\nSnow buried the glacier camp.\n"
	units := []sim.Unit{
		{Source: "Альпинисты разбили лагерь на леднике.", Translation: "The climbers set up camp on the glacier."},
		{Source: "Лагерь на леднике занесло снегом.", Translation: "The camp on the glacier was covered with snow."},
	}
	const twoTwo = 5 // beadShapes[5] is 2-2
	opt := DefaultOptions()
	opt.Similarity = sim.NewTranslations(units, "ru", sim.NewVocabulary("en"))
	a := newAligner(src, tgt, lineSpans(src), lineSpans(tgt), opt)
	var cells float64
	for i := range 2 {
		for j := range 2 {
			cells += a.meaning(i, j)
		}
	}
	merged := sim.Overlap(sim.MergeBags(a.s[0].bag, a.s[1].bag), sim.MergeBags(a.t[0].bag, a.t[1].bag))
	if cells != 10 || merged != 4 {
		t.Fatalf("the cells share %g words and the merged bags %g; want 10 and 4 (the stems changed?)", cells, merged)
	}
	if got := a.mergedMeaning(0, 2, 0, 2, cells); got != merged {
		t.Errorf("mergedMeaning = %g, want %g", got, merged)
	}
	// Never more than the cells: each is capped by its sentences' masses.
	if got := a.mergedMeaning(0, 2, 0, 2, 3); got != 3 {
		t.Errorf("mergedMeaning with cells of 3 = %g, want 3", got)
	}
	// The bead's meaning term, against the same bead costed without one.
	c := opt.Costs
	if c == nil {
		c = DefaultCosts()
	}
	noMeaning := *c
	noMeaning.Similarity = 0
	b := newAligner(src, tgt, lineSpans(src), lineSpans(tgt), Options{SourceLang: opt.SourceLang, TargetLang: opt.TargetLang,
		Similarity: opt.Similarity, Costs: &noMeaning})
	massS, massT := float64(a.s[0].bag.Mass+a.s[1].bag.Mass), float64(a.t[0].bag.Mass+a.t[1].bag.Mass)
	known := massS + massT
	want := -c.Similarity * (2*merged/known - c.SimilarityBase) * min(1, known/c.SimilarityWords)
	if got := a.beadCost(0, 2, 0, 2, twoTwo) - b.beadCost(0, 2, 0, 2, twoTwo); math.Abs(got-want) > 1e-9 {
		t.Errorf("the 2-2 bead's meaning term is %.3f, want %.3f (Dice %.2f)", got, want, 2*merged/known)
	}
}

// TestMergedCognates: a merged bead earns cognates up to MaxCognates per
// sentence pair of its diagonal (min of its sides' counts), as the beads
// it merges would: capped per bead, two sentence pairs of four cognates
// each earned 6 as a 2-2 bead and 8 as two 1-1 beads.
func TestMergedCognates(t *testing.T) {
	src := "Лавров, Блинкен, Макрон, Шольц, Мелони и Моди прибыли в Женеву.\n" +
		"Гутерриш, Боррель, Столтенберг, Фон дер Ляйен и Мишель прибыли в Брюссель.\n"
	tgt := "Lavrov, Blinken, Macron, Scholz, Meloni and Modi arrived in Geneva.\n" +
		"Guterres, Borrell, Stoltenberg, Von der Leyen and Michel arrived in Brussels.\n"
	const twoTwo = 5 // beadShapes[5] is 2-2
	costOf := func(cognate float64) float64 {
		opt := DefaultOptions()
		opt.Costs = DefaultCosts()
		opt.Costs.Cognate = cognate
		return newAligner(src, tgt, lineSpans(src), lineSpans(tgt), opt).beadCost(0, 2, 0, 2, twoTwo)
	}
	a := newAligner(src, tgt, lineSpans(src), lineSpans(tgt), DefaultOptions())
	_, _, cog := a.mergedShared(0, 2, 0, 2, true, true)
	c := DefaultCosts()
	if cog <= c.MaxCognates || cog > 2*c.MaxCognates {
		t.Fatalf("the 2-2 bead shares %d cognates; want between %d and %d", cog, c.MaxCognates+1, 2*c.MaxCognates)
	}
	if got, want := costOf(c.Cognate)-costOf(0), -c.Cognate*float64(cog); math.Abs(got-want) > 1e-9 {
		t.Errorf("the 2-2 bead's cognates earn %.2f, want %.2f (%d cognates)", got, want, cog)
	}
}

// TestUninformativeBreaks: when every sentence ends its line, the line
// breaks tell nothing and cost no merged bead anything; paragraph breaks
// among inline sentences still count.
func TestUninformativeBreaks(t *testing.T) {
	lines := "One.\nTwo.\nThree.\n"
	a := newAligner(lines, lines, lineSpans(lines), lineSpans(lines), Options{SourceLang: "en", TargetLang: "en"})
	for i, s := range a.s[:len(a.s)-1] {
		if s.breakAft != 0 {
			t.Errorf("one sentence per line: sentence %d breakAft %d, want 0", i, s.breakAft)
		}
	}
	para := "One. Two.\n\nThree.\n"
	spans := []corpus.Span{{Start: 0, End: 4}, {Start: 5, End: 9}, {Start: 11, End: 17}}
	a = newAligner(para, para, spans, spans, Options{SourceLang: "en", TargetLang: "en"})
	if got := []int{a.s[0].breakAft, a.s[1].breakAft}; got[0] != 0 || got[1] != 2 {
		t.Errorf("inline then paragraph: breaks %v, want [0 2]", got)
	}
}

// TestQuotedLatinWords: lower-case Latin words quoted in a Russian
// sentence are plain words of an English translation, not anchors it must
// keep, so they are not strong; a token with a digit still is.
func TestQuotedLatinWords(t *testing.T) {
	src := "Подпись к видео: WW2 bomb explosion is caught on camera\n"
	tgt := "Video caption: WW2 bomb explosion is caught on camera\n"
	a := newAligner(src, tgt, lineSpans(src), lineSpans(tgt), DefaultOptions())
	f := a.sharedFeatures(0, 0)
	if f.strong == 0 {
		t.Fatal("WW2 is not a shared strong anchor")
	}
	if a.s[0].strongW != f.strong {
		t.Errorf("source strong weight %.3f, want only the shared WW2's %.3f", a.s[0].strongW, f.strong)
	}
}

// TestStrayShared: a sentence of a merged bead whose number the
// translation leaves out is no stray when its meaning is in the bead's
// other side: the 2-1 bead pays Stray for it when meaning is not counted
// (StrayShared 0), and nothing when it is.
func TestStrayShared(t *testing.T) {
	src := "Лавров встретился с Блинкеном в Женеве.\nСтороны обсудили 5 пунктов повестки дня.\n"
	tgt := "Lavrov met Blinken in Geneva, and the sides discussed the agenda.\n"
	units := []sim.Unit{{Source: "Стороны обсудили 5 пунктов повестки дня.", Translation: "The sides discussed five points of the agenda."}}
	const twoOne = 3 // beadShapes[3] is 2-1
	costOf := func(similarity sim.Model, shared float64) (float64, *aligner) {
		opt := DefaultOptions()
		opt.Costs = DefaultCosts()
		opt.Costs.StrayShared = shared
		opt.Similarity = similarity
		a := newAligner(src, tgt, lineSpans(src), lineSpans(tgt), opt)
		return a.beadCost(0, 2, 0, 1, twoOne), a
	}
	model := sim.NewTranslations(units, "ru", sim.NewVocabulary("en"))
	shared := DefaultCosts().StrayShared
	with, a := costOf(model, shared)
	if f := a.sharedFeatures(1, 0); f.anchors > 0 || f.cognates > 0 || len(a.s[1].anchors) == 0 {
		t.Fatalf("the second sentence has anchors %v and shares anchors %.2f, cognates %d with the target; want some, none shared",
			a.s[1].anchors, f.anchors, f.cognates)
	}
	if m := a.pairFeatures(1, 0).meaning; m < shared {
		t.Fatalf("the second sentence's meaning overlaps the target by %.2f words, want at least %.0f", m, shared)
	}
	// The same bead with StrayShared off (the negative control): the
	// sentence is a stray, and the bead costs Stray more.
	without, _ := costOf(model, 0)
	if d := without - with; math.Abs(d-DefaultCosts().Stray) > 1e-9 {
		t.Errorf("StrayShared lowered the 2-1 bead's cost by %.3f, want Stray (%.1f)", d, DefaultCosts().Stray)
	}
}

func lineSpans(text string) []corpus.Span {
	var out []corpus.Span
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			out = append(out, corpus.Span{Start: start, End: i})
			start = i + 1
		}
	}
	return out
}

// alignSpans aligns line files and writes the beads as "s0-s1:t0-t1".
func alignSpans(src, tgt string) string {
	beads := Align(src, tgt, lineSpans(src), lineSpans(tgt), DefaultOptions())
	var parts []string
	for _, b := range beads {
		parts = append(parts, fmt.Sprintf("%d-%d:%d-%d", b.SrcStart, b.SrcEnd, b.TgtStart, b.TgtEnd))
	}
	return fmt.Sprint(parts)
}

// TestOmissionRun: a run of lines that only the target has (captions and
// running heads of a scanned book) stays a run of omissions; priced one
// omission at a time, it was cheaper to swallow them four at a time into
// the sentences before, shifting the alignment.
func TestOmissionRun(t *testing.T) {
	de := "Der Lhotse misst amtlich noch immer 8501 m , wird aber wahrscheinlich heraufgesetzt werden .\n" +
		"Denn auch beim Makalu wird die seit einem Jahrhundert gültige Höhenzahl jetzt aufgegeben ;\n" +
		"der neue amtliche Wert ist 8481 m.\n" +
		"Eine Neuberechnung ist anscheinend bisher noch nicht vorgenommen worden .\n"
	junk := "Stiftung für alpine Forschungen , Zürich\nEverest ( 8848 m ) et Col Sud\nThyangboché ;\nsur le pré du monastère , le départ des porteurs\n" +
		"JfV\n,r\nm\nâ\n-\n1Ê+ :\n**&gt;\nKangchenjunga , Arête nord , vue du voisinage du sommet\nf r\n10 - Photo Indian Air Force\n"
	fr := junk +
		"Le Lhotse mesure toujours officiellement 8501 m , mais sera probablement relevé .\n" +
		"Pour le Makalu aussi , la cote admise depuis un siècle est abandonnée ;\n" +
		"la nouvelle cote officielle est de 8481 m.\n" +
		"Il semble qu' un nouveau calcul n' ait pas encore été fait .\n"
	opt := Options{SourceLang: "de", TargetLang: "fr"}
	want := "[0-0:0-14 0-1:14-15 1-2:15-16 2-3:16-17 3-4:17-18]"
	for _, run := range []bool{true, false} {
		c := DefaultCosts()
		if !run {
			c.OmissionRun = c.Omission
		}
		opt.Costs = c
		beads := Align(de, fr, lineSpans(de), lineSpans(fr), opt)
		var parts []string
		for _, b := range beads {
			if b.SrcEnd == b.SrcStart && len(parts) > 0 && parts[len(parts)-1][:3] == "0-0" {
				var a, z int
				fmt.Sscanf(parts[len(parts)-1], "0-0:%d-%d", &a, &z)
				parts[len(parts)-1] = fmt.Sprintf("0-0:%d-%d", a, b.TgtEnd)
				continue
			}
			parts = append(parts, fmt.Sprintf("%d-%d:%d-%d", b.SrcStart, b.SrcEnd, b.TgtStart, b.TgtEnd))
		}
		got := fmt.Sprint(parts)
		if run && got != want {
			t.Errorf("beads %s, want %s", got, want)
		}
		if !run && got == want {
			t.Errorf("negative control: without the run discount the beads are right too (%s)", got)
		}
	}
}

func TestContinues(t *testing.T) {
	tests := []struct {
		s, next string
		want    bool
	}{
		{"Er sagte ,", "dass es geht .", true},
		{"Er kam .", "Sie ging .", false},
		{"Er kam", "und ging .", true},
		{"Darüber berichtet ( « Alpine Journal » No .", "293 ) .", true},
		{"Der Schlachtruf « Bär !", "» und ein paar Bemerkungen .", true},
		{"Er kam ( spät ) .", "Sie ging ( früh ) .", false},
		{"le sherpa Gyalzen ( n° 57 du rôle de l' H .", "C ) .", true},
		{"« Der Berg ist nicht leicht .", "Er ist möglich .", false},
	}
	for _, tt := range tests {
		if got := continues(tt.s, tt.next); got != tt.want {
			t.Errorf("continues(%q, %q) = %v, want %v", tt.s, tt.next, got, tt.want)
		}
	}
}

// TestSixSentenceBead: a sentence the translation cuts into five (a list
// run into one sentence) is one 1-5 bead when a similarity model is set,
// and the aligner makes no six-sentence bead without one.
func TestSixSentenceBead(t *testing.T) {
	src := "Лавров провёл переговоры в Женеве.\n" +
		"В 1952 году там работали геологи, в 1953 году ботаники, в 1954 году географы, в 1955 году картографы, а в 1956 году гляциологи.\n" +
		"Переговоры завершились вечером.\n"
	tgt := "Lavrov held talks in Geneva.\n" +
		"1952: geologists worked there;\n1953: botanists;\n1954: geographers;\n1955: cartographers;\n1956: glaciologists.\n" +
		"The talks ended in the evening.\n"
	units := []sim.Unit{
		{Source: "Лавров провёл переговоры в Женеве.", Translation: "Lavrov held talks in Geneva."},
		{Source: "В 1952 году там работали геологи, в 1953 году ботаники, в 1954 году географы, в 1955 году картографы, а в 1956 году гляциологи.",
			Translation: "In 1952 geologists worked there, in 1953 botanists, in 1954 geographers, in 1955 cartographers, and in 1956 glaciologists."},
		{Source: "Переговоры завершились вечером.", Translation: "The talks ended in the evening."},
	}
	shapes := func(m sim.Model) string {
		opt := DefaultOptions()
		opt.Similarity = m
		return lineShapes(src, tgt, opt)
	}
	if got, want := shapes(sim.NewTranslations(units, "ru", sim.NewVocabulary("en"))), "1-1 1-5 1-1"; got != want {
		t.Errorf("with translations: shapes %s, want %s", got, want)
	}
	// Without a model six-sentence beads are not tried: the list is cut.
	if got := shapes(nil); strings.Contains(got, "1-5") {
		t.Errorf("without a similarity model: shapes %s, want no 1-5 bead", got)
	}
}

// TestThreeThreeBead: a passage both sides cut into three sentences at
// different places (the second English sentence holds the end of the first
// Russian one, the second and the start of the third: its date, pass and
// height) is one 3-3 bead when meaning is known; without a model the shape
// is not tried, and at a prohibitive prior (the negative control) the
// aligner makes do with smaller beads.
func TestThreeThreeBead(t *testing.T) {
	src := "Экспедиция вышла из Манали пятого мая, а через неделю достигла ледника Бара-Шигри.\n" +
		"Там участники разбили базовый лагерь и три дня ждали погоды.\n" +
		"Затем 20 мая они поднялись на перевал Хамта высотой 4270 м и спустились в долину Чандры.\n"
	tgt := "The expedition left Manali on the fifth of May.\n" +
		"A week later it reached the Bara Shigri glacier, where the members set up base camp, waited three days for the weather and then, on May 20, climbed to the Hampta pass, 4270 m high.\n" +
		"They descended into the Chandra valley.\n"
	units := []sim.Unit{
		{Source: "Экспедиция вышла из Манали пятого мая, а через неделю достигла ледника Бара-Шигри.",
			Translation: "The expedition left Manali on May 5, and a week later reached the Bara Shigri glacier."},
		{Source: "Там участники разбили базовый лагерь и три дня ждали погоды.",
			Translation: "There the members set up base camp and waited three days for the weather."},
		{Source: "Затем 20 мая они поднялись на перевал Хамта высотой 4270 м и спустились в долину Чандры.",
			Translation: "Then on May 20 they climbed the Hampta pass, 4270 m high, and descended into the Chandra valley."},
	}
	shapes := func(m sim.Model, merge33 float64) string {
		opt := DefaultOptions()
		opt.Similarity = m
		opt.Costs = DefaultCosts()
		opt.Costs.Merge33 = merge33
		return lineShapes(src, tgt, opt)
	}
	model := sim.NewTranslations(units, "ru", sim.NewVocabulary("en"))
	if got, want := shapes(model, DefaultCosts().Merge33), "3-3"; got != want {
		t.Errorf("with translations: shapes %s, want %s", got, want)
	}
	if got := shapes(nil, DefaultCosts().Merge33); strings.Contains(got, "3-3") {
		t.Errorf("without a similarity model: shapes %s, want no 3-3 bead", got)
	}
	if got := shapes(model, 30); strings.Contains(got, "3-3") {
		t.Errorf("negative control: with a 3-3 prior of 30 the shapes are %s, want no 3-3 bead", got)
	}
}

// TestDisplaced: two sentences that the two sides cut at different places
// (a name that one side puts in the first sentence, the other in the
// second) are one 2-2 bead; without Displaced the aligner splits them into
// two 1-1 beads, each missing what the other holds.
func TestDisplaced(t *testing.T) {
	de := "Der Gipfel liegt im Pamir und misst 7495 m .\n" +
		"Erstbesteigung 1933 durch W.M .\n" +
		"Kolesnikow , seitdem wiederholt besucht .\n" +
		"Die Route führt über den Nordgrat zum Gipfel .\n"
	fr := "Le sommet se trouve dans le Pamir et mesure 7495 m .\n" +
		"Première ascension en 1933 par W. M. Kolesnikow .\n" +
		"Souvent visité depuis .\n" +
		"La voie passe par l' arête nord jusqu' au sommet .\n"
	shapes := func(displaced float64) string {
		opt := Options{SourceLang: "de", TargetLang: "fr", Costs: DefaultCosts()}
		opt.Costs.Displaced = displaced
		return lineShapes(de, fr, opt)
	}
	if got, want := shapes(DefaultCosts().Displaced), "1-1 2-2 1-1"; got != want {
		t.Errorf("shapes %s, want %s", got, want)
	}
	if got, want := shapes(0), "1-1 1-1 1-1 1-1"; got != want {
		t.Errorf("negative control: without Displaced the shapes are %s, want %s", got, want)
	}
}

// lineShapes aligns line files and writes the beads' shapes ("1-1 2-2").
func lineShapes(src, tgt string, opt Options) string {
	var out []string
	for _, b := range Align(src, tgt, lineSpans(src), lineSpans(tgt), opt) {
		out = append(out, b.Type())
	}
	return strings.Join(out, " ")
}

// TestBeadShapesOrder: the indexes the programme relies on match
// beadShapes: 1-1 first, then the omissions, the merges from firstMerge
// on, and the six-sentence shapes from sixSentences on.
func TestBeadShapesOrder(t *testing.T) {
	if beadShapes[0] != (struct{ src, tgt int }{1, 1}) || beadShapes[1].tgt != 0 || beadShapes[2].src != 0 {
		t.Errorf("beadShapes starts %v, want 1-1, 1-0, 0-1", beadShapes[:3])
	}
	for k, sh := range beadShapes {
		n := sh.src + sh.tgt
		switch {
		case k >= firstMerge && (sh.src == 0 || sh.tgt == 0 || n < 3):
			t.Errorf("beadShapes[%d] = %v: not a merge, after firstMerge", k, sh)
		case k < sixSentences && n > 5, k >= sixSentences && n != 6:
			t.Errorf("beadShapes[%d] = %v: %d sentences, sixSentences is %d", k, sh, n, sixSentences)
		case sh.src > maxBead || sh.tgt > maxBead:
			t.Errorf("beadShapes[%d] = %v: more than maxBead (%d) on a side", k, sh, maxBead)
		}
	}
}
