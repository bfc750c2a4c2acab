package detect

import (
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"
)

func TestScratchNew(t *testing.T) {
	start := time.Now()
	_, err := NewWithOptions(nil, Options{Accurate: os.Getenv("HIGH") != ""})
	if err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Printf("New: %v heap %d MB sys %d MB\n", el, m.HeapAlloc>>20, m.Sys>>20)
	start = time.Now()
	New(nil)
	fmt.Printf("second New: %v\n", time.Since(start))
}
