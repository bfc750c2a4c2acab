package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// textPart is one run of a post's text as a source gives it: plain text or an
// entity (a link, a hashtag, bold text...). Readers turn their source's markup
// into parts so that every format flattens, strips "Read in full" and collects
// links and hashtags the same way.
type textPart struct {
	text string
	kind string // "" for plain text, else the entity type ("link", "text_link", "hashtag", "bold"...)
	href string // target of a text_link
}

// Entity kinds with a meaning for the readers.
const (
	kindLink     = "link"      // the text is the URL
	kindTextLink = "text_link" // the URL is in href
	kindHashtag  = "hashtag"
)

// flatText is a post's text after flattening and normalisation.
type flatText struct {
	text     string
	links    []string
	hashtags []string
	repaired bool // invalid UTF-8 was replaced
}

// flattenParts concatenates parts into the normalised post text. A final
// link reading "Read in full" / "Читать полностью" is left out of the text
// and only its URL kept, so that the export, the t.me page and a page copy
// of one post give the same Text. Links are the link entities and the bare
// URLs of the other parts, in order and without repeats; hashtags (also
// without repeats) come from hashtag entities, or from the text when there
// are none.
func flattenParts(parts []textPart) flatText {
	var ft flatText
	parts, readMore := stripReadInFull(parts)
	var b strings.Builder
	hasTagEntities := false
	for _, p := range parts {
		b.WriteString(p.text)
		switch p.kind {
		case kindLink:
			ft.links = appendUnique(ft.links, strings.TrimSpace(p.text))
		case kindTextLink:
			ft.links = appendUnique(ft.links, strings.TrimSpace(p.href))
		case kindHashtag:
			hasTagEntities = true
			tag := strings.TrimSpace(p.text)
			if tag != "" && !strings.HasPrefix(tag, "#") {
				tag = "#" + tag
			}
			ft.hashtags = appendUnique(ft.hashtags, tag)
		default:
			for _, u := range extractURLs(p.text) {
				ft.links = appendUnique(ft.links, u)
			}
		}
	}
	if readMore != "" {
		ft.links = appendUnique(ft.links, readMore)
	}
	text, repaired := repairUTF8(b.String())
	ft.text = normalizeText(text)
	ft.repaired = repaired
	for i, l := range ft.links {
		ft.links[i], _ = repairUTF8(l)
	}
	if hasTagEntities {
		for i, h := range ft.hashtags {
			h, _ = repairUTF8(h)
			ft.hashtags[i] = norm.NFC.String(h)
		}
	} else {
		ft.hashtags = extractHashtags(ft.text)
	}
	return ft
}

// stripReadInFull removes a final "Read in full" link (and the whitespace
// after it) from parts and returns its URL ("" when there is none).
func stripReadInFull(parts []textPart) ([]textPart, string) {
	last := len(parts) - 1
	for last >= 0 && parts[last].kind == "" && strings.TrimSpace(parts[last].text) == "" {
		last--
	}
	if last < 0 {
		return parts, ""
	}
	p := parts[last]
	if (p.kind != kindTextLink && p.kind != kindLink) || !isReadInFull(p.text) {
		return parts, ""
	}
	url := p.href
	if p.kind == kindLink {
		url = p.text
	}
	parts = parts[:last]
	// A pointer before the link ("👉 ") goes with it.
	j := len(parts)
	for j > 0 && parts[j-1].kind == "" {
		j--
	}
	var tail strings.Builder
	for _, p := range parts[j:] {
		tail.WriteString(p.text)
	}
	t := tail.String()
	line := t[strings.LastIndexByte(t, '\n')+1:]
	if trimmed := strings.TrimSpace(line); trimmed != "" && strings.Trim(trimmed, pointers) == "" {
		parts = append(parts[:j:j], textPart{text: t[:len(t)-len(line)]})
	}
	return parts, strings.TrimSpace(url)
}

// isReadInFull reports whether s is the closing "Read in full" link text
// of a Ministry post, in English or Russian, in any case.
// A pointing emoji or arrow may lead it ("👉 READ IN FULL").
func isReadInFull(s string) bool {
	if len(s) > 64 {
		return false
	}
	s = strings.TrimFunc(s, isNotLetterOrDigit)
	s = strings.ToLower(foldSpace(s))
	return s == "read in full" || s == "читать полностью"
}

// pointers are the emoji and arrows that point at a link.
const pointers = "👉👇➡→▶⬇🔗📎\ufe0f "

func isNotLetterOrDigit(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// repairUTF8 replaces invalid UTF-8 sequences with U+FFFD and reports
// whether it had to.
func repairUTF8(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, false
	}
	return strings.ToValidUTF8(s, "\uFFFD"), true
}

// normalizeText puts a post text into canonical form: line breaks as "\n",
// control characters other than tab and newline removed (the exporter's
// \xNN escapes bring some in), Unicode NFC, trailing spaces trimmed on every
// line, no leading or trailing blank lines. s must be valid UTF-8.
func normalizeText(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	s = strings.Map(dropControl, s)
	if !nfcStable(s) {
		s = norm.NFC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	pendingBlank := 0 // blank lines held back until a non-blank line follows
	started := false
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if line == "" {
			pendingBlank++
			continue
		}
		if started {
			b.WriteByte('\n')
			for ; pendingBlank > 0; pendingBlank-- {
				b.WriteByte('\n')
			}
		}
		pendingBlank = 0
		started = true
		b.WriteString(line)
	}
	return b.String()
}

