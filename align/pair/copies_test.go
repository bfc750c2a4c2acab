package pair_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parapost/parapost/align/pair"
	"github.com/parapost/parapost/corpus"
)

// TestReposts: a translation channel that reposts an original untranslated
// (a paragraph cut) has the repost paired with that original, marked
// untranslated; the original's own translation still pairs with it when it
// has one, and short or ambiguous repeats are no reposts.
func TestReposts(t *testing.T) {
	day := time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)
	ru := func(id int64, h int, text string) *corpus.Post {
		return &corpus.Post{Channel: "MID_Russia", ID: id, Date: day.Add(time.Duration(h) * time.Hour), Text: text, Lang: "ru"}
	}
	en := func(id int64, h int, text, lang string) *corpus.Post {
		return &corpus.Post{Channel: "Embassy", ID: id, Date: day.Add(time.Duration(h) * time.Hour), Text: text, Lang: lang}
	}
	sleep := "Врач рассказала о продуктах и привычках, которые мешают здоровому сну. " +
		"Проблемы со сном часто возникают из-за кофеина: чая, кофе и шоколада. " +
		"Их лучше не употреблять за шесть часов до сна. " +
		"Важно соблюдать режим и давать организму восстанавливаться."
	cut := strings.Replace(sleep, "Их лучше не употреблять за шесть часов до сна. ", "", 1)
	posts := []*corpus.Post{
		ru(1, 0, sleep),
		ru(2, 1, "С праздником, друзья!"),
		ru(3, 2, "Переговоры министров 5 марта в Москве: 12 соглашений подписаны 🇷🇺🇧🇷"),
		en(101, 3, cut, "ru"), // the repost, a paragraph cut
		en(102, 4, "С праздником, друзья!", "ru"),
		en(103, 5, "Talks of the ministers on March 5 in Moscow: 12 agreements signed 🇷🇺🇧🇷", "en"),
		en(104, 6, "A statement on the anniversary.", "en"),
		en(105, 7, "Another statement, about trade.", "en"),
	}
	pairs, stats, err := pair.Posts(context.Background(), posts, pair.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]*corpus.Pair{}
	for _, p := range pairs {
		got[p.Target.ID] = p
	}
	if p := got[101]; p == nil || p.Source.ID != 1 || !p.Untranslated() || !strings.HasPrefix(p.Evidence[0], "copy:") {
		t.Errorf("repost 101: %+v, want paired with 1 as an untranslated copy", p)
	}
	if p := got[102]; p != nil {
		t.Errorf("a short greeting repeated was paired as a repost: %v → %v", p.Source.ID, p.Target.ID)
	}
	if p := got[103]; p == nil || p.Source.ID != 3 || p.Untranslated() {
		t.Errorf("translation 103: %+v, want paired with 3", p)
	}
	if stats.Reposts != 1 || stats.Paired != len(pairs)-1 {
		t.Errorf("stats: %d reposts, %d paired of %d pairs; want 1 and %d", stats.Reposts, stats.Paired, len(pairs), len(pairs)-1)
	}

	// Two originals the repost repeats equally: no repost.
	twice := append(posts[:1:1], ru(4, 1, sleep), en(101, 3, cut, "ru"), en(104, 6, "A statement on the anniversary.", "en"),
		en(105, 7, "Another statement, about trade.", "en"))
	pairs, _, err = pair.Posts(context.Background(), twice, pair.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pairs {
		if p.Target.ID == 101 {
			t.Errorf("repost of two identical originals paired with %d", p.Source.ID)
		}
	}
}
