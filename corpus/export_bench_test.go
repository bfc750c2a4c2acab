package corpus

import (
	"fmt"
	"io"
	"testing"
)

// benchRows are n beads of typical length (about 150 characters a side),
// every tenth a near-duplicate of an earlier one.
func benchRows(n int) []SentenceRow {
	rows := make([]SentenceRow, n)
	for i := range rows {
		k := i
		if i%10 == 9 {
			k = i - 9
		}
		rows[i] = SentenceRow{ID: fmt.Sprintf("%d-0", i), Score: 0.9, Alignment: "1-1", Translation: map[string]string{
			"ru": fmt.Sprintf("Министр иностранных дел России провёл переговоры с коллегой, обсуждены вопросы двустороннего сотрудничества №%d.", k),
			"en": fmt.Sprintf("The Russian Foreign Minister held talks with his counterpart; they discussed bilateral cooperation, No. %d.", k),
		}}
	}
	return rows
}

func BenchmarkExport(b *testing.B) {
	rows := benchRows(10_000)
	for _, format := range []ExportFormat{ExportMoses, ExportTSV, ExportJSONL, ExportTMX} {
		b.Run(string(format), func(b *testing.B) {
			for b.Loop() {
				var err error
				if format == ExportMoses {
					_, err = WriteMoses(io.Discard, io.Discard, rowSeq(rows), exportOpt)
				} else {
					_, err = WriteExport(io.Discard, format, rowSeq(rows), exportOpt)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(rows)*b.N)/b.Elapsed().Seconds(), "beads/s")
		})
	}
}

// BenchmarkFilter is the training preset without the language check (the
// detector's cost is measured in package detect).
func BenchmarkFilter(b *testing.B) {
	rows := benchRows(10_000)
	for b.Loop() {
		opt := TrainingFilterOptions()
		opt.SourceLang, opt.TargetLang = "ru", "en"
		f, err := NewFilter(opt)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rows {
			f.Keep(r.Translation["ru"], r.Translation["en"], r.Score)
		}
	}
	b.ReportMetric(float64(len(rows)*b.N)/b.Elapsed().Seconds(), "beads/s")
}
