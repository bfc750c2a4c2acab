//go:build tools

// This file pins the module's dependencies while the packages that use them
// are being written. Removed once every dependency is imported for real.
package tools

import (
	_ "cloud.google.com/go/translate/apiv3"
	_ "github.com/apache/arrow-go/v18/parquet/pqarrow"
	_ "github.com/kljensen/snowball/russian"
	_ "github.com/parquet-go/parquet-go"
	_ "github.com/pemistahl/lingua-go"
	_ "github.com/urfave/cli/v2"
	_ "golang.org/x/net/html"
	_ "golang.org/x/text/unicode/norm"
)
