// Browser tests of the built site: served over HTTP under a sub-path, and opened from file://.
// Run: cd tests/browser && npm ci && OPSKIT_SITE=/path/to/site node --test
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  SITE, SCREENSHOTS, SUB_PATH, bodyBackground, ensureDir, fileUrl, findPages, firstCodeText,
  launchBrowser, navChain, normalizeUrl, openPage, readNavTree, readPage, requireSite, startServer,
} from './lib.mjs';

const SEARCH_PHRASE = process.env.OPSKIT_SEARCH_PHRASE || 'AWS-RunPatchBaseline';
const DEEP_PAGE = process.env.OPSKIT_DEEP_PAGE || 'implementation/game-days/az-impairment';
const SCREENSHOT_PAGE = process.env.OPSKIT_SCREENSHOT_PAGE || 'runbooks/patch-instances/index.html';
const T = { timeout: 90_000 };
const LOCALE_SITE = path.resolve(process.env.OPSKIT_LOCALE_SITE || SITE);

requireSite();

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

/** A page that matches `re`, preferring the one whose path contains `prefer`. */
function pickPage(re, prefer) {
  const pages = findPages(re);
  return (prefer && pages.find((p) => p.includes(prefer))) || pages[0] || null;
}

/** Pages with at least two tab groups sharing a data-group-id, else any page with tabs. */
function pickTabsPage() {
  let single = null;
  for (const rel of findPages(/class="tabs"/)) {
    const counts = {};
    for (const m of readPage(rel).matchAll(/class="tabs"[^>]*data-group-id="([^"]+)"/g)) counts[m[1]] = (counts[m[1]] || 0) + 1;
    const shared = Object.keys(counts).find((g) => counts[g] >= 2);
    if (shared) return { rel, group: shared };
    if (!single) single = { rel, group: Object.keys(counts)[0] || null };
  }
  return single;
}

