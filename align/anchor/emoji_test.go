package anchor

import (
	"strings"
	"testing"
)

func TestEmojiAnchors(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // space-separated flag and emoji anchors
	}{
		{"flag run", "🇷🇺🇨🇳 Визит", "flag:🇷🇺🇨🇳"},
		{"flags apart", "🇷🇺 и 🇨🇳", "flag:🇷🇺 flag:🇨🇳"},
		{"odd indicator", "🇷🇺🇨 x", "flag:🇷🇺"},
		{"VS16 stripped", "❤️ love", "emoji:❤"},
		{"no selector", "❤ love", "emoji:❤"},
		{"skin tone kept", "👍🏻 ok", "emoji:👍🏻"},
		{"ZWJ sequence", "👨‍👩‍👧 family", "emoji:👨‍👩‍👧"},
		{"keycap", "1️⃣ first", "emoji:1⃣"},
		{"keycap without VS", "2⃣ second", "emoji:2⃣"},
		{"hash keycap", "#️⃣ x", "emoji:#⃣"},
		{"text copyright", "© 2024", ""},
		{"emoji copyright", "©️ x", "emoji:©"},
		{"text bullet", "▪ пункт", ""},
		{"emoji bullet", "▪️ пункт", "emoji:▪"},
		{"tag flag", "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland", "emoji:🏴󠁧󠁢󠁳󠁣󠁴󠁿"},
		{"two emoji", "💬💬", "emoji:💬 emoji:💬"},
		{"emoji then flag", "📰🇷🇺", "emoji:📰 flag:🇷🇺"},
		{"dingbat", "✍️ Приветствие", "emoji:✍"},
		{"lone selector", "a\uFE0F b", ""},
	}
	for _, tt := range tests {
		got := strings.Join(ancOfKinds(tt.text, "ru", Flag, Emoji), " ")
		if got != tt.want {
			t.Errorf("%s: Find(%q) = %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
}

func TestEmojiKeyAllocs(t *testing.T) {
	seq := "💬"
	if n := testing.AllocsPerRun(100, func() { _ = emojiKey(seq) }); n != 0 {
		t.Errorf("emojiKey without selectors allocates %.0f times, want 0", n)
	}
	if got := emojiKey("☝️"); got != "☝" {
		t.Errorf("emojiKey(☝️) = %q, want ☝", got)
	}
}
