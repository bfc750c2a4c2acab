package sim

import (
	"fmt"
	"sync"
	"testing"
)

// TestReadMap: entries stored from several goroutines are all found, by
// Load and Range, before and after the snapshots that move them out of
// the locked map; a key stored twice keeps its first value.
func TestReadMap(t *testing.T) {
	var m readMap[int]
	const n, workers = 5000, 4
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range n {
				k := fmt.Sprint("w", i)
				if v, ok := m.Load(k); ok && v != i {
					t.Errorf("Load(%s) = %d during the stores, want %d", k, v, i)
				}
				m.LoadOrStore(k, i)
				if v, ok := m.Load(k); !ok || v != i {
					t.Errorf("worker %d: Load(%s) = %d, %v just after storing it", w, k, v, ok)
				}
			}
		}()
	}
	wg.Wait()
	if v, loaded := m.LoadOrStore("w7", 99); !loaded || v != 7 {
		t.Errorf("LoadOrStore of a stored key = %d, %v; want 7, true", v, loaded)
	}
	seen := map[string]int{}
	m.Range(func(k string, v int) bool {
		seen[k] = v
		return true
	})
	if len(seen) != n {
		t.Errorf("Range saw %d entries, want %d", len(seen), n)
	}
	if r := m.read.Load(); r == nil || len(*r) < n/2 {
		t.Errorf("the snapshot holds too few of the %d entries: lookups keep taking the lock", n)
	}
	if _, ok := m.Load("absent"); ok {
		t.Error("Load of an absent key found it")
	}
}
