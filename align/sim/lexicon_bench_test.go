package sim

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// benchWords returns the lower-cased words of the WMT23 posts in testdata,
// one-segment-per-line files: name is "*.ru" or "*.en".
func benchWords(b *testing.B, pattern string) []string {
	b.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "wmt23-ruen-dev", "lines", pattern))
	if err != nil || len(files) == 0 {
		b.Fatalf("no files %s: %v", pattern, err)
	}
	var words []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		words = append(words, Words(string(data))...)
	}
	return words
}

// benchLexicon is built from Mueller's dictionary when it is installed
// (realistic map sizes), else from the small test word list.
func benchLexicon(b *testing.B) *Lexicon {
	b.Helper()
	path := "/usr/share/dictd/mueller7.index"
	if _, err := os.Stat(path); err != nil {
		path = filepath.Join("..", "..", "testdata", "dict", "en-ru-small.tsv")
	}
	d, err := OpenDict(path, "en", "ru")
	if err != nil {
		b.Fatal(err)
	}
	return NewLexicon(d, "ru", "en")
}

// BenchmarkLexicon measures the aligner's hot path over the words of the
// testdata posts: stem each word (through the cache, or without it) and
// look its concepts up.
func BenchmarkLexicon(b *testing.B) {
	l := benchLexicon(b)
	for _, lang := range []string{"ru", "en"} {
		words := benchWords(b, "*."+lang)
		ids := l.TargetIDs
		if lang == "ru" {
			ids = l.SourceIDs
		}
		b.Run(lang+"/cached", func(b *testing.B) {
			found := 0
			for b.Loop() {
				for _, w := range words {
					if len(ids(l.Stem(w, lang))) > 0 {
						found++
					}
				}
			}
			b.ReportMetric(float64(len(words)*b.N)/b.Elapsed().Seconds(), "words/s")
			b.ReportMetric(float64(found)/float64(len(words)*b.N), "known")
		})
		b.Run(lang+"/uncached", func(b *testing.B) {
			for b.Loop() {
				for _, w := range words {
					ids(stem(w, lang))
				}
			}
			b.ReportMetric(float64(len(words)*b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}

// BenchmarkLexiconBuild measures NewLexicon on the benchmark dictionary.
func BenchmarkLexiconBuild(b *testing.B) {
	path := "/usr/share/dictd/mueller7.index"
	if _, err := os.Stat(path); err != nil {
		path = filepath.Join("..", "..", "testdata", "dict", "en-ru-small.tsv")
	}
	d, err := OpenDict(path, "en", "ru")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		NewLexicon(d, "ru", "en")
	}
}

// BenchmarkStemCacheCold stems the words of the testdata posts through an
// empty cache, as one `parapost align` does: most of a document's words
// are new to the cache, and what the cache costs to fill is paid once.
func BenchmarkStemCacheCold(b *testing.B) {
	for _, lang := range []string{"ru", "en"} {
		words := benchWords(b, "*."+lang)
		words = slices.Concat(words, words, words, words, words, words) // as BenchmarkAlignLines
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c := newStemCache(lang)
				for _, w := range words {
					c.get(w)
				}
			}
			b.ReportMetric(float64(len(words)*b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}

// BenchmarkWords measures the tokenizer of every similarity model over the
// WMT23 posts of testdata, per language.
func BenchmarkWords(b *testing.B) {
	for _, lang := range []string{"ru", "en"} {
		files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "wmt23-ruen-dev", "lines", "*."+lang))
		if err != nil || len(files) == 0 {
			b.Fatalf("no files *.%s: %v", lang, err)
		}
		var texts []string
		size := 0
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, string(data))
			size += len(data)
		}
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(size))
			n := 0
			for b.Loop() {
				for _, text := range texts {
					for range words(text) {
						n++
					}
				}
			}
		})
	}
}
