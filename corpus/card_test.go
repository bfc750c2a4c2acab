package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// TestDatasetCardColumns: the card describes every column of the three
// files and no other, in file order, so that a new column cannot go
// undocumented.
func TestDatasetCardColumns(t *testing.T) {
	for file, typ := range cardSchemas {
		var want []string
		for _, f := range parquet.SchemaOf(reflectZero(typ)).Fields() {
			want = append(want, f.Name())
		}
		var got []string
		for _, c := range cardColumns[file] {
			got = append(got, c[0])
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: card describes\n  %v\nschema has\n  %v", file, got, want)
		}
	}
}

// TestDatasetCard compares the card with a golden file (go test -update
// rewrites it) and checks the part Hugging Face reads: one configuration
// per file, sentences the default.
func TestDatasetCard(t *testing.T) {
	var buf bytes.Buffer
	card := DatasetCard{SourceLang: "ru", TargetLang: "en", Version: "v1.2.3", Posts: 44, Pairs: 13, Sentences: 97,
		Filters: "kept 97 of 114 beads; dropped: score 3, no words 14"}
	if err := WriteDatasetCard(&buf, card); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	front, _, ok := strings.Cut(strings.TrimPrefix(got, "---\n"), "\n---\n")
	if !strings.HasPrefix(got, "---\n") || !ok {
		t.Fatalf("no YAML front matter:\n%s", got)
	}
	for _, want := range []string{
		"language:\n- en\n- ru\n",
		"license: \"other\"\n",
		"configs:\n" +
			"- config_name: sentences\n  data_files:\n  - split: train\n    path: sentences.parquet\n  default: true\n" +
			"- config_name: posts\n  data_files:\n  - split: train\n    path: posts.parquet\n" +
			"- config_name: pairs\n  data_files:\n  - split: train\n    path: pairs.parquet\n",
		"size_categories:\n- n<1K\n",
	} {
		if !strings.Contains(front+"\n", want) {
			t.Errorf("front matter lacks\n%s\nin\n%s", want, front)
		}
	}
	for _, want := range []string{"| 97 bilingual sentence beads |", "| 44 posts |", "| 13 pairs of posts |", "parapost v1.2.3", "kept 97 of 114 beads"} {
		if !strings.Contains(got, want) {
			t.Errorf("card lacks %q", want)
		}
	}
	golden := filepath.Join("..", "testdata", "card", "dataset-card.golden.md")
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./corpus -run DatasetCard -update creates it)", err)
	}
	if got != string(want) {
		t.Errorf("card differs from %s (rerun with -update if deliberate):\n%s", golden, got)
	}
}

func TestDatasetCardLicense(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteDatasetCard(&buf, DatasetCard{SourceLang: "ru", TargetLang: "en", License: "cc-by-4.0"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "license: \"cc-by-4.0\"\n") {
		t.Errorf("license not in the front matter:\n%s", buf.String())
	}
	if err := WriteDatasetCard(&buf, DatasetCard{SourceLang: "ru", TargetLang: "ru"}); err == nil {
		t.Error("one language twice accepted")
	}
}

func TestSizeCategory(t *testing.T) {
	for n, want := range map[int]string{0: "n<1K", 999: "n<1K", 1000: "1K<n<10K", 250_000: "100K<n<1M", 3_000_000: "1M<n<10M"} {
		if got := sizeCategory(n); got != want {
			t.Errorf("sizeCategory(%d) = %s, want %s", n, got, want)
		}
	}
}

func reflectZero(t reflect.Type) any { return reflect.New(t).Interface() }
