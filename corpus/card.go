package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// DatasetCard is what the README.md of a build output says: a Hugging Face
// dataset card (https://huggingface.co/docs/hub/datasets-cards) whose YAML
// front matter names one configuration per Parquet file, so that
// load_dataset(DIR) and the Hub read each file with its own schema instead
// of mixing three schemas in one split.
type DatasetCard struct {
	SourceLang, TargetLang string
	// License is a Hugging Face license id ("cc-by-4.0"); "" writes "other":
	// the texts belong to the channels, and only the user knows the terms.
	License string
	// Version is parapost's version ("" when unknown).
	Version string
	// Posts, Pairs and Sentences count the rows of the three files.
	Posts, Pairs, Sentences int
	// Filters describes the training filters applied to sentences.parquet
	// ("" when none).
	Filters string
}

// cardColumns describes every column of the three files, in file order.
// TestDatasetCardColumns checks that it names every column of the schemas.
var cardColumns = map[string][][2]string{
	"sentences": {
		{"id", "bead id, `PAIRID-BEADINDEX` (the bead's position among all beads of the pair, omissions included: stable under filtering)"},
		{"pair_id", "the pair of posts (pairs.parquet) the bead comes from"},
		{"source_channel", "channel of the original post"},
		{"source_post_id", "id of the original post"},
		{"target_channel", "channel of the translation"},
		{"target_post_id", "id of the translation"},
		{"translation", "`{LANGS}`: the bead's text in each language (its sentences joined by a space); the Hugging Face Translation feature"},
		{"alignment", "bead shape, source-target sentence counts (`1-1`, `1-2`, `2-1`, ...)"},
		{"score", "alignment confidence of the bead, 0..1"},
		{"source_index", "0-based numbers of the bead's sentences in the original post"},
		{"target_index", "0-based numbers of the bead's sentences in the translation"},
		{"source_start", "code-point offset of the bead in the original post's text (posts.parquet)"},
		{"source_end", "end of the bead in the original post's text, code points, exclusive"},
		{"target_start", "code-point offset of the bead in the translation's text"},
		{"target_end", "end of the bead in the translation's text, code points, exclusive"},
	},
	"posts": {
		{"channel", "the channel's username when any input gives it, else its title"},
		{"channel_title", "the channel's title, when known"},
		{"channel_id", "the chat's numeric Telegram id, when an input gives it (Telegram Desktop exports)"},
		{"post_id", "post id within the channel (position in the file for sources without ids)"},
		{"date", "publication time, UTC; NULL when unknown"},
		{"text", "post text, Unicode NFC"},
		{"source", "the file the post was first read from"},
		{"sources", "every place the post was read from, `FILE#CHANNEL/ID`"},
		{"forwarded_from", "for a forward: the original channel"},
		{"forwarded_post_id", "for a forward: the original post's id, when known"},
		{"edited", "whether the source marks the post as edited"},
		{"links", "URLs of the post"},
		{"hashtags", "hashtags of the post"},
		{"lang", "detected language (ISO 639-1) or `unknown`"},
		{"lang_confidence", "the detector's confidence, 0..1"},
		{"lang_spans", "language runs of a mixed post: `{start, end, lang}`, code-point offsets into `text`"},
		{"pair_id", "the pair the post belongs to; NULL when unpaired"},
		{"paired_channel", "channel of the post it is paired with"},
		{"paired_post_id", "id of the post it is paired with"},
		{"pair_role", "`source` (original) or `target` (translation)"},
	},
	"pairs": {
		{"pair_id", "pair id"},
		{"source_channel", "channel of the original"},
		{"source_post_id", "id of the original"},
		{"source_date", "date of the original, UTC"},
		{"target_channel", "channel of the translation"},
		{"target_post_id", "id of the translation"},
		{"target_date", "date of the translation, UTC"},
		{"source_lang", "language of the original"},
		{"target_lang", "language of the translation"},
		{"score", "pairing score (higher is surer)"},
		{"margin", "the score's lead over the runner-up candidate"},
		{"evidence", "anchors both posts share (`flag:🇷🇺`, `date:06-10`, `name:lavrov`, `num:200`)"},
		{"source_sentences", "sentences of the original"},
		{"target_sentences", "sentences of the translation"},
		{"beads_1_1", "1-1 beads"},
		{"beads_1_2", "1-2 beads"},
		{"beads_2_1", "2-1 beads"},
		{"beads_2_2", "2-2 beads"},
		{"beads_other", "bilingual beads of other shapes"},
		{"beads_1_0", "source sentences left out of the translation (omission beads)"},
		{"beads_0_1", "target sentences without a source (omission beads)"},
		{"unaligned_source", "source sentences in omission beads"},
		{"unaligned_target", "target sentences in omission beads"},
		{"alignment_score", "mean score of the bilingual beads; NULL when none"},
		{"check_coverage", "fidelity audit (parapost check): share of the source's characters aligned; the check_* columns are NULL when the pair was not checked"},
		{"check_sentence_coverage", "share of the source's sentences aligned"},
		{"check_omissions", "omission findings: source sentences left out of the translation that no declared cut covers"},
		{"check_additions", "addition findings: target sentences with no source"},
		{"check_numbers", "number findings: a number on one side of a bead only or changed"},
		{"check_dates", "date findings: a day, month or year that differs"},
		{"check_names", "name findings: a name of the translation found nowhere in the original"},
		{"check_hashtags", "hashtag findings"},
		{"check_flags", "flag emoji findings"},
		{"check_meaning", "meaning findings: a bead whose similarity is far below the pair's others"},
		{"check_length", "length findings: a bead whose length ratio is an outlier"},
		{"check_abridged", "abridged findings: declared cuts (\"<...>\", \"[…]\", a final \"Read in full\" link), not failures"},
		{"check_pass", "the pair has no finding of a failing kind (omission, addition, number, date, name)"},
	},
}

