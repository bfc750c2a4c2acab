package fetch

import (
	"errors"
	"os"
	"testing"
	"time"
)

func TestParsePage(t *testing.T) {
	body, err := os.ReadFile("../../testdata/mfa-sample/mid_russia.page.html")
	if err != nil {
		t.Fatal(err)
	}
	pg, err := parsePage(body, "mid_russia") // usernames are case-insensitive
	if err != nil {
		t.Fatal(err)
	}
	first, last := pg.idRange()
	oldest, newest := pg.dateRange()
	if !pg.History || len(pg.Posts) != 10 || first != 62145 || last != 62180 || pg.Before != 62145 || pg.After != 62180 {
		t.Errorf("%d posts %d–%d, before %d, after %d", len(pg.Posts), first, last, pg.Before, pg.After)
	}
	if !newest.Equal(time.Date(2024, 6, 10, 16, 30, 0, 0, time.UTC)) || oldest.After(newest) || oldest.IsZero() {
		t.Errorf("dates %s–%s", oldest, newest)
	}
	if pg, err := parsePage(body, "MFARussia"); err != nil || len(pg.Posts) != 0 {
		t.Errorf("another channel's posts: %v, %v", pg, err)
	}
	if _, err := parsePage(body[:len(body)/2], "MID_Russia"); !errors.Is(err, errTruncated) {
		t.Errorf("half a page: err %v, want errTruncated", err)
	}
}

func FuzzParsePage(f *testing.F) {
	if body, err := os.ReadFile("../../testdata/mfa-sample/mid_russia.page.html"); err == nil {
		f.Add(body)
	}
	f.Add([]byte(`<html><div class="tgme_widget_message" data-post="MID_Russia/-1"></div><a class="tme_messages_more" data-before="x"></a></html>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		pg, err := parsePage(body, "MID_Russia")
		if err != nil {
			return
		}
		first, last := pg.idRange()
		for _, p := range pg.Posts {
			if p.ID <= 0 || p.ID < first || p.ID > last {
				t.Fatalf("post id %d outside %d–%d", p.ID, first, last)
			}
		}
		if pg.Before < 0 || pg.After < 0 {
			t.Fatalf("negative link %d %d", pg.Before, pg.After)
		}
	})
}

func TestPageName(t *testing.T) {
	name := pageName(62145, 62180)
	if name != "0000062145-0000062180.html.gz" {
		t.Errorf("pageName = %q", name)
	}
	if f, l, ok := parsePageName(name); !ok || f != 62145 || l != 62180 {
		t.Errorf("parsePageName(%q) = %d, %d, %v", name, f, l, ok)
	}
	for _, bad := range []string{".stage-0000000001-0000000002.html.gz", "0000000002-0000000001.html.gz", "a-b.html.gz", "1-2.html", ".fetch.json"} {
		if _, _, ok := parsePageName(bad); ok {
			t.Errorf("parsePageName(%q) accepted", bad)
		}
	}
}
