// Package gmt translates with Google Cloud Translation (the v3 REST API,
// projects.locations.translateText) for parapost's similarity models:
// `--mt google`.
//
// It is built to be frugal and fault-proof, since every character costs
// money and goes over a network:
//
//   - Client sends one batch (≤ 1,024 strings, ≤ ~5K code points; a longer
//     text alone) per request, at most Config.Concurrency in flight,
//     retrying 429, 5xx, malformed replies and timeouts with exponential
//     backoff and full jitter, honouring Retry-After, with a deadline per
//     request. Quota, permission, billing, credential and unknown-project
//     errors become one *Error each, with a message a user can act on.
//   - Cache keeps every translation in a bbolt file, keyed by languages,
//     model, glossary and text; a batch is committed in one transaction, so
//     a run killed at any moment leaves whole entries only, and a rerun
//     sends nothing already bought.
//   - Translator joins the two: it looks texts up in memory and in the
//     cache, translates the misses once each (concurrent callers asking
//     for one text wait for the one request), and counts what was sent.
//   - Model is a sim.Model: the bag of a source text is the bag of its
//     sentences' translations. It translates lazily — the texts it is
//     asked for, one batch per call — or all at once after Prefetch
//     (`--mt-scope all`); Known is a view of it that never translates.
//     Plan says, without any network, what a prefetch would send and cost
//     (`--mt-dry-run`).
//
// The CLI's default, `--mt-scope asked`, is align.MT over Prefetch and
// Known: the run pairs and aligns with the free signals first, decides
// from them alone what machine translation must settle (the candidates of
// the translations left undecided, the sentences of the pairs with an
// unsure bead), fetches that in one Prefetch (full batches) and looks up
// nothing else, so that the dry run's Plan of those texts is exactly what
// is sent. On the WMT23 hard set against the fake of
// cmd/parapost/mt_test.go that is 40,983 characters in 9 requests, where
// `--mt-scope all` sends 80,209 in 17, with the same pairs and beads as
// `--mt file:`. (The lazy mode, which pairing and alignment drove before,
// sent the 80,209 characters too, since pairing asked for every source
// post, in 671 requests when it asked sentence by sentence.)
//
// The REST client is written by hand (net/http and encoding/json) with
// golang.org/x/oauth2/google for Application Default Credentials rather
// than cloud.google.com/go/translate/apiv3: the one call needs two JSON
// shapes, and the official client brings google.golang.org/api, gax and
// OpenTelemetry into every build for it. An http:// endpoint is used
// without credentials (fakes, proxies).
package gmt
