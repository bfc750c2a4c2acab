package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// readTelegramJSON reads a Telegram Desktop export (result.json): a single
// chat ({name, type, id, messages}) or a whole-account export whose chats
// are under chats.list and left_chats.list. Messages are streamed one at a
// time, so a 1 GB export never sits in memory as one value.
//
// A post's Date comes from date_unixtime, which must lie between 2013 and a
// day after now. Exports without it (before 2022) only have date, the local
// time of the exporting computer without an offset; it is read in
// opt.Zone, or as UTC with a warning naming the file.
func readTelegramJSON(r io.Reader, name string) ([]*Post, ReadStats, error) {
	return readTelegramJSONOpt(r, name, nil)
}

func readTelegramJSONOpt(r io.Reader, name string, opt *ReadOptions) ([]*Post, ReadStats, error) {
	var posts []*Post
	stats, err := readTelegramJSONEach(r, name, opt, func(p *Post) error {
		posts = append(posts, p)
		return nil
	})
	if err != nil {
		return nil, ReadStats{}, err
	}
	return posts, stats, nil
}

// readTelegramJSONEach is readTelegramJSON calling emit with each post as
// it is read, in file order. A chat whose name and id come before its
// messages (as Telegram Desktop writes them) is streamed; the posts of one
// that names itself only after its messages are held until its end.
func readTelegramJSONEach(r io.Reader, name string, opt *ReadOptions, emit func(*Post) error) (ReadStats, error) {
	san := newJSONSanitizer(r)
	t := &tgReader{name: name, san: san, dec: json.NewDecoder(san), opt: opt, latest: opt.latestDate(), emit: emit}
	t.zone, t.zoneGiven = opt.zone()
	if err := t.top(); err != nil {
		return ReadStats{}, err
	}
	if t.localDates > 0 {
		t.stats.Warnings = append(t.stats.Warnings, localDatesWarning(name, t.localDates, "without date_unixtime", t.zone, t.zoneGiven))
	}
	t.stats.Files = 1
	t.stats.Posts = t.emitted
	return t.stats, nil
}

// localDatesWarning says that n dates of file had no UTC offset and in
// which zone they were read.
func localDatesWarning(file string, n int, what string, zone *time.Location, given bool) string {
	if given {
		return fmt.Sprintf("%s: %s %s read in %s (--tz)", file, plural(n, "date"), what, zoneName(zone))
	}
	return fmt.Sprintf("%s: %s %s: the exporting computer's local time, read as UTC; give its zone with --tz ZONE", file, plural(n, "date"), what)
}

// tgReader walks the export with the decoder's token API.
type tgReader struct {
	name  string
	san   *jsonSanitizer
	dec   *json.Decoder
	stats ReadStats
	// emit receives each post once its chat is named; emitted counts them.
	emit    func(*Post) error
	emitted int
	nmsg    int  // messages seen in the file, for posts without ids
	found   bool // a messages array or a chat list was seen

	opt        *ReadOptions
	zone       *time.Location // of dates without date_unixtime
	zoneGiven  bool           // zone was chosen by the user
	latest     time.Time      // the latest plausible date
	localDates int            // posts dated without date_unixtime
}

// tgChat is the chat-level data of one chat; its fields may come before or
// after its messages.
type tgChat struct {
	name  string
	id    int64
	posts []*Post
	// named: name and id were read before the messages, so posts are
	// named and emitted as they are read.
	named bool
}

// top reads the top-level object: a chat, an account export, or both.
func (t *tgReader) top() error {
	chat := &tgChat{}
	err := t.object(func(key string) error {
		switch key {
		case "chats", "left_chats":
			t.found = true
			return t.chatList()
		default:
			return t.chatField(chat, key)
		}
	})
	if err != nil {
		return err
	}
	if err := t.finishChat(chat); err != nil {
		return err
	}
	if !t.found {
		return inputErr(t.name, "", errors.New(`no "messages" or "chats": not a Telegram Desktop export`))
	}
	// Anything but white space after the export is an error: a second
	// object would be silently ignored otherwise.
	t.mark()
	if tok, err := t.dec.Token(); err != io.EOF {
		if err != nil {
			return t.fail(err)
		}
		return t.errorAt(t.valueStart(t.san.keepFrom), fmt.Errorf("unexpected %v after the end of the export", tokenString(tok)))
	}
	return nil
}

