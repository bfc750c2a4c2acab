// Package fetchtest is a fake t.me for tests: an httptest server that
// serves the web preview of channels (/s/CHANNEL, ?before=ID, ?after=ID)
// built from saved t.me/s pages, pages of PageSize posts with
// tme_messages_more links as t.me has them, with faults on demand.
package fetchtest

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/parapost/parapost/corpus/internal/htmlx"

	nethtml "golang.org/x/net/html"
)

// Fault is what the server does wrong with one request.
type Fault int

// The faults.
const (
	OK          Fault = iota
	TooMany           // 429 Too Many Requests with Retry-After: Server.RetryAfter
	ServerError       // 500 Internal Server Error
	CutBody           // declares the page's length, sends half of it, drops the connection
	CutHTML           // a complete response whose page stops half-way
	NoMoreLinks       // the page without its tme_messages_more links
)

// Server is a fake t.me. Set its fields before the first request.
type Server struct {
	*httptest.Server
	PageSize   int    // posts a page; 20 as t.me
	RetryAfter string // of a TooMany fault; "1"
	// EmptyAsNewest answers a ?before= past the first post or an ?after=
	// past the last with the newest page rather than an empty one (the
	// behaviour of some mirrors; fetching must not take it for new posts).
	EmptyAsNewest bool

	mu          sync.Mutex
	fault       func(n int, r *http.Request) Fault
	served      func(n int)
	channels    map[string]*channel
	log         []string
	agents      map[string]bool
	inflight    int
	maxInflight int
}

type channel struct {
	name    string
	title   string
	header  string // the page's rendered channel header
	msgs    []message
	visible int // messages published (the oldest ones)
}

type message struct {
	id   int64
	html string
}

// NewServer starts a server with no channel.
func NewServer() *Server {
	s := &Server{PageSize: 20, RetryAfter: "1", channels: map[string]*channel{}, agents: map[string]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// AddPages adds the messages of saved t.me/s pages to the channel name (its
// header comes from the first page); all are published.
func (s *Server) AddPages(name string, pages ...[]byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.channels[strings.ToLower(name)]
	if ch == nil {
		ch = &channel{name: name}
		s.channels[strings.ToLower(name)] = ch
	}
	for _, p := range pages {
		doc, err := nethtml.Parse(bytes.NewReader(p))
		if err != nil {
			return err
		}
		walk(doc, func(n *nethtml.Node) bool {
			switch {
			case n.Type == nethtml.ElementNode && n.Data == "title" && ch.title == "" && n.FirstChild != nil:
				ch.title = n.FirstChild.Data
			case htmlx.HasClass(n, "tgme_channel_info") && ch.header == "":
				ch.header = render(n)
				return false
			case htmlx.HasClass(n, "tgme_widget_message_wrap") || (htmlx.HasClass(n, "tgme_widget_message") && htmlx.Attr(n, "data-post") != ""):
				var id int64
				walk(n, func(m *nethtml.Node) bool {
					if v := htmlx.Attr(m, "data-post"); v != "" && id == 0 {
						id, _ = strconv.ParseInt(v[strings.LastIndexByte(v, '/')+1:], 10, 64)
					}
					return id == 0
				})
				if id > 0 {
					ch.msgs = append(ch.msgs, message{id: id, html: render(n)})
				}
				return false
			}
			return true
		})
	}
	slices.SortFunc(ch.msgs, func(a, b message) int { return int(a.id - b.id) })
	ch.msgs = slices.CompactFunc(ch.msgs, func(a, b message) bool { return a.id == b.id })
	ch.visible = len(ch.msgs)
	return nil
}

// SetFault makes f choose the fault of request n (1-based); nil: none.
func (s *Server) SetFault(f func(n int, r *http.Request) Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fault = f
}

// SetServed makes f be called after request n was answered; nil: nothing.
func (s *Server) SetServed(f func(n int)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.served = f
}

// Publish makes only the n oldest messages of channel visible (n < 0: all).
func (s *Server) Publish(channel string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.channels[strings.ToLower(channel)]
	if n < 0 || n > len(ch.msgs) {
		n = len(ch.msgs)
	}
	ch.visible = n
}

// IDs returns the ids of the published messages of channel, oldest first.
func (s *Server) IDs(channel string) []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.channels[strings.ToLower(channel)]
	var ids []int64
	for _, m := range ch.msgs[:ch.visible] {
		ids = append(ids, m.id)
	}
	return ids
}

// Edit replaces old by new in the text of message id and marks it edited,
// as t.me does ("edited" before the date).
func (s *Server) Edit(channel string, id int64, old, new string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.channels[strings.ToLower(channel)]
	for i, m := range ch.msgs {
		if m.id != id {
			continue
		}
		esc := html.EscapeString(old)
		if !strings.Contains(m.html, esc) {
			return fmt.Errorf("message %d has no %q", id, old)
		}
		h := strings.Replace(m.html, esc, html.EscapeString(new), 1)
		const meta = `<span class="tgme_widget_message_meta">`
		if !strings.Contains(h, meta+`<span class="tgme_widget_message_edited">`) {
			h = strings.Replace(h, meta, meta+`<span class="tgme_widget_message_edited">edited</span> `, 1)
		}
		ch.msgs[i].html = h
		return nil
	}
	return fmt.Errorf("no message %d", id)
}

// Requests returns the request URIs served so far, in order.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

// ResetLog forgets the requests served so far.
func (s *Server) ResetLog() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
}

