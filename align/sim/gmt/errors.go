package gmt

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Kind is what went wrong with a request.
type Kind int

const (
	KindTransient  Kind = iota // 5xx, timeout, malformed reply: tried again
	KindQuota                  // 429 or RESOURCE_EXHAUSTED: tried again, then given up
	KindPermission             // 403: the credentials may not use the API or project
	KindBilling                // billing disabled on the project
	KindProject                // unknown project, or none given
	KindAuth                   // no or bad credentials
	KindRequest                // 400: a bad language, model or glossary
	KindGaveUp                 // transient faults outlasted the attempts
	KindBudget                 // --mt-max-chars reached
)

// Error is a failure of the Translation API, with a message a user can act
// on (no stack of RPC text).
type Error struct {
	Kind       Kind
	Status     int // HTTP status, 0 when none
	Msg        string
	RetryAfter time.Duration // what the server asked to wait
}

func (e *Error) Error() string {
	prefix := "Cloud Translation: "
	if e.Status != 0 {
		prefix += fmt.Sprintf("HTTP %d: ", e.Status)
	}
	return prefix + e.Msg
}

// UserError reports whether the error is the user's to fix (project,
// credentials, quota, billing, permission, arguments) rather than a
// passing fault: the CLI exits 2 on those.
func (e *Error) UserError() bool { return e.Kind != KindTransient && e.Kind != KindGaveUp }

func (e *Error) retryable() bool { return e.Kind == KindTransient || e.Kind == KindQuota }

// googleError is the JSON error body of Google APIs.
type googleError struct {
	Error struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Status  string `json:"status"`
		Details []struct {
			Reason string `json:"reason"`
		} `json:"details"`
	} `json:"error"`
}

// classify turns a non-200 reply into an Error.
func classify(status int, body []byte) *Error {
	var g googleError
	_ = json.Unmarshal(body, &g)
	msg := g.Error.Message
	if msg == "" {
		msg = strings.TrimSpace(string(body))
		if len(msg) > 200 {
			msg = msg[:200] + "…"
		}
		if msg == "" {
			msg = http.StatusText(status)
		}
	}
	var reasons []string
	for _, d := range g.Error.Details {
		if d.Reason != "" {
			reasons = append(reasons, d.Reason)
		}
	}
	has := func(rs ...string) bool {
		for _, r := range rs {
			for _, x := range reasons {
				if x == r {
					return true
				}
			}
			if g.Error.Status == r {
				return true
			}
		}
		return false
	}
	e := &Error{Status: status, Msg: msg}
	switch {
	case status == http.StatusTooManyRequests || has("RESOURCE_EXHAUSTED", "RATE_LIMIT_EXCEEDED", "RATE_LIMIT_EXCEEDED_PER_USER"):
		e.Kind = KindQuota
	case has("BILLING_DISABLED", "BILLING_NOT_ACTIVE") || strings.Contains(strings.ToLower(msg), "billing"):
		e.Kind = KindBilling
		e.Msg = "billing is not enabled on the project: " + msg
	case has("CONSUMER_INVALID", "PROJECT_NOT_FOUND") || status == http.StatusNotFound:
		e.Kind = KindProject
		e.Msg = "unknown project or resource (check --gcp-project, --gcp-location, --mt-model and --mt-glossary): " + msg
	case status == http.StatusUnauthorized:
		e.Kind = KindAuth
		e.Msg = "credentials refused (run `gcloud auth application-default login`): " + msg
	case status == http.StatusForbidden:
		e.Kind = KindPermission
		e.Msg = "permission denied (enable the Cloud Translation API and grant roles/cloudtranslate.user): " + msg
	case status == http.StatusRequestTimeout || status >= 500:
		e.Kind = KindTransient
	default:
		e.Kind = KindRequest
	}
	return e
}
