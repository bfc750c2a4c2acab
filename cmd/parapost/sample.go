package main

import (
	"context"
	"embed"

	"github.com/parapost/parapost/corpus"
)

// sample is the Foreign Ministry sample (see testdata/mfa-sample/README.md):
// the Ministry's Russian channel as an export and a saved t.me/s page, its
// English channel as an export, and text copied from an embassy's page.
//
//go:embed sample
var sample embed.FS

// readSample reads the built-in sample as if its files had been named on
// the command line.
func readSample(ctx context.Context) ([]*corpus.Post, corpus.ReadStats, error) {
	return corpus.ReadFS(ctx, sample, []string{"sample"})
}