// MaxConcurrent returns the largest number of requests served at once.
func (s *Server) MaxConcurrent() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxInflight
}

// UserAgents returns the User-Agents seen.
func (s *Server) UserAgents() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for a := range s.agents {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.log = append(s.log, r.URL.RequestURI())
	n := len(s.log)
	s.agents[r.UserAgent()] = true
	s.inflight++
	s.maxInflight = max(s.maxInflight, s.inflight)
	fault := OK
	if s.fault != nil {
		fault = s.fault(n, r)
	}
	served := s.served
	body, status, loc := s.page(r, fault == NoMoreLinks)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inflight--
		s.mu.Unlock()
		if served != nil {
			served(n)
		}
	}()

	switch fault {
	case TooMany:
		w.Header().Set("Retry-After", s.RetryAfter)
		http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
		return
	case ServerError:
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	if status != http.StatusOK {
		if loc != "" {
			w.Header().Set("Location", loc)
		}
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	switch fault {
	case CutBody:
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		w.Write(body[:len(body)/2])
		// Returning short of Content-Length makes net/http drop the connection.
		return
	case CutHTML:
		body = body[:len(body)/2]
	}
	w.Write(body)
}

// page renders the answer to r; s.mu is held.
func (s *Server) page(r *http.Request, noMore bool) (body []byte, status int, location string) {
	name, ok := strings.CutPrefix(r.URL.Path, "/s/")
	ch := s.channels[strings.ToLower(name)]
	if !ok || ch == nil || strings.Contains(name, "/") {
		// t.me's answer for a channel without preview or that does not exist.
		return nil, http.StatusFound, "/" + strings.TrimPrefix(name, "/")
	}
	msgs := ch.msgs[:ch.visible]
	lo, hi := max(0, len(msgs)-s.PageSize), len(msgs)
	q := r.URL.Query()
	if v := q.Get("before"); v != "" {
		b, _ := strconv.ParseInt(v, 10, 64)
		hi, _ = slices.BinarySearchFunc(msgs, b, func(m message, id int64) int { return int(m.id - id) })
		lo = max(0, hi-s.PageSize)
	} else if v := q.Get("after"); v != "" {
		a, _ := strconv.ParseInt(v, 10, 64)
		i, found := slices.BinarySearchFunc(msgs, a, func(m message, id int64) int { return int(m.id - id) })
		if found {
			i++
		}
		lo, hi = i, min(len(msgs), i+s.PageSize)
	}
	if lo >= hi && s.EmptyAsNewest {
		lo, hi = max(0, len(msgs)-s.PageSize), len(msgs)
	}
	page := msgs[lo:hi]
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title>"+
		"<link rel=\"canonical\" href=\"https://t.me/s/%s\"></head><body>%s"+
		"<section class=\"tgme_channel_history js-message_history\">\n",
		html.EscapeString(ch.title), ch.name, ch.header)
	if lo > 0 && len(page) > 0 && !noMore {
		fmt.Fprintf(&b, "<div class=\"tgme_widget_message_centered js-messages_more_wrap\"><a href=\"/s/%s?before=%d\" class=\"tme_messages_more js-messages_more\" data-before=\"%d\"></a></div>\n",
			ch.name, page[0].id, page[0].id)
	}
	for _, m := range page {
		b.WriteString(m.html)
		b.WriteByte('\n')
	}
	if hi < len(msgs) && len(page) > 0 && !noMore {
		last := page[len(page)-1].id
		fmt.Fprintf(&b, "<div class=\"tgme_widget_message_centered js-messages_more_wrap\"><a href=\"/s/%s?after=%d\" class=\"tme_messages_more js-messages_more\" data-after=\"%d\"></a></div>\n",
			ch.name, last, last)
	}
	b.WriteString("</section></body></html>\n")
	return b.Bytes(), http.StatusOK, ""
}

func walk(n *nethtml.Node, f func(*nethtml.Node) bool) {
	if !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func render(n *nethtml.Node) string {
	var b bytes.Buffer
	nethtml.Render(&b, n)
	return b.String()
}
