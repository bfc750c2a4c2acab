package corpus

import (
	"bufio"
	"bytes"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
)

// Text copied from a t.me/s page (select all, copy) has no markup: a header
// (the channel title, counters such as "7.01K subscribers", the bio and UI
// words in the browser's language), then the posts. "Forwarded from NAME"
// opens a forwarded post, the channel title on its own line opens one of the
// channel's own posts, and a "Read in full" line or a footer ("1.2K views
// 10:05") closes a post. There are no ids and no dates: posts are numbered
// 1, 2, ... in page order and their Date is zero.

var (
	// counterLine matches the header's counters.
	counterLine = regexp.MustCompile(`(?i)^[0-9][0-9.,]*\s?[KMB]?\s+(subscribers?|members?|online|photos?|videos?|files?|links?|audios?|music|voices?|polls?|gifs?|подписчик(а|ов)?|участник(а|ов)?|фото|видео|файл(а|ов)?|ссыл(ка|ки|ок))$`)
	// footerLine matches a post's footer: view counter, "edited", time.
	footerLine = regexp.MustCompile(`(?i)^(?:[0-9][0-9.,]*\s?[KMB]?\s*(?:views?|просмотр(?:а|ов)?)?\s*)?(?:edited|изменено)?\s*(?:[0-9]{1,2}:[0-9]{2}(?:\s*[AP]M)?)?$`)
	// clockTime finds a time of day in a footer.
	clockTime = regexp.MustCompile(`[0-9]{1,2}:[0-9]{2}`)
	// forwardedPrefixes open a forwarded post, in the UI languages seen.
	forwardedPrefixes = []string{"forwarded from", "переслано из", "переслано от", "转发自"}
	// chromeLines are UI words of the page, dropped wherever they are.
	chromeLines = map[string]bool{
		"download telegram": true, "join channel": true, "open in telegram": true,
		"load more": true, "view in telegram": true, "preview channel": true,
		"view channel": true, "send message": true, "open channel": true,
		"加入频道": true, "下载 telegram": true, "在 telegram 中打开": true, "加载更多": true,
		"скачать telegram": true, "открыть в telegram": true, "присоединиться": true,
		"вступить": true, "подписаться на канал": true, "загрузить ещё": true,
	}
)

// looksLikePageText reports whether head looks like text copied from a
// t.me/s page. A plain-text file is accepted only with one of the page's
// own markers (a "Forwarded from" line, a counter of the header, a UI line,
// a view-counter footer, a "Read in full" line): every copy of a real page
// has some, while arbitrary text (notes, a README, one segment per line
// files) has none, and reading such a file as posts would silently put
// garbage into the corpus.
func looksLikePageText(head []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(head))
	sc.Buffer(make([]byte, 0, 4096), len(head)+1)
	for sc.Scan() {
		line := trimLine(sc.Text())
		if line == "" {
			continue
		}
		if _, ok := forwardedFrom(line); ok || isBareForwarded(line) || counterLine.MatchString(line) || isChrome(line) || isReadInFull(line) {
			return true
		}
		if footerLine.MatchString(line) && strings.Contains(strings.ToLower(line), "view") {
			return true
		}
	}
	return false
}

// readPageText reads text copied from a t.me/s page.
func readPageText(r io.Reader, name string) ([]*Post, ReadStats, error) {
	return readPageTextOpt(r, name, nil)
}

func readPageTextOpt(r io.Reader, name string, _ *ReadOptions) ([]*Post, ReadStats, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, ReadStats{}, err
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	title, body := pageHeader(lines)
	channel := title
	if i := strings.Index(channel, " / "); i > 0 {
		channel = strings.TrimSpace(channel[:i])
	}
	if channel == "" {
		// No header: the file name is the only stable name there is.
		base := filepath.Base(name)
		channel = cleanName(strings.TrimSuffix(base, filepath.Ext(base)))
	}
	pt := &pageTextReader{name: name, channel: channel, title: title}
	for i := 0; i < len(body); i++ {
		line := trimLine(body[i])
		if isBareForwarded(line) && i+1 < len(body) {
			// The name wrapped onto the next line.
			i++
			line += " " + trimLine(body[i])
		}
		pt.line(body[i], line)
	}
	pt.flush()
	pt.stats.Files = 1
	pt.stats.Posts = len(pt.posts)
	return pt.posts, pt.stats, nil
}

