package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parapost/parapost/internal/retry"
)

// maxPageSize bounds the body read from one response: a t.me/s page is
// about 100 KB.
const maxPageSize = 16 << 20

// UserAgent is the User-Agent parapost sends: its name, version (from the
// build information) and where to find it.
func UserAgent() string {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	return "parapost/" + v + " (+https://github.com/parapost/parapost)"
}

// client sends GET requests politely: one at a time per host, spaced by
// interval, each with a deadline, retrying transient failures with backoff.
type client struct {
	http       *http.Client
	userAgent  string
	interval   time.Duration // between the starts of two requests to a host
	timeout    time.Duration // per request, body included
	retries    int           // attempts after the first
	backoff    time.Duration // first backoff; doubles per attempt
	maxBackoff time.Duration // cap of the backoff and of Retry-After
	log        func(format string, args ...any)

	requests atomic.Int64 // requests sent

	mu    sync.Mutex
	hosts map[string]*hostGate
}

// hostGate serialises the requests to one host.
type hostGate struct {
	sem  chan struct{} // holds a token while a request is in flight
	last time.Time     // start of the last request
}

// response is the outcome of a GET that did not fail: a page, or a
// redirect (t.me's answer for a channel without a public preview), or a 404.
type response struct {
	Status   int
	Body     []byte
	Location string // of a redirect
}

// retryable is a failure worth another attempt; wait is the server's
// Retry-After, 0 when it gave none.
type retryable struct {
	err  error
	wait time.Duration
}

func (e *retryable) Error() string { return e.err.Error() }
func (e *retryable) Unwrap() error { return e.err }

func (c *client) gate(host string) *hostGate {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hosts == nil {
		c.hosts = make(map[string]*hostGate)
	}
	g := c.hosts[host]
	if g == nil {
		g = &hostGate{sem: make(chan struct{}, 1)}
		c.hosts[host] = g
	}
	return g
}

// get fetches rawURL; check validates a 200 body (a truncated page is
// retried like a dropped connection).
func (c *client) get(ctx context.Context, rawURL string, check func([]byte) error) (*response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	var last error
	for attempt := 0; attempt <= c.retries; attempt++ {
		if attempt > 0 {
			wait := c.backoff << (attempt - 1)
			if wait > c.maxBackoff || wait <= 0 {
				wait = c.maxBackoff
			}
			wait = wait/2 + rand.N(wait/2+1) // jitter: many clients must not retry in step
			var r *retryable
			if errors.As(last, &r) && r.wait > 0 {
				if r.wait > c.maxBackoff {
					return nil, fmt.Errorf("GET %s: server asks to wait %s (more than %s): %w", rawURL, r.wait, c.maxBackoff, last)
				}
				wait = r.wait + rand.N(r.wait/10+1)
			}
			if c.log != nil {
				c.log("GET %s: %v; retrying in %s", rawURL, last, wait.Round(time.Millisecond))
			}
			if err := retry.Sleep(ctx, wait); err != nil {
				return nil, err
			}
		}
		resp, err := c.once(ctx, u, check)
		if err == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var r *retryable
		if !errors.As(err, &r) {
			return nil, err
		}
		last = err
	}
	return nil, fmt.Errorf("GET %s: giving up after %d attempts: %w", rawURL, c.retries+1, last)
}

// once sends one request, waiting for its turn at the host.
func (c *client) once(ctx context.Context, u *url.URL, check func([]byte) error) (*response, error) {
	g := c.gate(u.Host)
	select {
	case g.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-g.sem }()
	if !g.last.IsZero() {
		if err := retry.Sleep(ctx, time.Until(g.last.Add(c.interval))); err != nil {
			return nil, err
		}
	}
	g.last = time.Now()

	rctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "text/html")
	c.requests.Add(1)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, &retryable{err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxPageSize))
	if err != nil {
		return nil, &retryable{err: fmt.Errorf("read body: %w", err)}
	}
	switch code := resp.StatusCode; {
	case code == http.StatusOK:
		if check != nil {
			if err := check(body); errors.Is(err, errTruncated) {
				return nil, &retryable{err: err}
			} else if err != nil {
				return nil, err
			}
		}
		return &response{Status: code, Body: body}, nil
	case code >= 300 && code < 400:
		loc, _ := resp.Location()
		r := &response{Status: code}
		if loc != nil {
			r.Location = loc.String()
		}
		return r, nil
	case code == http.StatusNotFound:
		return &response{Status: code}, nil
	case code == http.StatusTooManyRequests || code >= 500:
		return nil, &retryable{err: fmt.Errorf("%s", resp.Status), wait: retry.After(resp.Header.Get("Retry-After"))}
	default:
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
}
