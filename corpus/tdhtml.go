package corpus

import (
	"bytes"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/parapost/parapost/corpus/internal/htmlx"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Telegram Desktop's HTML export (the app's default export format, written
// by tdesktop's export_output_html.cpp) puts each chat in a folder of
// messages.html, messages2.html, ... (1000 messages a file). Every file has
// the chat's title in div.page_header .text and a div.history of messages:
//
//	<div class="message default clearfix" id="message123">
//	 <div class="pull_left userpic_wrap">...</div>
//	 <div class="body">
//	  <div class="pull_right date details" title="16.03.2022 19:24:40 UTC+03:00">19:24</div>
//	  <div class="from_name">Sender</div>
//	  <div class="forwarded body">            (a forward: its source, then the content)
//	   <div class="from_name">Source <span class="date details" title="...">...</span></div>
//	   <div class="media_wrap clearfix">...</div>
//	   <div class="text">Line one<br>line two</div>
//	  </div>
//	 </div>
//	</div>
//
// Consecutive messages of one sender are "message default clearfix joined"
// without the userpic and from_name; consecutive forwards from one source
// do not repeat its name. Service messages (and the date separators, with
// negative ids) are "message service". The date title is local time; the
// exporters of 2023 on append the UTC offset ("UTC+03:00"), older ones do
// not.

// looksLikeTelegramHTML reports whether head is a page of a Telegram
// Desktop HTML export with messages (not its lists or its index page).
func looksLikeTelegramHTML(head []byte) bool {
	if bytes.Contains(head, []byte("tgme_widget_message")) {
		return false
	}
	return bytes.Contains(head, []byte(`class="page_wrap"`)) &&
		(bytes.Contains(head, []byte(`class="history"`)) || bytes.Contains(head, []byte(`class="message `)))
}

// readTelegramHTML reads one messagesN.html file of a Telegram Desktop
// HTML export. The files of one folder are one chat: its posts share the
// channel, the chat's title. The export gives no chat id: two chats with
// one title are told apart by their posts' texts only (Dedup keeps both
// texts of an id and ReadPaths reports them).
func readTelegramHTML(r io.Reader, name string) ([]*Post, ReadStats, error) {
	return readTelegramHTMLOpt(r, name, nil)
}

func readTelegramHTMLOpt(r io.Reader, name string, opt *ReadOptions) ([]*Post, ReadStats, error) {
	tail := &tailKeeper{r: r}
	doc, err := html.Parse(tail)
	if err != nil {
		return nil, ReadStats{}, err
	}
	tr := &tdReader{name: name}
	tr.zone, tr.zoneGiven = opt.zone()
	if h := findHTML(doc, classIs("page_header"), nil); h != nil {
		if t := findHTML(h, classIs("text"), nil); t != nil {
			tr.title = cleanName(nodeText(t))
		}
	}
	tr.channel = tr.title
	if tr.channel == "" {
		// No header: the folder is the chat.
		tr.channel = cleanName(filepath.Base(filepath.Dir(name)))
	}
	found := false
	walkHTML(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && htmlx.HasClass(n, "message") && strings.HasPrefix(htmlx.Attr(n, "id"), "message") {
			found = true
			tr.message(n)
			return false
		}
		return true
	})
	if !found {
		return nil, ReadStats{}, inputErr(name, "", ErrNoPosts)
	}
	if err := tail.checkClosed(name, len(tr.posts)); err != nil {
		return nil, ReadStats{}, err
	}
	if tr.localDates > 0 {
		tr.stats.Warnings = append(tr.stats.Warnings, localDatesWarning(name, tr.localDates, "without a UTC offset", tr.zone, tr.zoneGiven))
	}
	tr.stats.Files = 1
	tr.stats.Posts = len(tr.posts)
	return tr.posts, tr.stats, nil
}

// tdReader holds the state of reading one file of an HTML export.
type tdReader struct {
	name           string
	title, channel string
	zone           *time.Location
	zoneGiven      bool
	localDates     int
	lastForward    string // the source of the previous forward, for joined forwards
	nmsg           int
	posts          []*Post
	stats          ReadStats
}

