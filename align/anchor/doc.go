// Package anchor finds the language-neutral tokens that a text and its
// translation share: numbers (canonical, multipliers and number words
// applied), dates, hashtags, flags and other emoji, Latin tokens and
// acronyms, names through a transliterated skeleton, quoted titles, and
// cognate keys of international words. Keys are comparable across
// languages: "10 июня С.В.Лавров" and "On June 10, Sergey Lavrov" share
// date:06-10 and name:lavrov.
//
// Find and Append scan a text in one pass, strconv-style, without
// allocating per token; AppendCognates gives the cognate keys; Words is the
// word iterator, and IsCutMark and HasCutMark recognise an editor's "<...>".
package anchor
