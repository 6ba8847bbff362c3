// The wide generated views (issue 20): the tooling map, RACI and SLA tables at 1366x900 show every
// column without an inner scroll box, the header row stays pinned as the page scrolls, phones get
// cards, and print (to PDF) keeps every column. Screenshots at both sizes go to SCREENSHOTS.
// Run: OPSKIT_SITE=/path/to/kit/site node --test views.test.mjs (print needs pdftotext: poppler-utils)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCREENSHOTS, SUB_PATH, ensureDir, findPages, launchBrowser, openPage, requireSite, startServer, SITE } from './lib.mjs';

const T = { timeout: 120_000 };
const VIEWS = [
  ['tooling-map', 'tooling-matrix'],
  ['raci', 'raci'],
  ['sla', 'sla-table'],
];

requireSite();

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer(SITE, SUB_PATH);
});
after(async () => {
  await server?.close();
  await browser?.close();
});

/** The page with the fewest other tables that holds the view: the view's own page. */
function viewPage(cls) {
  const pages = findPages(new RegExp(`<table class="data-table ${cls}"`));
  assert.ok(pages.length, `a page shows the ${cls} view`);
  return pages[0];
}

/** Where each header cell of the view's first table is, and the overflow boxes around the table. */
function measure(page, cls) {
  return page.evaluate((c) => {
    const table = document.querySelector(`table.data-table.${c}`);
    const heads = [...table.querySelectorAll('thead th')].map((th) => {
      const r = th.getBoundingClientRect();
      return { text: th.textContent.trim(), left: r.left + window.scrollX, right: r.right + window.scrollX, top: r.top };
    });
    const boxes = [];
    for (let n = table.parentElement; n && n !== document.documentElement; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (/(auto|scroll|hidden)/.test(s.overflowX + s.overflowY) && (n.scrollWidth > n.clientWidth || n.scrollHeight > n.clientHeight)) {
        boxes.push(n.className || n.tagName);
      }
    }
    return {
      heads,
      boxes,
      viewport: document.documentElement.clientWidth,
      pageScrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      tableTop: table.getBoundingClientRect().top + window.scrollY,
      tableHeight: table.getBoundingClientRect().height,
      headerHeight: document.querySelector('.site-header').getBoundingClientRect().height,
    };
  }, cls);
}

for (const [name, cls] of VIEWS) {
  describe(`the ${name} view`, () => {
    const rel = viewPage(cls);

    it(`at 1366x900 shows every column without an inner scroll box; the header row stays pinned (${rel})`, T, async () => {
      const { page, context, errors } = await openPage(browser, { viewport: { width: 1366, height: 900 } });
      try {
        await page.goto(server.base + rel);
        const m = await measure(page, cls);
        assert.deepEqual(m.boxes, [], 'no overflow box around the table');
        assert.equal(m.pageScrollsSideways, false, 'the page does not scroll sideways');
        for (const h of m.heads) assert.ok(h.right <= m.viewport + 0.5, `column "${h.text}" ends at ${h.right} within ${m.viewport}`);
        await page.screenshot({ path: path.join(ensureDir(SCREENSHOTS), `view-${name}-1366x900.png`) });
        // scroll into the table's middle: the header row is pinned under the site header
        await page.evaluate((y) => window.scrollTo(0, y), m.tableTop + Math.min(m.tableHeight / 2, 1500));
        const pinned = await measure(page, cls);
        for (const h of pinned.heads) {
          assert.ok(Math.abs(h.top - pinned.headerHeight) <= 2, `"${h.text}" is pinned at ${h.top} (site header ${pinned.headerHeight})`);
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    it('at 390x844 reads as cards, one per row, with no sideways scroll', T, async () => {
      const { page, context, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } });
      try {
        await page.goto(server.base + rel);
        const m = await page.evaluate((c) => {
          const table = document.querySelector(`table.data-table.${c}`);
          const row = table.querySelector('tbody tr:not(.group)');
          const cell = row.querySelector('td:not(:empty)');
          return {
            sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
            rowDisplay: getComputedStyle(row).display,
            headVisible: getComputedStyle(table.querySelector('thead')).display !== 'none',
            label: cell ? getComputedStyle(cell, '::before').content : '',
          };
        }, cls);
        assert.equal(m.sideways, false, 'no sideways scroll');
        assert.equal(m.rowDisplay, 'block', 'a row is a card');
        assert.equal(m.headVisible, false, 'the header row gives way to labels');
        assert.match(m.label, /^".+"$/, 'each cell is labelled with its column');
        await page.screenshot({ path: path.join(ensureDir(SCREENSHOTS), `view-${name}-390x844.png`) });
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    it('prints every column: the last column\'s header is in the PDF text', T, async (t) => {
      let pdftotext = true;
      try { execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }); } catch { pdftotext = false; }
      assert.ok(pdftotext, 'pdftotext is installed (Debian poppler-utils; scripts/setup.sh installs it)');
      const { page, context } = await openPage(browser, { viewport: { width: 1366, height: 900 } });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-print-'));
      try {
        await page.goto(server.base + rel);
        await page.emulateMedia({ media: 'print' });
        const m = await measure(page, cls);
        const last = m.heads[m.heads.length - 1].text;
        const file = path.join(dir, `${name}.pdf`);
        await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
        const words = (s) => s.replace(/\s+/g, ' ').trim();
        assert.ok(words(text).includes(words(last)), `the PDF has the last column "${last}"`);
        // and every header (a clipped column would lose its header)
        for (const h of m.heads) {
          for (const w of h.text.split(/\s+/).filter((x) => x.length > 3)) assert.ok(text.includes(w), `the PDF has "${w}" of column "${h.text}"`);
        }
      } finally {
        await context.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
