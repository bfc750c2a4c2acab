package detect

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"

	"github.com/parapost/parapost/corpus"
)

// Posts of the test data whose language is not their channel's.
var otherLangPosts = map[int64]string{
	// mid_russia: no text (service messages, photos without caption).
	60103: corpus.Unknown, 62138: corpus.Unknown, 62162: corpus.Unknown,
	62176: corpus.Unknown, 62190: corpus.Unknown,
	// mfa_russia: "🇷🇺🇧🇷 #RussiaBrazil", nothing but a flag and a hashtag.
	21580: corpus.Unknown,
	// wmt23 en: the WMT23 reference "translation" of this document
	// (lines/doc017.en) is the Russian source, untranslated.
	10034: "ru",
}

// mixedPosts are the test posts with a long run of the other script and
// the language of each span.
var mixedPosts = map[int64][]string{
	21488: {"en", "ru", "en"}, // Pushkin quoted in Russian
	50030: {"ru", "en", "ru"}, // an English video caption in a Russian article
}

// TestDetectTestData detects every post of the test data, with the
// shortcuts and with lingua alone.
func TestDetectTestData(t *testing.T) {
	d := defaultDetector(t)
	plain := *d
	plain.noShortcuts = true
	langOf := map[string]string{}
	for _, f := range exportFiles {
		langOf[f.path] = f.lang
	}
	for _, det := range []*Detector{d, &plain} {
		counts := map[string]int{}
		for _, p := range testPosts(t) {
			want := langOf[p.file]
			if l, ok := otherLangPosts[p.id]; ok {
				want = l
			}
			r := det.Detect(p.text)
			counts[want]++
			if r.Lang != want {
				t.Errorf("%v (shortcuts %v): Lang = %q (%.2f), want %q; text %.80q",
					p, !det.noShortcuts, r.Lang, r.Confidence, want, p.text)
				continue
			}
			if want != corpus.Unknown && (r.Confidence <= 0.5 || r.Confidence > 1) {
				t.Errorf("%v: Confidence = %v, want in (0.5, 1]", p, r.Confidence)
			}
			checkSpans(t, p, r.Spans, mixedPosts[p.id])
		}
		if counts["en"] < 90 || counts["ru"] < 100 {
			t.Errorf("read %v posts per language, want the whole test data", counts)
		}
	}
}

// checkSpans checks that spans are the spans of a mixed post with the
// languages want (nil: not mixed), cover text and agree with its scripts.
func checkSpans(t *testing.T, p testPost, spans []corpus.LangSpan, want []string) {
	t.Helper()
	var got []string
	for _, s := range spans {
		got = append(got, s.Lang)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%v: span languages %q, want %q", p, got, want)
		return
	}
	if spans == nil {
		return
	}
	if spans[0].Start != 0 || spans[len(spans)-1].End != len(p.text) {
		t.Errorf("%v: spans %v do not cover [0, %d)", p, spans, len(p.text))
	}
	for i, s := range spans {
		if s.Start >= s.End || i > 0 && s.Start != spans[i-1].End {
			t.Errorf("%v: spans %v not contiguous", p, spans)
		}
		part := p.text[s.Start:s.End]
		cyr, lat := 0, 0
		for _, r := range part {
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				cyr++
			case unicode.Is(unicode.Latin, r):
				lat++
			}
		}
		if s.Lang == "ru" && cyr < lat || s.Lang == "en" && lat < cyr {
			t.Errorf("%v: %s span %q has %d Cyrillic and %d Latin letters", p, s.Lang, part, cyr, lat)
		}
	}
}

