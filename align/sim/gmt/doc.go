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
//     sentences' translations. It translates lazily — only the texts
//     pairing and alignment ask for, one batch per call — or all at once
//     after Prefetch (`--mt-scope all`). Plan says, without any network,
//     what a prefetch would send and cost (`--mt-dry-run`).
//
// The trade-off of the lazy mode: it never sends a sentence nobody asked
// for, but pairing and alignment ask sentence by sentence from a few
// goroutines, so its requests are small. On the WMT23 hard set against a
// fake with 100 ms latency both modes send the same 80,209 characters
// (pairing asks for every source post), lazily in 671 requests and 40 s,
// all at once in 17 requests and 2.7 s. A caller about to ask for many
// bags can offer them first through PrefetchSources (one full batch):
// with that hook in the sentence aligner and pairing, the lazy mode took
// 57 requests and 4.5 s.
//
// The REST client is written by hand (net/http and encoding/json) with
// golang.org/x/oauth2/google for Application Default Credentials rather
// than cloud.google.com/go/translate/apiv3: the one call needs two JSON
// shapes, and the official client brings google.golang.org/api, gax and
// OpenTelemetry into every build for it. An http:// endpoint is used
// without credentials (fakes, proxies).
package gmt
