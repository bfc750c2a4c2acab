package corpus

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

var pageCopies = filepath.Join(readers, "pagecopy")

// Text copied from a channel's own t.me/s page (rendered in headless
// Chromium: document.body.innerText, what select-all and copy give), in
// English and Russian UI, with and without forwards: the posts are those of
// the page itself, without the header, the channel name above each post,
// footers, media placeholders and "Read in full".
func TestReadPageCopyOwnChannel(t *testing.T) {
	tests := []struct {
		name              string
		channel, title    string
		forwards, edited  []int64
		mediaOnly         int
		splitsName, foots int
	}{
		{"mid_own.en", "MID_Russia", "МИД России 🇷🇺", []int64{3}, []int64{2}, 1, 4, 4},
		{"mid_own.ru", "MID_Russia", "МИД России 🇷🇺", []int64{3}, []int64{2}, 1, 4, 4},
		{"dailynews.en", "DailyNewsEN", "Daily News 🇷🇺", nil, nil, 0, 3, 3},
		{"dailynews.ru", "DailyNewsEN", "Daily News 🇷🇺", nil, nil, 0, 3, 3},
	}
	chrome := []string{"subscribers", "подписчиков", "Download Telegram", "Скачать Telegram", "@MID_Russia", "@DailyNewsEN",
		"views", "просмотров", "Forwarded from", "Переслано из", "READ IN FULL", "ЧИТАТЬ ПОЛНОСТЬЮ", "Читать полностью",
		"VIEW IN TELEGRAM", "ПОСМОТРЕТЬ В TELEGRAM", "Please open Telegram", "Пожалуйста, откройте", "News of the day in English", "Официальный канал"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			copied, stats := readTestFile(t, filepath.Join(pageCopies, tt.name+".page.txt"))
			saved, _ := readTestFile(t, filepath.Join(pageCopies, tt.name+".html"))
			if len(copied) != len(saved) {
				t.Fatalf("%d posts from the copy, %d from the page", len(copied), len(saved))
			}
			for i, p := range copied {
				// The copy's text is the page's post text, line for line
				// (the page's emoji images copy as their characters).
				if p.Text != saved[i].Text {
					t.Errorf("post %d:\ncopy %q\npage %q", i+1, p.Text, saved[i].Text)
				}
				if p.Channel != tt.channel || p.ChannelTitle != tt.title || p.ID != int64(i+1) || p.HasDate() {
					t.Errorf("post %d: %s (%s) id %d date %v", i+1, p.Channel, p.ChannelTitle, p.ID, p.Date)
				}
				for _, c := range chrome {
					if strings.Contains(p.Text, c) {
						t.Errorf("post %d keeps %q", i+1, c)
					}
				}
				if strings.HasPrefix(p.Text, tt.title) {
					t.Errorf("post %d keeps the channel name", i+1)
				}
				fwd := p.Forward != nil
				if fwd != contains(tt.forwards, p.ID) || fwd && p.Forward.From != "Russian MFA 🇷🇺" {
					t.Errorf("post %d forward %+v", i+1, p.Forward)
				}
				if p.Edited != contains(tt.edited, p.ID) {
					t.Errorf("post %d edited %v", i+1, p.Edited)
				}
			}
			if stats.Skipped[skipMediaOnly] != tt.mediaOnly {
				t.Errorf("skipped %v, want %d media only", stats.Skipped, tt.mediaOnly)
			}
			if stats.PageSplits[splitName] != tt.splitsName || stats.PageSplits[splitFooter] != tt.foots {
				t.Errorf("splits %v", stats.PageSplits)
			}
		})
	}
}

func contains(list []int64, id int64) bool {
	for _, x := range list {
		if x == id {
			return true
		}
	}
	return false
}

// A copy taken through a t.me mirror keeps no channel names, footers or
// "Forwarded from" lines: "👉 READ IN FULL" closes its posts.
func TestReadPageCopyMirror(t *testing.T) {
	posts, stats := readTestFile(t, filepath.Join(pageCopies, "mirror.page.txt"))
	want := []string{
		"🇷🇺🇧🇷 On June 10, Foreign Minister met with his Brazilian counterpart in a made-up fixture.\n\nThe Ministers discussed bilateral trade.",
		"📰 A second made-up post about the #BRICS ministerial meeting.",
		"A third post, without a closing link, ends the copy.",
	}
	if len(posts) != len(want) {
		var got []string
		for _, p := range posts {
			got = append(got, p.Text)
		}
		t.Fatalf("posts %q", got)
	}
	for i, p := range posts {
		if p.Text != want[i] || p.Channel != "Russian MFA 🇷🇺" {
			t.Errorf("post %d: %s %q", i+1, p.Channel, p.Text)
		}
	}
	if stats.PageSplits[splitReadMore] != 2 || stats.Skipped[skipMediaOnly] != 0 {
		t.Errorf("splits %v skipped %v", stats.PageSplits, stats.Skipped)
	}
	lines := stats.SummaryLines()
	if len(lines) != 1 || lines[0] != `page copies split into posts at 2× "Read in full"` {
		t.Errorf("summary %q", lines)
	}
}

// A copy of a page read with the page itself adds no posts: each copied
// post is merged into the saved one (same channel, same text).
func TestReadPageCopyWithPage(t *testing.T) {
	posts, stats, err := ReadPaths(context.Background(), []string{
		filepath.Join(pageCopies, "mid_own.en.page.txt"), filepath.Join(pageCopies, "mid_own.en.html"),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 3 || stats.Duplicates != 3 {
		t.Fatalf("%d posts, %d merged; want 3 and 3", len(posts), stats.Duplicates)
	}
	for _, p := range posts {
		if !p.HasDate() || p.Provenance[0].PostID == 0 || len(p.Provenance) != 2 {
			t.Errorf("post %s/%d: date %v provenance %+v", p.Channel, p.ID, p.Date, p.Provenance)
		}
	}
}

// A copy without the header (selected from the first post on) still
// drops the channel name that heads each post; Russian counters with
// "тыс." are footers.
func TestReadPageCopyHeaderless(t *testing.T) {
	copied := "Daily News 🇷🇺\nFirst post.\n1,2 тыс. просмотров11:11\nDaily News 🇷🇺\nSecond post.\n\nDaily News 🇷🇺 is named in it.\n987 views edited 12:00\nDaily News 🇷🇺\nThird post.\n"
	posts, stats, err := Read(strings.NewReader(copied), "dir/copy.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"First post.", "Second post.\n\nDaily News 🇷🇺 is named in it.", "Third post."}
	if len(posts) != len(want) {
		t.Fatalf("%d posts: %+v", len(posts), posts)
	}
	for i, p := range posts {
		if p.Text != want[i] || p.Channel != "Daily News 🇷🇺" {
			t.Errorf("post %d: %s %q", i+1, p.Channel, p.Text)
		}
	}
	if !posts[1].Edited || stats.PageSplits[splitName] != 3 || stats.PageSplits[splitFooter] != 2 {
		t.Errorf("edited %v, splits %v", posts[1].Edited, stats.PageSplits)
	}
}
