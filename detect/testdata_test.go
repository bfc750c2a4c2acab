package detect

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// exportFiles are the Telegram Desktop exports of the test data and the
// language of each channel's posts.
var exportFiles = []struct {
	path string
	lang string
}{
	{"../testdata/mfa-sample/mid_russia.result.json", "ru"},
	{"../testdata/mfa-sample/mfa_russia.result.json", "en"},
	{"../testdata/wmt23-ruen-dev/ru.result.json", "ru"},
	{"../testdata/wmt23-ruen-dev/en.result.json", "en"},
}

// testPost is a message of a test export, read without package corpus so
// that these tests do not depend on its readers.
type testPost struct {
	file    string
	channel string
	id      int64
	text    string
}

func (p testPost) String() string { return fmt.Sprintf("%s/%d", filepath.Base(p.file), p.id) }

// readExport reads the messages of a Telegram Desktop result.json.
func readExport(path string) ([]testPost, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var export struct {
		Name     string `json:"name"`
		Messages []struct {
			ID   int64           `json:"id"`
			Text json.RawMessage `json:"text"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(data, &export); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	posts := make([]testPost, 0, len(export.Messages))
	for _, m := range export.Messages {
		text, err := flattenText(m.Text)
		if err != nil {
			return nil, fmt.Errorf("parse %s: message %d: %w", path, m.ID, err)
		}
		posts = append(posts, testPost{file: path, channel: export.Name, id: m.ID, text: text})
	}
	return posts, nil
}

// flattenText flattens a message's text: a string, or an array of strings
// and {"type", "text"} objects.
func flattenText(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", nil
	}
	if raw[0] == '"' {
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", err
	}
	var b bytes.Buffer
	for _, p := range parts {
		if bytes.HasPrefix(bytes.TrimSpace(p), []byte(`"`)) {
			var s string
			if err := json.Unmarshal(p, &s); err != nil {
				return "", err
			}
			b.WriteString(s)
			continue
		}
		var e struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(p, &e); err != nil {
			return "", err
		}
		b.WriteString(e.Text)
	}
	return b.String(), nil
}

var (
	allPostsOnce sync.Once
	allPosts     []testPost
	allPostsErr  error
)

// testPosts returns every message of exportFiles.
func testPosts(tb testing.TB) []testPost {
	tb.Helper()
	allPostsOnce.Do(func() {
		for _, f := range exportFiles {
			ps, err := readExport(f.path)
			if err != nil {
				allPostsErr = err
				return
			}
			allPosts = append(allPosts, ps...)
		}
	})
	if allPostsErr != nil {
		tb.Fatal(allPostsErr)
	}
	return allPosts
}

var (
	testDetectorOnce sync.Once
	testDetector     *Detector
	testDetectorErr  error
)

// defaultDetector returns a detector for DefaultLanguages, built once.
func defaultDetector(tb testing.TB) *Detector {
	tb.Helper()
	testDetectorOnce.Do(func() { testDetector, testDetectorErr = New(nil) })
	if testDetectorErr != nil {
		tb.Fatal(testDetectorErr)
	}
	return testDetector
}

// textScript returns the main script of text.
func textScript(text string) script {
	s, _ := mainScript(scanWords(text, nil))
	return s
}