// chatList reads {"about": ..., "list": [chat, ...]}.
func (t *tgReader) chatList() error {
	return t.object(func(key string) error {
		if key != "list" {
			return t.skip()
		}
		return t.array(func() error {
			chat := &tgChat{}
			if err := t.object(func(key string) error { return t.chatField(chat, key) }); err != nil {
				return err
			}
			return t.finishChat(chat)
		})
	})
}

// chatField reads one field of a chat object.
func (t *tgReader) chatField(chat *tgChat, key string) error {
	switch key {
	case "name":
		var s flexString
		if err := t.decode(&s); err != nil {
			return err
		}
		chat.name = cleanName(string(s))
	case "id":
		var n flexInt
		if err := t.decode(&n); err != nil {
			return err
		}
		chat.id = n.v
	case "messages":
		t.found = true
		chat.named = chat.name != "" && chat.id != 0 && len(chat.posts) == 0
		err := t.array(func() error { return t.message(chat) })
		chat.named = false // a second messages array is held to the end
		return err
	default:
		return t.skip()
	}
	return nil
}

// finishChat names the chat's held posts and emits them.
func (t *tgReader) finishChat(chat *tgChat) error {
	for _, p := range chat.posts {
		if err := t.emitPost(chat, p); err != nil {
			return err
		}
	}
	chat.posts = nil
	return nil
}

// emitPost names p after its chat and hands it to emit.
func (t *tgReader) emitPost(chat *tgChat, p *Post) error {
	name := chat.name
	if name == "" && chat.id != 0 {
		name = "chat" + strconv.FormatInt(chat.id, 10)
	}
	if name == "" {
		name = t.name
	}
	p.Channel = name
	p.ChannelTitle = chat.name
	p.ChannelID = chat.id
	p.Provenance[0].Channel = name
	t.emitted++
	return t.emit(p)
}

// tgMessage is one element of messages. Fields are lenient about their JSON
// type where exporters differ.
type tgMessage struct {
	ID            flexInt         `json:"id"`
	Type          flexString      `json:"type"`
	Date          flexString      `json:"date"`
	DateUnix      flexString      `json:"date_unixtime"`
	Edited        json.RawMessage `json:"edited"`
	ForwardedFrom flexString      `json:"forwarded_from"`
	Text          json.RawMessage `json:"text"`
	TextEntities  json.RawMessage `json:"text_entities"`

	// Media: a message with one of these and no text is media only.
	Photo     json.RawMessage `json:"photo"`
	File      json.RawMessage `json:"file"`
	MediaType json.RawMessage `json:"media_type"`
	Poll      json.RawMessage `json:"poll"`
	Location  json.RawMessage `json:"location_information"`
	Contact   json.RawMessage `json:"contact_information"`
	Sticker   json.RawMessage `json:"sticker_emoji"`
}

// Skip reasons counted in ReadStats.Skipped.
const (
	skipService     = "service message"
	skipMediaOnly   = "media only (no text)"
	skipEmpty       = "empty text"
	skipUnsupported = "unsupported message"
)