func TestDetectMixedSpanText(t *testing.T) {
	d := defaultDetector(t)
	text := "🇷🇺 June 6 is Russian Language Day, celebrated on the birthday of Alexander Pushkin.\n\n" +
		"«Я памятник себе воздвиг нерукотворный, / К нему не зарастёт народная тропа» – \"I have raised a monument " +
		"to myself, not wrought by hands; the people's path to it will not grow over,\" Pushkin wrote in 1836.\n\n#RussianLanguageDay"
	r := d.Detect(text)
	if r.Lang != "en" || len(r.Spans) != 3 {
		t.Fatalf("Detect = %+v, want en with 3 spans", r)
	}
	got := text[r.Spans[1].Start:r.Spans[1].End]
	want := "«Я памятник себе воздвиг нерукотворный, / К нему не зарастёт народная тропа» – "
	if got != want {
		t.Errorf("ru span = %q, want %q", got, want)
	}
}

// neighbourSentences are sentences in languages that share a script with
// English or Russian. Each must get its own language when it is among the
// candidates, and in any case not English or Russian.
var neighbourSentences = []struct {
	lang, text string
}{
	{"uk", "Міністерство закордонних справ України висловило рішучий протест у зв'язку з цими діями."},
	{"uk", "Сьогодні ввечері в Києві відбудеться концерт, присвячений пам'яті видатного композитора."},
	{"uk", "Ми щиро дякуємо всім, хто допомагав нам протягом цього складного року."},
	{"be", "Беларусь і Расія падпісалі новае пагадненне аб супрацоўніцтве ў галіне адукацыі."},
	{"be", "Сёння ў Мінску адбылася сустрэча міністраў замежных спраў дзвюх краін."},
	{"be", "Мы вельмі ўдзячныя ўсім нашым сябрам за падтрымку і дапамогу."},
	{"bg", "Министърът на външните работи на България проведе среща с посланика на Франция."},
	{"bg", "Днес в София се състоя тържествена церемония по случай националния празник."},
	{"bg", "Благодарим на всички, които ни подкрепиха през тази трудна година."},
	{"sr", "Министар спољних послова Србије састао се са амбасадором Русије у Београду."},
	{"sr", "Влада Републике Србије донела је одлуку о изградњи нове болнице у Нишу."},
	{"sr", "Хвала вам што сте дошли, овај дан ћемо дуго памтити."},
	{"kk", "Қазақстан Республикасының Сыртқы істер министрі Ресей әріптесімен кездесті."},
	{"kk", "Бүгін Астанада халықаралық ынтымақтастық мәселелері талқыланды."},
	{"kk", "Біз барлық достарымызға қолдау көрсеткені үшін алғыс айтамыз."},
	{"mk", "Министерот за надворешни работи на Македонија се сретна со својот колега во Скопје."},
	{"de", "Der Außenminister traf sich heute mit seinem russischen Amtskollegen in Berlin."},
	{"de", "Die Verhandlungen über das neue Abkommen werden nächste Woche fortgesetzt."},
	{"de", "Wir danken allen Teilnehmern für die konstruktive Zusammenarbeit."},
	{"fr", "Le ministre des Affaires étrangères a rencontré son homologue russe à Paris."},
	{"fr", "Les négociations sur le nouvel accord reprendront la semaine prochaine."},
	{"fr", "Nous remercions tous les participants pour leur coopération constructive."},
	{"es", "El ministro de Asuntos Exteriores se reunió hoy con su homólogo ruso en Madrid."},
	{"es", "Las negociaciones sobre el nuevo acuerdo continuarán la próxima semana."},
	{"es", "Agradecemos a todos los participantes su cooperación constructiva."},
	{"pl", "Minister spraw zagranicznych spotkał się dzisiaj z ambasadorem Rosji w Warszawie."},
	{"pl", "Negocjacje w sprawie nowej umowy będą kontynuowane w przyszłym tygodniu."},
	{"pl", "Dziękujemy wszystkim uczestnikom za konstruktywną współpracę."},
	{"cs", "Ministr zahraničních věcí se dnes setkal s ruským velvyslancem v Praze."},
	{"cs", "Jednání o nové smlouvě budou pokračovat příští týden."},
	{"cs", "Děkujeme všem účastníkům za konstruktivní spolupráci."},
	{"it", "Il ministro degli Esteri ha incontrato oggi il suo omologo russo a Roma."},
	{"pt", "O ministro das Relações Exteriores reuniu-se hoje com o seu homólogo russo em Lisboa."},
	{"nl", "De minister van Buitenlandse Zaken heeft vandaag zijn Russische ambtgenoot ontmoet."},
	{"tr", "Dışişleri Bakanı bugün Rus mevkidaşı ile Ankara'da bir araya geldi."},
}

