package check

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parapost/parapost/align/anchor"
	"github.com/parapost/parapost/align/sim"
	"github.com/parapost/parapost/corpus"
)

// anchorKinds maps the anchor kinds compared across a bead to the finding
// kind a mismatch is.
var anchorKinds = map[anchor.Kind]Kind{anchor.Number: Number, anchor.Date: Date, anchor.Hashtag: Hashtag, anchor.Flag: Flag}

// windowKeys returns the keys a side vouches for (computed once): its
// anchors', and the numbers its words stand for that the anchors do not
// read (Roman numerals, collective numerals, numbers and dates in words,
// digit groups joined).
func (s *side) windowKeys(lang string) map[string]bool {
	if s.keys != nil {
		return s.keys
	}
	m := map[string]bool{}
	for _, a := range s.anchors {
		m[a.String()] = true
	}
	for w := range anchor.Words(s.text) {
		if r := roman(strings.ToLower(w)); r != "" && strings.ToUpper(w) == w {
			m["num:"+r] = true
		}
		if n := collectiveNumber(w); n != "" {
			m["num:"+n] = true
		}
	}
	addWordNumbers(m, s.text, lang)
	addDigitGroups(m, s.text)
	s.keys = m
	return m
}

// nameSkeletons returns appendNameSkeletons of the side's text, computed
// once.
func (s *side) nameSkeletons(lang string) []string {
	if !s.namesDone {
		s.names, s.namesDone = appendNameSkeletons(nil, s.text, lang), true
	}
	return s.names
}

// anchorFindings compares the anchors of bilingual bead i: a number,
// date, hashtag or flag on one side that the other side of the bead and
// of its neighbours lacks (the aligner may put a clause into the next
// bead), and names swapped for others.
func (c *checker) anchorFindings(p *corpus.Pair, i int, src, tgt []side) []Finding {
	window := func(sides []side, lang string) map[string]bool {
		m := map[string]bool{}
		for j := max(0, i-1); j <= min(len(sides)-1, i+1); j++ {
			for k := range sides[j].windowKeys(lang) {
				m[k] = true
			}
		}
		return m
	}
	srcWin, tgtWin := window(src, c.opt.SourceLang), window(tgt, c.opt.TargetLang)
	type miss struct {
		keys  []string
		marks []Mark
	}
	byKind := map[Kind]*[2]miss{}
	note := func(a anchor.Anchor, target bool) {
		k, ok := anchorKinds[a.Kind]
		if !ok {
			return
		}
		if k == Number && isYear(a.Key) {
			k = Date
		}
		m := byKind[k]
		if m == nil {
			m = &[2]miss{}
			byKind[k] = m
		}
		s := 0
		if target {
			s = 1
		}
		if !slices.Contains(m[s].keys, a.Key) {
			m[s].keys = append(m[s].keys, a.Key)
		}
		m[s].marks = append(m[s].marks, Mark{Target: target, Start: a.Start, End: a.End})
	}
	for _, a := range src[i].anchors {
		if !inWindow(a, tgtWin) && !(a.Kind == anchor.Number && inDigitGroup(src[i].text, a, tgtWin)) {
			note(a, false)
		}
	}
	for _, a := range tgt[i].anchors {
		if !inWindow(a, srcWin) && !(a.Kind == anchor.Number && inDigitGroup(tgt[i].text, a, srcWin)) {
			note(a, true)
		}
	}
	var out []Finding
	for _, k := range []Kind{Number, Date, Hashtag, Flag} {
		m := byKind[k]
		if m == nil {
			continue
		}
		out = append(out, Finding{Kind: k, Bead: i, Source: src[i].text, Target: tgt[i].text,
			Detail: describeMismatch(k, m[0].keys, m[1].keys), Marks: append(m[0].marks, m[1].marks...)})
	}
	if f, ok := c.nameFinding(p, i, src, tgt); ok {
		out = append(out, f)
	}
	return out
}

