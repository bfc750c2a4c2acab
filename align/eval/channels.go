package eval

import "github.com/parapost/parapost/corpus"

// MatchChannels maps the channel names of gold pairs to the names the
// posts carry. Gold files may name a channel by its username ("MFARussia")
// where an export only gives its title ("Russian MFA 🇷🇺"), or by a label of
// their own: a gold name that no post carries is mapped to the channel that
// holds the most of the gold's post ids for that name. Names that match are
// kept; a gold name with no post at all is kept as it is (its pairs are
// then simply missed).
func MatchChannels(gold []PostPair, posts []corpus.Key) map[string]string {
	have := make(map[string]bool)
	byID := make(map[int64][]string)
	for _, k := range posts {
		have[k.Channel] = true
		byID[k.ID] = append(byID[k.ID], k.Channel)
	}
	ids := make(map[string][]int64)
	for _, p := range gold {
		ids[p.Source.Channel] = append(ids[p.Source.Channel], p.Source.ID)
		ids[p.Target.Channel] = append(ids[p.Target.Channel], p.Target.ID)
	}
	m := make(map[string]string, len(ids))
	for name, list := range ids {
		if have[name] {
			m[name] = name
			continue
		}
		votes := make(map[string]int)
		for _, id := range list {
			for _, ch := range byID[id] {
				votes[ch]++
			}
		}
		best, bestN := name, 0
		for ch, n := range votes {
			if n > bestN || n == bestN && ch < best {
				best, bestN = ch, n
			}
		}
		m[name] = best
	}
	return m
}

// Rename returns the pairs with channel names mapped through m.
func Rename(pairs []PostPair, m map[string]string) []PostPair {
	out := make([]PostPair, len(pairs))
	for i, p := range pairs {
		p.Source.Channel = lookup(m, p.Source.Channel)
		p.Target.Channel = lookup(m, p.Target.Channel)
		out[i] = p
	}
	return out
}

func lookup(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}
