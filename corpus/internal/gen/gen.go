package gen

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Bead is one gold segment pair: Russian text and its English translation.
type Bead struct{ RU, EN string }

// Doc is a run of beads that belong together (one document of the source
// set): posts mostly take consecutive beads of one document.
type Doc []Bead

// BeadFiles are the gold bead files, relative to a data directory (the
// project's testdata/ or ../shared/data), that LoadDocs reads.
var BeadFiles = []string{
	"wmt23-ruen-dev/gold/beads.jsonl",
	"mfa-sample/gold/beads.jsonl",
}

// LoadDocs reads the bilingual beads of BeadFiles under dir. Beads with an
// empty side (omissions) are dropped: a generated pair stays a translation.
func LoadDocs(dir string) ([]Doc, error) {
	var docs []Doc
	for _, name := range BeadFiles {
		path := filepath.Join(dir, name)
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read beads: %w", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 16<<20)
		line := 0
		for sc.Scan() {
			line++
			var rec struct {
				Beads []struct{ RU, EN string } `json:"beads"`
			}
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				f.Close()
				return nil, fmt.Errorf("read %s:%d: %w", path, line, err)
			}
			var d Doc
			for _, b := range rec.Beads {
				ru, en := strings.TrimSpace(b.RU), strings.TrimSpace(b.EN)
				if ru != "" && en != "" {
					d = append(d, Bead{ru, en})
				}
			}
			if len(d) > 0 {
				docs = append(docs, d)
			}
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("read beads under %s: none found", dir)
	}
	return docs, nil
}

// Options size and shape a generated corpus.
type Options struct {
	Posts    int       // posts per language
	Seed     uint64    // same seed, same bytes
	Start    time.Time // first possible date (UTC)
	Years    int       // dates spread over this many years
	Unpaired float64   // share of posts without a counterpart, on each side
}

// Defaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	if o.Start.IsZero() {
		o.Start = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if o.Years == 0 {
		o.Years = 5
	}
	if o.Unpaired == 0 {
		o.Unpaired = 0.1
	}
	return o
}

// Channel names and ids of the generated exports.
const (
	RUName = "МИД России 🇷🇺"
	ENName = "MFA Russia 🇷🇺"
	RUID   = 1800000001
	ENID   = 1800000002
)

// post is one generated post before it is written. Its text is drawn
// when it is written, from its own seed: a pair shares the seed, and a
// million posts take little memory.
type post struct {
	id    int64
	date  time.Time
	text  uint64 // seed of the text
	pair  int    // index of the counterpart in the other language, -1 if none
	media bool
}

// Corpus is a generated pair of channels.
type Corpus struct {
	RU, EN []post
	docs   []Doc
}

// texts returns the Russian and English text of the post with seed.
func (c *Corpus) texts(seed uint64) (ru, en string) {
	return draw(rand.New(rand.NewPCG(seed, 0x6a09e667f3bcc909)), c.docs)
}

// Generate draws a corpus of o.Posts posts per language from docs.
func Generate(docs []Doc, o Options) (*Corpus, error) {
	o = o.withDefaults()
	if o.Posts < 1 {
		return nil, errors.New("generate: need at least one post per language")
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x9e3779b97f4a7c15))
	span := o.Start.AddDate(o.Years, 0, 0).Sub(o.Start)
	paired := o.Posts - int(float64(o.Posts)*o.Unpaired)

	c := &Corpus{RU: make([]post, o.Posts), EN: make([]post, 0, o.Posts), docs: docs}
	for i := range c.RU {
		date := o.Start.Add(time.Duration(rng.Int64N(int64(span)))).Truncate(time.Second)
		c.RU[i] = post{date: date, pair: -1}
	}
	slices.SortFunc(c.RU, func(a, b post) int { return a.date.Compare(b.date) })
	// Which Russian posts get a translation: a random subset of size paired.
	order := rng.Perm(o.Posts)
	for _, i := range order[:paired] {
		seed := rng.Uint64()
		c.RU[i].text = seed
		c.RU[i].pair = len(c.EN)
		c.EN = append(c.EN, post{date: c.RU[i].date.Add(delay(rng)), text: seed, pair: i})
	}
	for _, i := range order[paired:] {
		c.RU[i].text = rng.Uint64()
	}
	for len(c.EN) < o.Posts {
		date := o.Start.Add(time.Duration(rng.Int64N(int64(span)))).Truncate(time.Second)
		c.EN = append(c.EN, post{date: date, text: rng.Uint64(), pair: -1})
	}
	// English posts in date order; the Russian side's pair indexes follow.
	idx := make([]int, len(c.EN))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return c.EN[a].date.Compare(c.EN[b].date) })
	en := make([]post, len(c.EN))
	for to, from := range idx {
		en[to] = c.EN[from]
		if p := en[to].pair; p >= 0 {
			c.RU[p].pair = to
		}
	}
	c.EN = en
	// Ids in date order, as a channel numbers its posts; a few photos
	// without a caption, as real exports have.
	for _, side := range [][]post{c.RU, c.EN} {
		id := int64(1000)
		for i := range side {
			id += 1 + rng.Int64N(2)
			side[i].id = id
			side[i].media = rng.IntN(50) == 0
		}
	}
	return c, nil
}