func describeMismatch(k Kind, src, tgt []string) string {
	show := func(keys []string) string {
		out := make([]string, len(keys))
		for i, key := range keys {
			if k == Date && strings.Contains(key, "-") {
				out[i] = dateName(key)
			} else {
				out[i] = key
			}
		}
		return strings.Join(out, ", ")
	}
	switch {
	case len(src) > 0 && len(tgt) > 0:
		return fmt.Sprintf("%s %s in the original, %s in the translation", k, show(src), show(tgt))
	case len(src) > 0:
		return fmt.Sprintf("%s %s of the original missing from the translation", k, show(src))
	default:
		return fmt.Sprintf("%s %s in the translation, not in the original", k, show(tgt))
	}
}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// dateName renders a date key "MM-DD" as "June 10".
func dateName(key string) string {
	mm, dd, ok := strings.Cut(key, "-")
	m, err1 := strconv.Atoi(mm)
	d, err2 := strconv.Atoi(dd)
	if !ok || err1 != nil || err2 != nil || m < 1 || m > 12 {
		return key
	}
	return fmt.Sprintf("%s %d", months[m-1], d)
}

// isYear reports whether a number key is a plausible year, which is part
// of a date.
func isYear(key string) bool {
	n, err := strconv.Atoi(key)
	return err == nil && len(key) == 4 && n >= 1800 && n <= 2100
}

// nameFinding reports a name of the translation in bilingual bead i that
// the original lacks: found nowhere in the source post by transliterated
// skeleton or through the learned lexicon, and not near the bead by a
// looser comparison that transliteration needs (Stewart and Стюарт,
// Japan and Японию). A name swapped for another is one; so is a name
// added. Names the original has that the bead's translation lacks are
// named in the detail: often the name swapped out.
func (c *checker) nameFinding(p *corpus.Pair, i int, src, tgt []side) (Finding, bool) {
	var near []string // the names and capitalised words of the original near bead i
	for j := max(0, i-1); j <= min(len(src)-1, i+1); j++ {
		near = append(near, src[j].nameSkeletons(c.opt.SourceLang)...)
	}
	var tgtOnly []anchor.Anchor
	anchors := tgt[i].anchors
	for j, a := range anchors {
		name := tgt[i].text[a.Start:a.End]
		if a.Kind != anchor.Name || !c.proper(tgt[i].text, a, true) || commonWords(name, c.opt.TargetLang) || c.inSource(p, a.Key, name, near) || c.knownWord(name) {
			continue
		}
		// The first part of a compound whose next part the original has
		// ("Nagorno-Karabakh" for "карабахских") completes a name.
		if j+1 < len(anchors) && anchors[j+1].Kind == anchor.Name && anchors[j+1].Start-a.End == 1 && strings.HasPrefix(tgt[i].text[a.End:], "-") &&
			c.inSource(p, anchors[j+1].Key, tgt[i].text[anchors[j+1].Start:anchors[j+1].End], near) {
			continue
		}
		// A given name before a surname the original writes with its
		// initial ("Naledi Pandor" for "Н.Пандор") is no other person.
		if j+1 < len(anchors) && anchors[j+1].Kind == anchor.Name && anchors[j+1].Start-a.End <= 1 && c.initialOf(p.Source.Text, anchors[j+1].Key, a.Key) {
			continue
		}
		tgtOnly = append(tgtOnly, a)
	}
	if len(tgtOnly) == 0 {
		return Finding{}, false
	}
	// The bead alone, not its neighbours: the name swapped out is often
	// named again in the next sentence. Not through the lexicon either: it
	// learns a surname as the translation of the given name beside it.
	words := appendSkeletons(nil, tgt[i].text, c.opt.TargetLang)
	for _, a := range tgt[i].anchors {
		words = append(words, a.Key)
	}
	var srcOnly []anchor.Anchor
	for _, a := range src[i].anchors {
		if a.Kind == anchor.Name && c.proper(src[i].text, a, false) && !matchesAny(a.Key, words) {
			srcOnly = append(srcOnly, a)
		}
	}
	// A name the run's originals use elsewhere may stand for a word of
	// this one ("Moscow" for "нашей столицы", our capital): a finding only
	// when the original names someone the translation does not. A name no
	// original of the run uses is a finding alone.
	if len(srcOnly) == 0 {
		tgtOnly = slices.DeleteFunc(tgtOnly, func(a anchor.Anchor) bool { return c.runNames[namePrefix(a.Key)] })
		if len(tgtOnly) == 0 {
			return Finding{}, false
		}
	}
	var marks []Mark
	var sk, tk []string
	for _, a := range srcOnly {
		marks = append(marks, Mark{Start: a.Start, End: a.End})
		sk = append(sk, src[i].text[a.Start:a.End])
	}
	for _, a := range tgtOnly {
		marks = append(marks, Mark{Target: true, Start: a.Start, End: a.End})
		tk = append(tk, tgt[i].text[a.Start:a.End])
	}
	detail := fmt.Sprintf("name %s in the translation, found nowhere in the original", strings.Join(tk, ", "))
	if len(sk) > 0 {
		detail = fmt.Sprintf("name %s in the original, %s in the translation (found nowhere in the original)", strings.Join(sk, ", "), strings.Join(tk, ", "))
	}
	return Finding{Kind: Name, Bead: i, Source: src[i].text, Target: tgt[i].text, Marks: marks, Detail: detail}, true
}

