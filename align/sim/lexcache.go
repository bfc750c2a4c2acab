package sim

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/parapost/parapost/corpus"
)

// lexiconFormat is the version of the lexicon cache: of its encoding and of
// what NewLexicon indexes (stop words, stemmers, phrase rules). Change it
// whenever either changes, so that no cache built by older code is read.
const lexiconFormat = 1

// lexiconMagic starts a cached lexicon.
const lexiconMagic = "parapost lexicon\n"

// OpenLexicon returns the lexicon of the dictionary at path (see OpenDict)
// for aligning srcLang text with tgtLang text. Reading and indexing a large
// dictionary takes about a second (Mueller's: 46k entries, 230k links), so
// with a cacheDir the index is kept there, keyed by the dictionary files'
// names, sizes and times and the languages, and read back in a few
// milliseconds by the next run. A cache that cannot be read (a dictionary
// changed, a file truncated) is rebuilt; one that cannot be written only
// costs the next run the second. cacheDir "" uses no cache.
func OpenLexicon(path, fromLang, toLang, srcLang, tgtLang, cacheDir string) (*Lexicon, error) {
	var cached string
	if cacheDir != "" {
		if key, err := lexiconKey(path, fromLang, toLang, srcLang, tgtLang); err == nil {
			cached = filepath.Join(cacheDir, key+".lex")
			if l, err := readLexiconFile(cached); err == nil {
				return l, nil
			}
		}
	}
	d, err := OpenDict(path, fromLang, toLang)
	if err != nil {
		return nil, err
	}
	l := NewLexicon(d, srcLang, tgtLang)
	if cached != "" {
		_ = writeLexiconFile(cached, l) // best effort: see above
	}
	return l, nil
}

// lexiconKey names the cache of a dictionary: a hash of the format, the
// languages and each of the dictionary's files (absolute name, size,
// modification time).
func lexiconKey(path, fromLang, toLang, srcLang, tgtLang string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00%s\x00%s\x00%s\x00%s\x00", lexiconFormat, fromLang, toLang, baseLang(srcLang), baseLang(tgtLang))
	files := []string{path}
	if base, ok := strings.CutSuffix(path, ".index"); ok {
		files = append(files, base+".dict.dz", base+".dict")
	}
	for i, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return "", err
		}
		st, err := os.Stat(abs)
		if err != nil {
			if i == 0 {
				return "", err
			}
			continue // a dictd data file that is not there
		}
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00", abs, st.Size(), st.ModTime().UnixNano())
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

func readLexiconFile(path string) (*Lexicon, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadLexicon(f) // it reads all at once
}

func writeLexiconFile(path string, l *Lexicon) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := corpus.CreateAtomic(path)
	if err != nil {
		return err
	}
	if _, err := l.WriteTo(f); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// WriteTo writes the lexicon's index in a compact binary form that
// ReadLexicon reads back: the languages, then each side's stems in order
// with their concept ids as varint deltas, then a CRC-32 of all that.
func (l *Lexicon) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: bufio.NewWriter(w), crc: crc32.NewIEEE()}
	cw.str(lexiconMagic)
	cw.uvarint(lexiconFormat)
	cw.str(l.srcLang)
	cw.str(l.tgtLang)
	cw.uvarint(uint64(l.concepts))
	for _, side := range []map[string][]uint32{l.src, l.tgt} {
		cw.uvarint(uint64(len(side)))
		for _, st := range slices.Sorted(maps.Keys(side)) {
			cw.str(st)
			ids := side[st]
			cw.uvarint(uint64(len(ids)))
			prev := uint32(0)
			for _, id := range ids {
				cw.uvarint(uint64(id - prev))
				prev = id
			}
		}
	}
	var sum [4]byte
	binary.LittleEndian.PutUint32(sum[:], cw.crc.Sum32())
	cw.write(sum[:])
	if cw.err == nil {
		cw.err = cw.w.Flush()
	}
	return cw.n, cw.err
}

type countWriter struct {
	w   *bufio.Writer
	crc hash.Hash32
	n   int64
	err error
	buf [binary.MaxVarintLen64]byte
}

func (c *countWriter) write(p []byte) {
	if c.err != nil {
		return
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	c.crc.Write(p)
}

func (c *countWriter) uvarint(v uint64) { c.write(c.buf[:binary.PutUvarint(c.buf[:], v)]) }

func (c *countWriter) str(s string) {
	c.uvarint(uint64(len(s)))
	c.write([]byte(s))
}

// errBadLexicon is the error of a cached lexicon that is not one, or is
// damaged.
var errBadLexicon = errors.New("not a parapost lexicon, or a damaged one")

// ReadLexicon reads a lexicon written by WriteTo. It checks the format and
// the checksum, and bounds every length by what is left to read, so a
// damaged file is an error, never a panic or a huge allocation.
func ReadLexicon(r io.Reader) (*Lexicon, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if len(data) < 4 {
		return nil, errBadLexicon
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, errBadLexicon
	}
	d := lexDecoder{b: body}
	if d.str() != lexiconMagic || d.uvarint() != lexiconFormat {
		return nil, errBadLexicon
	}
	l := &Lexicon{srcLang: d.str(), tgtLang: d.str()}
	l.concepts = int(d.uvarint())
	for _, side := range []*map[string][]uint32{&l.src, &l.tgt} {
		n := d.count(2) // a stem takes at least two bytes
		m := make(map[string][]uint32, n)
		for range n {
			st := d.str()
			k := d.count(1)
			ids := make([]uint32, k)
			var id uint64
			for i := range ids {
				id += d.uvarint()
				ids[i] = uint32(id)
			}
			m[st] = ids
		}
		*side = m
	}
	if d.bad || len(d.b) != 0 {
		return nil, errBadLexicon
	}
	l.srcCache, l.tgtCache = newStemCache(l.srcLang), newStemCache(l.tgtLang)
	return l, nil
}

// lexDecoder reads the varints and strings of a cached lexicon; after the
// first error it returns zeros and sets bad.
type lexDecoder struct {
	b   []byte
	bad bool
}

func (d *lexDecoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad, d.b = true, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a number of items of at least min bytes each.
func (d *lexDecoder) count(min int) int {
	v := d.uvarint()
	if v > uint64(len(d.b)/min) {
		d.bad, d.b = true, nil
		return 0
	}
	return int(v)
}

func (d *lexDecoder) str() string {
	n := d.count(1)
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}
