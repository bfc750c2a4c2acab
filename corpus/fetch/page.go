package fetch

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/parapost/parapost/corpus/internal/htmlx"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// page is what fetching needs to know of a t.me/s page: its posts' ids and
// dates and its paging links. The text is corpus.Read's business.
type page struct {
	Posts   []pagePost
	Before  int64 // data-before of the "more" link to older posts, 0 if none
	After   int64 // data-after of the "more" link to newer posts, 0 if none
	History bool  // the page has a channel history (section.tgme_channel_history), if empty
}

// pagePost is one message of a page.
type pagePost struct {
	ID   int64
	Date time.Time // zero when the page gives none
}

// errTruncated reports a page that stops before its end: a dropped
// connection or a proxy that cut it. Fetching retries it.
var errTruncated = errors.New("truncated page (no </html>)")

// parsePage reads the ids, dates and paging links of a t.me/s page of
// channel; messages of other channels (none on real pages) are ignored. A page
// without its closing </html> is errTruncated: t.me always sends it, and a
// cut page would silently lose posts.
func parsePage(body []byte, channel string) (*page, error) {
	tail := body[max(0, len(body)-256):]
	if !bytes.Contains(bytes.ToLower(tail), []byte("</html>")) {
		return nil, errTruncated
	}
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("parse page: %w", err)
	}
	p := &page{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case htmlx.HasClass(n, "tgme_widget_message") && htmlx.Attr(n, "data-post") != "":
				ch, id := htmlx.SplitDataPost(htmlx.Attr(n, "data-post"))
				if id > 0 && strings.EqualFold(ch, channel) {
					p.Posts = append(p.Posts, pagePost{ID: id, Date: postDate(n)})
				}
				return
			case htmlx.HasClass(n, "tgme_channel_history"):
				p.History = true
			case htmlx.HasClass(n, "tme_messages_more"):
				if v, err := strconv.ParseInt(htmlx.Attr(n, "data-before"), 10, 64); err == nil && v > 0 {
					p.Before = v
				}
				if v, err := strconv.ParseInt(htmlx.Attr(n, "data-after"), 10, 64); err == nil && v > 0 {
					p.After = v
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return p, nil
}

// idRange returns the smallest and largest post id of the page (0, 0 when it
// has no posts).
func (p *page) idRange() (first, last int64) {
	for i, q := range p.Posts {
		if i == 0 || q.ID < first {
			first = q.ID
		}
		if q.ID > last {
			last = q.ID
		}
	}
	return first, last
}

// dateRange returns the oldest and newest post date of the page (zero when
// none is known).
func (p *page) dateRange() (oldest, newest time.Time) {
	for _, q := range p.Posts {
		if q.Date.IsZero() {
			continue
		}
		if oldest.IsZero() || q.Date.Before(oldest) {
			oldest = q.Date
		}
		if q.Date.After(newest) {
			newest = q.Date
		}
	}
	return oldest, newest
}

// postDate reads the time[datetime] of a message's date link, outside a
// quoted reply.
func postDate(msg *html.Node) time.Time {
	var found time.Time
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			if htmlx.HasClass(n, "tgme_widget_message_reply") {
				return false
			}
			if n.DataAtom == atom.Time && n.Parent != nil && htmlx.HasClass(n.Parent, "tgme_widget_message_date") {
				if t, err := time.Parse(time.RFC3339, strings.TrimSpace(htmlx.Attr(n, "datetime"))); err == nil {
					found = t.UTC()
					return true
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(msg)
	return found
}
