// The site on a phone (issue 20), at 390x844: the breadcrumb is one line however deep the page,
// and the on-page contents, hidden beside the article below 1,200 px, are a folded list above it
// that opens and leads to its headings. Screenshots go to SCREENSHOTS.
// Run: OPSKIT_SITE=/path/to/kit/site node --test phone.test.mjs
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SCREENSHOTS, SUB_PATH, ensureDir, findPages, launchBrowser, openPage, readPage, requireSite, startServer, SITE } from './lib.mjs';

const T = { timeout: 120_000 };
const PHONE = { width: 390, height: 844 };

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

/** The page whose breadcrumb has the most text: the hardest to keep on one line. */
function longestBreadcrumbPage() {
  let best = null;
  for (const rel of findPages(/<nav class="breadcrumbs"/)) {
    const m = /<nav class="breadcrumbs"[\s\S]*?<\/nav>/.exec(readPage(rel));
    const text = m[0].replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
    const crumbs = (m[0].match(/<li>/g) || []).length;
    if (crumbs >= 3 && (!best || text.length > best.text.length)) best = { rel, text, crumbs };
  }
  assert.ok(best, 'a page has a breadcrumb of three or more crumbs');
  return best;
}

async function withPhone(fn) {
  const { page, context, errors } = await openPage(browser, { viewport: PHONE });
  try {
    await fn(page, errors);
  } finally {
    await context.close();
  }
}

it('the breadcrumb is one line on a phone', T, async () => {
  const { rel, text, crumbs } = longestBreadcrumbPage();
  await withPhone(async (page) => {
    await page.goto(server.base + rel);
    const m = await page.evaluate(() => {
      const ol = document.querySelector('.breadcrumbs ol');
      const items = [...ol.children].map((li) => li.getBoundingClientRect());
      return {
        height: ol.getBoundingClientRect().height,
        line: parseFloat(getComputedStyle(ol).lineHeight) || parseFloat(getComputedStyle(ol).fontSize) * 1.65,
        tops: [...new Set(items.map((r) => Math.round(r.top)))].length,
        right: Math.max(...items.map((r) => r.right)),
        width: innerWidth,
        pageWidth: document.documentElement.scrollWidth,
      };
    });
    assert.equal(m.tops, 1, `every crumb on one row (${crumbs} crumbs: ${text})`);
    assert.ok(m.height < m.line * 1.5, `the breadcrumb is one line high (${m.height}px, line ${m.line}px)`);
    assert.ok(m.right <= m.width && m.pageWidth <= m.width, 'and it does not widen the page');
    await page.screenshot({ path: path.join(ensureDir(SCREENSHOTS), 'phone-breadcrumb-390x844.png'), clip: { x: 0, y: 0, width: 390, height: 300 } });
  });
});

it('the on-page contents are a folded list above the article on a phone, and open', T, async () => {
  const rel = findPages(/<aside class="toc"/).find((p) => p.includes('runbooks/')) || findPages(/<aside class="toc"/)[0];
  assert.ok(rel, 'a page has on-page contents');
  await withPhone(async (page, errors) => {
    await page.goto(server.base + rel);
    const folded = page.locator('.toc-folded');
    assert.ok(await folded.isVisible(), 'the folded contents show on a phone');
    assert.equal(await page.locator('aside.toc').isVisible(), false, 'the side column does not');
    const above = await page.evaluate(() => document.querySelector('.toc-folded').getBoundingClientRect().bottom <= document.querySelector('.article-title').getBoundingClientRect().top);
    assert.ok(above, 'it comes before the article');
    const links = folded.locator('a');
    assert.equal(await links.first().isVisible(), false, 'folded at first');
    await folded.locator('summary').click();
    assert.equal(await folded.getAttribute('open'), '', 'the summary opens it');
    const count = await links.count();
    assert.ok(count >= 2, `it lists the headings (${count})`);
    await page.screenshot({ path: path.join(ensureDir(SCREENSHOTS), 'phone-on-this-page-390x844.png') });
    const target = await links.nth(count - 1).getAttribute('href');
    await links.nth(count - 1).click();
    assert.equal(await page.evaluate(() => location.hash), target, 'a link leads to its heading');
    const top = await page.evaluate((id) => document.getElementById(decodeURIComponent(id)).getBoundingClientRect().top, target.slice(1));
    assert.ok(top >= 0 && top < 844 / 2, `the heading is in view (top ${top}px)`);
    assert.equal(await folded.getAttribute('open'), null, 'and the list folds again');
    assert.deepEqual(errors, [], 'no script errors');
  });
});

it('the on-page contents stay beside the article at 1366 px', T, async () => {
  const rel = findPages(/<aside class="toc"/).find((p) => p.includes('runbooks/')) || findPages(/<aside class="toc"/)[0];
  const { page, context } = await openPage(browser, { viewport: { width: 1366, height: 900 } });
  try {
    await page.goto(server.base + rel);
    assert.ok(await page.locator('aside.toc').isVisible(), 'the side column shows');
    assert.equal(await page.locator('.toc-folded').isVisible(), false, 'the folded list does not');
  } finally {
    await context.close();
  }
});
