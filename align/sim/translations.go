package sim

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/parapost/parapost/align/split"
	"github.com/parapost/parapost/corpus"
)

// Unit is a source-language text and its machine translation: a sentence,
// a segment of several sentences, or a whole post.
type Unit struct{ Source, Translation string }

// ReadTranslations reads a translations file in JSON Lines, one unit per
// line: {"<srcLang>": "...", "<tgtLang>": "..."} (other fields are
// ignored), as parapost's data sets and `parapost mt export` write them.
// name is used in errors.
func ReadTranslations(r io.Reader, name, srcLang, tgtLang string) ([]Unit, error) {
	var units []Unit
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		if len(line) == 0 {
			continue
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(line, &obj); err != nil {
			return nil, &corpus.InputError{File: name, Place: "line " + strconv.Itoa(n), Err: fmt.Errorf("not a JSON object: %w", err)}
		}
		var u Unit
		for _, f := range []struct {
			lang string
			dst  *string
		}{{srcLang, &u.Source}, {tgtLang, &u.Translation}} {
			raw, ok := obj[f.lang]
			if !ok {
				return nil, &corpus.InputError{File: name, Place: "line " + strconv.Itoa(n), Err: fmt.Errorf("no %q field (want {%q: ..., %q: ...})", f.lang, srcLang, tgtLang)}
			}
			if err := json.Unmarshal(raw, f.dst); err != nil {
				return nil, &corpus.InputError{File: name, Place: "line " + strconv.Itoa(n), Err: fmt.Errorf("field %q: %w", f.lang, err)}
			}
		}
		units = append(units, u)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(units) == 0 {
		return nil, &corpus.InputError{File: name, Err: errors.New("no translations found")}
	}
	return units, nil
}

// LineUnits pairs the lines of a source document with the lines of its
// translation, one per line (Bleualign's --srctotarget files). name is used
// in errors: the two must have as many lines.
func LineUnits(source, translation, name string) ([]Unit, error) {
	src := splitLines(source)
	tr := splitLines(translation)
	if len(src) != len(tr) {
		return nil, &corpus.InputError{File: name, Err: fmt.Errorf("%d lines of translation for %d source lines", len(tr), len(src))}
	}
	units := make([]Unit, len(src))
	for i := range src {
		units[i] = Unit{Source: src[i], Translation: tr[i]}
	}
	return units, nil
}

func splitLines(s string) []string {
	s = strings.TrimSuffix(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// Translations is a Model over existing translations: the bag of a source
// text is that of its translation, looked up by the text, or by its
// sentences when the units are longer (a unit of several sentences lends
// each of its sentences its translation's sentences when both have as
// many, else a share of the whole). Safe for concurrent use.
type Translations struct {
	vocab   *Vocabulary
	srcLang string
	bags    map[string]Bag // normalised source text → its translation's bag
}

// NewTranslations indexes units for texts of srcLang; target stems are
// numbered in vocab.
func NewTranslations(units []Unit, srcLang string, vocab *Vocabulary) *Translations {
	m := &Translations{vocab: vocab, srcLang: baseLang(srcLang), bags: make(map[string]Bag, 2*len(units))}
	for _, u := range units {
		m.bags[textKey(u.Source)] = vocab.Bag(u.Translation)
		srcSents := split.Sentences(u.Source, srcLang)
		if len(srcSents) < 2 {
			continue
		}
		trSents := split.Sentences(u.Translation, vocab.Lang())
		whole := m.bags[textKey(u.Source)]
		share := scale(whole, 1/float32(len(srcSents)))
		for i, sp := range srcSents {
			k := textKey(u.Source[sp.Start:sp.End])
			if _, ok := m.bags[k]; ok {
				continue // a sentence that is a unit of its own
			}
			if len(trSents) == len(srcSents) {
				m.bags[k] = vocab.Bag(u.Translation[trSents[i].Start:trSents[i].End])
			} else {
				m.bags[k] = share
			}
		}
	}
	return m
}

// scale returns b with weights and mass multiplied by f.
func scale(b Bag, f float32) Bag {
	out := Bag{Terms: make([]Term, len(b.Terms)), Mass: b.Mass * f}
	for i, t := range b.Terms {
		out.Terms[i] = Term{ID: t.ID, W: t.W * f}
	}
	return out
}

// Len returns the number of texts the model can look up.
func (m *Translations) Len() int { return len(m.bags) }

// Source returns the bag of the translation of text: of text itself when
// it is a unit or a sentence of one, else the merged bags of its sentences
// (a post made of translated segments); empty when nothing is known.
func (m *Translations) Source(text string) Bag {
	if b, ok := m.bags[textKey(text)]; ok {
		return b
	}
	var parts []Bag
	for _, sp := range split.Sentences(text, m.srcLang) {
		if b, ok := m.bags[textKey(text[sp.Start:sp.End])]; ok {
			parts = append(parts, b)
		}
	}
	return MergeBags(parts...)
}

// Target returns the bag of a target-language text: its content stems.
func (m *Translations) Target(text string) Bag { return m.vocab.Bag(text) }

var _ Translator = (*Translations)(nil)

// Translates reports true: the bags are those of translations (see
// Translator).
func (m *Translations) Translates() bool { return true }

// textKey normalises a text for look-up: white space folded.
func textKey(s string) string { return strings.Join(strings.Fields(s), " ") }
