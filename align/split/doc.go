// Package split cuts text into sentences: rules for Russian and English
// (abbreviations, initials such as "С.В.Лавров", numbers, emoji bullets,
// smileys that close a sentence, headlines before a line break) and
// sensible generic rules for any other language. Sentences returns byte
// spans that cover every non-space character of the text once.
package split
