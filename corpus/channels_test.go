package corpus

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestApplyUsernames(t *testing.T) {
	type post struct {
		channel, title string
		id             int64
		fwdFrom        string
		fwdTitle       string
	}
	type want struct {
		channel, title string
		id             int64
		fwdFrom        string
	}
	tests := []struct {
		name  string
		posts []post
		want  []want
	}{
		{
			name: "a page's forward link names the exported channel",
			posts: []post{
				{channel: "Russian MFA 🇷🇺", title: "Russian MFA 🇷🇺", id: 1101806611},
				{channel: "EmbassyUSA", title: "Embassy", fwdFrom: "MFARussia", fwdTitle: "Russian MFA 🇷🇺"},
			},
			want: []want{
				{channel: "MFARussia", title: "Russian MFA 🇷🇺", id: 1101806611},
				{channel: "EmbassyUSA", title: "Embassy", fwdFrom: "MFARussia"},
			},
		},
		{
			name: "a page header names the exported channel; the page's posts get its chat id",
			posts: []post{
				{channel: "МИД России 🇷🇺", title: "МИД России 🇷🇺", id: 1065276858},
				{channel: "MID_Russia", title: "МИД России 🇷🇺"},
			},
			want: []want{
				{channel: "MID_Russia", title: "МИД России 🇷🇺", id: 1065276858},
				{channel: "MID_Russia", title: "МИД России 🇷🇺", id: 1065276858},
			},
		},
		{
			name: "a forward by title is renamed; a page copy's post takes the title",
			posts: []post{
				{channel: "MFARussia", title: "Russian MFA 🇷🇺"},
				{channel: "MFARussia"},
				{channel: "Embassy", title: "Embassy", fwdFrom: "Russian MFA 🇷🇺"},
			},
			want: []want{
				{channel: "MFARussia", title: "Russian MFA 🇷🇺"},
				{channel: "MFARussia", title: "Russian MFA 🇷🇺"},
				{channel: "Embassy", title: "Embassy", fwdFrom: "MFARussia"},
			},
		},
		{
			name: "a renamed channel: the chat id carries the username to the old title",
			posts: []post{
				{channel: "MFA of Russia", title: "MFA of Russia", id: 7},
				{channel: "Russian MFA 🇷🇺", title: "Russian MFA 🇷🇺", id: 7},
				{channel: "MFARussia", title: "Russian MFA 🇷🇺"},
			},
			want: []want{
				{channel: "MFARussia", title: "MFA of Russia", id: 7},
				{channel: "MFARussia", title: "Russian MFA 🇷🇺", id: 7},
				{channel: "MFARussia", title: "Russian MFA 🇷🇺", id: 7},
			},
		},
		{
			name: "two chats titled alike are not merged under one username",
			posts: []post{
				{channel: "test", title: "test", id: 1},
				{channel: "test", title: "test", id: 2},
				{channel: "test_one", title: "test"},
			},
			want: []want{
				{channel: "test", title: "test", id: 1},
				{channel: "test", title: "test", id: 2},
				{channel: "test_one", title: "test"},
			},
		},
		{
			name: "a title two usernames claim stays a title",
			posts: []post{
				{channel: "News", title: "News", id: 3},
				{channel: "news_a", title: "News"},
				{channel: "news_b", title: "News"},
			},
			want: []want{
				{channel: "News", title: "News", id: 3},
				{channel: "news_a", title: "News"},
				{channel: "news_b", title: "News"},
			},
		},
		{
			name: "no username anywhere: the title stays",
			posts: []post{
				{channel: "Russian MFA 🇷🇺", title: "Russian MFA 🇷🇺", id: 1101806611},
				{channel: "Embassy", fwdFrom: "Russian MFA 🇷🇺"},
			},
			want: []want{
				{channel: "Russian MFA 🇷🇺", title: "Russian MFA 🇷🇺", id: 1101806611},
				{channel: "Embassy", fwdFrom: "Russian MFA 🇷🇺"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var posts []*Post
			for i, p := range tt.posts {
				q := &Post{Channel: p.channel, ChannelTitle: p.title, ChannelID: p.id, ID: int64(i + 1)}
				if p.fwdFrom != "" {
					q.Forward = &Forward{From: p.fwdFrom, Title: p.fwdTitle}
				}
				posts = append(posts, q)
			}
			applyUsernames(posts)
			for i, w := range tt.want {
				p := posts[i]
				got := want{channel: p.Channel, title: p.ChannelTitle, id: p.ChannelID}
				if p.Forward != nil {
					got.fwdFrom = p.Forward.From
				}
				if got != w {
					t.Errorf("post %d: got %+v, want %+v", i, got, w)
				}
			}
		})
	}
}

// TestReadPathsChannelIdentity reads a Telegram export, which knows only
// its channel's title and id, with a saved t.me/s page that forwards one of
// its posts with a link: every post of the export gets the username.
func TestReadPathsChannelIdentity(t *testing.T) {
	dir := t.TempDir()
	export := `{"name": "Russian MFA 🇷🇺", "type": "public_channel", "id": 1101806611, "messages": [
 {"id": 20514, "type": "message", "date": "2024-03-05T19:40:12", "date_unixtime": "1709656812", "text": "Statement on BRICS."},
 {"id": 20515, "type": "message", "date": "2024-03-05T20:00:00", "date_unixtime": "1709658000", "text": "Briefing by the spokeswoman."}
]}`
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Embassy – Telegram</title></head><body>
<div class="tgme_channel_info_header"><div class="tgme_channel_info_header_title"><span dir="auto">Embassy of Russia</span></div>
<div class="tgme_channel_info_header_username"><a href="https://t.me/EmbassyofRussiaUSA">@EmbassyofRussiaUSA</a></div></div>
<div class="tgme_widget_message js-widget_message" data-post="EmbassyofRussiaUSA/7">
 <div class="tgme_widget_message_forwarded_from accent_color">Forwarded from <a class="tgme_widget_message_forwarded_from_name" href="https://t.me/MFARussia/20514"><span dir="auto">Russian MFA <i class="emoji"><b>🇷🇺</b></i></span></a></div>
 <div class="tgme_widget_message_text js-message_text" dir="auto">Statement on BRICS.</div>
</div></body></html>`
	for name, body := range map[string]string{"mfa.result.json": export, "embassy.html": page} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	posts, _, err := ReadPaths(context.Background(), []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 2 {
		t.Fatalf("read %d posts, want 2 (the forward merged into its original)", len(posts))
	}
	for _, p := range posts {
		if p.Channel != "MFARussia" || p.ChannelTitle != "Russian MFA 🇷🇺" || p.ChannelID != 1101806611 {
			t.Errorf("post %d: channel %q, title %q, id %d; want MFARussia, Russian MFA 🇷🇺, 1101806611", p.ID, p.Channel, p.ChannelTitle, p.ChannelID)
		}
	}
}
