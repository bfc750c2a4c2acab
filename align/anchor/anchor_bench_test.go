package anchor

import "testing"

// BenchmarkAnchors measures Append on every post of both data sets,
// per language, reusing dst as a corpus run does.
func BenchmarkAnchors(b *testing.B) {
	for _, lang := range []string{"ru", "en"} {
		texts, size := benchPosts(b, lang)
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			var dst []Anchor
			for b.Loop() {
				for _, s := range texts {
					dst = Append(dst[:0], s, lang)
				}
			}
		})
	}
}

// BenchmarkCognates measures AppendCognates on every post of both data
// sets, per language, with one cache per run as pairing keeps one per
// worker.
func BenchmarkCognates(b *testing.B) {
	for _, lang := range []string{"ru", "en"} {
		texts, size := benchPosts(b, lang)
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			cache := NewCognateCache()
			var buf []byte
			n := 0
			for b.Loop() {
				for _, s := range texts {
					buf = AppendCognates(buf, s, lang, cache, func(string) { n++ })
				}
			}
		})
	}
}

// benchPosts returns the posts in lang of the mfa-sample and
// wmt23-ruen-dev gold sets, and their size in bytes.
func benchPosts(b *testing.B, lang string) (texts []string, size int) {
	sets := []ancGold{
		ancLoadGold(b, "mfa-sample", "mfa_russia.result.json", "mid_russia.result.json"),
		ancLoadGold(b, "wmt23-ruen-dev", "en.result.json", "ru.result.json"),
	}
	for _, g := range sets {
		m := g.en
		if lang == "ru" {
			m = g.ru
		}
		for _, s := range m {
			texts = append(texts, s)
			size += len(s)
		}
	}
	return texts, size
}

// BenchmarkSkeleton measures Skeleton on an inflected Russian name.
func BenchmarkSkeleton(b *testing.B) {
	for b.Loop() {
		_ = Skeleton("Цзиньпином", "ru")
	}
}