func TestDetectNeighbours(t *testing.T) {
	d := defaultDetector(t)
	for _, tc := range neighbourSentences {
		r := d.Detect(tc.text)
		if r.Lang != tc.lang {
			t.Errorf("Detect(%q) = %q (%.2f), want %q", tc.text, r.Lang, r.Confidence, tc.lang)
		}
	}
}

// TestDetectNeighboursNarrowSet checks that with only English and Russian
// among the candidates neighbours of other scripts still are not English
// or Russian, and that Cyrillic text is Russian without lingua.
func TestDetectNeighboursNarrowSet(t *testing.T) {
	d, err := New([]string{"en", "ru", "de"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"Der Außenminister traf sich heute mit seinem russischen Amtskollegen in Berlin.", "de"},
		{"The minister met his Russian counterpart in Berlin today.", "en"},
		{"Министр встретился сегодня со своим российским коллегой в Берлине.", "ru"},
		{"Ο υπουργός Εξωτερικών συναντήθηκε σήμερα με τον Ρώσο ομόλογό του.", corpus.Unknown},
		{"外交部长今天在北京会见了俄罗斯同行。", corpus.Unknown},
	}
	for _, tc := range tests {
		if r := d.Detect(tc.text); r.Lang != tc.want {
			t.Errorf("Detect(%q) = %+v, want %q", tc.text, r, tc.want)
		} else if tc.want == "ru" && r.Confidence != 1 {
			t.Errorf("Detect(%q).Confidence = %v, want 1 (sole Cyrillic candidate)", tc.text, r.Confidence)
		}
	}
}

func TestDetectStyled(t *testing.T) {
	d := defaultDetector(t)
	text := "𝐓𝐡𝐞 𝐦𝐢𝐧𝐢𝐬𝐭𝐞𝐫 𝐦𝐞𝐭 𝐡𝐢𝐬 𝐜𝐨𝐮𝐧𝐭𝐞𝐫𝐩𝐚𝐫𝐭 𝐢𝐧 𝐌𝐨𝐬𝐜𝐨𝐰 𝐭𝐨𝐝𝐚𝐲 𝐚𝐧𝐝 𝐝𝐢𝐬𝐜𝐮𝐬𝐬𝐞𝐝 𝐭𝐡𝐞 𝐬𝐢𝐭𝐮𝐚𝐭𝐢𝐨𝐧 𝐢𝐧 𝐭𝐡𝐞 𝐫𝐞𝐠𝐢𝐨𝐧."
	if r := d.Detect(text); r.Lang != "en" {
		t.Errorf("Detect(%q) = %+v, want en", text, r)
	}
}

func TestDetectOtherScripts(t *testing.T) {
	d := defaultDetector(t)
	tests := []struct{ text, want string }{
		{"Ο υπουργός Εξωτερικών συναντήθηκε σήμερα με τον Ρώσο ομόλογό του.", "el"},
		{"外交部长今天在北京会见了俄罗斯同行，双方讨论了双边关系。", "zh"},
		{"外務大臣は本日、ロシアの外務大臣と会談しました。", "ja"},
		{"وزير الخارجية التقى اليوم نظيره الروسي في موسكو لبحث العلاقات الثنائية", "ar"},
		{"Արտաքին գործերի նախարարը այսօր հանդիպեց ռուս գործընկերոջ հետ։", "hy"},
		{"ሚኒስትሩ ዛሬ ከሩሲያ አቻቸው ጋር ተገናኙ።", corpus.Unknown}, // Ethiopic: no candidate
	}
	for _, tc := range tests {
		if r := d.Detect(tc.text); r.Lang != tc.want {
			t.Errorf("Detect(%q) = %+v, want %q", tc.text, r, tc.want)
		}
	}
}

