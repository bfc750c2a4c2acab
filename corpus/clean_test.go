package corpus

import (
	"slices"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNormalizeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\r\nb\rc", "a\nb\nc"},
		{"\n\n  \nfirst\n\n\nlast  \n\n", "first\n\n\nlast"},
		{"trailing \t\u00a0\nspaces   ", "trailing\nspaces"},
		{"  indented first line", "  indented first line"},
		{"e\u0301 й", "é й"}, // NFC composes; й stays
		{"bell\x07 nul\x00 del\x7f c1\u0085 tab\tkept", "bell nul del c1 tab\tkept"},
		{"", ""},
		{" \n \n", ""},
	}
	for _, tt := range tests {
		if got := normalizeText(tt.in); got != tt.want {
			t.Errorf("normalizeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExtractHashtags(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"#BRICS and #БРИКС, #Russia_China75.", []string{"#BRICS", "#БРИКС", "#Russia_China75"}},
		{"#RussiaChina\n#RussiaChina", []string{"#RussiaChina"}},
		{"issue #1, C# code, a#b, &#39;, ##x", nil},
		{"(#tag)", []string{"#tag"}},
		{"https://example.org/#anchor", nil},
	}
	for _, tt := range tests {
		if got := extractHashtags(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("extractHashtags(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestExtractURLs(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"See https://mid.ru/ru/news/1/. Then HTTP://X.ORG/a?b=1, ok", []string{"https://mid.ru/ru/news/1/", "HTTP://X.ORG/a?b=1"}},
		{"(https://en.wikipedia.org/wiki/BRICS_(disambiguation))", []string{"https://en.wikipedia.org/wiki/BRICS_(disambiguation)"}},
		{"«https://t.me/MID_Russia/1»", []string{"https://t.me/MID_Russia/1"}},
		{"nohttps://x.org shttp:// https://", nil},
	}
	for _, tt := range tests {
		if got := extractURLs(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("extractURLs(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestFlattenParts(t *testing.T) {
	tests := []struct {
		name  string
		parts []textPart
		want  flatText
	}{
		{
			name: "read in full stripped, URL kept",
			parts: []textPart{
				{text: "Text "}, {text: "#tag", kind: kindHashtag}, {text: ".\n\n"},
				{text: "Read in full", kind: kindTextLink, href: "https://mid.ru/1"}, {text: "\n "},
			},
			want: flatText{text: "Text #tag.", links: []string{"https://mid.ru/1"}, hashtags: []string{"#tag"}},
		},
		{
			name:  "Russian, any case",
			parts: []textPart{{text: "Текст\n"}, {text: "ЧИТАТЬ ПОЛНОСТЬЮ", kind: kindTextLink, href: "https://mid.ru/2"}},
			want:  flatText{text: "Текст", links: []string{"https://mid.ru/2"}},
		},
		{
			name:  "only a final link is the read-in-full link",
			parts: []textPart{{text: "Read in full", kind: kindTextLink, href: "https://a"}, {text: " and more"}},
			want:  flatText{text: "Read in full and more", links: []string{"https://a"}},
		},
		{
			name:  "plain text saying read in full stays",
			parts: []textPart{{text: "Read in full"}},
			want:  flatText{text: "Read in full"},
		},
		{
			name:  "link entity and the same bare URL once",
			parts: []textPart{{text: "https://x.org", kind: kindLink}, {text: " and https://x.org again"}},
			want:  flatText{text: "https://x.org and https://x.org again", links: []string{"https://x.org"}},
		},
		{
			name:  "invalid UTF-8",
			parts: []textPart{{text: "a\xffb"}},
			want:  flatText{text: "a\uFFFDb", repaired: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := flattenParts(tt.parts)
			if got.text != tt.want.text || !slices.Equal(got.links, tt.want.links) ||
				!slices.Equal(got.hashtags, tt.want.hashtags) || got.repaired != tt.want.repaired {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// Every rune nfcStable accepts must be in NFC and start a new composition
// unit; otherwise skipping the full check would leave text unnormalised.
func TestNFCStableRanges(t *testing.T) {
	for i, rg := range nfcStableRanges {
		if i > 0 && rg[0] <= nfcStableRanges[i-1][1] {
			t.Fatalf("ranges not sorted at %d", i)
		}
		for r := rg[0]; r <= rg[1]; r++ {
			s := string(r)
			p := norm.NFC.PropertiesString(s)
			if !norm.NFC.IsNormalString(s) || !p.BoundaryBefore() || p.CCC() != 0 {
				t.Errorf("U+%04X is not NFC-stable", r)
			}
		}
	}
	for _, s := range []string{"e\u0301", "Е\u0308", "\u212B", "\u2126", "\u1100\u1161"} {
		if nfcStable(s) {
			t.Errorf("nfcStable(%q) = true", s)
		}
	}
	if !nfcStable("Привет, world! «Ёлка» — 🇷🇺 ☝️ …") {
		t.Error("typical post text takes the slow path")
	}
}
