package gmt_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parapost/parapost/align/sim/gmt"
	"github.com/parapost/parapost/align/sim/gmt/gmttest"
)

// BenchmarkThroughput translates full batches of sentence-sized texts (80
// code points: 62 to a batch of 5K) against the fake with 100 ms latency:
// requests in flight must stay within the limit, and throughput reach
// 90 % of concurrency × batch / latency.
func BenchmarkThroughput(b *testing.B) {
	const (
		conc    = 4
		latency = 100 * time.Millisecond
		batches = 32
		runes   = 80
		batch   = gmt.BatchRunes / runes
	)
	srv := gmttest.New()
	defer srv.Close()
	srv.SetLatency(latency)
	cfg := config(srv)
	cfg.Concurrency = conc
	cfg.Timeout = 10 * time.Second
	cl, err := gmt.NewClient(cfg)
	if err != nil {
		b.Fatal(err)
	}
	in := make([]string, batches*batch)
	var sent int64
	start := time.Now()
	for b.Loop() {
		for j := range in {
			in[j] = fmt.Sprintf("%06d %s", j, strings.Repeat("я", runes-7))
		}
		tr := gmt.NewTranslator(cl, nil) // a fresh memory: every text is sent
		if _, err := tr.Translate(context.Background(), in); err != nil {
			b.Fatal(err)
		}
		sent += int64(len(in))
	}
	elapsed := time.Since(start)
	if per := float64(sent) / float64(srv.Requests.Load()); per != batch {
		b.Errorf("%.1f texts per request, want full batches of %d", per, batch)
	}
	rate := float64(sent) / elapsed.Seconds()
	ideal := float64(conc*batch) / latency.Seconds()
	b.ReportMetric(rate, "texts/s")
	b.ReportMetric(rate/ideal, "of-ideal")
	b.ReportMetric(float64(srv.MaxInFlight.Load()), "max-in-flight")
	if m := srv.MaxInFlight.Load(); m > conc {
		b.Errorf("%d requests in flight, limit %d", m, conc)
	}
	if rate < 0.9*ideal {
		b.Errorf("throughput %.0f texts/s, below 90%% of %.0f", rate, ideal)
	}
}
