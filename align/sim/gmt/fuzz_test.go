package gmt_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/parapost/parapost/align/sim/gmt"
)

// FuzzReply feeds arbitrary replies (status, Retry-After, body) to the
// client: it must return translations or an error, never panic or hang.
func FuzzReply(f *testing.F) {
	f.Add(200, "", `{"translations":[{"translatedText":"a"}]}`)
	f.Add(429, "3", `{"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}}`)
	f.Add(403, "Wed, 21 Oct 2015 07:28:00 GMT", `{"error":{"details":[{"reason":"BILLING_DISABLED"}]}}`)
	f.Add(200, "-1", `{"glossaryTranslations":[{}], "translations": null}`)
	f.Add(500, "x", "<html>")
	f.Fuzz(func(t *testing.T, status int, retryAfter, body string) {
		if status < 200 || status > 599 {
			status = 500
		}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", retryAfter)
			w.WriteHeader(status)
			w.Write([]byte(body))
		}))
		defer srv.Close()
		cl, err := gmt.NewClient(gmt.Config{Project: "p", Endpoint: srv.URL, Source: "ru", Target: "en",
			Attempts: 2, Backoff: time.Millisecond, MaxBackoff: time.Millisecond, MaxRetryAfter: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		out, err := cl.Translate(ctx, []string{"один"})
		if err == nil && len(out) != 1 {
			t.Fatalf("%d translations for 1 text", len(out))
		}
	})
}