// inSource reports whether a name of the translation (its key and text)
// has a counterpart in the original: a word of the source post with the
// same transliterated skeleton (prefix-tolerant), a translation the
// learned lexicon gives of a word of the source post, or, among the
// capitalised words near the bead (near, skeletons), one spelled alike
// loosely (looseMatch): the looser comparison only where the name belongs.
func (c *checker) inSource(p *corpus.Pair, key, name string, near []string) bool {
	if c.srcPost != p.Source {
		c.srcPost = p.Source
		c.srcKeys = c.srcKeys[:0]
		for w := range anchor.Words(p.Source.Text) {
			c.srcKeys = append(c.srcKeys, anchor.Skeleton(w, c.opt.SourceLang))
		}
		for _, a := range anchor.Find(p.Source.Text, c.opt.SourceLang) {
			c.srcKeys = append(c.srcKeys, a.Key)
		}
		// Each key once: a post repeats its words, and every name of the
		// translation is compared with every key.
		slices.Sort(c.srcKeys)
		c.srcKeys = slices.Compact(c.srcKeys)
		if c.opt.Learned != nil {
			c.srcBag = c.opt.Learned.Source(p.Source.Text)
		}
	}
	if matchesAny(key, c.srcKeys) {
		return true
	}
	for w := range anchor.Words(name) {
		k := anchor.Skeleton(w, c.opt.TargetLang)
		for _, n := range near {
			if looseMatch(k, n) {
				return true
			}
		}
	}
	return c.opt.Learned != nil && sim.Overlap(c.srcBag, c.opt.Learned.Target(name)) > 0
}

// initialOf reports whether text writes a surname (skeleton surname)
// after an initial that a given name (skeleton given) may stand for: the
// same first letter ("С.В.Лавров" and Sergey Lavrov).
func (c *checker) initialOf(text, surname, given string) bool {
	if given == "" {
		return false
	}
	off := 0
	for w := range anchor.Words(text) {
		k := strings.Index(text[off:], w)
		if k < 0 {
			continue
		}
		start := off + k
		off = start + len(w)
		if !nameMatch(anchor.Skeleton(w, c.opt.SourceLang), surname) {
			continue
		}
		// Back over the initials: "С.В." or "С. В. ".
		before := strings.TrimRight(text[:start], " \u00a0")
		first := ""
		for strings.HasSuffix(before, ".") {
			r, n := utf8.DecodeLastRuneInString(before[:len(before)-1])
			if !unicode.IsUpper(r) {
				break
			}
			first = string(r)
			before = strings.TrimRight(before[:len(before)-1-n], " \u00a0")
		}
		if first != "" {
			if ik := anchor.Skeleton(first, c.opt.SourceLang); ik != "" && ik[0] == given[0] {
				return true
			}
		}
	}
	return false
}

// appendCapitalSkeletons appends the skeletons of the capitalised words of
// text (the words of names, wherever the anchors split them).
func appendCapitalSkeletons(dst []string, text, lang string) []string {
	for w := range anchor.Words(text) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			if k := anchor.Skeleton(w, lang); len(k) >= 2 {
				dst = append(dst, k)
			}
		}
	}
	return dst
}

