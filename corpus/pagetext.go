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
	counterLine = regexp.MustCompile(`(?i)^[0-9][0-9.,]*(?:\s?[KMB]|\s?(?:тыс|млн)\.?)?\s+(subscribers?|members?|online|photos?|videos?|files?|links?|audios?|music|voices?|polls?|gifs?|подписчик(а|ов|и)?|участник(а|ов|и)?|фото|видео|файл(а|ов|ы)?|ссыл(ка|ки|ок)|аудио|опрос(а|ов|ы)?)$`)
	// footerLine matches a post's footer: view counter, "edited", time.
	footerLine = regexp.MustCompile(`(?i)^(?:[0-9][0-9.,]*(?:\s?[KMB]|\s?(?:тыс|млн)\.?)?\s*(?:views?|просмотр(?:а|ов)?)?\s*)?(?:edited|изменено)?\s*(?:[0-9]{1,2}:[0-9]{2}(?:\s*[AP]M)?)?$`)
	// clockTime finds a time of day in a footer.
	clockTime = regexp.MustCompile(`[0-9]{1,2}:[0-9]{2}`)
	// forwardedPrefixes open a forwarded post, in the UI languages seen.
	forwardedPrefixes = []string{"forwarded from", "переслано из", "переслано от", "转发自"}
	// chromeLines are UI words of the page, dropped wherever they are.
	// mediaPlaceholders stand for media a page cannot show.
	mediaPlaceholders = map[string]bool{
		"please open telegram to view this post": true, "media is too big": true,
		"view in telegram": true, "view in channel": true,
		"пожалуйста, откройте telegram, чтобы посмотреть этот пост": true,
		"медиафайл слишком большой":                                 true,
		"посмотреть в telegram":                                     true, "смотреть в telegram": true,
	}
	chromeLines = map[string]bool{
		"download telegram": true, "join channel": true, "open in telegram": true,
		"load more": true, "preview channel": true,
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
		if _, ok := forwardedFrom(line); ok || isBareForwarded(line) || counterLine.MatchString(line) || isChrome(line) || isReadInFull(line) || isMediaPlaceholder(line) {
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
	title, username, body := pageHeader(lines)
	if title == "" {
		title = repeatedName(body)
	}
	channel := title
	if i := strings.Index(channel, " / "); i > 0 {
		channel = strings.TrimSpace(channel[:i])
	}
	if channel == "" {
		// No header: the file name is the only stable name there is.
		base := filepath.Base(name)
		channel = cleanName(strings.TrimSuffix(base, filepath.Ext(base)))
	}
	pt := &pageTextReader{name: name, channel: channel, title: title, channelTitle: channel}
	if username != "" {
		// The header's @username is the channel, as on a saved page.
		pt.channel, pt.channelTitle = username, title
	}
	for i := 0; i < len(body); i++ {
		line := trimLine(body[i])
		if isBareForwarded(line) && i+1 < len(body) {
			// The name wrapped onto the next line.
			i++
			line += " " + trimLine(body[i])
		}
		if pt.isName(line) && i+1 < len(body) && counterLine.MatchString(trimLine(body[i+1])) {
			// The page's top bar repeats the title and a counter.
			i++
			continue
		}
		pt.line(body[i], line)
	}
	pt.flush()
	pt.stats.Files = 1
	pt.stats.Posts = len(pt.posts)
	return pt.posts, pt.stats, nil
}

// usernameLine matches the header's "@username".
var usernameLine = regexp.MustCompile(`^@([A-Za-z][A-Za-z0-9_]{3,31})$`)

// pageHeader finds the channel header at the top of a page copy and returns
// its title line, its @username (when the copy has it) and the lines after
// the header. The header is the title line followed by the @username,
// counters ("53.6K subscribers"), the bio and UI lines ("Download
// Telegram"), in any order, up to a blank line, a UI line after the bio,
// the first post ("Forwarded from", the title again, a media placeholder)
// or a footer. Without one of the header's own
// lines (username, counter, UI line) there is no header: the file starts
// with a post.
func pageHeader(lines []string) (title, username string, body []string) {
	i := 0
	for i < len(lines) && trimLine(lines[i]) == "" {
		i++
	}
	if i == len(lines) {
		return "", "", nil
	}
	first := trimLine(lines[i])
	if _, ok := forwardedFrom(first); ok || isBareForwarded(first) || isChrome(first) || isReadInFull(first) || isFooterLine(first) {
		return "", "", lines[i:]
	}
	proven, bio := false, false
	k := i + 1
scan:
	for ; k < len(lines); k++ {
		l := trimLine(lines[k])
		_, fwd := forwardedFrom(l)
		switch {
		case l == "" || fwd || isBareForwarded(l) || isFooterLine(l) || isReadInFull(l) || isMediaPlaceholder(l):
			break scan
		case isChrome(l) && bio:
			// A UI line after the bio ends the header.
			k++
			proven = true
			break scan
		case l == first:
			if k+1 < len(lines) && counterLine.MatchString(trimLine(lines[k+1])) {
				k++ // the top bar: the title again and a counter
				proven = true
				continue
			}
			break scan // the first post, under the channel's name
		case usernameLine.MatchString(l):
			username = l[1:]
			proven = true
		case counterLine.MatchString(l) || isChrome(l):
			proven = true
		default:
			bio = true
		}
	}
	if !proven {
		return "", "", lines[i:]
	}
	// The rest of the header's own lines after its end.
	for ; k < len(lines); k++ {
		l := trimLine(lines[k])
		if usernameLine.MatchString(l) {
			username = l[1:]
		} else if !counterLine.MatchString(l) && !isChrome(l) {
			break
		}
	}
	return cleanName(first), username, lines[k:]
}

// repeatedName finds the channel name of a copy without a header: the
// first line, when it comes back as the line after a post's footer (a
// copy that starts at the channel's first post). It returns "" otherwise.
func repeatedName(lines []string) string {
	first := ""
	for _, l := range lines {
		if first = trimLine(l); first != "" {
			break
		}
	}
	if first == "" || len(first) > 64 {
		return ""
	}
	if _, ok := forwardedFrom(first); ok || isChrome(first) || isFooterLine(first) || isReadInFull(first) || isMediaPlaceholder(first) {
		return ""
	}
	afterFooter := false
	for _, l := range lines {
		l = trimLine(l)
		if l == "" {
			continue
		}
		if afterFooter && l == first {
			return first
		}
		afterFooter = isFooterLine(l)
	}
	return ""
}

// pageTextReader splits the body of a page copy into posts.
type pageTextReader struct {
	name, channel, title string
	channelTitle         string
	posts                []*Post
	stats                ReadStats

	open     bool     // a post is being read
	lines    []string // its lines
	forward  string   // its "Forwarded from" name
	edited   bool
	media    bool // it had a media placeholder
	justRead bool // the last post was just closed by "Read in full"
}

// isName reports whether line is the channel's name, which heads each of
// its own posts on a page.
func (pt *pageTextReader) isName(line string) bool {
	return pt.title != "" && (line == pt.title || line == pt.channelTitle || line == pt.channel)
}

// split counts a line at which a post was split.
func (pt *pageTextReader) split(signal string) {
	if pt.stats.PageSplits == nil {
		pt.stats.PageSplits = make(map[string]int)
	}
	pt.stats.PageSplits[signal]++
}

// line handles one line of the body; trimmed is the line without
// surrounding white space.
func (pt *pageTextReader) line(raw, trimmed string) {
	if from, ok := forwardedFrom(trimmed); ok {
		if len(pt.lines) > 0 || pt.forward != "" {
			pt.flush()
		}
		pt.open, pt.forward = true, from
		pt.split(splitForwarded)
		return
	}
	if pt.isName(trimmed) {
		pt.flush() // the channel's name heads each of its own posts
		pt.open = true
		pt.split(splitName)
		return
	}
	if isReadInFull(trimmed) {
		pt.flush()
		pt.justRead = true
		pt.split(splitReadMore)
		return
	}
	if isMediaPlaceholder(trimmed) {
		pt.media, pt.open = true, true
		return
	}
	if isChrome(trimmed) {
		return
	}
	if trimmed != "" && isFooterLine(trimmed) {
		l := strings.ToLower(trimmed)
		edited := strings.Contains(l, "edited") || strings.Contains(l, "изменено")
		if pt.justRead && len(pt.lines) == 0 && len(pt.posts) > 0 {
			// The footer of the post "Read in full" closed.
			pt.posts[len(pt.posts)-1].Edited = pt.posts[len(pt.posts)-1].Edited || edited
			pt.justRead = false
			pt.split(splitFooter)
			return
		}
		pt.edited = pt.edited || edited
		pt.flush()
		pt.split(splitFooter)
		return
	}
	if !pt.open {
		if trimmed == "" {
			return
		}
		pt.open = true
	}
	if trimmed != "" {
		pt.justRead = false
	}
	pt.lines = append(pt.lines, raw)
}

// isFooterLine reports whether line is a post's footer: a view counter,
// "edited" and the time ("1690 views11:11", "1.2K views 11:11", "edited
// 11:11"). A bare number is post text.
func isFooterLine(line string) bool {
	return footerLine.MatchString(line) && isFooter(line)
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
			ChannelTitle: pt.channelTitle,
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
	case pt.forward != "" || pt.media:
		if pt.stats.Skipped == nil {
			pt.stats.Skipped = make(map[string]int)
		}
		pt.stats.Skipped[skipMediaOnly]++
	}
	pt.open, pt.lines, pt.forward, pt.edited, pt.media, pt.justRead = false, nil, "", false, false, false
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

// isMediaPlaceholder reports whether line stands for media the page could
// not show.
func isMediaPlaceholder(line string) bool {
	return len(line) < 128 && mediaPlaceholders[strings.ToLower(foldSpace(line))]
}

// isChrome reports whether line is one of the page's UI words.
func isChrome(line string) bool {
	return len(line) < 64 && chromeLines[strings.ToLower(foldSpace(line))]
}

// trimLine trims white space (including no-break spaces) around a line.
func trimLine(s string) string { return strings.TrimFunc(s, unicode.IsSpace) }
