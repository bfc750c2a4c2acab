package eval

import (
	"testing"

	"github.com/parapost/parapost/corpus"
)

func TestMatchChannels(t *testing.T) {
	gold := []PostPair{
		{Source: corpus.Key{Channel: "MID_Russia", ID: 1}, Target: corpus.Key{Channel: "MFARussia", ID: 10}},
		{Source: corpus.Key{Channel: "MID_Russia", ID: 2}, Target: corpus.Key{Channel: "MFARussia", ID: 11}},
		{Source: corpus.Key{Channel: "Ghost", ID: 3}, Target: corpus.Key{Channel: "MFARussia", ID: 12}},
	}
	posts := []corpus.Key{
		{Channel: "MID_Russia", ID: 1}, {Channel: "MID_Russia", ID: 2},
		{Channel: "Russian MFA 🇷🇺", ID: 10}, {Channel: "Russian MFA 🇷🇺", ID: 11},
		{Channel: "Other", ID: 11}, // an id collision must not win the vote
	}
	m := MatchChannels(gold, posts)
	want := map[string]string{"MID_Russia": "MID_Russia", "MFARussia": "Russian MFA 🇷🇺", "Ghost": "Ghost"}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("MatchChannels[%q] = %q, want %q", k, m[k], v)
		}
	}
	got := Rename(gold[:1], m)
	if got[0].Target.Channel != "Russian MFA 🇷🇺" || gold[0].Target.Channel != "MFARussia" {
		t.Errorf("Rename = %+v (input %+v): want a renamed copy", got[0], gold[0])
	}
}