func TestDetectUnknown(t *testing.T) {
	d := defaultDetector(t)
	tests := []struct{ name, text string }{
		{"empty", ""},
		{"emoji", "🇷🇺🤝🇨🇳 ❤️🔥👍 ℹ️ ✅"},
		{"link", "👉 https://t.me/MFARussia/21488"},
		{"links", "https://mid.ru/ru/foreign_policy/news/1953247/ www.kremlin.ru mid.ru/en"},
		{"hashtags", "#RussiaChina75 #BRICS #РоссияКитай #МИДРоссии"},
		{"mentions", "@MFARussia @MID_Russia press@mid.ru"},
		{"numbers", "2024 — 1 000 000 — 3,14 — 10.06.2024 — +7 (495) 244-16-06"},
		{"short", "Lavrov: 👍"},
		{"mixed noise", "🇷🇺🇧🇷 #RussiaBrazil https://t.me/MFARussia 2024"},
	}
	for _, tc := range tests {
		if r := d.Detect(tc.text); r.Lang != corpus.Unknown || r.Confidence != 0 || r.Spans != nil {
			t.Errorf("%s: Detect(%q) = %+v, want unknown", tc.name, tc.text, r)
		}
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		langs   []string
		wantErr string // substring; "" for success
		want    []string
	}{
		{nil, "", DefaultLanguages},
		{[]string{"en", "RU", " uk "}, "", []string{"en", "ru", "uk"}},
		{[]string{"en", "en", "ru"}, "", []string{"en", "ru"}},
		{[]string{"en", "xx"}, `"xx"`, nil},
		{[]string{"en", "eng"}, `"eng"`, nil},
		{[]string{"en"}, "at least two", nil},
		{[]string{"ru", "ru"}, "at least two", nil},
	}
	for _, tc := range tests {
		d, err := New(tc.langs)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("New(%q) error = %v, want one containing %s", tc.langs, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("New(%q): %v", tc.langs, err)
			continue
		}
		if got := d.Languages(); strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("New(%q).Languages() = %q, want %q", tc.langs, got, tc.want)
		}
	}
}

