// Package sim scores meaning across two languages. A Model maps a
// source-language text and a target-language text into bags of
// target-language stems (Bag), and Dice says how much two bags share.
// Every source of similarity is a Model, and pairing and alignment use
// only the interface:
//
//   - Learn: a translation lexicon learned from sentence pairs with IBM
//     Model 1, cognates as the prior — no files, any language pair;
//   - NewLexicon: a bilingual dictionary (dictd, TSV: OpenDict);
//   - NewTranslations: translations that already exist (ReadTranslations,
//     LineUnits);
//   - package gmt: Google Cloud Translation.
//
// Combine merges models, letting a translation of a text (a Translator's
// bag) stand for it alone; a Vocabulary numbers the target stems of a run's
// models so that their bags meet. Models are safe for concurrent use.
package sim
