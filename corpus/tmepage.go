package corpus

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/parapost/parapost/corpus/internal/htmlx"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// readTMEPage reads a saved t.me/s/CHANNEL web page: each
// div.tgme_widget_message[data-post="channel/id"] is a post. The channel
// title of the page header becomes the posts' ChannelTitle, which lets
// ReadPaths rename an export's channel (known by title only) to the
// username.
//
// A page that ends before </body> or </html> is an error: it was cut
// (an interrupted download or copy), and its last post with it.
func readTMEPage(r io.Reader, name string) ([]*Post, ReadStats, error) {
	return readTMEPageOpt(r, name, nil)
}

func readTMEPageOpt(r io.Reader, name string, _ *ReadOptions) ([]*Post, ReadStats, error) {
	tail := &tailKeeper{r: r}
	doc, err := html.Parse(tail)
	if err != nil {
		return nil, ReadStats{}, err
	}
	pr := &tmeReader{name: name}
	pr.header(doc)
	found := false
	walkHTML(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && htmlx.HasClass(n, "tgme_widget_message") && hasAttr(n, "data-post") {
			found = true
			pr.message(n)
			return false
		}
		return true
	})
	if !found {
		return nil, ReadStats{}, inputErr(name, "", ErrNoPosts)
	}
	if err := tail.checkClosed(name, len(pr.posts)); err != nil {
		return nil, ReadStats{}, err
	}
	pr.stats.Files = 1
	pr.stats.Posts = len(pr.posts)
	return pr.posts, pr.stats, nil
}

// tmeReader holds the state of reading one page.
type tmeReader struct {
	name     string
	title    string // channel title from the page header
	username string // channel username from the page header
	posts    []*Post
	stats    ReadStats
	nmsg     int // messages seen, for posts without a usable data-post
}

// header reads the channel's title and username from the page header,
// falling back on the page's metadata.
func (pr *tmeReader) header(doc *html.Node) {
	if n := findHTML(doc, classIs("tgme_channel_info_header_title"), nil); n != nil {
		pr.title = cleanName(nodeText(n))
	} else if n := findHTML(doc, classIs("tgme_header_title"), nil); n != nil {
		pr.title = cleanName(nodeText(n))
	} else if n := findHTML(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Meta && htmlx.Attr(n, "property") == "og:title"
	}, nil); n != nil {
		pr.title = cleanName(htmlx.Attr(n, "content"))
	}
	if n := findHTML(doc, classIs("tgme_channel_info_header_username"), nil); n != nil {
		pr.username = strings.TrimPrefix(cleanName(nodeText(n)), "@")
	} else if n := findHTML(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Link && htmlx.Attr(n, "rel") == "canonical"
	}, nil); n != nil {
		if ch, _ := parseTMELink(htmlx.Attr(n, "href")); ch != "" {
			pr.username = ch
		}
	}
}

// message reads one div.tgme_widget_message.
func (pr *tmeReader) message(n *html.Node) {
	pr.nmsg++
	if htmlx.HasClass(n, "service_message") {
		pr.skipped(skipService)
		return
	}
	channel, id := htmlx.SplitDataPost(htmlx.Attr(n, "data-post"))
	provID := id
	if channel == "" {
		channel = pr.username
		if channel == "" {
			channel = pr.title
		}
	}
	if id == 0 {
		id = int64(pr.nmsg)
	}
	inReply := classIs("tgme_widget_message_reply")
	body := findHTML(n, classIs("tgme_widget_message_text"), inReply)
	if body == nil {
		pr.skipped(skipMediaOnly)
		return
	}
	ft := flattenParts(htmlParts(body))
	if ft.text == "" {
		pr.skipped(skipMediaOnly)
		return
	}
	p := &Post{
		Channel:    cleanName(channel),
		ID:         id,
		Date:       messageTime(n, inReply),
		Text:       ft.text,
		Source:     pr.name,
		Forward:    forwardOf(n, inReply),
		Edited:     isEdited(n),
		Links:      ft.links,
		Hashtags:   ft.hashtags,
		Provenance: []Provenance{{Source: pr.name, PostID: provID}},
	}
	p.Provenance[0].Channel = p.Channel
	if pr.username == "" || strings.EqualFold(pr.username, p.Channel) {
		p.ChannelTitle = pr.title
	}
	if ft.repaired {
		pr.stats.RepairedUTF8++
	}
	pr.posts = append(pr.posts, p)
}

func (pr *tmeReader) skipped(reason string) {
	if pr.stats.Skipped == nil {
		pr.stats.Skipped = make(map[string]int)
	}
	pr.stats.Skipped[reason]++
}