// nfcStableRanges are runes that are in NFC and never combine with the
// rune before them (NFC quick check Yes, boundary before): a string of them
// only is in NFC. They cover most posts (ASCII, Latin-1, Cyrillic, common
// punctuation, emoji), which spares the much slower full check.
var nfcStableRanges = [][2]rune{
	{0x0000, 0x02FF},   // ASCII, Latin-1, Latin Extended, spacing modifiers
	{0x0400, 0x0482},   // Cyrillic letters, before the combining marks
	{0x048A, 0x052F},   // Cyrillic letters and Cyrillic Supplement
	{0x2002, 0x2027},   // spaces, dashes, quotes, bullets, ellipsis, joiners
	{0x2030, 0x205E},   // per mille, primes, brackets and other punctuation
	{0x20A0, 0x20C0},   // currency signs
	{0x2190, 0x21FF},   // arrows
	{0x2600, 0x27BF},   // miscellaneous symbols and dingbats (☝ ✍ ❗)
	{0xFE0F, 0xFE0F},   // emoji presentation selector
	{0x1F000, 0x1FAFF}, // emoji, regional indicators (flags)
}

// nfcStable reports whether s is made of nfcStableRanges runes only.
func nfcStable(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !inNFCStable(r) {
			return false
		}
		i += size
	}
	return true
}

func inNFCStable(r rune) bool {
	for _, rg := range nfcStableRanges {
		if r < rg[0] {
			return false // the ranges are sorted
		}
		if r <= rg[1] {
			return true
		}
	}
	return false
}

// dropControl is a strings.Map function removing C0 and C1 control
// characters except tab and newline.
func dropControl(r rune) rune {
	if r == '\n' || r == '\t' {
		return r
	}
	if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
		return -1
	}
	return r
}

// foldSpace trims s and replaces every run of white space with one space.
func foldSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// cleanName normalises a channel name or title: valid UTF-8, NFC, white
// space folded, control characters removed.
func cleanName(s string) string {
	s, _ = repairUTF8(s)
	return norm.NFC.String(foldSpace(strings.Map(dropControl, s)))
}

// extractHashtags returns the #word tokens of text (Unicode letters, marks,
// digits and underscores after a '#' that does not follow a word character),
// in order, without repeats. A token of digits only ("#1") is a number, not a
// hashtag.
func extractHashtags(text string) []string {
	var tags []string
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '#')
		if j < 0 {
			break
		}
		start := i + j
		i = start + 1
		if start > 0 {
			prev, _ := utf8.DecodeLastRuneInString(text[:start])
			if isWordRune(prev) || prev == '#' || prev == '&' || prev == '/' {
				continue
			}
		}
		end := i
		hasLetter := false
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if !isWordRune(r) {
				break
			}
			if !unicode.IsDigit(r) {
				hasLetter = true
			}
			end += size
		}
		if hasLetter {
			tags = appendUnique(tags, text[start:end])
		}
		i = end
	}
	return tags
}

// isWordRune reports whether r can be part of a hashtag.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// extractURLs returns the bare http(s) URLs of text, in order. Trailing
// punctuation that usually ends a sentence rather than the URL is left out.
func extractURLs(text string) []string {
	var urls []string
	for i := 0; i < len(text); {
		j := indexURLStart(text[i:])
		if j < 0 {
			break
		}
		start := i + j
		end := start
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if unicode.IsSpace(r) || r < 0x20 || strings.ContainsRune("<>\"«»“”‘’|^`{}\\", r) {
				break
			}
			end += size
		}
		u := trimURLTail(text[start:end])
		if !strings.HasSuffix(u, "://") {
			urls = append(urls, u)
		}
		i = max(end, start+1)
	}
	return urls
}

// indexURLStart returns the index of the first "http://" or "https://" in s
// (any case), or -1.
func indexURLStart(s string) int {
	for off := 0; ; {
		j := indexFold(s[off:], "http")
		if j < 0 {
			return -1
		}
		k := off + j
		rest := s[k+4:]
		if len(rest) > 0 && (rest[0] == 's' || rest[0] == 'S') {
			rest = rest[1:]
		}
		if strings.HasPrefix(rest, "://") {
			if k == 0 || !isWordRune(rune(s[k-1])) {
				return k
			}
		}
		off = k + 4
	}
}

// indexFold is strings.Index for an ASCII lower-case needle, ignoring case.
func indexFold(s, needle string) int {
	if needle == "" {
		return 0
	}
	first := needle[0]
	for i := 0; i+len(needle) <= len(s); i++ {
		if s[i]|0x20 == first && strings.EqualFold(s[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}

// trimURLTail drops sentence punctuation after a URL; a closing bracket is
// kept when the URL opens one (Wikipedia-style links).
func trimURLTail(u string) string {
	for u != "" {
		c := u[len(u)-1]
		switch {
		case strings.IndexByte(".,;:!?'*", c) >= 0:
		case c == ')' && strings.Count(u, "(") < strings.Count(u, ")"):
		case c == ']' && strings.Count(u, "[") < strings.Count(u, "]"):
		default:
			return u
		}
		u = u[:len(u)-1]
	}
	return u
}

// appendUnique appends s to list unless it is empty or already there.
func appendUnique(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
