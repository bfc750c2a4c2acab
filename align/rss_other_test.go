//go:build !unix

package align_test

// maxRSS is not measured on this system.
func maxRSS() float64 { return 0 }