// messageTime returns the UTC time of the post's date link (or of its first
// time element outside a quoted reply), or the zero time.
func messageTime(n *html.Node, skip func(*html.Node) bool) time.Time {
	t := findHTML(n, func(x *html.Node) bool {
		return x.DataAtom == atom.Time && hasAttr(x, "datetime") && x.Parent != nil && htmlx.HasClass(x.Parent, "tgme_widget_message_date")
	}, skip)
	if t == nil {
		t = findHTML(n, func(x *html.Node) bool { return x.DataAtom == atom.Time && hasAttr(x, "datetime") }, skip)
	}
	if t == nil {
		return time.Time{}
	}
	d, err := time.Parse(time.RFC3339, strings.TrimSpace(htmlx.Attr(t, "datetime")))
	if err != nil {
		return time.Time{}
	}
	return d.UTC()
}

// forwardOf reads a.tgme_widget_message_forwarded_from_name: its href
// "https://t.me/src/456" gives the original channel and id; a forward from a
// hidden or private source only has the name.
func forwardOf(n *html.Node, skip func(*html.Node) bool) *Forward {
	f := findHTML(n, classIs("tgme_widget_message_forwarded_from_name"), skip)
	if f == nil {
		return nil
	}
	if ch, id := parseTMELink(htmlx.Attr(f, "href")); ch != "" {
		return &Forward{From: cleanName(ch), PostID: id, Title: cleanName(nodeText(f))}
	}
	if name := cleanName(nodeText(f)); name != "" {
		return &Forward{From: name}
	}
	return nil
}

// parseTMELink parses https://t.me/channel/123 and https://t.me/s/channel
// into channel and id (0 when absent). Private links (t.me/c/...) and
// other hosts give "".
func parseTMELink(href string) (string, int64) {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return "", 0
	}
	host := strings.ToLower(strings.TrimPrefix(u.Host, "www."))
	if host != "t.me" && host != "telegram.me" {
		return "", 0
	}
	segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	if len(segs) > 0 && segs[0] == "s" {
		segs = segs[1:]
	}
	if len(segs) == 0 || segs[0] == "c" || segs[0] == "joinchat" || strings.HasPrefix(segs[0], "+") {
		return "", 0
	}
	var id int64
	if len(segs) > 1 {
		id, _ = strconv.ParseInt(segs[1], 10, 64)
	}
	return segs[0], id
}

// isEdited reports whether the post's footer says "edited".
func isEdited(n *html.Node) bool {
	meta := findHTML(n, classIs("tgme_widget_message_meta"), classIs("tgme_widget_message_reply"))
	if meta == nil {
		return false
	}
	for c := meta.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.Contains(strings.ToLower(c.Data), "edited") {
			return true
		}
		if c.Type == html.ElementNode && htmlx.HasClass(c, "tgme_widget_message_edited") {
			return true
		}
	}
	return false
}

// htmlParts turns a message body into text parts as a browser renders it:
// runs of white space in the markup are one space, none at the start of a
// line; <br> is a newline; <pre> and <code> keep their white space; emoji
// images are their character; links are link parts, hashtag links (href
// "?q=%23tag") hashtags.
func htmlParts(body *html.Node) []textPart {
	hw := &htmlWhitespace{lineStart: true}
	var parts []textPart
	// visit renders the text of a link into b.
	var visit func(n *html.Node, b *strings.Builder)
	visit = func(n *html.Node, b *strings.Builder) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				hw.write(b, c.Data)
			case c.Type != html.ElementNode:
			case c.DataAtom == atom.Br:
				hw.newline(b)
			case c.DataAtom == atom.Script || c.DataAtom == atom.Style:
			case c.DataAtom == atom.Img:
				hw.write(b, htmlx.Attr(c, "alt"))
			case c.DataAtom == atom.Pre || c.DataAtom == atom.Code:
				hw.pre++
				visit(c, b)
				hw.pre--
			default:
				visit(c, b)
			}
		}
	}
	// Plain text goes to parts through a builder flushed at each link.
	var plain strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				hw.write(&plain, c.Data)
			case c.Type != html.ElementNode:
			case c.DataAtom == atom.Br:
				hw.newline(&plain)
			case c.DataAtom == atom.Script || c.DataAtom == atom.Style:
			case c.DataAtom == atom.A:
				if plain.Len() > 0 {
					parts = append(parts, textPart{text: plain.String()})
					plain.Reset()
				}
				hw.flushSpace(&parts)
				var ab strings.Builder
				visit(c, &ab)
				parts = append(parts, anchorPart(c, ab.String()))
			case c.DataAtom == atom.Img:
				hw.write(&plain, htmlx.Attr(c, "alt"))
			case c.DataAtom == atom.Pre || c.DataAtom == atom.Code:
				hw.pre++
				walk(c)
				hw.pre--
			default:
				walk(c)
			}
		}
	}
	walk(body)
	if plain.Len() > 0 {
		parts = append(parts, textPart{text: plain.String()})
	}
	return parts
}

