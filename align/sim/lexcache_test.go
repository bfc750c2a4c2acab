package sim

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

const smallDict = "../../testdata/dict/en-ru-small.tsv"

// sameLexicon fails unless a and b index the same stems to the same
// concepts.
func sameLexicon(t *testing.T, a, b *Lexicon) {
	t.Helper()
	if a.srcLang != b.srcLang || a.tgtLang != b.tgtLang || a.concepts != b.concepts {
		t.Fatalf("langs/concepts %s %s %d, want %s %s %d", b.srcLang, b.tgtLang, b.concepts, a.srcLang, a.tgtLang, a.concepts)
	}
	if !reflect.DeepEqual(a.src, b.src) || !reflect.DeepEqual(a.tgt, b.tgt) {
		t.Fatalf("index differs: %d/%d source stems, %d/%d target stems", len(b.src), len(a.src), len(b.tgt), len(a.tgt))
	}
}

func TestLexiconRoundTrip(t *testing.T) {
	d, err := OpenDict(smallDict, "en", "ru")
	if err != nil {
		t.Fatal(err)
	}
	want := NewLexicon(d, "ru", "en")
	if len(want.src) == 0 || len(want.tgt) == 0 {
		t.Fatal("the fixture indexes nothing")
	}
	var buf bytes.Buffer
	n, err := want.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo = %d, %v; wrote %d", n, err, buf.Len())
	}
	got, err := ReadLexicon(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	sameLexicon(t, want, got)
	// The same sentences meet through either.
	src, tgt := "Встреча министров", "The ministers' meeting"
	if a, b := Overlap(want.Source(src), want.Target(tgt)), Overlap(got.Source(src), got.Target(tgt)); a != b || a == 0 {
		t.Errorf("overlap %v read back, %v built", b, a)
	}
	// Every truncation and every flipped byte is an error, not a panic.
	data := buf.Bytes()
	for i := range len(data) {
		if _, err := ReadLexicon(bytes.NewReader(data[:i])); err == nil {
			t.Fatalf("truncated at %d of %d: no error", i, len(data))
		}
		bad := bytes.Clone(data)
		bad[i] ^= 0x40
		if _, err := ReadLexicon(bytes.NewReader(bad)); err == nil {
			t.Fatalf("byte %d flipped: no error", i)
		}
	}
}

func TestOpenLexiconCache(t *testing.T) {
	dir := t.TempDir()
	dict := filepath.Join(dir, "d.tsv")
	data, err := os.ReadFile(smallDict)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dict, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(dir, "cache")
	first, err := OpenLexicon(dict, "en", "ru", "ru", "en", cache)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(cache, "*.lex"))
	if len(files) != 1 {
		t.Fatalf("cache holds %v, want one lexicon", files)
	}
	// The second open reads the cache: the dictionary is no longer needed
	// to be readable, only its name, size and time to be the same.
	st, _ := os.Stat(dict)
	if err := os.WriteFile(dict, bytes.Repeat([]byte("x"), len(data)), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(dict, st.ModTime(), st.ModTime())
	second, err := OpenLexicon(dict, "en", "ru", "ru", "en", cache)
	if err != nil {
		t.Fatalf("from the cache: %v", err)
	}
	sameLexicon(t, first, second)

	// Another direction or language is another cache entry.
	if _, err := OpenLexicon(smallDict, "en", "ru", "ru", "en", cache); err != nil {
		t.Fatal(err)
	}
	if files, _ := filepath.Glob(filepath.Join(cache, "*.lex")); len(files) != 2 {
		t.Errorf("cache holds %d lexicons, want 2", len(files))
	}

	// A changed dictionary is read again; a damaged cache is rebuilt.
	if err := os.WriteFile(dict, append(data, "summit\tсаммит\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(dict, time.Now(), time.Now())
	changed, err := OpenLexicon(dict, "en", "ru", "ru", "en", cache)
	if err != nil {
		t.Fatal(err)
	}
	if ids := changed.SourceIDs(stem("саммит", "ru")); len(ids) == 0 {
		t.Error("the changed dictionary's new entry is not indexed")
	}
	key, _ := lexiconKey(dict, "en", "ru", "ru", "en")
	path := filepath.Join(cache, key+".lex")
	if err := os.WriteFile(path, []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	rebuilt, err := OpenLexicon(dict, "en", "ru", "ru", "en", cache)
	if err != nil {
		t.Fatal(err)
	}
	sameLexicon(t, changed, rebuilt)
	if l, err := readLexiconFile(path); err != nil {
		t.Errorf("damaged cache not rewritten: %v", err)
	} else {
		sameLexicon(t, changed, l)
	}
}

func FuzzReadLexicon(f *testing.F) {
	d, err := OpenDict(smallDict, "en", "ru")
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	NewLexicon(d, "ru", "en").WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte(lexiconMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ReadLexicon(bytes.NewReader(data))
		if err == nil {
			l.Source("встреча")
			l.Target("meeting")
		}
	})
}
