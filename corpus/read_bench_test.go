package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// benchSize is the approximate size of each benchmark input.
const benchSize = 4 << 20

// BenchmarkRead measures each reader's throughput on inputs of a few MB
// built from the testdata files by repeating their posts under new ids.
func BenchmarkRead(b *testing.B) {
	inputs := []struct {
		format Format
		build  func(testing.TB) []byte
	}{
		{FormatTelegramJSON, benchTelegramJSON},
		{FormatTelegramHTML, benchTelegramHTML},
		{FormatTMEPage, benchTMEPage},
		{FormatPageText, benchPageText},
		{FormatJSONL, benchJSONL},
	}
	for _, in := range inputs {
		b.Run(string(in.format), func(b *testing.B) {
			data := in.build(b)
			if f, err := Sniff(data[:sniffSize]); f != in.format {
				b.Fatalf("input sniffed as %q, %v", f, err)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				posts, _, err := Read(bytes.NewReader(data), "bench")
				if err != nil || len(posts) == 0 {
					b.Fatalf("%d posts, %v", len(posts), err)
				}
			}
		})
	}
}

func benchTelegramJSON(tb testing.TB) []byte {
	data, err := os.ReadFile(filepath.Join(mfaDir, "mid_russia.result.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var export struct {
		Name     string           `json:"name"`
		Type     string           `json:"type"`
		ID       int64            `json:"id"`
		Messages []map[string]any `json:"messages"`
	}
	if err := json.Unmarshal(data, &export); err != nil {
		tb.Fatal(err)
	}
	orig := export.Messages
	export.Messages = nil
	for id, size := 1, 0; size < benchSize; {
		for _, m := range orig {
			c := make(map[string]any, len(m))
			for k, v := range m {
				c[k] = v
			}
			c["id"] = id
			id++
			export.Messages = append(export.Messages, c)
		}
		size += len(data)
	}
	out, err := json.MarshalIndent(export, "", " ")
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func benchTMEPage(tb testing.TB) []byte {
	data, err := os.ReadFile(filepath.Join(mfaDir, "mid_russia.page.html"))
	if err != nil {
		tb.Fatal(err)
	}
	page := string(data)
	start := strings.Index(page, `<div class="tgme_widget_message_wrap`)
	end := strings.LastIndex(page, `</section>`)
	if start < 0 || end < start {
		tb.Fatal("page layout changed")
	}
	body := page[start:end]
	var b strings.Builder
	b.WriteString(page[:start])
	for b.Len() < benchSize {
		b.WriteString(body)
	}
	b.WriteString(page[end:])
	id := 0
	dataPost := regexp.MustCompile(`data-post="MID_Russia/[0-9]+"`)
	return []byte(dataPost.ReplaceAllStringFunc(b.String(), func(string) string {
		id++
		return fmt.Sprintf(`data-post="MID_Russia/%d"`, id)
	}))
}

func benchPageText(tb testing.TB) []byte {
	data, err := os.ReadFile(filepath.Join(mfaDir, "embassy_usa.page.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "Forwarded from")
	var b strings.Builder
	b.WriteString(text)
	for b.Len() < benchSize {
		b.WriteString("\n" + text[start:])
	}
	return []byte(b.String())
}

func benchJSONL(tb testing.TB) []byte {
	posts, _ := readTestFile(tb, filepath.Join(mfaDir, "mid_russia.result.json"))
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for id := 1; b.Len() < benchSize; {
		for _, p := range posts {
			rec := map[string]any{
				"channel": p.Channel, "id": id, "date": p.Date.Unix(), "text": p.Text,
				"links": p.Links, "hashtags": p.Hashtags,
			}
			id++
			if err := enc.Encode(rec); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return b.Bytes()
}

// benchTelegramHTML writes the posts of the Russian export as a Telegram
// Desktop HTML export page, in the exporter's layout.
func benchTelegramHTML(tb testing.TB) []byte {
	posts, _ := readTestFile(tb, filepath.Join(mfaDir, "mid_russia.result.json"))
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html>\n\n <head>\n\n  <meta charset=\"utf-8\"/>\n<title>Exported Data</title>\n </head>\n\n <body onload=\"CheckLocation();\">\n\n  <div class=\"page_wrap\">\n\n   <div class=\"page_header\">\n\n    <div class=\"content\">\n\n     <div class=\"text bold\">\nМИД России 🇷🇺\n     </div>\n\n    </div>\n\n   </div>\n\n   <div class=\"page_body chat_page\">\n\n    <div class=\"history\">\n")
	for id := 1; b.Len() < benchSize; {
		for _, p := range posts {
			fmt.Fprintf(&b, "\n     <div class=\"message default clearfix joined\" id=\"message%d\">\n\n      <div class=\"body\">\n\n       <div class=\"pull_right date details\" title=\"%s UTC+03:00\">\n%s\n       </div>\n\n       <div class=\"text\">\n%s\n       </div>\n\n      </div>\n\n     </div>\n",
				id, p.Date.Format("02.01.2006 15:04:05"), p.Date.Format("15:04"), strings.ReplaceAll(html.EscapeString(p.Text), "\n", "<br>"))
			id++
		}
	}
	b.WriteString("\n    </div>\n\n   </div>\n\n  </div>\n\n </body>\n\n</html>\n")
	return []byte(b.String())
}
