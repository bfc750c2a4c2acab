package corpus

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

// FuzzExport checks, for any pair of texts, that each export keeps one
// bead per line (Moses, TSV) and that the TMX is well-formed XML whose
// segments read back as the cleaned texts.
func FuzzExport(f *testing.F) {
	for _, r := range exportRows {
		f.Add(r.Translation["ru"], r.Translation["en"])
	}
	f.Add("a\x00b\x1f", "\uFFFE\uFFFF\u2028]]>")
	f.Add("\xff\xfe", "&amp; <![CDATA[x]]>")
	f.Fuzz(func(t *testing.T, ru, en string) {
		rows := []SentenceRow{{ID: "1-0", Translation: map[string]string{"ru": ru, "en": en}}}
		var src, tgt, tsv, tmx bytes.Buffer
		if _, err := WriteMoses(&src, &tgt, rowSeq(rows), exportOpt); err != nil {
			t.Fatal(err)
		}
		if strings.Count(src.String(), "\n") != 1 || strings.Count(tgt.String(), "\n") != 1 {
			t.Fatalf("moses lines %q | %q", src.String(), tgt.String())
		}
		if _, err := WriteTSV(&tsv, rowSeq(rows), exportOpt); err != nil {
			t.Fatal(err)
		}
		if strings.Count(tsv.String(), "\n") != 1 || strings.Count(tsv.String(), "\t") != 1 {
			t.Fatalf("tsv line %q", tsv.String())
		}
		if _, err := WriteTMX(&tmx, rowSeq(rows), exportOpt); err != nil {
			t.Fatal(err)
		}
		var doc tmxDoc
		if err := xml.Unmarshal(tmx.Bytes(), &doc); err != nil {
			t.Fatalf("TMX not well-formed: %v\n%s", err, tmx.String())
		}
		if len(doc.TUs) != 1 || len(doc.TUs[0].TUVs) != 2 || doc.TUs[0].TUVs[0].Seg != CleanLine(ru) || doc.TUs[0].TUVs[1].Seg != CleanLine(en) {
			t.Fatalf("TMX reads back %+v, want %q | %q", doc.TUs, CleanLine(ru), CleanLine(en))
		}
	})
}
