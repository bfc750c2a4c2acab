package detect

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parapost/parapost/corpus"
)

// TestDetectForeignNames checks English posts that name people in their own
// spelling: diacritics of Latvian, Polish, Turkish or Vietnamese names and
// transliterated Arabic, which made the English look Dutch or Swedish.
func TestDetectForeignNames(t *testing.T) {
	d := defaultDetector(t)
	tests := []string{
		"President Edgars Rinkēvičs and Prime Minister Evika Siliņa",
		"Foreign Minister Sergey Lavrov held talks with President Edgars Rinkēvičs and Prime Minister Evika Siliņa.",
		"Lavrov and Hakan Fidan discussed Türkiye's position; Erdoğan will visit Moscow soon.",
		"Minister Bùi Thanh Sơn and Deputy Prime Minister Trần Hồng Hà arrived in Moscow.",
		"The scholar Abū ʿAbd Allāh Muḥammad ibn Ismāʿīl al-Bukhārī compiled the Ṣaḥīḥ, the most trusted collection of ḥadīth.",
		"Shaykh ʿAlī al-Sīstānī issued a statement on the situation in Najaf.",
		"Ḥasan ibn ʿAlī, grandson of the Prophet, was born in Medina in the year 625.",
		"Sheikh Tamīm bin Ḥamad Āl Thānī received the Russian ambassador at the Amiri Diwan in Doha.",
		"Deputy Minister Ryabkov met Radosław Sikorski, Jan Lipavský and Péter Szijjártó on the margins of the OSCE meeting.",
		"The following people worked on the issue: Simon Brand, Anastasia Gavrish, Boris Gleizerov, Anna Golovnaya, " +
			"Nikolai Karaev, Denis Korsakov, Ivan Kulikov, Sergei Mezenov, Larisa Mezenova, Lyubov Mitina, Kseniya Rozhdestvenskaya.",
		"Statement by Maria Zakharova on Vučić's remarks",
		"Zakharova: Kaja Kallas and Gabrielius Landsbergis continue their anti-Russian rhetoric",
		"Today we remember Shaykh Muḥammad ʿAbduh (1849–1905), the Egyptian reformer who studied at al-Azhar.",
		"New lecture: the tafsīr of Sūrat al-Fātiḥa according to al-Ṭabarī and al-Qurṭubī.",
		"🇷🇺🇱🇻 Ambassador met Māris Kučinskis and Krišjānis Kariņš to discuss the situation of Russian speakers in Latvia. #Riga",
	}
	for _, text := range tests {
		if r := d.Detect(text); r.Lang != "en" {
			t.Errorf("Detect(%q) = %q (%.3f), want en", text, r.Lang, r.Confidence)
		}
	}
}