// message reads one message and, when it has text, adds a post to chat.
func (t *tgReader) message(chat *tgChat) error {
	t.mark()
	start := t.san.keepFrom
	var raw json.RawMessage
	if err := t.dec.Decode(&raw); err != nil {
		return t.fail(err)
	}
	t.nmsg++
	var m tgMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return t.errorAt(t.valueStart(start), fmt.Errorf("message %d: %w", t.nmsg, describeJSONError(err)))
	}
	switch m.Type {
	case "service":
		t.skipped(skipService)
		return nil
	case "unsupported":
		t.skipped(skipUnsupported)
		return nil
	}
	parts, err := tgTextParts(m.Text, m.TextEntities)
	if err != nil {
		return t.errorAt(t.valueStart(start), fmt.Errorf("message %d: %w", t.nmsg, err))
	}
	ft := flattenParts(parts)
	if ft.text == "" {
		if m.hasMedia() {
			t.skipped(skipMediaOnly)
		} else {
			t.skipped(skipEmpty)
		}
		return nil
	}
	date, local, err := t.date(string(m.DateUnix), string(m.Date))
	if err != nil {
		return t.errorAt(t.valueStart(start), fmt.Errorf("message %d: %w", t.nmsg, err))
	}
	if local {
		t.localDates++
	}
	p := &Post{
		ID:       m.ID.v,
		Date:     date,
		Text:     ft.text,
		Source:   t.name,
		Edited:   len(m.Edited) > 0 && string(m.Edited) != "null",
		Links:    ft.links,
		Hashtags: ft.hashtags,
	}
	provID := p.ID
	if !m.ID.set {
		p.ID, provID = int64(t.nmsg), 0
	}
	if from := cleanName(string(m.ForwardedFrom)); from != "" {
		p.Forward = &Forward{From: from}
	}
	p.Provenance = []Provenance{{Source: t.name, PostID: provID}}
	if ft.repaired || !utf8.Valid(raw) {
		t.stats.RepairedUTF8++
	}
	if chat.named {
		return t.emitPost(chat, p)
	}
	chat.posts = append(chat.posts, p)
	return nil
}

// hasMedia reports whether the message carries a photo, file or other media.
func (m *tgMessage) hasMedia() bool {
	for _, f := range []json.RawMessage{m.Photo, m.File, m.MediaType, m.Poll, m.Location, m.Contact, m.Sticker} {
		if len(f) > 0 && string(f) != "null" {
			return true
		}
	}
	return false
}

func (t *tgReader) skipped(reason string) {
	if t.stats.Skipped == nil {
		t.stats.Skipped = make(map[string]int)
	}
	t.stats.Skipped[reason]++
}

// date returns the UTC time of date_unixtime, or of date read in the
// reader's zone (local reports that), or the zero time when there is
// neither. A date_unixtime that is not a number or lies outside
// 2013..now+1 day is an error: such a file was not written by Telegram.
func (t *tgReader) date(unix, local string) (d time.Time, isLocal bool, err error) {
	if unix = strings.TrimSpace(unix); unix != "" {
		sec, err := strconv.ParseInt(unix, 10, 64)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("date_unixtime %.40q is not a number of seconds", unix)
		}
		d := time.Unix(sec, 0).UTC()
		if d.Before(earliestDate) || d.After(t.latest) {
			return time.Time{}, false, fmt.Errorf("date_unixtime %d (%s) is outside 2013-01-01 .. %s", sec, d.Format(time.RFC3339), t.latest.Format("2006-01-02"))
		}
		return d, false, nil
	}
	if local = strings.TrimSpace(local); local != "" {
		if d, err := time.ParseInLocation("2006-01-02T15:04:05", local, t.zone); err == nil {
			return d.UTC(), true, nil
		}
	}
	return time.Time{}, false, nil
}

// tgTextParts decodes a message's text: a string, or an array of strings and
// {type, text, href} objects; text_entities (the same parts, plain strings
// typed "plain") stands in when text is absent.
func tgTextParts(text, entities json.RawMessage) ([]textPart, error) {
	if isJSONNull(text) {
		text = entities
	}
	if isJSONNull(text) {
		return nil, nil
	}
	switch text[0] {
	case '"':
		var s string
		if err := json.Unmarshal(text, &s); err != nil {
			return nil, fmt.Errorf("text: %w", describeJSONError(err))
		}
		return []textPart{{text: s}}, nil
	case '[':
	default:
		return nil, errors.New("text: expected a string or an array")
	}
	var items []json.RawMessage
	if err := json.Unmarshal(text, &items); err != nil {
		return nil, fmt.Errorf("text: %w", describeJSONError(err))
	}
	parts := make([]textPart, 0, len(items))
	for i, it := range items {
		p, err := tgTextItem(it)
		if err != nil {
			return nil, fmt.Errorf("text[%d]: %w", i, err)
		}
		parts = append(parts, p)
	}
	return parts, nil
}

