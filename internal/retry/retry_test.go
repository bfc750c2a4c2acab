package retry

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestAfter(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   time.Duration
	}{
		{"120", 2 * time.Minute},
		{" 7 ", 7 * time.Second},
		{"0", 0},
		{"", 0},
		{"soon", 0},
		{"-5", 0},
		{time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat), 0}, // past
	} {
		if got := After(tc.header); got != tc.want {
			t.Errorf("After(%q) = %s, want %s", tc.header, got, tc.want)
		}
	}
	if d := After(time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)); d < 59*time.Minute || d > time.Hour {
		t.Errorf("HTTP date an hour ahead: %s", d)
	}
}

func TestSleep(t *testing.T) {
	if err := Sleep(context.Background(), time.Millisecond); err != nil {
		t.Errorf("Sleep: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep on a cancelled context: %v", err)
	}
	if err := Sleep(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep(0) on a cancelled context: %v", err)
	}
	if d := time.Since(start); d > time.Minute {
		t.Errorf("a cancelled Sleep waited %s", d)
	}
}
