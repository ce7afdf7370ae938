// Opens pages in Debian's headless Chromium at a phone's width and reports, as
// JSON on stdout, what `tests/browser.rs` asserts: axe-core violations (WCAG
// 2 A and AA) and whether the page scrolls sideways.
//
// usage: node check.mjs WIDTH URL...
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const [width, ...urls] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: Number(width), height: 800 }, deviceScaleFactor: 2 });
const results = [];
for (const url of urls) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const layout = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    bodyFontPx: parseFloat(getComputedStyle(document.body).fontSize),
    lineHeight: parseFloat(getComputedStyle(document.body).lineHeight) / parseFloat(getComputedStyle(document.body).fontSize),
    lang: document.documentElement.lang,
  }));
  results.push({
    url,
    violations: axe.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })),
    ...layout,
  });
  await page.close();
}
await browser.close();
console.log(JSON.stringify(results));
