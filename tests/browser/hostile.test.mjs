// Issue 14: the hostile pages of tests/fixtures/hostile/ (every script payload: Markdown,
// reference and autolinks, directive targets, header= attributes, raw HTML) are loaded in
// headless Chromium over HTTP and from file://, every link and button is clicked, and no
// script may run: no dialog opens and no javascript: URL is navigated to. The site and the
// package's single-file HTML, of the untrusted (raw_html: false) and trusted (raw_html: true)
// projects, are all tried.
// Run: OPSKIT_HOSTILE=/path/with/untrusted-and-trusted-builds node --test hostile.test.mjs
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser, openPage, startServer } from './lib.mjs';

const ROOT = process.env.OPSKIT_HOSTILE;
assert.ok(ROOT && fs.existsSync(ROOT), `OPSKIT_HOSTILE names the folder of the hostile builds (got ${ROOT})`);
const VARIANTS = ['untrusted', 'trusted'];

let browser;
const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-hostile-'));
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); fs.rmSync(unpacked, { recursive: true, force: true }); });

// Loads `url`, clicks every link, button and summary, and returns what ran.
async function attack(url) {
  const { page, context } = await openPage(browser);
  const dialogs = [];
  const navigations = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  page.on('framenavigated', (f) => navigations.push(f.url()));
  context.on('page', async (p) => { navigations.push(`new page: ${p.url()}`); await p.close(); });
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(200);  // onload handlers of inline SVG and images would have run
    const count = await page.locator('a, button, summary').count();
    for (let i = 0; i < count; i++) {
      const el = page.locator('a, button, summary').nth(i);
      const href = (await el.getAttribute('href')) || '';
      if (/^https?:/i.test(href)) continue;  // leaves the page, and the network is closed
      await el.click({ timeout: 2_000, force: true, noWaitAfter: true }).catch(() => {});
      await page.waitForTimeout(20);
      if (page.url() !== url && !page.url().startsWith(url.split('#')[0])) await page.goto(url, { waitUntil: 'load' });
    }
    await page.waitForTimeout(200);
    const hrefs = await page.evaluate(() => [...document.querySelectorAll('[href],[src]')]
      .map((e) => e.getAttribute('href') || e.getAttribute('src')));
    return { dialogs, navigations, clicked: count, hrefs };
  } finally {
    await context.close();
  }
}

function assertInert(result, where) {
  assert.deepEqual(result.dialogs, [], `${where}: no payload opened a dialog`);
  assert.deepEqual(result.navigations.filter((u) => /^javascript:/i.test(u)), [], `${where}: no javascript: navigation`);
  assert.deepEqual(result.hrefs.filter((u) => /^\s*(javascript|vbscript|data:text)/i.test(u)), [], `${where}: no script URL in the page`);
  assert.ok(result.clicked >= 10, `${where}: the payload links are on the page and were clicked (${result.clicked})`);
}

for (const variant of VARIANTS) {
  const out = path.join(ROOT, variant);

  it(`${variant}: the site, over HTTP, runs no payload`, { timeout: 180_000 }, async () => {
    const server = await startServer(path.join(out, 'site'), '/hostile/');
    try {
      const result = await attack(`${server.base}index.html`);
      assertInert(result, `${variant} site over HTTP`);
      assert.ok(result.hrefs.includes('#blocked-url'), 'blocked links carry the inert fragment');
    } finally {
      await server.close();
    }
  });

  it(`${variant}: the site, from file://, runs no payload`, { timeout: 180_000 }, async () => {
    assertInert(await attack(pathToFileURL(path.join(out, 'site', 'index.html')).href), `${variant} site from disk`);
  });

  it(`${variant}: the package's single-file HTML runs no payload`, { timeout: 180_000 }, async () => {
    const dir = path.join(unpacked, variant);
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('unzip', ['-q', '-o', path.join(out, 'packages', 'hostile-1.0.0.zip'), '-d', dir]);
    assertInert(await attack(pathToFileURL(path.join(dir, 'hostile.html')).href), `${variant} single-file HTML`);
  });
}
