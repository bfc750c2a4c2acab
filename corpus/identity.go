package corpus

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// chatIdentity returns what identifies p's chat beyond its name: its
// numeric chat id, or "" when the source does not give one. An HTML
// export has none (its folder is no identity: one chat may be exported
// twice); its posts are told apart by their texts (Dedup).
func chatIdentity(p *Post) string {
	if p.ChannelID != 0 {
		return "id:" + strconv.FormatInt(p.ChannelID, 10)
	}
	return ""
}

// chatLabel is the suffix that tells a chat apart in its Channel name.
func chatLabel(p *Post) string {
	return "chat " + strconv.FormatInt(p.ChannelID, 10)
}

// separateChats renames the Channel of chats that share a name but are
// different chats (two exports titled "test"): "test (chat 1001)". A
// title says nothing about identity, and merging the two would drop posts
// that happen to share an id. It returns a warning per renamed name.
func separateChats(posts []*Post) []string {
	ids := make(map[string]map[string]*Post) // channel -> identity -> first post
	for _, p := range posts {
		id := chatIdentity(p)
		if id == "" {
			continue
		}
		m := ids[p.Channel]
		if m == nil {
			m = make(map[string]*Post)
			ids[p.Channel] = m
		}
		if _, ok := m[id]; !ok {
			m[id] = p
		}
	}
	rename := make(map[[2]string]string) // channel, identity -> new channel
	var warnings []string
	for ch, m := range ids {
		if len(m) < 2 {
			continue
		}
		var names []string
		for id, p := range m {
			name := ch + " (" + chatLabel(p) + ")"
			rename[[2]string{ch, id}] = name
			names = append(names, fmt.Sprintf("%q from %s", name, p.Source))
		}
		sort.Strings(names)
		warnings = append(warnings, fmt.Sprintf("%d different chats are named %q: told apart as %s", len(m), ch, strings.Join(names, ", ")))
	}
	if len(rename) == 0 {
		return nil
	}
	sort.Strings(warnings)
	for _, p := range posts {
		if name, ok := rename[[2]string{p.Channel, chatIdentity(p)}]; ok {
			if p.ChannelTitle == "" {
				p.ChannelTitle = p.Channel
			}
			p.Channel = name
			if len(p.Provenance) > 0 {
				p.Provenance[0].Channel = name
			}
		}
	}
	return warnings
}
