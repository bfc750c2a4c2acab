// Package htmlx holds the small look-ups on t.me's HTML that the page
// reader, the fetcher and its test server share.
package htmlx

import (
	"strconv"
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

// SplitDataPost splits a t.me data-post attribute, "channel/123"; id is 0
// when absent or invalid.
func SplitDataPost(s string) (channel string, id int64) {
	i := strings.LastIndexByte(s, '/')
	if i < 0 {
		return "", 0
	}
	id, err := strconv.ParseInt(s[i+1:], 10, 64)
	if err != nil || id <= 0 {
		return "", 0
	}
	return s[:i], id
}
