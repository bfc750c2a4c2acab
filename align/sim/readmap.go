package sim

import (
	"strings"
	"sync"
	"sync/atomic"
)

// readMap is a map from strings that many goroutines read without a lock
// and that grows by rare writes: the word and stem caches, looked up on
// every word of every post. Reads look in an immutable snapshot (a plain
// map: one hash and a probe, where a sync.Map walks a trie of nodes);
// entries not in it yet wait in a locked map, which is merged into a new
// snapshot once the lookups that had to lock it pay for the copy.
type readMap[V any] struct {
	read   atomic.Pointer[map[string]V]
	mu     sync.Mutex
	dirty  map[string]V // entries not in read
	misses int          // lookups that took mu since the last snapshot
}

// Load returns the value of k.
func (m *readMap[V]) Load(k string) (V, bool) {
	if r := m.read.Load(); r != nil {
		if v, ok := (*r)[k]; ok {
			return v, true
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.locked(k)
	if ok {
		m.missed()
	}
	return v, ok
}

// locked looks k up with m.mu held: in the snapshot again (a new one may
// have taken k from dirty since the caller looked), then in dirty.
func (m *readMap[V]) locked(k string) (V, bool) {
	if r := m.read.Load(); r != nil {
		if v, ok := (*r)[k]; ok {
			return v, true
		}
	}
	v, ok := m.dirty[k]
	return v, ok
}

// LoadOrStore returns the value of k, storing v as the value first when
// k has none (the key is cloned: callers pass substrings of long texts).
// loaded reports whether k had a value.
func (m *readMap[V]) LoadOrStore(k string, v V) (actual V, loaded bool) {
	if r := m.read.Load(); r != nil {
		if old, ok := (*r)[k]; ok {
			return old, true
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.locked(k); ok {
		m.missed()
		return old, true
	}
	if m.dirty == nil {
		m.dirty = make(map[string]V)
	}
	m.dirty[strings.Clone(k)] = v
	return v, false
}

// missed counts a lookup that took the lock to find its key in dirty and,
// once they are as many as a quarter of the entries, makes a new snapshot
// of all of them: each entry is copied a bounded number of times on
// average. A lookup of a key absent from both maps does not count: a new
// snapshot would not have spared it the lock (counting them, a cache
// filled word by word, most words new, was copied over and over: each
// entry some 9 times). m.mu is held.
func (m *readMap[V]) missed() {
	m.misses++
	r := m.read.Load()
	nr := 0
	if r != nil {
		nr = len(*r)
	}
	if len(m.dirty) == 0 || m.misses < (nr+len(m.dirty))/4+32 {
		return
	}
	next := make(map[string]V, nr+len(m.dirty))
	if r != nil {
		for k, v := range *r {
			next[k] = v
		}
	}
	for k, v := range m.dirty {
		next[k] = v
	}
	m.read.Store(&next)
	m.dirty, m.misses = nil, 0
}

// fill makes entries, at most max of them, the contents of an empty
// readMap, which keeps the map (its keys must not be substrings of long
// texts): one snapshot, where storing them one by one made several. It
// returns the number of entries kept.
func (m *readMap[V]) fill(entries map[string]V, max int) int64 {
	if len(entries) > max {
		kept := make(map[string]V, max)
		for k, v := range entries {
			if len(kept) == max {
				break
			}
			kept[k] = v
		}
		entries = kept
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.read.Store(&entries)
	return int64(len(entries))
}

// Range calls fn for every entry, in no order, until fn returns false.
// Entries stored meanwhile may be left out.
func (m *readMap[V]) Range(fn func(k string, v V) bool) {
	m.mu.Lock()
	dirty := make(map[string]V, len(m.dirty))
	for k, v := range m.dirty {
		dirty[k] = v
	}
	r := m.read.Load()
	m.mu.Unlock()
	if r != nil {
		for k, v := range *r {
			if !fn(k, v) {
				return
			}
		}
	}
	for k, v := range dirty {
		if !fn(k, v) {
			return
		}
	}
}