// message reads one div.message.
func (tr *tdReader) message(n *html.Node) {
	tr.nmsg++
	id, err := strconv.ParseInt(strings.TrimPrefix(htmlx.Attr(n, "id"), "message"), 10, 64)
	if htmlx.HasClass(n, "service") {
		if err == nil && id > 0 { // negative ids are date separators, not messages
			tr.skipped(skipService)
		}
		return
	}
	provID := id
	if err != nil || id <= 0 {
		id, provID = int64(tr.nmsg), 0
	}
	body := findHTML(n, classIs("body"), nil)
	if body == nil {
		tr.skipped(skipEmpty)
		return
	}
	var fwd *Forward
	content := body
	if f := findHTML(body, func(x *html.Node) bool { return htmlx.HasClass(x, "forwarded") && htmlx.HasClass(x, "body") }, nil); f != nil {
		content = f
		from := tr.lastForward
		if fn := findHTML(f, classIs("from_name"), nil); fn != nil {
			from = cleanName(nodeText(withoutDetails(fn)))
		}
		tr.lastForward = from
		if from != "" {
			fwd = &Forward{From: from}
		}
	}
	var ft flatText
	if t := findHTML(content, classIs("text"), classIs("media_wrap")); t != nil {
		ft = flattenParts(htmlParts(t))
	}
	if ft.text == "" {
		if findHTML(content, classIs("media_wrap"), nil) != nil {
			tr.skipped(skipMediaOnly)
		} else {
			tr.skipped(skipEmpty)
		}
		return
	}
	p := &Post{
		Channel:      tr.channel,
		ChannelTitle: tr.title,
		ID:           id,
		Date:         tr.date(body),
		Text:         ft.text,
		Source:       tr.name,
		Forward:      fwd,
		Links:        ft.links,
		Hashtags:     ft.hashtags,
		Provenance:   []Provenance{{Source: tr.name, Channel: tr.channel, PostID: provID}},
	}
	if ft.repaired {
		tr.stats.RepairedUTF8++
	}
	tr.posts = append(tr.posts, p)
}

// withoutDetails returns a copy of a from_name div without its date span.
func withoutDetails(n *html.Node) *html.Node {
	c := &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if htmlx.HasClass(k, "details") {
			continue
		}
		c.AppendChild(cloneHTML(k))
	}
	return c
}

// cloneHTML deep-copies n, detached from its tree.
func cloneHTML(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Attr: n.Attr}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(cloneHTML(k))
	}
	return c
}

// date reads the message's div.pull_right.date.details title:
// "16.03.2022 19:24:40", with " UTC+03:00" in newer exports. A date
// without an offset is read in the reader's zone. An unreadable title
// gives the zero time.
func (tr *tdReader) date(body *html.Node) time.Time {
	d := findHTML(body, func(x *html.Node) bool {
		return htmlx.HasClass(x, "date") && htmlx.HasClass(x, "pull_right") && hasAttr(x, "title")
	}, func(x *html.Node) bool { return htmlx.HasClass(x, "forwarded") })
	if d == nil {
		return time.Time{}
	}
	title := strings.TrimSpace(htmlx.Attr(d, "title"))
	local, off, hasOff := strings.Cut(title, " UTC")
	zone := tr.zone
	if hasOff {
		z, err := ParseZone("UTC" + strings.TrimSpace(off))
		if err != nil {
			return time.Time{}
		}
		zone = z
	}
	t, err := time.ParseInLocation("02.01.2006 15:04:05", strings.TrimSpace(local), zone)
	if err != nil {
		return time.Time{}
	}
	if !hasOff {
		tr.localDates++
	}
	return t.UTC()
}

func (tr *tdReader) skipped(reason string) {
	if tr.stats.Skipped == nil {
		tr.stats.Skipped = make(map[string]int)
	}
	tr.stats.Skipped[reason]++
}