// TestFoldNames checks that only the capitalised parts of a word lose
// their diacritics.
func TestFoldNames(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Rinkēvičs", "Rinkevics"},
		{"Siliņa", "Silina"},
		{"al-Bukhārī", "al-Bukhari"},
		{"ḥadīth", "ḥadīth"},
		{"Łódź", "Lodz"},
		{"Đại", "Dai"},
		{"Außenminister", "Außenminister"}, // ß is a letter of its own
		{"über", "über"},
		{"Lavrov", "Lavrov"},
	}
	for _, tc := range tests {
		if got := foldNames(tc.in); got != tc.want {
			t.Errorf("foldNames(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestDetectEmbassyLanguages checks the languages Russian embassies post in,
// which the default set holds.
func TestDetectEmbassyLanguages(t *testing.T) {
	d := defaultDetector(t)
	tests := []struct{ want, text string }{
		{"id", "Kedutaan Besar Rusia di Jakarta mengucapkan selamat Hari Kemerdekaan kepada seluruh rakyat Indonesia."},
		{"id", "Duta Besar Rusia bertemu dengan Menteri Luar Negeri Indonesia untuk membahas kerja sama bilateral kedua negara."},
		{"vi", "Đại sứ quán Nga tại Việt Nam xin chúc mừng nhân dịp Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam."},
		{"ms", "Kedutaan Besar Rusia di Kuala Lumpur mengucapkan Selamat Hari Kebangsaan kepada kerajaan dan rakyat Malaysia."},
		{"es", "La Embajada de Rusia en México felicita al pueblo mexicano con motivo del Día de la Independencia."},
		{"pt", "A Embaixada da Rússia no Brasil felicita o povo brasileiro pelo Dia da Independência."},
		{"tr", "Rusya'nın Ankara Büyükelçiliği, Cumhuriyet Bayramı vesilesiyle Türk halkını tebrik eder."},
		{"sw", "Ubalozi wa Urusi nchini Tanzania unawapongeza wananchi wote kwa siku ya uhuru wa taifa lao."},
		{"ar", "تهنئ سفارة روسيا الاتحادية في القاهرة الشعب المصري بمناسبة العيد الوطني"},
		{"fa", "سفارت فدراسیون روسیه در تهران روز ملی را به مردم ایران تبریک می گوید"},
		{"fa", "هر کس حق زندگی، آزادی و امنیت شخصی دارد."}, // UDHR article 3; lingua: Urdu
		{"ur", "ہر شخص کو اپنی جان، آزادی اور ذاتی تحفظ کا حق ہے۔"},
		{"zh", "俄罗斯驻华大使馆祝贺中国人民国庆节快乐，愿两国友谊长存。"},
		{"ja", "在日ロシア大使館は、日本の皆様に新年のお祝いを申し上げます。"},
		{"ko", "주한 러시아 대사관은 대한민국 국민 여러분께 새해 인사를 드립니다."},
		{"th", "สถานเอกอัครราชทูตรัสเซียประจำประเทศไทยขอแสดงความยินดีกับประชาชนชาวไทย"},
		{"hi", "भारत में रूसी दूतावास सभी भारतीय मित्रों को स्वतंत्रता दिवस की हार्दिक शुभकामनाएं देता है।"},
	}
	for _, tc := range tests {
		if r := d.Detect(tc.text); r.Lang != tc.want {
			t.Errorf("Detect(%q) = %q (%.3f), want %q", tc.text, r.Lang, r.Confidence, tc.want)
		}
	}
}

// TestDetectScriptWeights checks posts that name Latin-script products or
// people in another script: a Han character weighs as a word, a capitalised
// Latin word a third of its letters.
func TestDetectScriptWeights(t *testing.T) {
	d := defaultDetector(t)
	tests := []struct{ want, text string }{
		{"zh", "Mozilla Firefox 开发最终将完全转向 Git，放弃使用 Mercurial 作为版本控制系统。Firefox 项目的代码托管在 GitHub 上。"},
		{"zh", "Microsoft Visual Studio Code 新版本发布，支持 GitHub Copilot Chat、Remote Development 和 Dev Containers 等功能，欢迎下载体验。"},
		{"zh", "Apple 发布 macOS Sequoia 15.2 更新，Apple Intelligence 功能正式登陆 Mac Studio 和 MacBook Pro。"},
		{"ja", "Apple Intelligence の日本語対応が始まり、iPhone 16 Pro と MacBook Air で Writing Tools が使えるようになりました。"},
		{"ko", "Samsung Galaxy S25 Ultra 출시, Google Gemini 기반 Galaxy AI 기능 강화"},
		{"ar", "أعلنت شركة Microsoft عن إطلاق Windows Server 2025 مع دعم Azure Arc و Hotpatching"},
		{"th", "สถานเอกอัครราชทูตรัสเซีย ประจำประเทศไทย ขอแสดงความยินดี Happy New Year Moscow Kremlin"},
		{"ru", "Российское посольство: Visual Studio Code, GitHub Copilot, Docker Desktop и Kubernetes Dashboard доступны."},
		// The other way round: a few Han characters in an English post.
		{"en", "The Chinese phrase 和平共处 (peaceful coexistence) was first used by Zhou Enlai in talks with the Indian delegation in 1953."},
	}
	for _, tc := range tests {
		if r := d.Detect(tc.text); r.Lang != tc.want {
			t.Errorf("Detect(%q) = %q (%.3f), want %q", tc.text, r.Lang, r.Confidence, tc.want)
		}
	}
}

// udhrFixtures are the UDHR articles of testdata/detect/udhr (articles 1 to
// 12 of each language) and the language each must get with the default
// set; "" marks languages outside it.
var udhrFixtures = map[string]string{
	"eng": "en", "rus": "ru", "ukr": "uk", "spa": "es", "vie": "vi", "ind": "id",
	// Cyrillic: Abkhaz, Adyghe, Kabardian, Komi-Permyak, Nenets, Yakut, Nanai.
	"abk": "", "ady": "", "kbd": "", "koi": "", "yrk": "", "sah": "", "gld": "",
	// Latin: Aymara, Ashéninka, Bislama, Tok Pisin, Cusco Quechua.
	"ayr": "", "cpu": "", "bis": "", "tpi": "", "quz": "",
}

// readUDHR returns the articles of the UDHR fixture of ISO 639-3 code.
func readUDHR(t *testing.T, code string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "detect", "udhr", code+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n\n")
}

// TestDetectUDHR checks that articles in languages outside the candidates
// are not English or Russian, with the default set and with English and
// Russian alone, and that those of the set's languages are right.
func TestDetectUDHR(t *testing.T) {
	narrow, err := New([]string{"en", "ru"})
	if err != nil {
		t.Fatal(err)
	}
	for _, det := range []struct {
		name string
		d    *Detector
		// maxOwnWrong bounds the articles of the set's languages that
		// are wrong (lingua tells Indonesian from Malay badly).
		maxOwnWrong int
	}{{"default", defaultDetector(t), 3}, {"en+ru", narrow, 0}} {
		inSet := map[string]bool{}
		for _, l := range det.d.Languages() {
			inSet[l] = true
		}
		var own, ownWrong, other, otherENRU int
		codes := make([]string, 0, len(udhrFixtures))
		for code := range udhrFixtures {
			codes = append(codes, code)
		}
		slices.Sort(codes)
		for _, code := range codes {
			want := udhrFixtures[code]
			got := map[string]int{}
			for _, a := range readUDHR(t, code) {
				r := det.d.Detect(a)
				got[r.Lang]++
				switch {
				case inSet[want]:
					own++
					if r.Lang != want {
						ownWrong++
					}
				default:
					other++
					if r.Lang == "en" || r.Lang == "ru" {
						otherENRU++
						t.Logf("%s: %s article is %s (%.3f): %.80q", det.name, code, r.Lang, r.Confidence, a)
					}
				}
			}
			t.Logf("%s: %s %v", det.name, code, got)
		}
		t.Logf("%s: own languages %d wrong of %d; other languages %d en or ru of %d", det.name, ownWrong, own, otherENRU, other)
		if ownWrong > det.maxOwnWrong {
			t.Errorf("%s: %d of %d articles of the set's languages wrong, want at most %d", det.name, ownWrong, own, det.maxOwnWrong)
		}
		// The goal is at most 1%; on the whole UDHR the default set is at
		// 0.6% (see testdata/README.md).
		if otherENRU*100 > 2*other {
			t.Errorf("%s: %d of %d articles of other languages are en or ru", det.name, otherENRU, other)
		}
	}
}

// TestPlausible checks the evidence rules on texts of one sentence or two.
func TestPlausible(t *testing.T) {
	tests := []struct {
		lang, text string
		want       bool
	}{
		{"ru", "Министр иностранных дел России провёл переговоры с коллегами из стран Центральной Азии.", true},
		{"ru", "Масштабная киноверсия мультсериала про лысого мальчика-колдуна, призванного принести мир четырем царствам.", true},
		{"ru", "Президент Қасым-Жомарт Тоқаев принял министра в Астане.", true},                      // Kazakh letters in names
		{"ru", "Хэтрэ цӏыфи зэфэдэу фит мы джэпсалъэм хэт цӏыф фэшъуашэхэмрэ фитыныгъэхэмрэ", false}, // Adyghe: ӏ
		{"ru", "Быд мортлӧ бӧрйисьтӧг сетсьӧны быдӧс правоэз да эз, кӧдна висьталӧмӧсь", false},      // Komi: ӧ
		{"en", "The scholar compiled the most trusted collection of ḥadīth in the ninth century.", true},
		{"en", "Sergey Lavrov meets Egyptian Foreign Minister Sameh Shoukry", true},
		{"en", "Taqi ukhamaraki, jaqinakax taqpachaniw qhispiyasipxi, ukhamarak sapa mayniw kikipa munañanïpxi", false},
		{"en", "El ministro de Asuntos Exteriores se reunió hoy con su homólogo ruso en Madrid para hablar de la cooperación económica.", false},
	}
	for _, tc := range tests {
		s := scriptCyrillic
		if tc.lang == "en" {
			s = scriptLatin
		}
		words := scanWords(tc.text, nil)
		smp := sample(words, s)
		ev := gather(words[:smp.end], s, tc.lang == "en")
		if got := ev.plausible(tc.lang == "en"); got != tc.want {
			t.Errorf("plausible %s (%+v) = %v for %q, want %v", tc.lang, ev, got, tc.text, tc.want)
		}
	}
}

// TestDetectOutsideNarrowSet checks that with English and Russian alone,
// texts in neither are unknown rather than English or Russian.
func TestDetectOutsideNarrowSet(t *testing.T) {
	d, err := New([]string{"en", "ru"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range neighbourSentences {
		if r := d.Detect(tc.text); r.Lang != corpus.Unknown {
			t.Errorf("Detect(%q) = %q (%.3f), want unknown (%s is not a candidate)", tc.text, r.Lang, r.Confidence, tc.lang)
		}
	}
}
