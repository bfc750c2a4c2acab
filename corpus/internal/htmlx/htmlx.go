// Package htmlx holds the small look-ups on parsed HTML that the t.me page
// reader, the fetcher and its test server share.
package htmlx

import (
	"strings"

	"golang.org/x/net/html"
)

// HasClass reports whether element n has class c.
func HasClass(n *html.Node, c string) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, f := range strings.Fields(Attr(n, "class")) {
		if f == c {
			return true
		}
	}
	return false
}

// Attr returns the value of n's attribute key (no namespace), or "".
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}
