// Package gmttest is a fake Cloud Translation v3 API for tests: an
// httptest server speaking the REST wire format of translateText
// (POST /v3/projects/P/locations/L:translateText, JSON in and out, Google's
// error bodies), with faults injected per request and counts of what it
// was asked and answered.
package gmttest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// Fault is what the server does with one request instead of answering.
type Fault struct {
	Status     int           // reply with this status and a Google error body
	Reason     string        // the ErrorInfo reason of the body (e.g. BILLING_DISABLED)
	RetryAfter string        // the Retry-After header
	Delay      time.Duration // wait this long first (a reply slower than the deadline)
	Malformed  bool          // answer 200 with a body that is not JSON
	Truncate   bool          // answer 200, send half the body, drop the connection
}

// Server is the fake API; its Set methods may be called at any time.
type Server struct {
	*httptest.Server

	knobs sync.Mutex
	// project is the only project it knows (others get 403
	// CONSUMER_INVALID, as Google answers); "" accepts any.
	project   string
	translate func(text string) string
	latency   time.Duration
	fault     func(n int, contents []string) *Fault

	Requests    atomic.Int64 // requests received
	InFlight    atomic.Int64
	MaxInFlight atomic.Int64

	mu       sync.Mutex
	answered map[string]int // text → times translated in a 200 reply
	chars    int64          // code points of the texts answered
	bodies   []Request
}

// Request is what one request asked for.
type Request struct {
	Contents           []string `json:"contents"`
	SourceLanguageCode string   `json:"sourceLanguageCode"`
	TargetLanguageCode string   `json:"targetLanguageCode"`
	MimeType           string   `json:"mimeType"`
	Model              string   `json:"model"`
	GlossaryConfig     *struct {
		Glossary string `json:"glossary"`
	} `json:"glossaryConfig"`
}

// SetProject makes the server know only project p ("" any): others get
// 403 CONSUMER_INVALID, as Google answers.
func (s *Server) SetProject(p string) { s.knobs.Lock(); s.project = p; s.knobs.Unlock() }

// SetTranslate sets how one text is translated (nil: "[en] " + text).
func (s *Server) SetTranslate(f func(string) string) {
	s.knobs.Lock()
	s.translate = f
	s.knobs.Unlock()
}

// SetLatency makes every reply take d from the request's arrival.
func (s *Server) SetLatency(d time.Duration) { s.knobs.Lock(); s.latency = d; s.knobs.Unlock() }

// SetFault sets what may make request n (1-based) fail (nil: none).
func (s *Server) SetFault(f func(n int, contents []string) *Fault) {
	s.knobs.Lock()
	s.fault = f
	s.knobs.Unlock()
}

// New starts a fake on loopback; the caller closes it.
func New() *Server {
	s := &Server{answered: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

var pathRE = regexp.MustCompile(`^/v3/projects/([^/]+)/locations/([^/:]+):translateText$`)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	arrived := time.Now()
	n := int(s.Requests.Add(1))
	s.knobs.Lock()
	project, translate, latency, fault := s.project, s.translate, s.latency, s.fault
	s.knobs.Unlock()
	in := s.InFlight.Add(1)
	defer s.InFlight.Add(-1)
	for {
		m := s.MaxInFlight.Load()
		if in <= m || s.MaxInFlight.CompareAndSwap(m, in) {
			break
		}
	}
	m := pathRE.FindStringSubmatch(r.URL.Path)
	if r.Method != http.MethodPost || m == nil {
		googleError(w, http.StatusNotFound, "NOT_FOUND", "", "no such method: "+r.Method+" "+r.URL.Path)
		return
	}
	var req Request
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		googleError(w, http.StatusBadRequest, "INVALID_ARGUMENT", "", "invalid JSON payload: "+err.Error())
		return
	}
	if project != "" && m[1] != project {
		googleError(w, http.StatusForbidden, "PERMISSION_DENIED", "CONSUMER_INVALID", "Permission denied on resource project "+m[1]+".")
		return
	}
	runes := 0
	for _, c := range req.Contents {
		runes += utf8.RuneCountInString(c)
	}
	switch {
	case len(req.Contents) == 0 || len(req.Contents) > 1024:
		googleError(w, http.StatusBadRequest, "INVALID_ARGUMENT", "", fmt.Sprintf("%d contents: want 1 to 1024", len(req.Contents)))
		return
	case runes > 30000:
		googleError(w, http.StatusBadRequest, "INVALID_ARGUMENT", "", "Text is too long.")
		return
	case req.MimeType != "text/plain" || req.SourceLanguageCode == "" || req.TargetLanguageCode == "":
		googleError(w, http.StatusBadRequest, "INVALID_ARGUMENT", "", "want mimeType text/plain and both language codes")
		return
	}
	s.mu.Lock()
	s.bodies = append(s.bodies, req)
	s.mu.Unlock()

	var f *Fault
	if fault != nil {
		f = fault(n, req.Contents)
	}
	delay := latency
	if f != nil {
		delay += f.Delay
	}
	// The latency counts from the request's arrival: it includes the
	// server's own work, as a real service's does.
	if delay -= time.Since(arrived); delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	if f != nil && f.Status != 0 {
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		status := map[int]string{429: "RESOURCE_EXHAUSTED", 403: "PERMISSION_DENIED", 500: "INTERNAL", 503: "UNAVAILABLE", 404: "NOT_FOUND"}[f.Status]
		googleError(w, f.Status, status, f.Reason, "fault injected")
		return
	}
	if f != nil && f.Malformed {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"translations": [{"translatedText": "oops`))
		return
	}
	type tr struct {
		TranslatedText string `json:"translatedText"`
	}
	out := struct {
		Translations []tr `json:"translations"`
	}{}
	for _, c := range req.Contents {
		t := "[en] " + c
		if translate != nil {
			t = translate(c)
		}
		out.Translations = append(out.Translations, tr{t})
	}
	body, _ := json.Marshal(out)
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	if f != nil && f.Truncate {
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.Write(body[:len(body)/2])
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
			}
		}
		return
	}
	if _, err := w.Write(body); err != nil || r.Context().Err() != nil {
		return
	}
	s.mu.Lock()
	for _, c := range req.Contents {
		s.answered[c]++
		s.chars += int64(utf8.RuneCountInString(c))
	}
	s.mu.Unlock()
}

func googleError(w http.ResponseWriter, code int, status, reason, msg string) {
	var details []map[string]string
	if reason != "" {
		details = append(details, map[string]string{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": reason, "domain": "googleapis.com"})
	}
	body, _ := json.Marshal(map[string]any{"error": map[string]any{"code": code, "message": msg, "status": status, "details": details}})
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(code)
	w.Write(body)
}

// Answered returns how many times each text was translated in a reply
// the server sent whole.
func (s *Server) Answered() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.answered))
	for k, v := range s.answered {
		out[k] = v
	}
	return out
}

// Chars returns the code points of the texts answered.
func (s *Server) Chars() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.chars
}

// Bodies returns the requests received (well-formed ones), in order.
func (s *Server) Bodies() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.bodies...)
}

// Reset forgets the counts (between two runs of a test).
func (s *Server) Reset() {
	s.mu.Lock()
	s.answered, s.chars, s.bodies = map[string]int{}, 0, nil
	s.mu.Unlock()
	s.Requests.Store(0)
	s.MaxInFlight.Store(0)
}

// Lookup returns a Translate function answering from pairs of source
// text → translation (keys with white space folded), "" for unknown texts.
func Lookup(pairs map[string]string) func(string) string {
	return func(text string) string { return pairs[strings.Join(strings.Fields(text), " ")] }
}