func TestDetectPosts(t *testing.T) {
	d := defaultDetector(t)
	var posts []*corpus.Post
	for _, p := range testPosts(t) {
		posts = append(posts, &corpus.Post{Channel: p.channel, ID: p.id, Text: p.text})
	}
	posts = append(posts, nil) // tolerated
	if err := d.DetectPosts(context.Background(), posts, 0); err != nil {
		t.Fatal(err)
	}
	for _, p := range posts[:len(posts)-1] {
		want := d.Detect(p.Text)
		// lingua sums in map order: confidences may differ in the last bits.
		if p.Lang != want.Lang || math.Abs(p.LangConfidence-want.Confidence) > 1e-9 || len(p.LangSpans) != len(want.Spans) {
			t.Errorf("%s/%d: got %q %v %v, want %+v", p.Channel, p.ID, p.Lang, p.LangConfidence, p.LangSpans, want)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fresh := []*corpus.Post{{Text: "The minister met his counterpart today."}}
	err := d.DetectPosts(ctx, fresh, 2)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("DetectPosts(cancelled) = %v, want context.Canceled", err)
	}
	if fresh[0].Lang != "" {
		t.Errorf("DetectPosts(cancelled) set Lang %q", fresh[0].Lang)
	}
}

// TestDetectSegments detects every WMT segment (one sentence or two, a
// headline, a credit line) on its own: a harder test than whole posts. Long
// segments must all be right; on short ones (under 120 letters, where lingua
// is weak) the shortcuts must not do worse than lingua alone.
func TestDetectSegments(t *testing.T) {
	d := defaultDetector(t)
	plain := *d
	plain.noShortcuts = true
	files, err := filepath.Glob("../testdata/wmt23-ruen-dev/lines/doc*.[er][nu]")
	if err != nil || len(files) < 100 {
		t.Fatalf("found %d segment files (%v)", len(files), err)
	}
	type tally struct{ n, wrong, wrongPlain int }
	tallies := map[string]*tally{}
	for _, f := range files {
		want := filepath.Ext(f)[1:]
		if filepath.Base(f) == "doc017.en" {
			want = "ru" // the untranslated reference, as in TestDetectTestData
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			n := utf8.RuneCountInString(strings.ReplaceAll(Clean(line), " ", ""))
			if n < MinLetters {
				continue
			}
			size := "long"
			if n < 120 {
				size = "short"
			}
			key := want + " " + size
			if tallies[key] == nil {
				tallies[key] = &tally{}
			}
			tl := tallies[key]
			tl.n++
			if got := d.Detect(line).Lang; got != want {
				tl.wrong++
				if size == "long" {
					t.Errorf("%s: Detect(%q) = %q, want %q", filepath.Base(f), line, got, want)
				}
			}
			if plain.Detect(line).Lang != want {
				tl.wrongPlain++
			}
		}
	}
	for key, tl := range tallies {
		t.Logf("%s segments: %d, wrong %d (lingua alone: %d)", key, tl.n, tl.wrong, tl.wrongPlain)
		if tl.wrong > tl.wrongPlain {
			t.Errorf("%s segments: shortcuts get %d wrong, lingua alone %d", key, tl.wrong, tl.wrongPlain)
		}
	}
	if len(tallies) != 4 {
		t.Errorf("segment kinds %v, want en/ru × short/long", tallies)
	}
}

// TestDetectAccurate checks the high-accuracy mode on short texts that the
// default mode gets wrong (Bulgarian, German) with these candidates.
func TestDetectAccurate(t *testing.T) {
	d, err := NewWithOptions([]string{"ru", "bg", "en", "de"}, Options{Accurate: true})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"Вторая серия пушистой семейной комедии.", "ru"},
		{"КОМНАТА СМЕРТИ", "ru"},
		{"Thank you Natalya!", "en"},
		{"Check it out!", "en"},
		{"Вчера в София се състоя тържествена церемония.", "bg"},
		{"Wir danken allen Teilnehmern.", "de"},
	}
	for _, tc := range tests {
		if r := d.Detect(tc.text); r.Lang != tc.want {
			t.Errorf("Detect(%q) = %+v, want %q", tc.text, r, tc.want)
		}
	}
}

// FuzzDetect checks that any text, valid UTF-8 or not, gets a result that
// keeps the invariants and that Clean keeps only letters and spaces.
func FuzzDetect(f *testing.F) {
	for _, s := range []string{
		"", "🇷🇺 #BRICS https://t.me/x @MID_Russia 2024",
		"«Я памятник себе воздвиг нерукотворный, / К нему не зарастёт народная тропа» – \"I have raised a monument to myself,\" Pushkin wrote.",
		"𝐁𝐨𝐥𝐝 за́мок меж\u00adду и\u0306 ℹ️ Нью-Йорк don't", "\xff\xfe a\x00b www. @ # :// .ru",
	} {
		f.Add(s)
	}
	d := defaultDetector(f)
	f.Fuzz(func(t *testing.T, text string) {
		r := d.Detect(text)
		if r.Lang == "" || r.Confidence < 0 || r.Confidence > 1 {
			t.Errorf("Detect(%q) = %+v", text, r)
		}
		prev := 0
		for i, s := range r.Spans {
			if s.Start != prev || s.End <= s.Start || i == len(r.Spans)-1 && s.End != len(text) {
				t.Errorf("Detect(%q) spans %v do not tile the text", text, r.Spans)
			}
			prev = s.End
		}
		for _, c := range Clean(text) {
			if c != ' ' && !unicode.IsLetter(c) && !unicode.IsMark(c) && c != '\'' && c != '-' && c != '’' && c != 'ʼ' && c != '‐' {
				t.Errorf("Clean(%q) keeps %q", text, c)
			}
		}
	})
}

