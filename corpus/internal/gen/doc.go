// Package gen writes synthetic but realistic Telegram channels for scale
// tests: a Russian channel and an English channel as Telegram Desktop
// exports (result.json), N posts each, dated over several years, where
// each English post that has a counterpart is a real human translation of
// a Russian post published minutes to days earlier.
//
// Texts are recombined from gold sentence beads (pairs of Russian and
// English segments that translate each other: WMT23 ru-en, the Foreign
// Ministry sample), so a generated pair is a true translation and the
// generated gold pairs are right. Runs with one Seed are byte-identical.
package gen