// tgTextItem decodes one element of a text array.
func tgTextItem(it json.RawMessage) (textPart, error) {
	if isJSONNull(it) {
		return textPart{}, nil
	}
	if it[0] == '"' {
		var s string
		err := json.Unmarshal(it, &s)
		return textPart{text: s}, describeJSONError(err)
	}
	var e struct {
		Type flexString `json:"type"`
		Text flexString `json:"text"`
		Href flexString `json:"href"`
	}
	if err := json.Unmarshal(it, &e); err != nil {
		return textPart{}, describeJSONError(err)
	}
	kind := string(e.Type)
	if kind == "plain" {
		kind = ""
	}
	return textPart{text: string(e.Text), kind: kind, href: string(e.Href)}, nil
}

func isJSONNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// describeJSONError rewords decoding errors for users: Go's messages name
// Go types ("cannot unmarshal number into Go value of type string").
func describeJSONError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field != "" {
			return fmt.Errorf("%s: unexpected JSON %s", te.Field, te.Value)
		}
		return fmt.Errorf("unexpected JSON %s", te.Value)
	}
	return err
}

// object reads a JSON object, calling field for each key; field must consume
// the value.
func (t *tgReader) object(field func(key string) error) error {
	if err := t.delim('{'); err != nil {
		return err
	}
	for t.dec.More() {
		t.mark()
		tok, err := t.dec.Token()
		if err != nil {
			return t.fail(err)
		}
		key, ok := tok.(string)
		if !ok {
			return t.errorAt(t.valueStart(t.san.keepFrom), fmt.Errorf("expected an object key, found %v", tokenString(tok)))
		}
		if err := field(key); err != nil {
			return err
		}
	}
	return t.delim('}')
}

// array reads a JSON array, calling elem for each element; elem must
// consume it.
func (t *tgReader) array(elem func() error) error {
	if err := t.delim('['); err != nil {
		return err
	}
	for t.dec.More() {
		if err := elem(); err != nil {
			return err
		}
	}
	return t.delim(']')
}

// delim reads the delimiter want.
func (t *tgReader) delim(want json.Delim) error {
	t.mark()
	tok, err := t.dec.Token()
	if err != nil {
		return t.fail(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		what := map[json.Delim]string{'{': "an object", '[': "an array", '}': "the end of an object", ']': "the end of an array"}[want]
		return t.errorAt(t.valueStart(t.san.keepFrom), fmt.Errorf("expected %s, found %v", what, tokenString(tok)))
	}
	return nil
}

// decode reads the next value into v.
func (t *tgReader) decode(v any) error {
	t.mark()
	start := t.san.keepFrom
	if err := t.dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return t.errorAt(t.valueStart(start), describeJSONError(err))
		}
		return t.fail(err)
	}
	return nil
}

// skip reads and drops the next value.
func (t *tgReader) skip() error {
	var raw json.RawMessage
	return t.decode(&raw)
}

// mark tells the sanitizer that the decoder's data before its current
// offset is no longer needed for error positions.
func (t *tgReader) mark() { t.san.mark(t.dec.InputOffset()) }

// valueStart returns the offset of the first byte of the next value at or
// after off, skipping white space and separators.
func (t *tgReader) valueStart(off int64) int64 {
	w := t.san.window(off)
	i := 0
	for i < len(w) && (isJSONSpace(w[i]) || w[i] == ',' || w[i] == ':') {
		i++
	}
	return off + int64(i)
}