// delay is the time between an original and its translation: mostly
// minutes to hours, sometimes days.
func delay(rng *rand.Rand) time.Duration {
	switch r := rng.Float64(); {
	case r < 0.6:
		return time.Duration(2+rng.IntN(90)) * time.Minute
	case r < 0.9:
		return time.Duration(2+rng.IntN(22)) * time.Hour
	default:
		return time.Duration(1+rng.IntN(4))*24*time.Hour + time.Duration(rng.IntN(1440))*time.Minute
	}
}

// draw returns a Russian post text and its English translation: mostly a
// run of consecutive beads of one document, sometimes beads of several.
func draw(rng *rand.Rand, docs []Doc) (ru, en string) {
	n := 1 + rng.IntN(4)
	if rng.IntN(4) > 0 {
		n += rng.IntN(10)
	}
	var beads []Bead
	if rng.IntN(10) < 7 {
		d := docs[rng.IntN(len(docs))]
		start := rng.IntN(len(d))
		for i := 0; i < n && start+i < len(d); i++ {
			beads = append(beads, d[start+i])
		}
	} else {
		for range n {
			d := docs[rng.IntN(len(docs))]
			beads = append(beads, d[rng.IntN(len(d))])
		}
	}
	var rb, eb strings.Builder
	for i, b := range beads {
		if i > 0 {
			sep := " "
			if rng.IntN(4) == 0 {
				sep = "\n\n"
			}
			rb.WriteString(sep)
			eb.WriteString(sep)
		}
		rb.WriteString(b.RU)
		eb.WriteString(b.EN)
	}
	return rb.String(), eb.String()
}

// message is one message of a Telegram Desktop export.
type message struct {
	ID           int64    `json:"id"`
	Type         string   `json:"type"`
	Date         string   `json:"date"`
	DateUnix     string   `json:"date_unixtime"`
	From         string   `json:"from"`
	FromID       string   `json:"from_id"`
	Photo        string   `json:"photo,omitempty"`
	Width        int      `json:"width,omitempty"`
	Height       int      `json:"height,omitempty"`
	Text         string   `json:"text"`
	TextEntities []entity `json:"text_entities"`
}

type entity struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// WriteExport writes one side of c (c.RU when ru, else c.EN) as a
// Telegram Desktop result.json (dates in the exporting computer's zone,
// UTC here, and date_unixtime).
func (c *Corpus) WriteExport(w io.Writer, ru bool) error {
	posts, name, id := c.EN, ENName, int64(ENID)
	if ru {
		posts, name, id = c.RU, RUName, RUID
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	hdr, _ := json.Marshal(name)
	fmt.Fprintf(bw, "{\n \"name\": %s,\n \"type\": \"public_channel\",\n \"id\": %d,\n \"messages\": [", hdr, id)
	from := fmt.Sprintf("channel%d", id)
	for i, p := range posts {
		if i > 0 {
			bw.WriteString(",")
		}
		text, en := c.texts(p.text)
		if !ru {
			text = en
		}
		m := message{ID: p.id, Type: "message", Date: p.date.Format("2006-01-02T15:04:05"),
			DateUnix: fmt.Sprint(p.date.Unix()), From: name, FromID: from, Text: text,
			TextEntities: []entity{{Type: "plain", Text: text}}}
		if p.media {
			m.Photo, m.Width, m.Height = fmt.Sprintf("photos/photo_%d@%s.jpg", p.id, p.date.Format("02-01-2006_15-04-05")), 1280, 853
			m.Text, m.TextEntities = "", []entity{}
		}
		b, err := json.MarshalIndent(m, "  ", " ")
		if err != nil {
			return err
		}
		bw.WriteString("\n  ")
		bw.Write(b)
	}
	bw.WriteString("\n ]\n}\n")
	return bw.Flush()
}

// WriteGold writes the true pairs as gold/pairs.tsv does (en_channel en_id
// ru_channel ru_id), in English post order; photos without text have no
// pair.
func WriteGold(w io.Writer, c *Corpus) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "en_channel\ten_id\tru_channel\tru_id")
	for _, e := range c.EN {
		if e.pair < 0 || e.media || c.RU[e.pair].media {
			continue
		}
		fmt.Fprintf(bw, "%s\t%d\t%s\t%d\n", ENName, e.id, RUName, c.RU[e.pair].id)
	}
	return bw.Flush()
}

// WriteDir writes c under dir: ru/result.json, en/result.json and
// gold/pairs.tsv, each through a temporary file renamed into place.
func WriteDir(dir string, c *Corpus) error {
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"ru/result.json", func(w io.Writer) error { return c.WriteExport(w, true) }},
		{"en/result.json", func(w io.Writer) error { return c.WriteExport(w, false) }},
		{"gold/pairs.tsv", func(w io.Writer) error { return WriteGold(w, c) }},
	}
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		tmp, err := os.CreateTemp(filepath.Dir(path), ".gen-*")
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		err = f.write(tmp)
		if err == nil {
			err = tmp.Chmod(0o644)
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), path)
		}
		if err != nil {
			os.Remove(tmp.Name())
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return nil
}