// appendNameSkeletons appends the skeletons of the words of text that name
// someone or somewhere: the capitalised words, and the stems of Russian
// adjectives made of names, which Russian writes in lower case
// ("израильского" for Israeli, "советский" for Soviet).
func appendNameSkeletons(dst []string, text, lang string) []string {
	dst = appendCapitalSkeletons(dst, text, lang)
	if !strings.EqualFold(strings.SplitN(lang, "-", 2)[0], "ru") {
		return dst
	}
	for w := range anchor.Words(text) {
		if k := anchor.Skeleton(w, lang); len(k) >= 6 && strings.HasSuffix(k, "sk") {
			dst = append(dst, k[:len(k)-2])
		}
	}
	return dst
}

// looseMatch compares the skeletons of a name in two scripts where the
// skeletons disagree on vowels, on w and on j (Stewart/Стюарт, Hewitt/
// Хьюитт, Japan/Японию, Etain/Итэйн): their consonants alike (repeats
// merged), the ends of foreign names varying (Yangtze/Янцзы: the same
// first three letters, nearly the same length), or one contained in the
// other (Angara in Приангарья), or short and one edit apart.
func looseMatch(a, b string) bool {
	if min(len(a), len(b)) >= 4 && (strings.Contains(a, b) || strings.Contains(b, a)) {
		return true
	}
	if min(len(a), len(b)) >= 4 && a[:3] == b[:3] && max(len(a), len(b))-min(len(a), len(b)) <= 2 {
		return true
	}
	if min(len(a), len(b)) >= 2 && editDistanceAtMost1(a, b) {
		return true // short names: Joe/Джо, Inna/Инна
	}
	ca, cb := consonants(a), consonants(b)
	return ca == cb && (len(ca) >= 2 || len(ca) == 1 && max(len(a), len(b)) <= 4) // Owen/Оуэн
}

// namePrefix is the part of a name skeleton that runNames index: its
// first four letters, which its case forms and spellings share.
func namePrefix(key string) string {
	if len(key) > 4 {
		return key[:4]
	}
	return key
}

// consonants returns the consonants of a skeleton, w, v and j counted as
// vowels and repeats merged.
func consonants(k string) string {
	b := make([]byte, 0, len(k))
	for i := 0; i < len(k); i++ {
		ch := k[i]
		if strings.IndexByte("aeiouyjwv", ch) >= 0 || len(b) > 0 && b[len(b)-1] == ch {
			continue
		}
		b = append(b, ch)
	}
	return string(b)
}

func appendSkeletons(dst []string, text, lang string) []string {
	for w := range anchor.Words(text) {
		if k := anchor.Skeleton(w, lang); k != "" {
			dst = append(dst, k)
		}
	}
	return dst
}

func matchesAny(key string, keys []string) bool {
	for _, k := range keys {
		if nameMatch(key, k) {
			return true
		}
	}
	return false
}

// nameMatch compares two name skeletons, tolerant of the spellings
// transliteration varies in: one a prefix of the other (3 letters at
// least), the same first three letters and nearly the same length, or one
// edit apart (two for long names).
func nameMatch(a, b string) bool {
	if a == b {
		return true
	}
	short := min(len(a), len(b))
	if short >= 3 && (strings.HasPrefix(a, b) || strings.HasPrefix(b, a)) {
		return true
	}
	return short >= 3 && editDistanceAtMost1(a, b) || short >= 7 && levenshtein(a, b) <= 2
}

func editDistanceAtMost1(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true // equal, or b is a with one more byte at the end
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}

// similarity scores a bilingual bead in 0..1: the model's Dice of the two
// sides' bags, or the Dice of their anchors and cognates when higher;
// without a model, anchors and cognates with a length term.
func (c *checker) similarity(s, t side) float64 {
	a := keySet(s, c.opt.SourceLang)
	b := keySet(t, c.opt.TargetLang)
	shared := 0
	for k := range a {
		if b[k] {
			shared++
		}
	}
	ac := 0.0
	if len(a)+len(b) > 0 {
		ac = 2 * float64(shared) / float64(len(a)+len(b))
	}
	if c.opt.Model != nil {
		return max(ac, sim.Dice(c.opt.Model.Source(s.text), c.opt.Model.Target(t.text)))
	}
	ns, nt := utf8.RuneCountInString(s.text), utf8.RuneCountInString(t.text)
	lr := float64(min(ns, nt)) / float64(max(ns, nt, 1))
	return 0.8*ac + 0.2*lr
}