for (const mode of ['http', 'file']) {
  describe(`site over ${mode === 'http' ? `HTTP under ${SUB_PATH}` : 'file://'}`, () => {
    let server;
    before(async () => { if (mode === 'http') server = await startServer(SITE, SUB_PATH); });
    after(async () => { await server?.close(); });

    const url = (rel) => (mode === 'http' ? server.base + rel : fileUrl(rel));
    /** Opens a page; the callback gets { page, context, errors }; page errors fail the test. */
    async function withPage(options, fn) {
      const opts = { ...options };
      if (mode === 'http' && opts.permissions) opts.origin = server.origin;
      if (mode === 'file' && opts.permissions) delete opts.origin;
      const session = await openPage(browser, opts);
      try {
        await fn(session);
        assert.deepEqual(session.errors, [], 'no script errors on the page');
      } finally {
        await session.context.close();
      }
    }
    async function pageUrlOf(page) {
      return normalizeUrl(await page.evaluate(() => document.documentElement.getAttribute('data-page-url')));
    }

    it('navigates from the home page by sidebar links to a page three levels deep', T, async () => {
      const chain = navChain(readNavTree(), 3, DEEP_PAGE);
      assert.ok(chain, 'the navigation tree has a page three levels deep');
      await withPage({}, async ({ page }) => {
        await page.goto(url('index.html'));
        await page.locator('#sidebar .nav-tree').waitFor();
        for (const node of chain) {
          const link = page.locator(`#sidebar a[data-url="${node.u}"]`);
          await Promise.all([page.waitForURL(new RegExp(escapeRe(node.u.split('/').map(encodeURIComponent).join('/')) + '$')), link.click()]);
          assert.equal(await pageUrlOf(page), normalizeUrl(node.u), `arrived at ${node.u}`);
          const current = page.locator('#sidebar a[aria-current="page"]');
          assert.equal(await current.count(), 1, 'one sidebar link marks the current page');
          assert.equal(await current.getAttribute('data-url'), node.u, 'the sidebar highlights the current page');
          assert.ok(await current.isVisible(), 'the current page is visible (its branch is open)');
        }
        const crumbs = await page.locator('.breadcrumbs a').count();
        assert.ok(crumbs >= 2, `a deep page shows its ancestors in the breadcrumbs (found ${crumbs})`);
      });
    });

    it(`search finds "${SEARCH_PHRASE}" and opens the result`, T, async () => {
      await withPage({}, async ({ page }) => {
        await page.goto(url('index.html'));
        await page.keyboard.press('/');
        assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'search-input', '"/" focuses the search box');
        await page.keyboard.type(SEARCH_PHRASE);
        // wait for the results of the whole phrase (not of a prefix typed on the way)
        await page.waitForFunction((q) => document.getElementById('search-dropdown').getAttribute('data-query') === q, SEARCH_PHRASE);
        const results = page.locator('#search-dropdown .search-result a');
        await results.first().waitFor();
        const texts = await results.allInnerTexts();
        assert.ok(texts.length > 0, 'the dropdown shows results');
        const wanted = SEARCH_PHRASE.toLowerCase();
        let index = texts.findIndex((t) => t.toLowerCase().includes(wanted));
        if (index < 0) index = 0;
        const target = results.nth(index);
        const href = await target.getAttribute('href');
        const before = page.url();
        await Promise.all([page.waitForURL((u) => u.href !== before), target.click()]);
        await page.waitForLoadState('load');
        const main = (await page.locator('main').innerText()).toLowerCase();
        assert.ok(main.includes(wanted), `the opened result (${href}) contains the phrase`);

        // Ctrl+K focuses the box; Enter opens the full results page
        await page.keyboard.press('Control+k');
        assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'search-input', 'Ctrl+K focuses the search box');
        await page.keyboard.type(SEARCH_PHRASE);
        await page.waitForFunction((q) => document.getElementById('search-dropdown').getAttribute('data-query') === q, SEARCH_PHRASE);
        await Promise.all([page.waitForURL(/search\.html\?q=/), page.keyboard.press('Enter')]);
        await page.locator('#search-page-results > li').first().waitFor();
        assert.equal(await page.inputValue('#search-page-input'), SEARCH_PHRASE, 'the search page shows the query');
        assert.ok(await page.locator('#search-page-results > li').count() >= 1, 'the search page lists results');
      });
    });

    it('a tab switches its panel and the tabs of the same group', T, async (t) => {
      const found = pickTabsPage();
      assert.ok(found, 'the site has a page with tabs');
      if (!found.group) t.diagnostic(`${found.rel}: its tabs have no group id`);
      await withPage({}, async ({ page }) => {
        await page.goto(url(found.rel));
        if (found.group) {
          await page.evaluate((g) => localStorage.removeItem('opskit-tab-' + g), found.group);
          await page.reload();
        }
        const groups = found.group ? page.locator(`.tabs[data-group-id="${found.group}"]`) : page.locator('.tabs');
        const first = groups.nth(0);
        const tabs = first.locator(':scope > .tab-list > [role="tab"]');
        const n = await tabs.count();
        assert.ok(n >= 2, 'the tabs group has at least two tabs');
        const tab = tabs.nth(1);
        const key = await tab.getAttribute('data-tab-key');
        await tab.click();
        const selectedIn = async (container) => container.locator(':scope > .tab-list > [role="tab"][aria-selected="true"]');
        const check = async (container, label) => {
          const sel = await selectedIn(container);
          assert.equal(await sel.count(), 1, `${label}: one tab selected`);
          assert.equal(await sel.getAttribute('data-tab-key'), key, `${label}: the tab "${key}" is selected`);
          const panelId = await sel.getAttribute('aria-controls');
          assert.ok(await container.locator(`#${panelId}`).isVisible(), `${label}: its panel shows`);
          const hidden = await container.locator(':scope > .tab-panel:not([hidden])').count();
          assert.equal(hidden, 1, `${label}: the other panels are hidden`);
        };
        await check(first, 'clicked group');
        if (found.group && (await groups.count()) >= 2) {
          await check(groups.nth(1), 'partner group');
          assert.equal(await page.evaluate((g) => localStorage.getItem('opskit-tab-' + g), found.group), key, 'the choice is stored');
          await page.reload();
          await check(page.locator(`.tabs[data-group-id="${found.group}"]`).nth(0), 'after reload');
        } else {
          t.diagnostic('no second tabs group with the same group id on this page: the partner was not checked');
        }
        // keyboard: arrows move the selection (WAI-ARIA tabs pattern)
        const again = (found.group ? page.locator(`.tabs[data-group-id="${found.group}"]`) : page.locator('.tabs')).nth(0);
        const all = again.locator(':scope > .tab-list > [role="tab"]');
        await all.nth(1).focus();
        await page.keyboard.press('ArrowRight');
        const expected = n > 2 ? 2 : 0;
        assert.equal(await all.nth(expected).getAttribute('aria-selected'), 'true', 'ArrowRight selects the next tab');
        assert.equal(await all.nth(expected).evaluate((e) => e === document.activeElement), true, 'ArrowRight moves focus');
        await page.keyboard.press('Home');
        assert.equal(await all.nth(0).getAttribute('aria-selected'), 'true', 'Home selects the first tab');
      });
    });

    it('an expand opens', T, async (t) => {
      const rel = pickPage(/<details class="expand"(?![^>]*\bopen\b)[^>]*>/);
      assert.ok(rel, 'the site has a closed expand');
      await withPage({}, async ({ page }) => {
        await page.goto(url(rel));
        const index = await page.evaluate(() => Array.from(document.querySelectorAll('details.expand')).findIndex((d) => !d.open));
        assert.ok(index >= 0, 'the page has a closed expand');
        const details = page.locator('details.expand').nth(index);
        const body = details.locator(':scope > .expand-body');
        assert.equal(await body.isVisible(), false, 'the body is hidden at first');
        await details.locator(':scope > summary').click();
        assert.equal(await details.evaluate((d) => d.open), true, 'the details element is open');
        assert.ok(await body.isVisible(), 'the body shows');
      });
    });

    it('the copy button copies the code', T, async (t) => {
      const rel = pickPage(/<pre[^>]*>\s*<code/, 'runbooks/');
      assert.ok(rel, 'the site has a code block');
      const expected = firstCodeText(readPage(rel));
      await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async ({ page }) => {
        await page.goto(url(rel));
        const button = page.locator('main .code-block .copy-button').first();
        await button.click();
        await page.waitForFunction((b) => b.getAttribute('data-copied') === 'true', await button.elementHandle(), { timeout: 5000 });
        assert.equal((await button.innerText()).trim(), 'Copied');
        if (mode === 'http') {
          const text = await page.evaluate(() => navigator.clipboard.readText());
          assert.equal(text, expected, 'the clipboard holds the code');
        }
      });
    });

    it('the locale switcher moves between the locales of a page', T, async () => {
      // The kit has one locale: OPSKIT_LOCALE_SITE names a site built from a two-locale workshop.
      const rel = findPages(/class="locale-switcher"/, LOCALE_SITE)[0];
      assert.ok(rel, `a page in more than one locale in ${LOCALE_SITE}`);
      const localeServer = mode === 'http' ? await startServer(LOCALE_SITE, SUB_PATH) : null;
      const localeUrl = (r) => (mode === 'http' ? localeServer.base + r : fileUrl(r, LOCALE_SITE));
      try { await withPage({}, async ({ page }) => {
        await page.goto(localeUrl(rel));
        const links = page.locator('.locale-switcher a');
        assert.ok((await links.count()) >= 2, 'the switcher lists at least two locales');
        const current = page.locator('.locale-switcher a[aria-current="true"]');
        assert.equal(await current.count(), 1, 'one locale is marked current');
        const from = await current.getAttribute('data-locale');
        const other = page.locator('.locale-switcher a:not([aria-current="true"])').first();
        const to = await other.getAttribute('data-locale');
        const startUrl = page.url();
        await Promise.all([page.waitForURL((u) => u.href !== startUrl), other.click()]);
        assert.equal(await page.locator('.locale-switcher a[aria-current="true"]').getAttribute('data-locale'), to, `now in ${to}`);
        const lang = (await page.evaluate(() => document.documentElement.lang)).toLowerCase();
        assert.ok(lang === to.toLowerCase() || lang.startsWith(to.toLowerCase().split('-')[0]), `<html lang> (${lang}) follows the locale ${to}`);
        await Promise.all([page.waitForURL(startUrl), page.locator(`.locale-switcher a[data-locale="${from}"]`).click()]);
        assert.equal(await page.locator('.locale-switcher a[aria-current="true"]').getAttribute('data-locale'), from, `back in ${from}`);
      }); } finally { await localeServer?.close(); }
    });

    it('the menu button opens the navigation on a phone', T, async () => {
      await withPage({ viewport: { width: 390, height: 844 } }, async ({ page }) => {
        await page.goto(url('index.html'));
        const toggle = page.locator('.menu-toggle');
        const sidebar = page.locator('#sidebar');
        assert.ok(await toggle.isVisible(), 'the menu button shows on a narrow screen');
        assert.equal(await sidebar.isVisible(), false, 'the sidebar is hidden at first');
        await toggle.click();
        await page.waitForFunction(() => getComputedStyle(document.getElementById('sidebar')).visibility === 'visible');
        assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
        assert.ok(await sidebar.locator('a').first().isVisible(), 'the navigation links show');
        await page.keyboard.press('Escape');
        assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'Escape closes it');
      });
    });

    if (mode === 'http') {
      it('screenshots of one page in light and dark mode', T, async () => {
        const rel = findPages(/./).includes(SCREENSHOT_PAGE) ? SCREENSHOT_PAGE : 'index.html';
        ensureDir(SCREENSHOTS);
        const backgrounds = {};
        for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
          for (const scheme of ['light', 'dark']) {
            await withPage({ viewport, colorScheme: scheme }, async ({ page }) => {
              await page.goto(url(rel));
              await page.emulateMedia({ colorScheme: scheme });
              await page.waitForLoadState('load');
              await page.waitForTimeout(300);
              backgrounds[scheme] = await bodyBackground(page);
              const file = path.join(SCREENSHOTS, `${name}-${scheme}.png`);
              await page.screenshot({ path: file });
            });
          }
        }
        assert.notEqual(backgrounds.light, backgrounds.dark, 'dark mode changes the page background');
      });
    }
  });
}
