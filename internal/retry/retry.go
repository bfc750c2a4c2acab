// Package retry holds what the project's HTTP clients (corpus/fetch for
// t.me pages, align/sim/gmt for Cloud Translation) share when a request
// must be tried again: reading how long the server asks them to wait, and
// waiting no longer than the caller allows.
package retry

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// After parses a Retry-After header: seconds or an HTTP date. A missing,
// malformed or past value is 0.
func After(header string) time.Duration {
	header = strings.TrimSpace(header)
	if header == "" {
		return 0
	}
	if s, err := strconv.Atoi(header); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(header); err == nil {
		return max(0, time.Until(t))
	}
	return 0
}

// Sleep waits d or until ctx is done, and returns ctx's error if it is.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
