// Opens pages in Debian's headless Chromium and reports, as JSON on stdout,
// what `tests/browser.rs` asserts.
//
// usage: node check.mjs WIDTH URL...   a phone or desktop width in pixels:
//          axe-core violations (WCAG 2 A and AA), sideways scroll, type size,
//          the fonts that drew the text, and where every amount of every
//          ledger and table sits;
//        node check.mjs print URL...   sheets laid out as printed on their own
//          paper: how wide they are and how tall their notice is;
//        node check.mjs search URL QUERY...   types each query into the search
//          page at URL on a 360 px phone: the status line, the results (title,
//          link, kind, date, excerpt), sideways scroll and axe-core violations.
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const [mode, ...urls] = process.argv.slice(2);
const print = mode === 'print';
// Text width of each paper at 96 dpi, with the sheets' 12 mm side margins.
const MM = 96 / 25.4;
const PAPER = {
  'a4-portrait': [186, 271], 'a4-landscape': [273, 184],
  'a3-portrait': [273, 394], 'a3-landscape': [396, 271],
};
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: print ? Math.round(186 * MM) : mode === 'search' ? 360 : Number(mode), height: 800 }, deviceScaleFactor: print ? 1 : 2 });
const results = [];
if (mode === 'search') {
  const [url, ...queries] = urls;
  const page = await context.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  if (url.startsWith('file:')) {
    // Opened from a file the index cannot load: the page says so and keeps
    // its links to every year.
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('.search-status').textContent !== '', null, { timeout: 15000 });
    const found = await page.evaluate(() => ({
      status: document.querySelector('.search-status').textContent,
      yearLinks: [...document.querySelectorAll('.search-fallback .year-links a')].filter((a) => a.offsetParent !== null).length,
    }));
    results.push({ url, ...found });
  }
  for (const query of queries) {
    await page.goto(url, { waitUntil: 'load' });
    // The filters appear once the index has loaded.
    await page.waitForSelector('.search-filters:not([hidden])', { timeout: 15000 });
    await page.fill('#q', query);
    await page.press('#q', 'Enter');
    await page.waitForFunction(() => {
      const s = document.querySelector('.search-status').textContent;
      return s && !/…/.test(s) && (document.querySelector('.search-results li') || !/\d/.test(s) || /^找到0/.test(s));
    }, null, { timeout: 15000 });
    await page.waitForTimeout(300);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const found = await page.evaluate(() => ({
      status: document.querySelector('.search-status').textContent,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      location: location.href,
      results: [...document.querySelectorAll('.search-results li')].map((li) => ({
        title: li.querySelector('.item-title').textContent,
        href: li.querySelector('.item-title').href,
        meta: li.querySelector('.item-meta').textContent,
        excerpt: li.querySelector('.excerpt').innerHTML,
      })),
    }));
    results.push({ query, ...found, violations: axe.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })) });
  }
  await browser.close();
  console.log(JSON.stringify(results));
  process.exit(0);
}
for (const url of urls) {
  const page = await context.newPage();
  if (print) {
    await page.emulateMedia({ media: 'print' });
    await page.goto(url, { waitUntil: 'load' });
    // Lay each sheet out at its own paper's width, as the printer will.
    const paper = await page.evaluate(() => {
      const s = document.querySelector('.sheet');
      const m = s && s.className.match(/sheet-(a[34]-(?:portrait|landscape))/);
      return m ? m[1] : 'a4-portrait';
    });
    const [w, h] = PAPER[paper];
    await page.setViewportSize({ width: Math.round(w * MM), height: Math.round(h * MM) });
    const layout = await page.evaluate(() => {
      const sheet = document.querySelector('.sheet');
      const form = document.querySelector('.feedback-form');
      const notice = sheet ? sheet.getBoundingClientRect().height - (form ? form.getBoundingClientRect().height : 0) : 0;
      return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, noticeHeight: notice, hasForm: !!form };
    });
    results.push({ url, paper, pageHeight: h * MM, ...layout });
    await page.close();
    continue;
  }
  await page.goto(url, { waitUntil: 'load' });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const layout = await page.evaluate(() => {
    const box = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, width: r.width, text: e.textContent.trim() }; };
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      bodyFontPx: parseFloat(getComputedStyle(document.body).fontSize),
      lineHeight: parseFloat(getComputedStyle(document.body).lineHeight) / parseFloat(getComputedStyle(document.body).fontSize),
      lang: document.documentElement.lang,
      // Every figure a reader must see: amounts, balances and totals.
      amounts: [...document.querySelectorAll('.ledger-table td.num, .data-table td.num')]
        .filter((e) => e.textContent.trim() !== '').map(box),
      closings: [...document.querySelectorAll('.ledger-table tr.closing td.num')].map(box),
      // Masked IDs and phones: on one line.
      masked: [...document.querySelectorAll('td')].filter((e) => /\*{3,}/.test(e.textContent))
        .map((e) => {
          const range = document.createRange();
          range.selectNodeContents(e);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          return { text: e.textContent.trim(), lines: tops.size };
        }),
    };
  });
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
