package corpus

import "strconv"

// applyUsernames gives every post a stable Channel: the username of its
// chat when any source gives one. Telegram Desktop exports know only a
// chat's title and numeric id; a t.me/s page pairs a title with its
// username in its header, a page's forward link ("Russian MFA 🇷🇺" →
// https://t.me/MFARussia/20514) does the same for the forwarded channel,
// and JSON Lines may give both. From that evidence:
//
//   - a post whose Channel is a title that names one username is renamed
//     to it, and keeps the title in ChannelTitle; forwards' From likewise;
//   - a title that two usernames claim, or that two chats (two numeric
//     ids) carry, is left alone: it names no one channel;
//   - every post of a chat (one ChannelID) takes the username found for
//     any post of that chat, so that a renamed channel's older exports
//     agree with its newer ones;
//   - posts of a username without ChannelID or ChannelTitle take them from
//     the other posts of that username when those agree.
func applyUsernames(posts []*Post) {
	byTitle := usernamesByTitle(posts)
	for _, p := range posts {
		if u, ok := byTitle[p.Channel]; ok {
			if p.ChannelTitle == "" {
				p.ChannelTitle = p.Channel
			}
			p.Channel = u
		}
		if f := p.Forward; f != nil {
			if u, ok := byTitle[f.From]; ok {
				if f.Title == "" {
					f.Title = f.From
				}
				f.From = u
			}
		}
	}

	// A chat's username, through any of its posts.
	byChat := uniqueValues[int64, string]{}
	for _, p := range posts {
		if p.ChannelID != 0 && hasUsername(p) {
			byChat.add(p.ChannelID, p.Channel)
		}
	}
	for _, p := range posts {
		if u, ok := byChat.get(p.ChannelID); ok && p.ChannelID != 0 && p.Channel != u {
			if p.ChannelTitle == "" && p.Channel != "" && !isChatName(p) {
				p.ChannelTitle = p.Channel
			}
			p.Channel = u
		}
	}

	// A username's chat id and title, from the posts that have them.
	ids := uniqueValues[string, int64]{}
	titles := uniqueValues[string, string]{}
	for _, p := range posts {
		if !hasUsername(p) {
			continue
		}
		if p.ChannelID != 0 {
			ids.add(p.Channel, p.ChannelID)
		}
		titles.add(p.Channel, p.ChannelTitle)
	}
	for _, p := range posts {
		if id, ok := ids.get(p.Channel); ok && p.ChannelID == 0 {
			p.ChannelID = id
		}
		if t, ok := titles.get(p.Channel); ok && p.ChannelTitle == "" {
			p.ChannelTitle = t
		}
	}
}

// usernamesByTitle maps each title to the one username the posts give for
// it; titles claimed by two usernames or carried by two chats are left out.
func usernamesByTitle(posts []*Post) map[string]string {
	names := uniqueValues[string, string]{}
	chats := make(map[string]map[int64]bool) // title -> chat ids
	for _, p := range posts {
		if p.ChannelTitle != "" && p.Channel != "" && p.Channel != p.ChannelTitle {
			names.add(p.ChannelTitle, p.Channel)
		}
		if f := p.Forward; f != nil && f.Title != "" && f.From != "" && f.From != f.Title {
			names.add(f.Title, f.From)
		}
		if p.ChannelID != 0 && p.ChannelTitle != "" {
			if chats[p.ChannelTitle] == nil {
				chats[p.ChannelTitle] = make(map[int64]bool)
			}
			chats[p.ChannelTitle][p.ChannelID] = true
		}
	}
	byTitle := make(map[string]string)
	for title, u := range names.values {
		if !names.ambiguous[title] && len(chats[title]) < 2 {
			byTitle[title] = u
		}
	}
	return byTitle
}

// hasUsername reports whether p's Channel is a username rather than its
// title or a name made of its chat id.
func hasUsername(p *Post) bool {
	return p.Channel != "" && p.ChannelTitle != "" && p.Channel != p.ChannelTitle
}

// isChatName reports whether p's Channel is the "chat" + id name that a
// Telegram export without a title gives.
func isChatName(p *Post) bool {
	return p.ChannelTitle == "" && p.ChannelID != 0 && p.Channel == "chat"+strconv.FormatInt(p.ChannelID, 10)
}

// uniqueValues collects, per key, the one value seen for it; a key seen
// with two different values is ambiguous and has none.
type uniqueValues[K comparable, V comparable] struct {
	values    map[K]V
	ambiguous map[K]bool
}

func (u *uniqueValues[K, V]) add(k K, v V) {
	var zero V
	if v == zero {
		return
	}
	if u.values == nil {
		u.values, u.ambiguous = make(map[K]V), make(map[K]bool)
	}
	if have, ok := u.values[k]; ok && have != v {
		u.ambiguous[k] = true
	}
	u.values[k] = v
}

func (u *uniqueValues[K, V]) get(k K) (V, bool) {
	v, ok := u.values[k]
	if !ok || u.ambiguous[k] {
		var zero V
		return zero, false
	}
	return v, true
}
