//go:build unix

package align_test

import "syscall"

// maxRSS is the process's peak resident set size in MB, for benchmarks.
func maxRSS() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}
