package check

import (
	"cmp"
	"fmt"
	"html"
	"html/template"
	"io"
	"slices"
	"strings"
)

// WriteHTML writes the report as one self-contained page for people
// (no network: styles, script and the histogram are inline): each pair
// side by side, the aligned sentences facing each other coloured by score,
// findings highlighted in the text, filters by finding kind and channel,
// and j/k to move between findings (#finding-N opens the page at the Nth,
// #kind-K shows only the findings of kind K).
func WriteHTML(w io.Writer, r *Report) error {
	page := htmlPage{Summary: r.Summary, Histogram: histogram(r)}
	channels := map[string]bool{}
	for _, k := range Kinds {
		if n := r.Summary.Findings[k]; n > 0 {
			page.Kinds = append(page.Kinds, kindCount{Kind: k, N: n})
		}
	}
	for _, p := range r.Pairs {
		channels[p.SourceChannel+" → "+p.TargetChannel] = true
		page.Pairs = append(page.Pairs, htmlPairOf(p))
	}
	for ch := range channels {
		page.Channels = append(page.Channels, ch)
	}
	slices.Sort(page.Channels)
	if err := pageTemplate.Execute(w, page); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

type kindCount struct {
	Kind Kind
	N    int
}

type htmlPage struct {
	Summary   Summary
	Kinds     []kindCount
	Channels  []string
	Pairs     []htmlPair
	Histogram template.HTML
}

type htmlPair struct {
	PairReport
	Name, Channel string
	Kinds         string
	Rows          []htmlRow
	PairFindings  []Finding // about the whole pair
}

type htmlRow struct {
	Index            int
	Source, Target   template.HTML
	Score            string
	Colour           string
	Findings         []Finding
	Omitted, Missing bool // a 1-0 or 0-1 bead
}

func htmlPairOf(p PairReport) htmlPair {
	hp := htmlPair{PairReport: p, Name: pairName(p), Channel: p.SourceChannel + " → " + p.TargetChannel}
	byBead := map[int][]Finding{}
	var kinds []string
	for _, f := range p.Findings {
		if f.Bead < 0 {
			hp.PairFindings = append(hp.PairFindings, f)
		} else {
			byBead[f.Bead] = append(byBead[f.Bead], f)
		}
		if !slices.Contains(kinds, string(f.Kind)) {
			kinds = append(kinds, string(f.Kind))
		}
	}
	hp.Kinds = strings.Join(kinds, " ")
	for i, b := range p.Beads {
		fs := byBead[i]
		row := htmlRow{Index: i, Findings: fs, Source: marked(b.Source, fs, false), Target: marked(b.Target, fs, true),
			Omitted: b.Target == "", Missing: b.Source == ""}
		if b.Score >= 0 {
			row.Score = fmt.Sprintf("%.2f", b.Score)
			row.Colour = fmt.Sprintf("hsl(%.0f 75%% 90%%)", 120*min(1, b.Score/0.6))
		}
		hp.Rows = append(hp.Rows, row)
	}
	return hp
}

// marked escapes one side of a bead, wrapping the passages the findings
// mark in <mark> elements classed by kind.
func marked(text string, fs []Finding, target bool) template.HTML {
	type span struct {
		start, end int
		kind       Kind
	}
	var spans []span
	for _, f := range fs {
		for _, m := range f.Marks {
			if m.Target == target && m.Start >= 0 && m.End <= len(text) && m.Start < m.End {
				spans = append(spans, span{m.Start, m.End, f.Kind})
			}
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end)) })
	var b strings.Builder
	at := 0
	for _, s := range spans {
		if s.start < at {
			continue // overlaps a passage already marked
		}
		b.WriteString(html.EscapeString(text[at:s.start]))
		fmt.Fprintf(&b, `<mark class="k-%s" data-kind="%s">%s</mark>`, s.kind, s.kind, html.EscapeString(text[s.start:s.end]))
		at = s.end
	}
	b.WriteString(html.EscapeString(text[at:]))
	return template.HTML(b.String())
}