// fail turns a decoder error into an InputError with the place in the file.
// Errors of the underlying reader are returned unchanged.
func (t *tgReader) fail(err error) error {
	var re *sourceError
	if errors.As(err, &re) {
		return err
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return t.errorAt(t.san.outPos, ErrTruncated)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		pos, msg := t.locateSyntaxError(se)
		return t.errorAt(pos, fmt.Errorf("malformed JSON: %s", msg))
	}
	return t.errorAt(t.san.outPos, err)
}

// locateSyntaxError finds the offending byte of a syntax error. The
// decoder's offsets are unreliable across Token and Decode calls, so the
// value after the last mark is decoded again on its own.
func (t *tgReader) locateSyntaxError(se *json.SyntaxError) (int64, string) {
	start := t.valueStart(t.san.keepFrom)
	w := t.san.window(start)
	if len(w) == 0 {
		return start, se.Error()
	}
	switch c := w[0]; {
	case c == '{' || c == '[' || c == '"' || c == '-' || c == 't' || c == 'f' || c == 'n' || (c >= '0' && c <= '9'):
	default:
		return start, se.Error()
	}
	d := json.NewDecoder(bytes.NewReader(w))
	var raw json.RawMessage
	err := d.Decode(&raw)
	var se2 *json.SyntaxError
	switch {
	case errors.As(err, &se2):
		return start + max(se2.Offset-1, 0), se2.Error()
	case err == nil:
		// The value is fine: the error is in what follows it.
		end := start + d.InputOffset()
		return t.valueStartNoSep(end), se.Error()
	}
	return t.san.outPos, se.Error()
}

// valueStartNoSep skips white space only.
func (t *tgReader) valueStartNoSep(off int64) int64 {
	w := t.san.window(off)
	i := 0
	for i < len(w) && isJSONSpace(w[i]) {
		i++
	}
	return off + int64(i)
}

// errorAt builds an InputError placed at decoder offset off.
func (t *tgReader) errorAt(off int64, err error) error {
	return inputErr(t.name, t.san.place(off), err)
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// tokenString describes a token for error messages.
func tokenString(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		return strconv.Quote(string(v))
	case string:
		return "string " + strconv.Quote(v)
	case nil:
		return "null"
	default:
		return fmt.Sprint(v)
	}
}

// flexString is a JSON string that also accepts numbers, booleans and null
// (as ""): exporters disagree on the types of some fields.
type flexString string

// UnmarshalJSON implements json.Unmarshaler.
func (s *flexString) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) == 0 || string(b) == "null":
		*s = ""
	case b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
	case b[0] == '{' || b[0] == '[':
		return errors.New("expected a string, found an " + map[byte]string{'{': "object", '[': "array"}[b[0]])
	default:
		*s = flexString(b)
	}
	return nil
}

// flexInt is a JSON integer that also accepts a numeric string; set reports
// whether a value (not null) was there.
type flexInt struct {
	v   int64
	set bool
}

// UnmarshalJSON implements json.Unmarshaler.
func (n *flexInt) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		*n = flexInt{}
		return nil
	}
	if len(s) > 0 && s[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f != float64(int64(f)) {
			return fmt.Errorf("expected an integer, found %.40s", string(b))
		}
		v = int64(f)
	}
	*n = flexInt{v: v, set: true}
	return nil
}

// jsonSanitizer is the reader between a Telegram export and the JSON
// decoder. The exporter writes control characters inside strings as \xNN,
// which is not JSON: the sanitizer rewrites them as \u00NN (only inside
// strings, so a literal backslash-x elsewhere is left for the decoder to
// reject). It also keeps what the decoder read since the last mark, so that
// an error can be placed by line and by byte of the original input.
type jsonSanitizer struct {
	r       io.Reader
	inStr   bool // inside a string
	esc     bool // after a backslash inside a string
	scratch []byte
	pend    []byte // rewritten bytes not yet returned
	pendOff int
	err     error

	outPos    int64   // bytes returned to the decoder
	keepFrom  int64   // decoder offset of kept[0]
	kept      []byte  // bytes returned since keepFrom
	keepLines int     // newlines before keepFrom
	keepIn    int64   // input offset of keepFrom
	rewrites  []int64 // decoder offsets of rewritten escapes at or after keepFrom
}