func TestPossibleCyrillic(t *testing.T) {
	d := defaultDetector(t)
	g := d.groups[scriptCyrillic]
	long := strings.Repeat("Министр иностранных дел России провёл переговоры с коллегами. ", 4)
	tests := []struct {
		name, text string
		want       string // candidates left, in DefaultLanguages order
	}{
		{"short Russian", "Мы очень много говорили", "ru,kk,mn"},
		{"long Russian", long, "ru"},
		{"Russian without ы э ё ъ", "Привет всем друзьям", "ru,uk,bg,kk,mn"},
		{"Ukrainian", "Міністерство закордонних справ України висловило протест", "uk"},
		{"Belarusian", "Сёння ў Мінску адбылася сустрэча", "be"},
		{"Bulgarian", "Днес в София се състоя тържествена церемония", "ru,bg,kk,mn"},
		{"Serbian", "Хвала вам што сте дошли, овај дан ћемо дуго памтити", "sr"},
		{"Ukrainian name in long Russian", long + "Київ", "ru"},
	}
	for _, tc := range tests {
		words := scanWords(tc.text, nil)
		smp := sample(words, scriptCyrillic)
		mask := g.possible(words[:smp.end])
		var got []string
		for i, c := range g.codes {
			if mask&(1<<i) != 0 {
				got = append(got, c)
			}
		}
		if strings.Join(got, ",") != tc.want {
			t.Errorf("%s: candidates %q, want %s", tc.name, got, tc.want)
		}
	}
}

func TestLooksEnglish(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"The minister met his counterpart and discussed the situation in the region.", true},
		{"Lavrov and Erdoğan discussed the state of their relations.", true},
		{"Sergey Lavrov meets Egyptian Foreign Minister Sameh Shoukry", false}, // lingua decides
		{"De minister van Buitenlandse Zaken heeft vandaag zijn ambtgenoot ontmoet in de stad.", false},
		{"Der Außenminister traf sich heute mit seinem Amtskollegen in Berlin und sprach über die Lage.", false},
		{"A to je ono, co jsme chtěli, a to i v Praze.", false},
		{"Was ist das? Ich will in die Stadt.", false}, // weak words only
		{"O ministro das Relações Exteriores reuniu-se com o seu homólogo a pedido do governo.", false},
	}
	for _, tc := range tests {
		if got := sample(scanWords(tc.text, nil), scriptLatin).looksEnglish(); got != tc.want {
			t.Errorf("looksEnglish(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestDefaultLanguagesAll checks that the default set is every language
// lingua knows.
func TestDefaultLanguagesAll(t *testing.T) {
	want := map[string]bool{}
	for _, l := range lingua.AllLanguages() {
		want[isoCode(l)] = true
	}
	got := map[string]bool{}
	for _, c := range DefaultLanguages {
		if got[c] {
			t.Errorf("%q twice", c)
		}
		got[c] = true
		if !want[c] {
			t.Errorf("%q is not a language of lingua", c)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d default languages, lingua has %d", len(got), len(want))
	}
}

func TestCheckLanguagesAgreesWithNew(t *testing.T) {
	for _, langs := range [][]string{nil, {"ru", "en"}, {"ru", "xx"}, {"en", "en"}, {"ru"}, {"uk", "be", "ru"}} {
		checkErr := CheckLanguages(langs)
		_, newErr := New(langs)
		if (checkErr == nil) != (newErr == nil) {
			t.Errorf("%q: CheckLanguages error %v, New error %v", langs, checkErr, newErr)
		}
	}
}
