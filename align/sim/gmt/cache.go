package gmt

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Cache keeps translations in a bbolt file: one bucket per (languages,
// model, glossary), keyed by the SHA-256 of the text, each value the text
// and its translation. bbolt commits a transaction with copy-on-write
// pages and a checksummed meta page, so a process killed at any moment
// leaves the last committed state; its file lock lets one process write
// while a second waits (OpenCache's timeout) instead of corrupting it.
// Safe for concurrent use.
type Cache struct {
	db   *bolt.DB
	path string
}

// CacheKey names the bucket of one configuration.
type CacheKey struct{ Source, Target, Model, Glossary string }

func (k CacheKey) bucket() []byte {
	return []byte(k.Source + "\x00" + k.Target + "\x00" + k.Model + "\x00" + k.Glossary)
}

type entry struct {
	Text        string `json:"s"`
	Translation string `json:"t"`
}

// LockTimeout is how long OpenCache waits for another process's lock.
var LockTimeout = 10 * time.Second

// OpenCache opens (creating it and its folder unless readOnly) the cache
// file at path.
func OpenCache(path string, readOnly bool) (*Cache, error) {
	if !readOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("translation cache: %w", err)
		}
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: LockTimeout, ReadOnly: readOnly})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("translation cache %s is in use by another process (waited %s): wait for it, or give --mt-cache another file", path, LockTimeout)
		}
		return nil, fmt.Errorf("translation cache %s: %w", path, err)
	}
	return &Cache{db: db, path: path}, nil
}

// Path returns the cache's file.
func (c *Cache) Path() string { return c.path }

// Close closes the file.
func (c *Cache) Close() error { return c.db.Close() }

func hashKey(text string) []byte {
	h := sha256.Sum256([]byte(text))
	return h[:]
}

// Get returns the cached translations of texts: out[i], ok[i].
func (c *Cache) Get(k CacheKey, texts []string) (out []string, ok []bool, err error) {
	out, ok = make([]string, len(texts)), make([]bool, len(texts))
	err = c.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(k.bucket())
		if b == nil {
			return nil
		}
		for i, t := range texts {
			v := b.Get(hashKey(t))
			if v == nil {
				continue
			}
			var e entry
			if json.Unmarshal(v, &e) == nil && e.Text == t {
				out[i], ok[i] = e.Translation, true
			}
		}
		return nil
	})
	return out, ok, err
}

// Put stores the translations of texts in one transaction: all or none.
func (c *Cache) Put(k CacheKey, texts, translations []string) error {
	return c.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(k.bucket())
		if err != nil {
			return err
		}
		for i, t := range texts {
			v, err := json.Marshal(entry{t, translations[i]})
			if err != nil {
				return err
			}
			if err := b.Put(hashKey(t), v); err != nil {
				return err
			}
		}
		return nil
	})
}

// Entries yields the cached texts and translations of the buckets whose
// key match says yes to.
func (c *Cache) Entries(match func(CacheKey) bool) iter.Seq2[CacheKey, [2]string] {
	return func(yield func(CacheKey, [2]string) bool) {
		_ = c.db.View(func(tx *bolt.Tx) error {
			return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
				k, ok := parseBucket(name)
				if !ok || !match(k) {
					return nil
				}
				return b.ForEach(func(_, v []byte) error {
					var e entry
					if json.Unmarshal(v, &e) != nil {
						return nil
					}
					if !yield(k, [2]string{e.Text, e.Translation}) {
						return errStop
					}
					return nil
				})
			})
		})
	}
}

var errStop = errors.New("stop")

func parseBucket(name []byte) (CacheKey, bool) {
	var parts [4]string
	i := 0
	start := 0
	for j, c := range name {
		if c == 0 {
			if i == 3 {
				return CacheKey{}, false
			}
			parts[i] = string(name[start:j])
			i++
			start = j + 1
		}
	}
	if i != 3 {
		return CacheKey{}, false
	}
	parts[3] = string(name[start:])
	return CacheKey{parts[0], parts[1], parts[2], parts[3]}, true
}