func newJSONSanitizer(r io.Reader) *jsonSanitizer {
	return &jsonSanitizer{r: r, scratch: make([]byte, 64<<10)}
}

// Read implements io.Reader.
func (s *jsonSanitizer) Read(p []byte) (int, error) {
	if s.pendOff == len(s.pend) {
		if s.err != nil {
			return 0, s.err
		}
		n, err := s.r.Read(s.scratch)
		s.pend = s.rewrite(s.pend[:0], s.scratch[:n])
		s.pendOff = 0
		s.err = err
		if len(s.pend) == 0 {
			return 0, err
		}
	}
	n := copy(p, s.pend[s.pendOff:])
	s.kept = append(s.kept, p[:n]...)
	s.pendOff += n
	s.outPos += int64(n)
	return n, nil
}

// rewrite appends src to dst with \x escapes inside strings rewritten.
// Offsets are recorded relative to outPos, which is where dst will start
// when it is returned (rewrite runs only when pend is used up).
func (s *jsonSanitizer) rewrite(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		if !s.inStr {
			j := bytes.IndexByte(src[i:], '"')
			if j < 0 {
				return append(dst, src[i:]...)
			}
			dst = append(dst, src[i:i+j+1]...)
			i += j + 1
			s.inStr = true
			continue
		}
		if s.esc {
			s.esc = false
			if src[i] == 'x' {
				s.rewrites = append(s.rewrites, s.outPos+int64(len(dst)))
				dst = append(dst, "u00"...)
			} else {
				dst = append(dst, src[i])
			}
			i++
			continue
		}
		j := i
		for j < len(src) && src[j] != '"' && src[j] != '\\' {
			j++
		}
		dst = append(dst, src[i:j]...)
		if j == len(src) {
			return dst
		}
		dst = append(dst, src[j])
		if src[j] == '"' {
			s.inStr = false
		} else {
			s.esc = true
		}
		i = j + 1
	}
	return dst
}

// mark drops the kept bytes before decoder offset off.
func (s *jsonSanitizer) mark(off int64) {
	n := int(min(max(off-s.keepFrom, 0), int64(len(s.kept))))
	if n == 0 {
		return
	}
	s.keepLines += bytes.Count(s.kept[:n], []byte{'\n'})
	end := s.keepFrom + int64(n)
	r := 0
	for r < len(s.rewrites) && s.rewrites[r] < end {
		r++
	}
	s.keepIn += int64(n - 2*r)
	s.rewrites = s.rewrites[r:]
	s.kept = s.kept[n:]
	s.keepFrom = end
}

// window returns the kept bytes from decoder offset off on.
func (s *jsonSanitizer) window(off int64) []byte {
	if off < s.keepFrom || off-s.keepFrom > int64(len(s.kept)) {
		return nil
	}
	return s.kept[off-s.keepFrom:]
}

// place describes decoder offset off as "line L, byte B" of the original
// input (B counted from 0), or "byte B" when the line is no longer known.
func (s *jsonSanitizer) place(off int64) string {
	if off < s.keepFrom {
		return "byte " + strconv.FormatInt(off, 10)
	}
	n := int(min(off-s.keepFrom, int64(len(s.kept))))
	line := s.keepLines + bytes.Count(s.kept[:n], []byte{'\n'}) + 1
	end := s.keepFrom + int64(n)
	r := 0
	for r < len(s.rewrites) && s.rewrites[r] < end {
		r++
	}
	in := s.keepIn + int64(n-2*r)
	return fmt.Sprintf("line %d, byte %d", line, in)
}
