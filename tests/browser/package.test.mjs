// The handover package's single-file HTML, opened from file:// in headless Chromium with the
// network off: nothing is requested outside the file, every image and style is inside it, and
// the table of contents links work. Also the package's offline site opens from disk.
// Run: OPSKIT_PACKAGE=/path/to/name-version.zip node --test package.test.mjs
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser, openPage } from './lib.mjs';

// OPSKIT_PACKAGE: a package zip, or a folder of them (the first, by name, is tested).
let PACKAGE = process.env.OPSKIT_PACKAGE;
assert.ok(PACKAGE && fs.existsSync(PACKAGE), `OPSKIT_PACKAGE names a package zip or folder (got ${PACKAGE})`);
if (fs.statSync(PACKAGE).isDirectory()) {
  const zips = fs.readdirSync(PACKAGE).filter((f) => f.endsWith('.zip')).sort();
  assert.ok(zips.length > 0, `no package zip in ${PACKAGE}`);
  PACKAGE = path.join(PACKAGE, zips[zips.length - 1]);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-package-'));
execFileSync('unzip', ['-q', PACKAGE, '-d', dir]);
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const single = path.join(dir, `${manifest.package}.html`);

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); fs.rmSync(dir, { recursive: true, force: true }); });

async function offlinePage() {
  const session = await openPage(browser);
  await session.context.setOffline(true);
  const requests = [];
  session.page.on('request', (r) => requests.push(r.url()));
  return { ...session, requests };
}

it('the single-file HTML needs nothing outside itself', { timeout: 120_000 }, async () => {
  const { page, context, requests, errors } = await offlinePage();
  try {
    const url = pathToFileURL(single).href;
    await page.goto(url, { waitUntil: 'load' });
    const outside = requests.filter((u) => u !== url && !u.startsWith('data:'));
    assert.deepEqual(outside, [], 'no request leaves the file');
    const images = await page.evaluate(() => [...document.images].map((i) => ({ src: i.src.slice(0, 40), ok: i.complete && i.naturalWidth > 0 })));
    assert.ok(images.length > 0, 'the package has images');
    assert.deepEqual(images.filter((i) => !i.ok), [], 'no broken image');
    const styled = await page.evaluate(() => ({
      sheets: document.styleSheets.length,
      links: document.querySelectorAll('link[rel=stylesheet]').length,
      rules: [...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0),
    }));
    assert.equal(styled.links, 0, 'no linked style sheet');
    assert.ok(styled.rules > 50, `the styles are inlined (${styled.rules} rules)`);
    assert.deepEqual(errors, [], 'no script errors');
  } finally {
    await context.close();
  }
});

it('every table-of-contents link of the single file lands on its section', { timeout: 120_000 }, async () => {
  const { page, context } = await offlinePage();
  try {
    await page.goto(pathToFileURL(single).href);
    const targets = await page.$$eval('.package-toc a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(targets.length >= 5, `the contents list the pages (${targets.length})`);
    const missing = await page.evaluate((ts) => ts.filter((t) => !document.getElementById(decodeURIComponent(t.slice(1)))), targets);
    assert.deepEqual(missing, [], 'every contents entry has its section');
    for (const t of [targets[1], targets[Math.floor(targets.length / 2)], targets[targets.length - 1]]) {
      await page.click(`.package-toc a[href="${t}"]`);
      assert.equal(await page.evaluate(() => location.hash), t);
      const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, decodeURIComponent(t.slice(1)));
      // Near the top (the theme keeps a scroll margin for its header), or as far as the page scrolls.
      const viewport = await page.evaluate(() => innerHeight);
      assert.ok(top >= -5 && top < viewport / 2, `${t} is scrolled into view (top ${top}px)`);
    }
    const internal = await page.$$eval('main a[href^="#"]', (as) => as.map((a) => a.getAttribute('href')));
    const dangling = await page.evaluate((hs) => hs.filter((h) => h.length > 1 && !document.getElementById(decodeURIComponent(h.slice(1)))), internal);
    assert.deepEqual(dangling, [], 'every link inside the file lands on an element');
  } finally {
    await context.close();
  }
});

it("the package's offline site opens from disk with its own navigation", { timeout: 120_000 }, async () => {
  const { page, context, requests, errors } = await offlinePage();
  try {
    const url = pathToFileURL(path.join(dir, 'site', 'index.html')).href;
    await page.goto(url);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), [], 'no network request');
    const external = await page.$$eval('main a.external', (as) => as.map((a) => a.href));
    for (const href of external) assert.ok(href.startsWith('http'), `a link out of the package is absolute: ${href}`);
    assert.deepEqual(errors, [], 'no script errors');
  } finally {
    await context.close();
  }
});
