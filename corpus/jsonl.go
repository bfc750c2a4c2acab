package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// jsonlRecord is one line of a JSON Lines file.
type jsonlRecord struct {
	Channel         flexString      `json:"channel"`
	ChannelTitle    flexString      `json:"channel_title"`
	ID              flexInt         `json:"id"`
	Date            json.RawMessage `json:"date"`
	Text            json.RawMessage `json:"text"`
	ForwardedFrom   flexString      `json:"forwarded_from"`
	ForwardedPostID flexInt         `json:"forwarded_post_id"`
	Edited          json.RawMessage `json:"edited"`
	Links           []string        `json:"links"`
	Hashtags        []string        `json:"hashtags"`
}

// readJSONL reads JSON Lines: one object per line with "channel" and "text"
// (a string, or an array of strings and entities as in a Telegram export),
// and optionally "id", "date" (RFC 3339, unix seconds as a number or a
// string, or null), "channel_title", "forwarded_from", "forwarded_post_id",
// "edited" (a boolean, or the edit date), "links" and "hashtags". Blank lines
// are skipped. A record without "id" gets its position in the file.
func readJSONL(r io.Reader, name string) ([]*Post, ReadStats, error) {
	return readJSONLOpt(r, name, nil)
}

func readJSONLOpt(r io.Reader, name string, _ *ReadOptions) ([]*Post, ReadStats, error) {
	var posts []*Post
	stats, err := readJSONLEach(r, name, func(p *Post) error {
		posts = append(posts, p)
		return nil
	})
	if err != nil {
		return nil, ReadStats{}, err
	}
	return posts, stats, nil
}

// readJSONLEach is readJSONL calling emit with each post as it is read.
func readJSONLEach(r io.Reader, name string, emit func(*Post) error) (ReadStats, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		stats ReadStats
		nrec  int
	)
	for lineNo := 1; ; lineNo++ {
		line, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return ReadStats{}, err
		}
		if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 {
			nrec++
			if lineNo == 1 {
				trimmed = bytes.TrimPrefix(trimmed, []byte("\ufeff"))
			}
			p, skip, rerr := jsonlPost(trimmed, name, nrec)
			if rerr != nil {
				return ReadStats{}, inputErr(name, "line "+strconv.Itoa(lineNo), rerr)
			}
			switch {
			case skip != "":
				if stats.Skipped == nil {
					stats.Skipped = make(map[string]int)
				}
				stats.Skipped[skip]++
			default:
				if !utf8.Valid(trimmed) {
					stats.RepairedUTF8++
				}
				stats.Posts++
				if err := emit(p); err != nil {
					return ReadStats{}, err
				}
			}
		}
		if err == io.EOF {
			break
		}
	}
	stats.Files = 1
	return stats, nil
}

// jsonlPost decodes one record; skip names why a valid record gives no post.
func jsonlPost(line []byte, name string, nrec int) (*Post, string, error) {
	if line[0] != '{' {
		return nil, "", errors.New("expected a JSON object")
	}
	var rec jsonlRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, "", fmt.Errorf("malformed JSON at column %d: %s", se.Offset, se.Error())
		}
		return nil, "", describeJSONError(err)
	}
	channel := cleanName(string(rec.Channel))
	if channel == "" {
		return nil, "", errors.New(`missing "channel"`)
	}
	if isJSONNull(rec.Text) {
		return nil, "", errors.New(`missing "text"`)
	}
	parts, err := tgTextParts(rec.Text, nil)
	if err != nil {
		return nil, "", err
	}
	date, err := jsonlDate(rec.Date)
	if err != nil {
		return nil, "", err
	}
	ft := flattenParts(parts)
	if ft.text == "" {
		return nil, skipEmpty, nil
	}
	p := &Post{
		Channel:      channel,
		ChannelTitle: cleanName(string(rec.ChannelTitle)),
		ID:           rec.ID.v,
		Date:         date,
		Text:         ft.text,
		Source:       name,
		Edited:       jsonlEdited(rec.Edited),
		Links:        ft.links,
		Hashtags:     ft.hashtags,
		Provenance:   []Provenance{{Source: name, Channel: channel, PostID: rec.ID.v}},
	}
	if !rec.ID.set {
		p.ID = int64(nrec)
	}
	if rec.Links != nil {
		p.Links = cleanList(rec.Links)
	}
	if rec.Hashtags != nil {
		p.Hashtags = cleanList(rec.Hashtags)
	}
	if from := cleanName(string(rec.ForwardedFrom)); from != "" {
		p.Forward = &Forward{From: from, PostID: rec.ForwardedPostID.v}
	}
	return p, "", nil
}

// jsonlDate parses an RFC 3339 date or unix seconds (number or string);
// null or absent is the zero time.
func jsonlDate(raw json.RawMessage) (time.Time, error) {
	if isJSONNull(raw) {
		return time.Time{}, nil
	}
	s := string(raw)
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return time.Time{}, fmt.Errorf("date: %w", err)
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return time.Time{}, nil
		}
		if d, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return d.UTC(), nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e12 {
		return time.Time{}, fmt.Errorf("date: %.40q is neither RFC 3339 nor unix seconds", s)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

// jsonlEdited reads "edited": true, or a non-empty edit date.
func jsonlEdited(raw json.RawMessage) bool {
	s := string(raw)
	return !isJSONNull(raw) && s != "false" && s != `""` && s != "0"
}

// cleanList repairs and trims a list of strings given by the user, dropping
// empty ones.
func cleanList(list []string) []string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		s, _ = repairUTF8(strings.TrimSpace(s))
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