// cardSchemas are the record types whose columns cardColumns describes.
var cardSchemas = map[string]reflect.Type{
	"sentences": reflect.TypeFor[sentenceRecord](),
	"posts":     reflect.TypeFor[PostRow](),
	"pairs":     reflect.TypeFor[PairRow](),
}

// WriteDatasetCard writes the README.md of a build output.
func WriteDatasetCard(w io.Writer, c DatasetCard) error {
	langs, _, err := translationLangs(c.SourceLang, c.TargetLang)
	if err != nil {
		return fmt.Errorf("write dataset card: %w", err)
	}
	license := c.License
	if license == "" {
		license = "other"
	}
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) } // a JSON string is a YAML scalar
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	p("---\nlanguage:\n- %s\n- %s\n", langs[0], langs[1])
	p("license: %s\n", q(license))
	p("pretty_name: %s\n", q(fmt.Sprintf("parapost %s-%s parallel corpus", c.SourceLang, c.TargetLang)))
	p("task_categories:\n- translation\n")
	p("size_categories:\n- %s\n", sizeCategory(c.Sentences))
	p("tags:\n- parallel-corpus\n- sentence-alignment\n- telegram\n")
	p("configs:\n")
	for _, cfg := range []struct {
		name string
		def  bool
	}{{"sentences", true}, {"posts", false}, {"pairs", false}} {
		p("- config_name: %s\n  data_files:\n  - split: train\n    path: %s.parquet\n", cfg.name, cfg.name)
		if cfg.def {
			p("  default: true\n")
		}
	}
	p("---\n\n")

	p("# parapost %s-%s parallel corpus\n\n", c.SourceLang, c.TargetLang)
	p("Sentence-aligned %s→%s translations from Telegram channels: posts in %s (originals) paired with\n", c.SourceLang, c.TargetLang, c.SourceLang)
	p("their %s translations and aligned sentence by sentence, built by parapost", c.TargetLang)
	if c.Version != "" {
		p(" %s", c.Version)
	}
	p(".\n\n")
	p("| file | config | rows |\n| --- | --- | --- |\n")
	p("| `sentences.parquet` | `sentences` (default) | %d bilingual sentence beads |\n", c.Sentences)
	p("| `posts.parquet` | `posts` | %d posts |\n", c.Posts)
	p("| `pairs.parquet` | `pairs` | %d pairs of posts |\n\n", c.Pairs)
	if c.Filters != "" {
		p("`sentences.parquet` was filtered for training: %s.\n\n", c.Filters)
	}
	p("The three files have different schemas: load each by its configuration, never the folder as\n")
	p("one set of Parquet files (`load_dataset(\"parquet\", data_dir=...)` ignores this card and mixes them).\n\n")
	p("```python\nfrom datasets import load_dataset\n")
	p("sentences = load_dataset(\"DIR\")                  # this folder (or its Hub repository): the sentences config\n")
	p("posts = load_dataset(\"DIR\", \"posts\")\n")
	p("pairs = load_dataset(\"DIR\", \"pairs\")\n")
	p("sentences = load_dataset(\"parquet\", data_files=\"DIR/sentences.parquet\")  # one file, without the card\n```\n\n")
	p("## License\n\n")
	if c.License == "" {
		p("`other`: the texts belong to the channels they come from. State the terms under which you\n")
		p("share them (parapost build --license) before publishing this dataset.\n\n")
	} else {
		p("`%s`, as given by the person who built the corpus; the texts come from the channels named in\n`posts.parquet`.\n\n", license)
	}
	for _, file := range []string{"sentences", "posts", "pairs"} {
		p("## Columns of `%s.parquet`\n\n| column | meaning |\n| --- | --- |\n", file)
		for _, col := range cardColumns[file] {
			desc := strings.ReplaceAll(col[1], "{LANGS}", "{"+langs[0]+", "+langs[1]+"}")
			p("| `%s` | %s |\n", col[0], strings.ReplaceAll(desc, "|", "\\|"))
		}
		p("\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write dataset card: %w", err)
	}
	return nil
}

// sizeCategory is the Hub's size_categories value for n rows.
func sizeCategory(n int) string {
	switch {
	case n < 1_000:
		return "n<1K"
	case n < 10_000:
		return "1K<n<10K"
	case n < 100_000:
		return "10K<n<100K"
	case n < 1_000_000:
		return "100K<n<1M"
	case n < 10_000_000:
		return "1M<n<10M"
	case n < 100_000_000:
		return "10M<n<100M"
	}
	return "100M<n<1B"
}
