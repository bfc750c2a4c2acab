// Package detect tells the language of channel posts.
//
// A [Detector] looks only at a post's words: URLs, @mentions, e-mail
// addresses, hashtags, emoji, digits and punctuation are removed first (see
// [Clean]), and a post with fewer than [MinLetters] letters left is
// [corpus.Unknown]. The words are grouped by script; the script with the most
// letters decides which candidates are possible (Cyrillic text can only be
// one of the configured Cyrillic-script languages, and so on), and a lingua-go
// detector built from just those candidates looks at a bounded sample of
// those words (see [SampleLetters]). A script with a single configured
// candidate is decided without lingua.
//
// A post whose text holds long runs of two scripts, such as an English post
// quoting a Russian poem, is mixed: [Result.Spans] then gives the language of
// each run as byte offsets into the original text. Mixing of two languages
// of one script is not reported.
//
// Language codes are ISO 639-1 ("en", "ru", "uk").
package detect
