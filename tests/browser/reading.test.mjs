// Small reading fixes and the theme choice (issue 20): RACI letters coloured, readable tool types,
// no empty header row on info tables, the Copy button beside (not over) the code, a light backdrop
// behind images in dark mode; a light/dark/auto button whose choice holds across pages, no flash.
// Run: OPSKIT_SITE=/path/to/kit/site node --test reading.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SCREENSHOTS, SUB_PATH, SITE, ensureDir, findPages, launchBrowser, openPage, readPage, requireSite, startServer } from './lib.mjs';

const T = { timeout: 90_000 };
const CODE_PAGE = process.env.OPSKIT_SCREENSHOT_PAGE || 'runbooks/patch-instances/index.html';

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

async function withPage(options, fn) {
  const session = await openPage(browser, { viewport: { width: 1366, height: 900 }, ...options });
  try {
    await fn(session);
    assert.deepEqual(session.errors, [], 'no script errors');
  } finally {
    await session.context.close();
  }
}

describe('small fixes', () => {
  it('RACI letters are coloured (the HTML class and the CSS agree)', T, async () => {
    const rel = findPages(/<td class="raci-R">/)[0];
    assert.ok(rel, 'a page shows a RACI table');
    await withPage({}, async ({ page }) => {
      await page.goto(server.base + rel);
      const colours = await page.evaluate(() => {
        const bg = (sel) => { const c = document.querySelector(sel); return c ? getComputedStyle(c).backgroundColor : null; };
        return { r: bg('td.raci-R'), a: bg('td.raci-A'), plain: bg('table.raci tbody td:empty') };
      });
      assert.notEqual(colours.r, colours.plain, `R is coloured (${colours.r})`);
      assert.notEqual(colours.a, colours.plain, `A is coloured (${colours.a})`);
      assert.notEqual(colours.r, colours.a, 'R and A differ');
    });
  });

  it('tool types read as words ("AWS service", not "aws-service")', () => {
    const rel = findPages(/class="tool-type/)[0];
    assert.ok(rel, 'a page lists tools with their type');
    const types = [...readPage(rel).matchAll(/<span class="tool-type[^"]*">([^<]*)<\/span>/g)].map((m) => m[1]);
    assert.ok(types.includes('AWS service'), `labels: ${[...new Set(types)].join(', ')}`);
    assert.ok(!types.some((t) => /^[a-z]+-[a-z-]+$/.test(t)), 'no raw ids');
  });

  it('an info table written with an empty header row shows no empty row', T, async () => {
    const rel = findPages(/<thead>\s*<tr>\s*<th><\/th>\s*<th><\/th>\s*<\/tr>\s*<\/thead>/)[0];
    assert.ok(rel, 'a page has a table with an empty header row');
    await withPage({}, async ({ page }) => {
      await page.goto(server.base + rel);
      const shown = await page.evaluate(() => [...document.querySelectorAll('.content thead')]
        .filter((h) => ![...h.querySelectorAll('th')].some((th) => th.textContent.trim()))
        .map((h) => h.getBoundingClientRect().height));
      assert.ok(shown.length > 0);
      assert.ok(shown.every((hgt) => hgt === 0), `empty header rows take no space (${shown})`);
    });
  });

  it('the Copy button does not cover the code', T, async () => {
    for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
      await withPage({ viewport }, async ({ page }) => {
        await page.goto(server.base + CODE_PAGE);
        await page.locator('.code-block .copy-button').first().waitFor();
        const overlaps = await page.evaluate(() => [...document.querySelectorAll('.code-block')].map((block) => {
          const b = block.querySelector('.copy-button').getBoundingClientRect();
          const code = block.querySelector('pre code').getBoundingClientRect();
          return b.bottom > code.top + 0.5 && b.top < code.bottom && b.right > code.left && b.left < code.right;
        }).filter(Boolean).length);
        assert.equal(overlaps, 0, `no Copy button over code at ${viewport.width}px`);
        if (viewport.width === 390) await page.screenshot({ path: path.join(ensureDir(SCREENSHOTS), 'code-block-390x844.png') });
      });
    }
  });

  it('in dark mode, images get a light backdrop', T, async () => {
    const rel = findPages(/<main[\s\S]*<img /)[0];
    assert.ok(rel, 'a page shows an image');
    await withPage({ colorScheme: 'dark' }, async ({ page }) => {
      await page.goto(server.base + rel);
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.content img')).backgroundColor);
      const [r, g, b] = bg.match(/\d+/g).map(Number);
      assert.ok(r > 200 && g > 200 && b > 200, `light backdrop (${bg})`);
    });
  });
});

describe('theme choice', () => {
  it('light/dark/auto: the choice holds across pages and applies before the first paint', T, async () => {
    await withPage({ colorScheme: 'light' }, async ({ page, context }) => {
      // Records the theme the page has when <body> first exists: a later change would flash.
      await context.addInitScript(() => {
        new MutationObserver((_, obs) => {
          if (document.body) {
            window.__themeAtBody = document.documentElement.getAttribute('data-theme') || 'auto';
            window.__bgAtBody = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim();
            obs.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(server.base + 'index.html');
      const button = page.locator('.theme-toggle');
      assert.ok(await button.isVisible(), 'the header has a theme button');
      const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.match(await button.getAttribute('aria-label'), /automatic/);
      await button.click();   // auto -> light
      assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
      await button.click();   // light -> dark
      assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
      const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.notEqual(darkBg, lightBg, 'dark on a light system');
      assert.match(await button.getAttribute('aria-label'), /dark/);

      await page.goto(server.base + CODE_PAGE);
      assert.equal(await page.evaluate(() => window.__themeAtBody), 'dark', 'the next page is dark before <body>');
      assert.equal(await page.evaluate(() => window.__bgAtBody), '#0f141a', 'with the dark colours');
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), darkBg);
      assert.match(await page.locator('.theme-toggle').getAttribute('aria-label'), /dark/, 'the button shows the choice');
      await page.screenshot({ path: path.join(ensureDir(SCREENSHOTS), 'theme-dark-1366x900.png') });

      await page.locator('.theme-toggle').click();   // dark -> auto: follows the (light) system again
      assert.equal(await page.getAttribute('html', 'data-theme'), null);
      await page.reload();
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), lightBg, 'auto is remembered too');
    });
  });
});
