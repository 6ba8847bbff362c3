// The handover package's single-file HTML, opened from file:// in headless Chromium with the
// network off: nothing is requested outside the file, every image and style is inside it, and
// the table of contents links work, it is styled like the site (tables with borders), every button
// in it does something, it does not scroll sideways on a phone and prints without its controls.
// Also the package's offline site opens from disk.
// Run: OPSKIT_PACKAGE=/path/to/name-version.zip node --test package.test.mjs
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDir, launchBrowser, openPage, SCREENSHOTS } from './lib.mjs';

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

async function offlinePage(options = {}) {
  const session = await openPage(browser, options);
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

it('the single file is styled like the site: table cells have borders, code and alerts their boxes', { timeout: 120_000 }, async () => {
  const { page, context } = await offlinePage();
  try {
    await page.goto(pathToFileURL(single).href);
    const styles = await page.evaluate(() => {
      const visible = (cs, side) => parseFloat(cs[`border${side}Width`]) > 0 && cs[`border${side}Style`] !== 'none' &&
        !/rgba\([^)]*,\s*0\)$/.test(cs[`border${side}Color`]);
      const cell = document.querySelector('main table:not(.data-table) td');
      const viewCell = document.querySelector('main table.data-table td');
      const pre = document.querySelector('main pre');
      const alert = document.querySelector('main .alert');
      const question = document.querySelector('main form.questionnaire .question');
      const cs = (el) => (el ? getComputedStyle(el) : null);
      return {
        cell: cell && ['Top', 'Right', 'Bottom', 'Left'].every((side) => visible(cs(cell), side)),
        viewCell: viewCell && visible(cs(viewCell), 'Bottom'),
        pre: pre && visible(cs(pre), 'Top') && cs(pre).backgroundColor !== 'rgba(0, 0, 0, 0)',
        alert: alert && cs(alert).backgroundColor !== 'rgba(0, 0, 0, 0)',
        // questionnaire.css is inside the file: a question is a bordered card
        question: question && visible(cs(question), 'Top'),
      };
    });
    assert.deepEqual(styles, { cell: true, viewCell: true, pre: true, alert: true, question: true },
      'a Markdown table cell has a border on every side; a view cell, a code block, an alert and a question are styled');
  } finally {
    await context.close();
  }
});

it('every button of the single file does something when clicked', { timeout: 300_000 }, async () => {
  const { page, context, errors } = await offlinePage();
  try {
    await page.goto(pathToFileURL(single).href);
    const kinds = await page.$$eval('button', (bs) => bs.map((b) =>
      b.classList.contains('copy-button') ? 'copy' : b.getAttribute('role') === 'tab' ? 'tab' : b.dataset.action ? `action:${b.dataset.action}` : b.outerHTML.slice(0, 120)));
    const known = new Set(['copy', 'tab', 'action:export-json', 'action:export-csv', 'action:print', 'action:clear']);
    assert.deepEqual(kinds.filter((k) => !known.has(k)), [], 'every button is one this test knows how to check');
    assert.ok(kinds.filter((k) => k === 'copy').length > 10, 'the code blocks have Copy buttons');

    // Copy: every button, clicked at once; each changes its label (Copied, or Press Ctrl+C when
    // the clipboard is refused), which the observer records before the label comes back.
    const copy = await page.evaluate(async () => {
      const buttons = [...document.querySelectorAll('button.copy-button')];
      const changed = new Set();
      new MutationObserver((records) => records.forEach((r) => {
        const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        const b = node && node.closest('button.copy-button');
        if (b && b.textContent.trim() !== 'Copy') changed.add(b);
      })).observe(document.body, { subtree: true, childList: true, characterData: true });
      buttons.forEach((b) => b.click());
      const until = Date.now() + 20000;
      while (changed.size < buttons.length && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      return { total: buttons.length, changed: changed.size, silent: buttons.filter((b) => !changed.has(b)).slice(0, 3).map((b) => b.parentElement.textContent.slice(0, 80)) };
    });
    assert.equal(copy.changed, copy.total, `every Copy button answers (silent: ${JSON.stringify(copy.silent)})`);

    // Tabs: each shows its own panel.
    const tabs = await page.evaluate(() => [...document.querySelectorAll('button[role="tab"]')].map((t) => {
      t.click();
      const panel = document.getElementById(t.getAttribute('aria-controls'));
      return t.getAttribute('aria-selected') === 'true' && panel && !panel.hidden ? null : t.id;
    }).filter(Boolean));
    assert.deepEqual(tabs, [], 'every tab shows its panel when clicked');

    // The questionnaire's buttons: exports are downloads, Print prints, Clear asks and clears.
    if (kinds.some((k) => k.startsWith('action:'))) {
      await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed++; }; });
      for (const [action, ext] of [['export-json', '.json'], ['export-csv', '.csv']]) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.click(`button[data-action="${action}"]`)]);
        assert.ok(download.suggestedFilename().endsWith(ext), `${action} downloads a ${ext} file (${download.suggestedFilename()})`);
      }
      await page.click('button[data-action="print"]');
      assert.equal(await page.evaluate(() => window.printed), 1, 'Print opens the print dialog');
      const dialogs = [];
      page.once('dialog', (d) => { dialogs.push(d.type()); d.accept(); });
      await page.click('button[data-action="clear"]');
      assert.deepEqual(dialogs, ['confirm'], 'Clear asks first');
      assert.match(await page.textContent('.questionnaire-status'), /cleared/i, 'Clear clears the answers');
    }
    assert.deepEqual(errors, [], 'no script errors');
  } finally {
    await context.close();
  }
});

it('the single file does not scroll sideways on a 390 px phone', { timeout: 120_000 }, async () => {
  const { page, context } = await offlinePage({ viewport: { width: 390, height: 844 } });
  try {
    await page.goto(pathToFileURL(single).href);
    const fit = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth,
      // what sticks out, to say what to fix
      wide: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
        .filter((e) => !e.parentElement.closest('pre, .table-scroll, table'))
        .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`),
    }));
    assert.ok(fit.scrollWidth <= fit.innerWidth, `the page is ${fit.scrollWidth}px wide in a ${fit.innerWidth}px window: ${fit.wide.join(', ')}`);
    await page.screenshot({ path: path.join(ensureDir(SCREENSHOTS), 'package-single-file-390.png') });
  } finally {
    await context.close();
  }
});

it('the single file prints without its controls, every table cell bordered', { timeout: 120_000 }, async () => {
  const { page, context } = await offlinePage();
  try {
    await page.goto(pathToFileURL(single).href);
    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(() => ({
      shownButtons: [...document.querySelectorAll('button, .questionnaire-toolbar')].filter((b) => b.getClientRects().length > 0).length,
      contentsBreak: getComputedStyle(document.querySelector('.package-toc')).breakAfter,
      cellBorder: getComputedStyle(document.querySelector('main table:not(.data-table) td')).borderTopStyle,
    }));
    assert.deepEqual(print, { shownButtons: 0, contentsBreak: 'page', cellBorder: 'solid' }, 'printed: no button, the contents on their own page, tables bordered');
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000, 'it prints to a PDF');
  } finally {
    await context.close();
  }
});
