// Renders a saved page in headless Chromium and writes document.body.innerText
// (what select-all and copy give), with every network request refused:
//   npm install puppeteer-core; node render.js PAGE.html OUT.page.txt
// It made the *.page.txt fixtures of this folder from their *.html pages.
// render.js IN.html OUT.txt: headless Chromium's document.body.innerText
// of a saved page (what select-all + copy gives), without network.
const puppeteer = require('puppeteer-core');
const path = require('path');
const fs = require('fs');
(async () => {
  const [inp, out] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setRequestInterception(true);
  page.on('request', r => r.url().startsWith('file:') ? r.continue() : r.abort());
  await page.goto('file://' + path.resolve(inp), { waitUntil: 'load' });
  const text = await page.evaluate(() => document.body.innerText);
  fs.writeFileSync(out, text);
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
