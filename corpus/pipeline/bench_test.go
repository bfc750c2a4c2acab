package pipeline

import (
	"fmt"
	"testing"
)

// BenchmarkAlign pairs and aligns the spread WMT23 corpus (81 translations
// over eight months) as one block and as blocks of 5 and 20 translations.
func BenchmarkAlign(b *testing.B) {
	for _, targets := range []int{0, 20, 5} {
		name := fmt.Sprintf("blockTargets=%d", targets)
		if targets == 0 {
			name = "oneBlock"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				posts := spreadPosts(b)
				b.StartTimer()
				build(b, posts, testOptions(targets))
			}
		})
	}
}
