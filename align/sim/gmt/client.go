package gmt

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/parapost/parapost/internal/retry"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"
)

// API limits of translateText: strings and code points per request. The
// API takes up to 30K code points; Google recommends 5K for latency.
const (
	MaxStrings   = 1024
	BatchRunes   = 5000
	MaxTextRunes = 30000 // a longer text is never sent (the API rejects it)
)

// DefaultEndpoint is the global endpoint of Cloud Translation.
const DefaultEndpoint = "https://translate.googleapis.com"

// Config says where and how to translate.
type Config struct {
	Project  string // Google Cloud project id or number
	Location string // "global" (default) or a region such as "us-central1"
	// Endpoint is the API's base URL (DefaultEndpoint when empty); an
	// http:// endpoint is used without credentials.
	Endpoint string
	// Model is "nmt" (default), "general/nmt", "general/translation-llm",
	// or a full projects/.../models/... resource name.
	Model string
	// Glossary is a glossary id of the project and location, or a full
	// projects/.../glossaries/... resource name; empty for none.
	Glossary       string
	Source, Target string // language codes, e.g. "ru", "en"
	// Concurrency bounds the requests in flight (default 4).
	Concurrency int
	// Timeout is the deadline of one request (default 60 s).
	Timeout time.Duration
	// Attempts is how many times a request is tried (default 6).
	Attempts int
	// Backoff is the first retry's mean wait, doubled per retry up to
	// MaxBackoff (defaults 1 s and 32 s).
	Backoff, MaxBackoff time.Duration
	// MaxRetryAfter caps the wait a Retry-After header asks (default
	// 2 min): a run is not left hanging for a day.
	MaxRetryAfter time.Duration
	// HTTPClient, when set, replaces the default client (and credentials).
	HTTPClient *http.Client
}

func (c Config) withDefaults() Config {
	if c.Location == "" {
		c.Location = "global"
	}
	if c.Endpoint == "" {
		c.Endpoint = DefaultEndpoint
	}
	c.Endpoint = strings.TrimSuffix(c.Endpoint, "/")
	if c.Model == "" {
		c.Model = "nmt"
	}
	if c.Concurrency <= 0 {
		c.Concurrency = 4
	}
	if c.Timeout <= 0 {
		c.Timeout = 60 * time.Second
	}
	if c.Attempts <= 0 {
		c.Attempts = 6
	}
	if c.Backoff <= 0 {
		c.Backoff = time.Second
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = 32 * time.Second
	}
	if c.MaxRetryAfter <= 0 {
		c.MaxRetryAfter = 2 * time.Minute
	}
	return c
}

// parent is the resource the request is made on.
func (c Config) parent() string {
	return "projects/" + c.Project + "/locations/" + c.Location
}

// ModelName is the model's full resource name.
func (c Config) ModelName() string {
	if strings.HasPrefix(c.Model, "projects/") {
		return c.Model
	}
	m := c.Model
	if !strings.Contains(m, "/") {
		m = "general/" + m
	}
	return c.parent() + "/models/" + m
}

// GlossaryName is the glossary's full resource name ("" for none).
func (c Config) GlossaryName() string {
	if c.Glossary == "" || strings.HasPrefix(c.Glossary, "projects/") {
		return c.Glossary
	}
	return c.parent() + "/glossaries/" + c.Glossary
}

// Stats counts what a Client sent; safe to read while it runs.
type Stats struct {
	Requests  atomic.Int64 // HTTP requests made, retries included
	Retries   atomic.Int64 // requests that were a retry
	Chars     atomic.Int64 // code points of the texts sent in answered requests
	Strings   atomic.Int64 // texts translated
	InFlight  atomic.Int64 // requests now in flight
	MaxFlight atomic.Int64 // the most requests ever in flight at once
}

// Client calls translateText. Safe for concurrent use.
type Client struct {
	cfg   Config
	sem   chan struct{}
	Stats Stats

	httpOnce sync.Once
	http     *http.Client
	httpErr  error
}

// NewClient checks cfg and returns a client; it makes no request and looks
// for credentials only when the first request is sent.
func NewClient(cfg Config) (*Client, error) {
	cfg = cfg.withDefaults()
	if cfg.Project == "" {
		return nil, &Error{Kind: KindProject, Msg: "no Google Cloud project: give --gcp-project or set GOOGLE_CLOUD_PROJECT"}
	}
	if cfg.Source == "" || cfg.Target == "" {
		return nil, errors.New("gmt: source and target language are required")
	}
	if !strings.HasPrefix(cfg.Endpoint, "http://") && !strings.HasPrefix(cfg.Endpoint, "https://") {
		return nil, &Error{Kind: KindRequest, Msg: fmt.Sprintf("endpoint %q: want an http:// or https:// URL", cfg.Endpoint)}
	}
	return &Client{cfg: cfg, sem: make(chan struct{}, cfg.Concurrency)}, nil
}

// Config returns the client's configuration, defaults filled in.
func (c *Client) Config() Config { return c.cfg }

func (c *Client) httpClient(ctx context.Context) (*http.Client, error) {
	c.httpOnce.Do(func() {
		switch {
		case c.cfg.HTTPClient != nil:
			c.http = c.cfg.HTTPClient
		case strings.HasPrefix(c.cfg.Endpoint, "http://"):
			c.http = &http.Client{Transport: c.transport()}
		default:
			// Application Default Credentials: GOOGLE_APPLICATION_CREDENTIALS,
			// gcloud's file, or the metadata server. context.Background: the
			// client outlives the first caller's context.
			base := context.WithValue(context.WithoutCancel(ctx), oauth2.HTTPClient, &http.Client{Transport: c.transport()})
			hc, err := google.DefaultClient(base, "https://www.googleapis.com/auth/cloud-translation")
			if err != nil {
				c.httpErr = &Error{Kind: KindAuth, Msg: "no Google Cloud credentials (run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS): " + err.Error()}
				return
			}
			c.http = hc
		}
	})
	return c.http, c.httpErr
}

