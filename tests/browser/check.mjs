// Opens pages in Debian's headless Chromium at a phone's width and reports, as
// JSON on stdout, what `tests/browser.rs` asserts: axe-core violations (WCAG
// 2 A and AA) and whether the page scrolls sideways.
//
// usage: node check.mjs WIDTH URL...
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

// With WIDTH `print`, pages are laid out as printed on A4 portrait (180 mm of
// text width at 96 dpi): a sheet wider than that would be shrunk to fit.
const [mode, ...urls] = process.argv.slice(2);
const print = mode === 'print';
const width = print ? 680 : Number(mode);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 2 });
const results = [];
for (const url of urls) {
  const page = await context.newPage();
  if (print) await page.emulateMedia({ media: 'print' });
  await page.goto(url, { waitUntil: 'load' });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const layout = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    bodyFontPx: parseFloat(getComputedStyle(document.body).fontSize),
    lineHeight: parseFloat(getComputedStyle(document.body).lineHeight) / parseFloat(getComputedStyle(document.body).fontSize),
    lang: document.documentElement.lang,
  }));
  // Which installed fonts actually drew the title and the first paragraph or
  // cell: a Chinese page drawn with a font that has no Chinese glyphs is tofu.
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const fonts = {};
  for (const selector of ['h1', '.body p', '.item-summary', 'td', 'dd']) {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (nodeId) {
      const used = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      // Only elements with text of their own report fonts.
      if (used.fonts.length) fonts[selector] = used.fonts.map((f) => f.familyName);
    }
  }
  results.push({
    fonts,
    url,
    violations: axe.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })),
    ...layout,
  });
  await page.close();
}
await browser.close();
console.log(JSON.stringify(results));