// pageHeader finds the channel header at the top of a page copy and returns
// the title line and the lines after the header. The header is the title
// line followed by counters, or by a UI line within its first lines; a file
// that starts with a post has no header.
func pageHeader(lines []string) (string, []string) {
	i := 0
	for i < len(lines) && trimLine(lines[i]) == "" {
		i++
	}
	if i == len(lines) {
		return "", nil
	}
	first := trimLine(lines[i])
	if _, ok := forwardedFrom(first); ok || isBareForwarded(first) || isChrome(first) || isReadInFull(first) {
		return "", lines[i:]
	}
	k := i + 1
	counters := 0
	for k < len(lines) && counterLine.MatchString(trimLine(lines[k])) {
		k++
		counters++
	}
	// The bio runs to the UI line that ends the header, to a blank line or
	// to the first post.
	end := k
	for end < len(lines) {
		l := trimLine(lines[end])
		if _, ok := forwardedFrom(l); ok || isBareForwarded(l) || l == "" || isChrome(l) {
			break
		}
		end++
	}
	chrome := false
	for end < len(lines) && isChrome(trimLine(lines[end])) {
		end++
		chrome = true
	}
	if counters == 0 && !chrome {
		return "", lines[i:]
	}
	return cleanName(first), lines[end:]
}

// pageTextReader splits the body of a page copy into posts.
type pageTextReader struct {
	name, channel, title string
	posts                []*Post
	stats                ReadStats

	open    bool     // a post is being read
	lines   []string // its lines
	forward string   // its "Forwarded from" name
	edited  bool
}

// line handles one line of the body; trimmed is the line without
// surrounding white space.
func (pt *pageTextReader) line(raw, trimmed string) {
	if from, ok := forwardedFrom(trimmed); ok {
		pt.flush()
		pt.open, pt.forward = true, from
		return
	}
	if pt.title != "" && (trimmed == pt.title || trimmed == pt.channel) {
		pt.flush() // the channel's name heads each of its own posts
		pt.open = true
		return
	}
	if isReadInFull(trimmed) {
		pt.flush()
		return
	}
	if isChrome(trimmed) {
		return
	}
	if trimmed != "" && footerLine.MatchString(trimmed) && isFooter(trimmed) {
		if strings.Contains(strings.ToLower(trimmed), "edited") || strings.Contains(strings.ToLower(trimmed), "изменено") {
			pt.edited = true
		}
		pt.flush()
		return
	}
	if !pt.open {
		if trimmed == "" {
			return
		}
		pt.open = true
	}
	pt.lines = append(pt.lines, raw)
}

// isFooter reports whether a line matched by footerLine has one of a
// footer's parts (a bare number is post text).
func isFooter(line string) bool {
	l := strings.ToLower(line)
	return strings.Contains(l, "view") || strings.Contains(l, "просмотр") ||
		strings.Contains(l, "edited") || strings.Contains(l, "изменено") || clockTime.MatchString(l)
}

// flush ends the current post.
func (pt *pageTextReader) flush() {
	if !pt.open {
		return
	}
	ft := flattenParts([]textPart{{text: strings.Join(pt.lines, "\n")}})
	switch {
	case ft.text != "":
		id := int64(len(pt.posts) + 1)
		p := &Post{
			Channel:      pt.channel,
			ChannelTitle: pt.channel,
			ID:           id,
			Text:         ft.text,
			Source:       pt.name,
			Edited:       pt.edited,
			Links:        ft.links,
			Hashtags:     ft.hashtags,
			Provenance:   []Provenance{{Source: pt.name, Channel: pt.channel}},
		}
		if pt.forward != "" {
			p.Forward = &Forward{From: pt.forward}
		}
		if ft.repaired {
			pt.stats.RepairedUTF8++
		}
		pt.posts = append(pt.posts, p)
	case pt.forward != "":
		if pt.stats.Skipped == nil {
			pt.stats.Skipped = make(map[string]int)
		}
		pt.stats.Skipped[skipMediaOnly]++
	}
	pt.open, pt.lines, pt.forward, pt.edited = false, nil, "", false
}

// forwardedFrom parses a "Forwarded from NAME" line (the separator may be a
// no-break space). Long lines and lines ending a sentence are post text
// that happens to start with those words.
func forwardedFrom(line string) (string, bool) {
	if len(line) > 160 || strings.HasSuffix(line, ".") {
		return "", false
	}
	line = foldSpace(line)
	for _, p := range forwardedPrefixes {
		if len(line) < len(p) || !strings.EqualFold(line[:len(p)], p) {
			continue
		}
		rest := line[len(p):]
		if rest == "" || !startsWithSpace(rest) {
			return "", false
		}
		name := cleanName(rest)
		return name, name != ""
	}
	return "", false
}

// isBareForwarded reports whether line is "Forwarded from" without a name
// (the name wrapped onto the next line).
func isBareForwarded(line string) bool {
	line = foldSpace(line)
	for _, p := range forwardedPrefixes {
		if strings.EqualFold(line, p) {
			return true
		}
	}
	return false
}

func startsWithSpace(s string) bool {
	for _, r := range s {
		return unicode.IsSpace(r)
	}
	return false
}

// isChrome reports whether line is one of the page's UI words.
func isChrome(line string) bool {
	return len(line) < 64 && chromeLines[strings.ToLower(foldSpace(line))]
}

// trimLine trims white space (including no-break spaces) around a line.
func trimLine(s string) string { return strings.TrimFunc(s, unicode.IsSpace) }
