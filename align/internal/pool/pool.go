// Package pool runs work over index ranges on a bounded number of
// goroutines: the one worker pool of pairing and alignment.
package pool

import (
	"context"
	"runtime"
	"sync"
)

// Chunks runs work over [0, n) in chunks on workers goroutines (<= 0:
// GOMAXPROCS); newWorker makes each goroutine's function, so that it can own
// scratch space.
func Chunks(ctx context.Context, n, workers int, newWorker func() func(lo, hi int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Chunks of up to 256 items keep the lock cold; smaller ones for small
	// n, so that every worker gets a share.
	chunk := min(256, max(1, n/(8*workers)))
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		next int
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work := newWorker()
			for ctx.Err() == nil {
				mu.Lock()
				lo := next
				next += chunk
				mu.Unlock()
				if lo >= n {
					return
				}
				work(lo, min(lo+chunk, n))
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}