// transport keeps a connection per request in flight (the default keeps
// two idle, so a higher concurrency would dial for every request).
func (c *Client) transport() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = c.cfg.Concurrency
	return t
}

type translateRequest struct {
	Contents           []string        `json:"contents"`
	SourceLanguageCode string          `json:"sourceLanguageCode"`
	TargetLanguageCode string          `json:"targetLanguageCode"`
	MimeType           string          `json:"mimeType"`
	Model              string          `json:"model,omitempty"`
	GlossaryConfig     *glossaryConfig `json:"glossaryConfig,omitempty"`
}

type glossaryConfig struct {
	Glossary string `json:"glossary"`
}

type translateResponse struct {
	Translations         []translation `json:"translations"`
	GlossaryTranslations []translation `json:"glossaryTranslations"`
}

type translation struct {
	TranslatedText string `json:"translatedText"`
}

// Translate translates one batch (see Batches), trying again on faults
// that pass; the result has one translation per text, in order.
func (c *Client) Translate(ctx context.Context, texts []string) ([]string, error) {
	hc, err := c.httpClient(ctx)
	if err != nil {
		return nil, err
	}
	req := translateRequest{Contents: texts, SourceLanguageCode: c.cfg.Source, TargetLanguageCode: c.cfg.Target,
		MimeType: "text/plain", Model: c.cfg.ModelName()}
	if g := c.cfg.GlossaryName(); g != "" {
		req.GlossaryConfig = &glossaryConfig{Glossary: g}
	}
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	url := c.cfg.Endpoint + "/v3/" + c.cfg.parent() + ":translateText"
	var last error
	for attempt := 0; attempt < c.cfg.Attempts; attempt++ {
		if attempt > 0 {
			c.Stats.Retries.Add(1)
			if err := retry.Sleep(ctx, c.backoff(attempt, last)); err != nil {
				return nil, err
			}
		}
		out, err := c.once(ctx, hc, url, body, len(texts))
		if err == nil {
			c.Stats.Strings.Add(int64(len(texts)))
			var n int64
			for _, t := range texts {
				n += int64(utf8.RuneCountInString(t))
			}
			c.Stats.Chars.Add(n)
			return out, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var e *Error
		if errors.As(err, &e) && !e.retryable() {
			return nil, e
		}
		last = err
	}
	var e *Error
	if errors.As(last, &e) && e.Kind == KindQuota {
		return nil, &Error{Kind: KindQuota, Status: e.Status, Msg: fmt.Sprintf("quota exceeded, gave up after %d attempts: %s (raise the quota, lower --mt-concurrency, or run again later: the cache keeps what was translated)", c.cfg.Attempts, e.Msg)}
	}
	return nil, &Error{Kind: KindGaveUp, Msg: fmt.Sprintf("gave up after %d attempts: %v", c.cfg.Attempts, last)}
}

// once makes one request, holding a slot of the concurrency limit.
func (c *Client) once(ctx context.Context, hc *http.Client, url string, body []byte, n int) ([]string, error) {
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-c.sem }()
	in := c.Stats.InFlight.Add(1)
	defer c.Stats.InFlight.Add(-1)
	for {
		m := c.Stats.MaxFlight.Load()
		if in <= m || c.Stats.MaxFlight.CompareAndSwap(m, in) {
			break
		}
	}
	c.Stats.Requests.Add(1)

	rctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	if !strings.HasPrefix(c.cfg.Endpoint, "http://") {
		req.Header.Set("X-Goog-User-Project", c.cfg.Project)
	}
	resp, err := hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &Error{Kind: KindTransient, Msg: "request: " + trimURL(err)}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &Error{Kind: KindTransient, Msg: "reading the reply: " + trimURL(err)}
	}
	if resp.StatusCode != http.StatusOK {
		e := classify(resp.StatusCode, data)
		e.RetryAfter = retry.After(resp.Header.Get("Retry-After"))
		return nil, e
	}
	var tr translateResponse
	if err := json.Unmarshal(data, &tr); err != nil {
		return nil, &Error{Kind: KindTransient, Status: resp.StatusCode, Msg: "malformed reply: " + err.Error()}
	}
	ts := tr.Translations
	if len(tr.GlossaryTranslations) > 0 {
		ts = tr.GlossaryTranslations
	}
	if len(ts) != n {
		return nil, &Error{Kind: KindTransient, Status: resp.StatusCode, Msg: fmt.Sprintf("reply holds %d translations for %d texts", len(ts), n)}
	}
	out := make([]string, n)
	for i, t := range ts {
		out[i] = t.TranslatedText
	}
	return out, nil
}

// trimURL drops the URL from a net/http error: it says nothing new.
func trimURL(err error) string {
	var ue interface{ Timeout() bool }
	if errors.As(err, &ue) && ue.Timeout() {
		return "no reply within the deadline"
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return ne.Error()
	}
	return err.Error()
}

// backoff is the wait before retry attempt (1-based): full jitter over an
// exponentially growing window, at least what the server asked for.
func (c *Client) backoff(attempt int, last error) time.Duration {
	window := min(c.cfg.Backoff<<(attempt-1), c.cfg.MaxBackoff)
	d := time.Duration(rand.Int64N(int64(window)) + 1)
	var e *Error
	if errors.As(last, &e) && e.RetryAfter > d {
		d = min(e.RetryAfter, c.cfg.MaxRetryAfter)
	}
	return d
}
