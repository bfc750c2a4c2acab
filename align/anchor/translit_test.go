package anchor

import (
	"strings"
	"testing"
)

func TestTransliterate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Лавров", "Lavrov"},
		{"Сергей Лавров", "Sergey Lavrov"},
		{"Жуков", "Zhukov"},
		{"Хабаровск", "Khabarovsk"},
		{"Цзиньпин", "Tszinpin"},
		{"Щукин", "Shchukin"},
		{"Юрий", "Yuriy"},
		{"Яковлев", "Yakovlev"},
		{"объём", "obem"},
		{"Ёлки", "Elki"},
		{"ЖКХ", "ZHKKH"},
		{"ЦСКА", "TSSKA"},
		{"Чайка", "Chayka"},
		{"Мария Захарова", "Mariya Zakharova"},
		{"Латиница: G20, 2024!", "Latinitsa: G20, 2024!"},
		{"Київ", "Kiyiv"},
		{"no Cyrillic", "no Cyrillic"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Transliterate(tt.in); got != tt.want {
			t.Errorf("Transliterate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTransliterateNoCyrillicAllocs(t *testing.T) {
	s := "Foreign Minister Sergey Lavrov"
	if n := testing.AllocsPerRun(100, func() { _ = Transliterate(s) }); n != 0 {
		t.Errorf("Transliterate of Latin text allocates %.0f times, want 0", n)
	}
}

// skeletonMeets lists Russian word forms and English spellings of one name
// whose skeletons must be equal.
var skeletonMeets = []struct{ ru, en string }{
	{"Лавров Лаврова Лаврову Лавровым Лаврове", "Lavrov"},
	{"Сергей Сергея Сергею Сергеем", "Sergey Sergei"},
	{"Нижний Нижнего Нижнем", "Nizhny Nizhniy"},
	{"Новгород Новгорода Новгороде", "Novgorod"},
	{"Ван", "Wang"},
	{"И", "Yi"},
	{"Си", "Xi"},
	{"Цзиньпин Цзиньпина Цзиньпином", "Jinping"},
	{"Бразилия Бразилии Бразилию", "Brazil"},
	{"Мауро", "Mauro"},
	{"Виейра Виейры Виейрой", "Vieira"},
	{"Захарова Захаровой", "Zakharova"},
	{"Казань Казани Казанью", "Kazan"},
	{"Путин Путина Путину Путиным", "Putin"},
	{"Юрий Юрия", "Yuri Yury"},
	{"Ушаков Ушакова", "Ushakov"},
	{"Дмитрий", "Dmitry"},
	{"Алексей Алексея", "Alexey Alexei Aleksey"},
	{"Михаил Михаила", "Mikhail"},
	{"Мария Марии", "Maria"},
	{"Зеленский Зеленского Зеленским", "Zelensky Zelenskyy"},
	{"Толстой", "Tolstoy"},
	{"Фёдоров Федорова", "Fyodorov Fedorov"},
	{"Ереван", "Yerevan"},
	{"Евгений", "Yevgeny Evgeny"},
	{"Тюмень Тюмени", "Tyumen"},
	{"Шольц", "Scholz"},
	{"Макрон", "Macron"},
	{"Гитлер", "Hitler"},
	{"Хельсинки", "Helsinki"},
	{"Голливуд", "Hollywood"},
	{"Джон", "John"},
	{"Уилсон", "Wilson"},
	{"Крис", "Chris"},
	{"Квентин", "Quentin"},
	{"Хичкок", "Hitchcock"},
	{"Австрия Австрии", "Austria"},
	{"Европа Европе", "Europe"},
	{"Анушаускас", "Anušauskas"},
	{"Перекрёсток Перекрестке", "Perekrestok"},
	{"Сочи", "Sochi"},
	{"Баку", "Baku"},
	{"Токио", "Tokyo"},
	{"Индия Индии Индией", "India"},
	{"Италия", "Italy"},
	{"Франция Франции", "France"},
	{"Греция", "Greece"},
	{"Канада", "Canada"},
	{"Президент", "President"},
	{"БРИКС", "BRICS"},
	{"Сяоми", "Xiaomi"},
	{"Эрдоган", "Erdoğan"},
	{"Александр Александра Александром", "Alexander"},
	{"Министр Министра", "Minister"},
	{"Центр Центре", "Center"},
}

func TestSkeletonMeets(t *testing.T) {
	for _, m := range skeletonMeets {
		want := Skeleton(strings.Fields(m.en)[0], "en")
		for _, w := range strings.Fields(m.ru) {
			if got := Skeleton(w, "ru"); got != want {
				t.Errorf("Skeleton(%q, ru) = %q, want %q as for %s", w, got, want, m.en)
			}
		}
		for _, w := range strings.Fields(m.en) {
			if got := Skeleton(w, "en"); got != want {
				t.Errorf("Skeleton(%q, en) = %q, want %q", w, got, want)
			}
		}
	}
}

// TestSkeletonApart checks that different names keep different skeletons.
func TestSkeletonApart(t *testing.T) {
	tests := [][2]string{
		{"Иван", "Иванов"},
		{"Путин", "Пушкин"},
		{"Мария", "Марина"},
		{"Лавров", "Лаврентьев"},
		{"Ибрагим", "Ибрагимов"},
		{"Салим", "Сало"},
		{"Moscow", "Москва"},
		{"Beijing", "Пекин"},
		{"Austin", "Австрия"},
		{"Сергей", "Серебряков"},
		{"Анна", "Анкара"},
	}
	for _, tt := range tests {
		a, b := Skeleton(tt[0], ancLangOf(tt[0])), Skeleton(tt[1], ancLangOf(tt[1]))
		if a == b {
			t.Errorf("Skeleton(%q) = Skeleton(%q) = %q, want them apart", tt[0], tt[1], a)
		}
	}
}

// ancLangOf returns "ru" for a word with Cyrillic letters, else "en".
func ancLangOf(w string) string {
	for _, r := range w {
		if isCyrillicLetter(r) {
			return "ru"
		}
	}
	return "en"
}

func TestSkeletonDetails(t *testing.T) {
	tests := []struct{ word, lang, want string }{
		{"Лаврову", "ru", "lavrov"},
		{"Лавровым", "en", "lavrovim"}, // Russian endings are stripped in Russian only
		{"Samsung", "ru", Skeleton("Samsung", "en")},
		{"Бразилия", "RU", "brasil"},
		{"Бразилия", "ru-RU", "brasil"},
		{"O'Neill", "en", "oneil"},
		{"Côte", "en", "kot"},
		{"G20", "en", "g20"},
		{"2024", "en", "2024"},
		{"", "ru", ""},
		{"—", "ru", ""},
		{"東京", "en", "東京"},
		{"Ким", "ru", "kim"},
		{"Ибрагим", "ru", "ibragim"},
	}
	for _, tt := range tests {
		if got := Skeleton(tt.word, tt.lang); got != tt.want {
			t.Errorf("Skeleton(%q, %q) = %q, want %q", tt.word, tt.lang, got, tt.want)
		}
	}
}

// mfaNamePairs are the names that both exports of testdata/mfa-sample
// spell, as a Russian form and its English spelling. Exonyms (Пекин and
// Beijing, Москва and Moscow) are left out: no skeleton can join them.
var mfaNamePairs = [][2]string{
	{"Абдоллахиана", "Abdollahian"}, {"Африке", "Africa"}, {"Африки", "Africa"},
	{"Америки", "America"}, {"Амир", "Amir"}, {"Азии", "Asia"}, {"Астане", "Astana"},
	{"Багери", "Bagheri"}, {"Бразилиа", "Brasilia"}, {"Бразилия", "Brazil"},
	{"Иран", "Iran"}, {"Ирана", "Iran"}, {"Иране", "Iran"}, {"Ираном", "Iran"},
	{"Цзиньпин", "Jinping"}, {"Цзиньпином", "Jinping"}, {"Казани", "Kazan"},
	{"Коммаситом", "Kommasith"}, {"Лаоса", "Laos"}, {"Лавров", "Lavrov"},
	{"Лаврова", "Lavrov"}, {"Нижнем", "Nizhny"}, {"Нижний", "Nizhny"},
	{"Новгород", "Novgorod"}, {"Новгороде", "Novgorod"}, {"Пандор", "Pandor"},
	{"Путин", "Putin"}, {"Путина", "Putin"}, {"Раиси", "Raisi"}, {"Тайваня", "Taiwan"},
	{"Украине", "Ukraine"}, {"Украины", "Ukraine"}, {"Ушакова", "Ushakov"},
	{"Ван", "Wang"}, {"И", "Yi"}, {"Си", "Xi"}, {"Виейрой", "Vieira"}, {"Волга", "Volga"},
	{"Президент", "President"}, {"Президента", "President"}, {"БРИКС", "BRICS"},
	{"ТАСС", "TASS"}, {"Евразии", "Eurasia"}, {"Европе", "Europe"},
	{"Янцзы", "Yangtze"}, {"Латинской", "Latin"},
}

// TestSkeletonMFANames measures how many real name pairs of the MFA sample
// meet through Skeleton.
func TestSkeletonMFANames(t *testing.T) {
	g := ancLoadGold(t, "mfa-sample", "mfa_russia.result.json", "mid_russia.result.json")
	var ru, en strings.Builder
	for _, s := range g.ru {
		ru.WriteString(s + "\n")
	}
	for _, s := range g.en {
		en.WriteString(s + "\n")
	}
	met := 0
	var missed []string
	for _, p := range mfaNamePairs {
		if !strings.Contains(ru.String(), p[0]) || !strings.Contains(en.String(), p[1]) {
			t.Errorf("%s/%s: not in both exports", p[0], p[1])
		}
		if Skeleton(p[0], "ru") == Skeleton(p[1], "en") {
			met++
		} else {
			missed = append(missed, p[0]+"/"+p[1]+": "+Skeleton(p[0], "ru")+" ≠ "+Skeleton(p[1], "en"))
		}
	}
	t.Logf("%d of %d name pairs meet; missed: %s", met, len(mfaNamePairs), strings.Join(missed, "; "))
	if len(mfaNamePairs) < 40 || float64(met) < 0.9*float64(len(mfaNamePairs)) {
		t.Errorf("%d of %d name pairs meet, want ≥ 90%% of at least 40", met, len(mfaNamePairs))
	}
}

// TestNameRecallGold measures, over the MFA gold pairs, the share of the
// English post's name keys found among the Russian post's name keys: of all
// capitalised words (most are titles and common nouns: Foreign, Council),
// and of the names of mfaNamePairs.
func TestNameRecallGold(t *testing.T) {
	g := ancLoadGold(t, "mfa-sample", "mfa_russia.result.json", "mid_russia.result.json")
	names := make(map[string]bool)
	for _, p := range mfaNamePairs {
		names[Skeleton(p[1], "en")] = true
	}
	var all, allHit, known, knownHit int
	for _, p := range g.pairs {
		ruKeys := make(map[string]bool)
		for _, a := range Find(g.ru[p[1]], "ru") {
			if a.Kind == Name {
				ruKeys[a.Key] = true
			}
		}
		seen := make(map[string]bool)
		for _, a := range Find(g.en[p[0]], "en") {
			if a.Kind != Name || seen[a.Key] {
				continue
			}
			seen[a.Key] = true
			all++
			if ruKeys[a.Key] {
				allHit++
			}
			if names[a.Key] {
				known++
				if ruKeys[a.Key] {
					knownHit++
				}
			}
		}
	}
	t.Logf("English name keys found in the Russian post: %d/%d of all capitalised words (%.0f%%), %d/%d of known names (%.0f%%)",
		allHit, all, 100*float64(allHit)/float64(all), knownHit, known, 100*float64(knownHit)/float64(known))
	if float64(knownHit) < 0.9*float64(known) {
		t.Errorf("known names found in the Russian post: %d of %d, want ≥ 90%%", knownHit, known)
	}
}