// htmlWhitespace renders the white space of HTML text as a browser does
// (CSS white-space: normal, pre inside <pre> and <code>).
type htmlWhitespace struct {
	pre       int  // depth inside <pre>/<code>
	space     bool // a collapsed space is pending
	lineStart bool // nothing yet on the current line
}

// write appends the text of a text node.
func (hw *htmlWhitespace) write(b *strings.Builder, s string) {
	if hw.pre > 0 {
		if s == "" {
			return
		}
		if hw.space {
			b.WriteByte(' ')
			hw.space = false
		}
		b.WriteString(s)
		hw.lineStart = s[len(s)-1] == '\n'
		return
	}
	for len(s) > 0 {
		i := strings.IndexAny(s, " \t\n\r\f")
		if i < 0 {
			i = len(s)
		}
		if i > 0 {
			if hw.space {
				b.WriteByte(' ')
				hw.space = false
			}
			b.WriteString(s[:i])
			hw.lineStart = false
		}
		j := i
		for j < len(s) && strings.IndexByte(" \t\n\r\f", s[j]) >= 0 {
			j++
		}
		if j > i && !hw.lineStart {
			hw.space = true
		}
		s = s[j:]
	}
}

// newline renders a <br>.
func (hw *htmlWhitespace) newline(b *strings.Builder) {
	b.WriteByte('\n')
	hw.space, hw.lineStart = false, true
}

// flushSpace writes a pending space as its own part before a link.
func (hw *htmlWhitespace) flushSpace(parts *[]textPart) {
	if hw.space {
		*parts = append(*parts, textPart{text: " "})
		hw.space = false
	}
}

// anchorPart classifies a link inside a message body.
func anchorPart(a *html.Node, text string) textPart {
	href := strings.TrimSpace(htmlx.Attr(a, "href"))
	switch {
	case strings.HasPrefix(href, "?q=%23") || strings.HasPrefix(href, "?q=#") || strings.Contains(htmlx.Attr(a, "onclick"), "ShowHashtag("):
		return textPart{text: text, kind: kindHashtag}
	case strings.HasPrefix(strings.TrimSpace(text), "@"):
		return textPart{text: text, kind: "mention"}
	case hasURLScheme(href):
		return textPart{text: text, kind: kindTextLink, href: href}
	}
	return textPart{text: text, kind: "other"}
}

// hasURLScheme reports whether href is an absolute http(s) URL.
func hasURLScheme(href string) bool {
	l := strings.ToLower(href)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// nodeText returns the text under n, with <br> as newlines and emoji
// images as their alt text.
func nodeText(n *html.Node) string {
	var b strings.Builder
	for _, p := range htmlParts(n) {
		b.WriteString(p.text)
	}
	return b.String()
}

// walkHTML calls f on n and its descendants in document order; f returns
// false to skip a node's children.
func walkHTML(n *html.Node, f func(*html.Node) bool) {
	if !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkHTML(c, f)
	}
}

// findHTML returns the first descendant of n (n excluded) matching want
// outside the subtrees matching skip (nil skips nothing).
func findHTML(n *html.Node, want, skip func(*html.Node) bool) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode && c.Type != html.DocumentNode {
			continue
		}
		if skip != nil && skip(c) {
			continue
		}
		if want(c) {
			return c
		}
		if found := findHTML(c, want, skip); found != nil {
			return found
		}
	}
	return nil
}

// classIs returns a matcher for elements having class c.
func classIs(c string) func(*html.Node) bool {
	return func(n *html.Node) bool { return htmlx.HasClass(n, c) }
}

// hasClass reports whether element n has class c.

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return true
		}
	}
	return false
}

// tailKeeper passes a stream through, keeping its last bytes and its size,
// so that an HTML reader can tell a whole page from a cut one after
// parsing (the HTML parser closes whatever is open at the end).
type tailKeeper struct {
	r    io.Reader
	n    int64
	tail []byte
}

// tailSize is how much of the end of a page checkClosed looks at.
const tailSize = 4 << 10

func (t *tailKeeper) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.n += int64(n)
	if n >= tailSize {
		t.tail = append(t.tail[:0], p[n-tailSize:n]...)
	} else if n > 0 {
		if over := len(t.tail) + n - tailSize; over > 0 {
			t.tail = append(t.tail[:0], t.tail[over:]...)
		}
		t.tail = append(t.tail, p[:n]...)
	}
	return n, err
}

// checkClosed reports a page that ends before </body> or </html>; posts is
// how many posts were read, for the message.
func (t *tailKeeper) checkClosed(name string, posts int) error {
	lower := bytes.ToLower(t.tail)
	if bytes.Contains(lower, []byte("</html")) || bytes.Contains(lower, []byte("</body")) {
		return nil
	}
	return inputErr(name, "byte "+strconv.FormatInt(t.n, 10)+" (end of file)",
		fmt.Errorf("the page ends without </body></html> after %d posts: truncated file? (the last post would be cut short)", posts))
}