func keySet(s side, lang string) map[string]bool {
	m := map[string]bool{}
	for _, a := range s.anchors {
		if a.Kind != anchor.Emoji {
			m[a.String()] = true
		}
	}
	anchor.AppendCognates(nil, s.text, lang, nil, func(k string) { m["cog:"+k] = true })
	return m
}

// lowScore returns the test of a bead score far below the pair's others:
// below MeaningRatio × the median of the pair's bead scores and below
// MeaningMax (never, for a pair of fewer than three scored beads).
func (c *checker) lowScore(beads []BeadScore) func(float64) bool {
	var scores []float64
	for _, b := range beads {
		if b.Score >= 0 {
			scores = append(scores, b.Score)
		}
	}
	if len(scores) < 3 {
		return func(float64) bool { return false }
	}
	med := median(scores)
	return func(s float64) bool { return s < c.opt.MeaningRatio*med && s < c.opt.MeaningMax }
}

// meaningFindings flags the bilingual beads whose score is far below the
// pair's median: the sentence that says something else.
func (c *checker) meaningFindings(p *corpus.Pair, beads []BeadScore, src, tgt []side) []Finding {
	var scores []float64
	for _, b := range beads {
		if b.Score >= 0 {
			scores = append(scores, b.Score)
		}
	}
	if len(scores) < 3 {
		return nil
	}
	med := median(scores)
	var out []Finding
	for i, b := range beads {
		if b.Score < 0 {
			continue
		}
		// Too few known words in the original to judge. A translation with
		// few known words is no reason to spare it: a sentence that says
		// something else often uses words no other bead of the run does.
		// A short bead (under five words a side) is judged only when the
		// model knows three words of each side: chance agreement is
		// likelier there.
		short := wordCount(b.Source) < 5 || wordCount(b.Target) < 5
		if c.opt.Model == nil {
			if short {
				continue
			}
		} else if c.opt.Model.Source(b.Source).Mass < 3 || short && c.opt.Model.Target(b.Target).Mass < 3 {
			continue
		}
		if b.Score < c.opt.MeaningRatio*med && b.Score < c.opt.MeaningMax {
			out = append(out, Finding{Kind: Meaning, Bead: i, Source: src[i].text, Target: tgt[i].text,
				Detail: fmt.Sprintf("similarity %.2f, the pair's median %.2f", b.Score, med)})
		}
	}
	return out
}

func wordCount(s string) int {
	n := 0
	for range anchor.Words(s) {
		n++
	}
	return n
}

// proper reports whether name anchor a of text looks like a proper name
// rather than a capitalised word: it does not open a sentence, and one of
// its words is never written in lower case in the run's texts of that
// language (English capitalises "European Union" where Russian writes
// "Евросоюз", and both capitalise a sentence's first word).
func (c *checker) proper(text string, a anchor.Anchor, target bool) bool {
	if adjective(text[a.Start:a.End], target) || titleWord(text[a.Start:a.End], target) || inQuotes(text, a.Start) || shoutedLine(text, a.Start) {
		return false
	}
	before := strings.TrimRightFunc(text[:a.Start], func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(".!?…:;", r)
	})
	if before == "" || strings.ContainsRune(".!?…:;", rune(before[len(before)-1])) && !afterInitial(before) {
		return false
	}
	return c.uncommon(text[a.Start:a.End], target)
}

