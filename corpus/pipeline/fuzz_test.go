package pipeline

import (
	"strings"
	"testing"
)

// FuzzParseShard: any --shard value is a Shard within range or an error,
// and a Shard prints as what parses back to it.
func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"0/4", "3/4", "4/4", "-1/2", "1/0", "x", "", "1/2/3", "99999999999999999999/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sh, err := ParseShard(s)
		if err != nil {
			if !strings.Contains(err.Error(), "I/N") {
				t.Errorf("ParseShard(%q): error %q does not say what is wanted", s, err)
			}
			return
		}
		if sh.Count < 1 || sh.Index < 0 || sh.Index >= sh.Count {
			t.Fatalf("ParseShard(%q) = %v: out of range", s, sh)
		}
		if again, err := ParseShard(sh.String()); err != nil || again != sh {
			t.Fatalf("%v prints as %q, which parses to %v, %v", sh, sh.String(), again, err)
		}
	})
}
