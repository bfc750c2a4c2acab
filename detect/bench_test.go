package detect

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// benchTexts returns the texts of the test posts that have any.
func benchTexts(b *testing.B) []string {
	var texts []string
	for _, p := range testPosts(b) {
		if p.text != "" {
			texts = append(texts, p.text)
		}
	}
	return texts
}

// segmentTexts returns the WMT segments, one a line: short texts, most of
// which lingua has to decide.
func segmentTexts(b *testing.B) []string {
	files, err := filepath.Glob("../testdata/wmt23-ruen-dev/lines/doc*.[er][nu]")
	if err != nil || len(files) == 0 {
		b.Fatalf("no segment files (%v)", err)
	}
	var texts []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, strings.Split(strings.TrimSpace(string(data)), "\n")...)
	}
	return texts
}

// rate measures a benchmark's throughput.
type rate struct {
	cpu0 time.Duration
	ok   bool
}

func startRate() rate {
	cpu, ok := cpuTime()
	return rate{cpu, ok}
}

// report reports texts per second of wall time and of CPU time (which other
// processes on a shared machine do not disturb), the memory the process
// obtained from the OS and the live heap (mostly lingua's models of
// DefaultLanguages, all 75 of lingua's languages).
func (r rate) report(b *testing.B, n int) {
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "posts/s")
	if cpu, ok := cpuTime(); ok && r.ok {
		b.ReportMetric(float64(n)/(cpu-r.cpu0).Seconds(), "posts/cpu-s")
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.Sys)/(1<<20), "sys-MB")
	runtime.GC()
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "heap-MB")
}

// benchSerial detects texts on one goroutine.
func benchSerial(b *testing.B, texts []string) {
	d := defaultDetector(b)
	n, r := 0, startRate()
	for b.Loop() {
		d.Detect(texts[n%len(texts)])
		n++
	}
	r.report(b, n)
}

// benchParallel detects texts on GOMAXPROCS goroutines.
func benchParallel(b *testing.B, texts []string) {
	d := defaultDetector(b)
	r := startRate()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			d.Detect(texts[i%len(texts)])
		}
	})
	r.report(b, b.N)
}

// BenchmarkDetect measures one goroutine detecting the test posts.
func BenchmarkDetect(b *testing.B) { benchSerial(b, benchTexts(b)) }

// BenchmarkDetectParallel measures all cores detecting the test posts.
func BenchmarkDetectParallel(b *testing.B) { benchParallel(b, benchTexts(b)) }

// BenchmarkDetectSegments measures one goroutine detecting WMT segments.
func BenchmarkDetectSegments(b *testing.B) { benchSerial(b, segmentTexts(b)) }

// BenchmarkDetectSegmentsParallel measures all cores detecting WMT segments.
func BenchmarkDetectSegmentsParallel(b *testing.B) { benchParallel(b, segmentTexts(b)) }
