package measure

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// textSizeRef is TextSize as first written: rune by rune.
func textSizeRef(s string) int {
	n := 0
	for _, r := range s {
		if r < utf8.RuneSelf {
			if c := r | 0x20; 'a' <= c && c <= 'z' || '0' <= r && r <= '9' {
				n++
			}
		} else if r >= 0x400 && r <= 0x4FF || unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// TestTextSize: every rune below U+3000 and broken UTF-8 count as rune by
// rune, whatever shortcut TextSize takes.
func TestTextSize(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x3000; r++ {
		all.WriteRune(r)
		if got, want := TextSize(string(r)+"a"), textSizeRef(string(r)+"a"); got != want {
			t.Fatalf("TextSize(%q) = %d, want %d", string(r)+"a", got, want)
		}
	}
	for _, s := range []string{all.String(), "Лавров\xd0", "\xd0\xd0\x80b", "\xd3", "Ёж, 20 — «Су-57» ҂҃", ""} {
		if got, want := TextSize(s), textSizeRef(s); got != want {
			t.Errorf("TextSize(%q) = %d, want %d", s, got, want)
		}
	}
	if got := TextSize("Су-57 и G20!"); got != 8 {
		t.Errorf("TextSize = %d, want 8", got)
	}
}

// BenchmarkTextSize measures TextSize on a Russian post.
func BenchmarkTextSize(b *testing.B) {
	post := strings.Repeat("Министр иностранных дел России С.В.Лавров провёл переговоры с G20 в 2024 году. ", 20)
	b.SetBytes(int64(len(post)))
	for b.Loop() {
		TextSize(post)
	}
}

// TestRussianAt: RussianAt holds exactly where a valid two-byte rune of
// U+0400–U+047F starts, and each such rune is a letter.
func TestRussianAt(t *testing.T) {
	for r := rune(0); r < 0x800; r++ {
		s := string(r) + "a"
		want := 0x400 <= r && r <= 0x47F
		if got := RussianAt(s, 0); got != want {
			t.Fatalf("RussianAt(%q, 0) = %v, want %v", s, got, want)
		}
		if want && !unicode.IsLetter(r) {
			t.Errorf("%U is not a letter", r)
		}
	}
	for _, s := range []string{"\xd0", "\xd0a", "\xd1\xd0"} {
		if RussianAt(s, 0) {
			t.Errorf("RussianAt(%q, 0) on broken UTF-8", s)
		}
	}
}