// uncommon reports whether one of the words of name is never written in
// lower case in the run's texts.
func (c *checker) uncommon(name string, target bool) bool {
	lower := c.lower[0]
	if target {
		lower = c.lower[1]
	}
	for w := range anchor.Words(name) {
		if utf8.RuneCountInString(w) >= 3 && !lower[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// lowerWords returns the words written in lower case in texts.
func lowerWords(m map[string]bool, text string) {
	for w := range anchor.Words(text) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			m[w] = true
		}
	}
}

// inWindow reports whether anchor a has a counterpart among the other
// side's anchors win: the same key, a time "14:00" for an hour "14", a
// token ending in the number ("G20" for 20, Roman "IX" for 9), or a
// hashtag spelled nearly alike (#РоссияБразилия and #RussiaBrazil).
func inWindow(a anchor.Anchor, win map[string]bool) bool {
	if win[a.String()] {
		return true
	}
	switch a.Kind {
	case anchor.Number:
		if win["num:"+a.Key+":00"] || win["num:"+strings.TrimSuffix(a.Key, ":00")] {
			return true
		}
		// A mark out of a scale ("4/5" for "на четверку", a 4).
		if n, _, ok := strings.Cut(a.Key, "/"); ok && win["num:"+n] {
			return true
		}
		for k := range win {
			_, key, _ := strings.Cut(k, ":")
			if strings.HasSuffix(key, a.Key) && len(key) > len(a.Key) && !isDigit(key[len(key)-len(a.Key)-1]) {
				return true
			}
			// "2GIS" for 2, as "G20" for 20.
			if strings.HasPrefix(key, a.Key) && len(key) > len(a.Key) && !isDigit(key[len(a.Key)]) && key[len(a.Key)] != '.' && key[len(a.Key)] != ':' && !strings.HasPrefix(k, "num:") && !strings.HasPrefix(k, "date:") {
				return true
			}
			// A decade: "70-е" and "the 1970s".
			if len(a.Key) == 2 && isYear(key) && strings.HasSuffix(key, a.Key) || len(key) == 2 && isYear(a.Key) && strings.HasSuffix(a.Key, key) {
				return true
			}
			if roman(key) == a.Key || strings.HasPrefix(k, "num:") && sameUpToScale(key, a.Key) {
				return true
			}
		}
	case anchor.Hashtag:
		for k := range win {
			if key, ok := strings.CutPrefix(k, "tag:"); ok && 4*levenshtein(key, a.Key) <= max(len(key), len(a.Key)) {
				return true
			}
		}
	}
	return false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// roman returns the value of a Roman numeral key ("ix" → "9"), "" if
// key is none.
func roman(key string) string {
	vals := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100}
	n := 0
	for i := 0; i < len(key); i++ {
		v, ok := vals[key[i]]
		if !ok {
			return ""
		}
		if i+1 < len(key) && vals[key[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// knownWord reports whether the learned lexicon translates some source
// word into a word of text: a common word, then, not a name.
func (c *checker) knownWord(text string) bool {
	return c.opt.Learned != nil && c.opt.Learned.Target(strings.ToLower(text)).Mass > 0
}

var (
	ruAdjective = []string{"ого", "ому", "ой", "ая", "ую", "ые", "ых", "ым", "ыми", "ий", "ый", "ом", "ое", "ее", "ей", "ие", "их", "им"}
	enAdjective = []string{"an", "ian", "ese", "ic", "ern", "ish"}
)

// adjective reports whether a capitalised word has the ending of an
// adjective (Корейского, Российской; Korean, Pacific, Eastern): names of
// peoples and regions, translated rather than transliterated.
func adjective(word string, english bool) bool {
	w := strings.ToLower(word)
	ends := ruAdjective
	if english {
		// A people in the plural (Romans, Russians), which Russian writes
		// in lower case ("римлян").
		if strings.HasSuffix(w, "ans") && utf8.RuneCountInString(w) >= 6 {
			return true
		}
		ends = enAdjective
		w = strings.TrimSuffix(w, "s") // Russians
	}
	for _, e := range ends {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w) > utf8.RuneCountInString(e)+3 {
			return true
		}
	}
	return false
}

// sameUpToScale reports whether two number keys differ by a factor of a
// thousand, a million or a billion: a scale word the anchors do not know
// ("228 bln", "39,6 млн").
func sameUpToScale(a, b string) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil || x == 0 || y == 0 {
		return false
	}
	r := max(x, y) / min(x, y)
	for _, s := range []float64{1e3, 1e6, 1e9} {
		if math.Abs(r-s) < s*1e-9 {
			return true
		}
	}
	return false
}

// Words both languages capitalise in titles of offices, bodies and places
// without being names: a translation renders them, it does not
// transliterate them. Compared by skeleton, so every case form counts.
var titleWords = func() [2]map[string]bool {
	ru := strings.Fields(`министр министерство президент премьер заместитель председатель посол совет союз
		федерация республика королевство организация объединенных наций государственная дума собрание
		край область округ район город улица площадь река море океан остров залив департамент управление
		комитет комиссия агентство служба академия университет институт музей театр собор церковь
		генеральный верховный центральный банк суд партия правительство администрация`)
	en := strings.Fields(`minister ministry president prime deputy chairman chair secretary ambassador council union
		federation republic kingdom organization organisation nations state duma assembly parliament
		territory region district province city street square avenue river sea ocean island peninsula gulf bay
		department directorate committee commission agency service academy university institute museum theatre
		theater cathedral church general supreme central bank court party government administration affairs
		foreign international security defence defense far east west north south middle new year day cup world
		club games championship league prize award order medal hero mr mrs ms dr sir lord saint st grand great
		royal empire federal people peoples`)
	m := [2]map[string]bool{{}, {}}
	for _, w := range ru {
		m[0][anchor.Skeleton(w, "ru")] = true
	}
	for _, w := range en {
		m[1][anchor.Skeleton(w, "en")] = true
	}
	return m
}()

// titleWord reports whether every word of a name anchor is a title word.
func titleWord(name string, english bool) bool {
	lang, k := "ru", 0
	if english {
		lang, k = "en", 1
	}
	n := 0
	for w := range anchor.Words(name) {
		if !titleWords[k][anchor.Skeleton(w, lang)] {
			return false
		}
		n++
	}
	return n > 0
}

// collectiveNumber returns the number a Russian collective numeral names
// ("семерка" for the G7, "двадцатка", "тройку"), which the anchors do not
// read; "" for other words.
func collectiveNumber(w string) string {
	w = strings.ToLower(w)
	for _, c := range []struct{ stem, n string }{
		{"двойк", "2"}, {"тройк", "3"}, {"четверк", "4"}, {"пятерк", "5"}, {"шестерк", "6"}, {"семерк", "7"},
		{"восьмерк", "8"}, {"девятк", "9"}, {"десятк", "10"}, {"двадцатк", "20"},
	} {
		if strings.HasPrefix(w, c.stem) {
			return c.n
		}
	}
	return ""
}

// afterInitial reports whether text ends in an initial ("С.В.", "J."),
// whose dot does not end a sentence.
func afterInitial(text string) bool {
	if !strings.HasSuffix(text, ".") {
		return false
	}
	rest := strings.TrimSuffix(text, ".")
	r, n := utf8.DecodeLastRuneInString(rest)
	if !unicode.IsUpper(r) {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(rest[:len(rest)-n])
	return len(rest) == n || !unicode.IsLetter(p)
}

// inQuotes reports whether byte offset off of text lies within quotation
// marks: a title of a film, book or event, which a translation renders
// rather than transliterates.
func inQuotes(text string, off int) bool {
	before := text[:off]
	for _, q := range [][2]string{{"«", "»"}, {"“", "”"}, {"„", "“"}} {
		if i := strings.LastIndex(before, q[0]); i >= 0 && !strings.Contains(before[i:], q[1]) && strings.Contains(text[off:], q[1]) {
			return true
		}
	}
	return strings.Count(before, `"`)%2 == 1 && strings.Contains(text[off:], `"`)
}

// shoutedLine reports whether the line of text holding byte offset at is
// set in capitals (three words or more, four in five of them all
// capitals): a heading, where capitals tell no name from a word.
func shoutedLine(text string, at int) bool {
	lo := strings.LastIndexByte(text[:at], '\n') + 1
	hi := strings.IndexByte(text[at:], '\n')
	if hi < 0 {
		hi = len(text)
	} else {
		hi += at
	}
	words, caps := 0, 0
	for w := range anchor.Words(text[lo:hi]) {
		if utf8.RuneCountInString(w) < 2 {
			continue
		}
		words++
		if strings.ToUpper(w) == w && strings.ToLower(w) != w {
			caps++
		}
	}
	return words >= 3 && 5*caps >= 4*words
}
