package check

import "testing"

// Equal names panicked (a[i+1:] past the end): the 300k generated corpus
// of make bench-scale met it in `parapost build`.
func TestEditDistanceAtMost1(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"ab", "ab", true},
		{"Инна", "Инна", true},
		{"ab", "abc", true},
		{"abc", "ab", true},
		{"ab", "ax", true},
		{"ab", "xy", false},
		{"ab", "abcd", false},
		{"Joe", "Jon", true},
	}
	for _, tt := range tests {
		if got := editDistanceAtMost1(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistanceAtMost1(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := looseMatch(tt.a, tt.b); tt.want && !got {
			t.Errorf("looseMatch(%q, %q) = false for names one edit apart", tt.a, tt.b)
		}
	}
}