// histogram draws the bead scores of the report as an inline SVG bar
// chart of ten bins.
func histogram(r *Report) template.HTML {
	var bins [10]int
	total := 0
	for _, p := range r.Pairs {
		for _, b := range p.Beads {
			if b.Score < 0 {
				continue
			}
			bins[min(9, int(b.Score*10))]++
			total++
		}
	}
	top := max(1, slices.Max(bins[:]))
	const w, h, bw = 320, 120, 30
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="hist" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="histogram of %d bead scores">`, w, h+30, w, h+30, total)
	for i, n := range bins {
		bh := h * n / top
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="hsl(%d 60%% 55%%)"><title>%.1f–%.1f: %d beads</title></rect>`,
			i*(bw+2), h-bh, bw, bh, 12*min(10, int(float64(i)/0.6+0.5)), float64(i)/10, float64(i+1)/10, n)
		if n > 0 {
			fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10" text-anchor="middle">%d</text>`, i*(bw+2)+bw/2, h-bh-2, n)
		}
	}
	fmt.Fprintf(&b, `<text x="0" y="%d" font-size="11">0</text><text x="%d" y="%d" font-size="11" text-anchor="end">1</text>`, h+14, 10*(bw+2)-2, h+14)
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="middle">bead similarity</text></svg>`, 5*(bw+2), h+27)
	return template.HTML(b.String())
}

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"pct": func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>parapost check: {{.Summary.Failed}} of {{.Summary.Pairs}} pairs fail</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #222; height: 100vh; display: flex; flex-direction: column; }
header { flex: none; background: #f7f7f9; border-bottom: 1px solid #ccc; padding: 8px 16px; z-index: 1; display: flex; gap: 24px; align-items: flex-start; }
header h1 { font-size: 18px; margin: 0 0 4px; }
.filters label { margin-right: 10px; white-space: nowrap; }
main { flex: 1; overflow: auto; padding: 8px 16px; } /* the pairs scroll under a fixed header */
section.pair { border: 1px solid #ccc; border-radius: 6px; margin: 12px 0; }
section.pair > h2 { font-size: 15px; margin: 0; padding: 6px 10px; background: #eef; border-radius: 6px 6px 0 0; }
.pass { color: #176d17; } .fail { color: #b00020; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
td { vertical-align: top; padding: 4px 8px; border-top: 1px solid #e4e4e4; }
td.score { width: 44px; text-align: center; color: #555; font-size: 12px; }
td.src, td.tgt { width: calc(50% - 30px); }
tr.gap td.tgt, tr.added td.src { background: repeating-linear-gradient(45deg, #fff, #fff 6px, #f1f1f1 6px, #f1f1f1 12px); }
.notes { font-size: 12px; }
.finding { display: inline-block; margin: 2px 6px 2px 0; padding: 1px 6px; border-radius: 4px; background: #fff3cd; border: 1px solid #e0c060; }
.finding.failing { background: #fde2e4; border-color: #d9534f; }
.finding.current { outline: 3px solid #0057d9; }
mark { border-radius: 3px; padding: 0 1px; }
mark.k-omission, mark.k-addition, mark.k-meaning { background: #ffc9c9; }
mark.k-number, mark.k-date { background: #ffd57a; }
mark.k-name { background: #b9e2ff; }
mark.k-hashtag, mark.k-flag { background: #e3c9ff; }
mark.k-abridged { background: #d6d6d6; }
.hidden { display: none !important; }
.hist text { fill: #333; }
kbd { border: 1px solid #aaa; border-radius: 3px; padding: 0 3px; font-size: 12px; }
</style>
</head>
<body>
<header>
<div>
<h1>parapost check: <span class="{{if .Summary.Failed}}fail{{else}}pass{{end}}">{{.Summary.Failed}} of {{.Summary.Pairs}} pairs fail</span></h1>
<div>{{.Summary.Passed}} pass · coverage of the originals: {{pct .Summary.Coverage.Sentences}} of sentences, {{pct .Summary.Coverage.Chars}} of characters</div>
<div class="filters" id="kinds">Findings:
{{range .Kinds}}<label><input type="checkbox" data-kind="{{.Kind}}" checked> <mark class="k-{{.Kind}}">{{.Kind}}</mark> {{.N}}</label>{{end}}
</div>
<div class="filters">Channel: <select id="channel"><option value="">all</option>{{range .Channels}}<option>{{.}}</option>{{end}}</select>
<label><input type="checkbox" id="only"> only pairs with findings shown</label>
· <kbd>j</kbd>/<kbd>k</kbd> next/previous finding <span id="pos"></span></div>
</div>
{{.Histogram}}
</header>
<main>
{{range .Pairs}}<section class="pair" data-channel="{{.Channel}}" data-kinds="{{.Kinds}}" id="pair-{{.PairID}}">
<h2>{{.Name}} · <span class="{{if .Pass}}pass">pass{{else}}fail">fail{{end}}</span> · coverage {{pct .Coverage.Sentences}} of sentences, {{pct .Coverage.Chars}} of characters
{{range .PairFindings}}<span class="finding{{if .Fail}} failing{{end}}" data-kind="{{.Kind}}">{{.Kind}}: {{.Detail}}</span>{{end}}</h2>
<table>
{{range .Rows}}<tr class="bead{{if .Omitted}} gap{{end}}{{if .Missing}} added{{end}}"{{if .Colour}} style="background: {{.Colour}}"{{end}}>
<td class="src" lang="{{"ru"}}">{{.Source}}</td><td class="score">{{.Score}}</td><td class="tgt">{{.Target}}</td></tr>
{{if .Findings}}<tr class="notes"><td colspan="3">{{range .Findings}}<span class="finding{{if .Fail}} failing{{end}}" data-kind="{{.Kind}}" tabindex="-1">{{.Kind}}: {{.Detail}}</span>{{end}}</td></tr>{{end}}
{{end}}</table>
</section>
{{end}}</main>
<script>
(function () {
  var boxes = document.querySelectorAll('#kinds input');
  var channel = document.getElementById('channel');
  var only = document.getElementById('only');
  var pos = document.getElementById('pos');
  var current = -1;
  function shownKinds() {
    var on = {};
    boxes.forEach(function (b) { on[b.dataset.kind] = b.checked; });
    return on;
  }
  function apply() {
    var on = shownKinds();
    document.querySelectorAll('.finding').forEach(function (f) { f.classList.toggle('hidden', !on[f.dataset.kind]); });
    document.querySelectorAll('mark[data-kind]').forEach(function (m) { m.style.background = on[m.dataset.kind] ? '' : 'transparent'; });
    document.querySelectorAll('section.pair').forEach(function (s) {
      var kinds = s.dataset.kinds ? s.dataset.kinds.split(' ') : [];
      var any = kinds.some(function (k) { return on[k]; });
      var hide = (channel.value && s.dataset.channel !== channel.value) || (only.checked && !any);
      s.classList.toggle('hidden', hide);
    });
    current = -1;
    pos.textContent = '';
  }
  function visible() {
    return Array.prototype.filter.call(document.querySelectorAll('.finding'), function (f) { return f.offsetParent !== null; });
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  channel.addEventListener('change', apply);
  only.addEventListener('change', apply);
  function go(i) {
    var list = visible();
    if (!list.length) return;
    if (current >= 0 && list[current]) list[current].classList.remove('current');
    current = Math.max(0, Math.min(list.length - 1, i));
    var f = list[current];
    f.classList.add('current');
    f.focus({preventScroll: true});
    var main = document.querySelector('main');
    main.scrollTop += f.getBoundingClientRect().top - main.getBoundingClientRect().top - main.clientHeight / 2;
    pos.textContent = (current + 1) + ' of ' + list.length;
  }
  document.addEventListener('keydown', function (e) {
    if (e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT' || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'j') go(current + 1);
    if (e.key === 'k') go(current - 1);
  });
  // #finding-N links to the Nth finding; #kind-K shows only findings of kind K.
  var m = /^#finding-(\d+)$/.exec(location.hash);
  if (m) go(parseInt(m[1], 10) - 1);
  m = /^#kind-(\w+)$/.exec(location.hash);
  if (m) {
    boxes.forEach(function (b) { b.checked = b.dataset.kind === m[1]; });
    only.checked = true;
    apply();
    go(0);
  }
})();
</script>
</body>
</html>
`))
