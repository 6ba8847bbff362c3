// Screenshots of every template at both sizes (issue 20), for review after a theme change:
// SCREENSHOTS/page-NAME-1366x900.png and -390x844.png. The wide views (tooling map, RACI, SLA)
// come from views.test.mjs; the package's single file at 390 px from package.test.mjs.
// Each is taken once its page has loaded (an element of its own is there) and checked not to be blank.
// Run: OPSKIT_SITE=kit/site OPSKIT_NO_BASE_URL_SITE=bilingual/site OPSKIT_PACKAGE=kit/packages \
//      node --test screenshots.test.mjs
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCREENSHOTS, SUB_PATH, ensureDir, findPages, launchBrowser, listHtmlFiles, openPage, requireSite, startServer, SITE } from './lib.mjs';

const T = { timeout: 180_000 };
// 404.html served at depth: from a site without a base_url (the kit's points at its real host)
const NO_BASE_SITE = path.resolve(process.env.OPSKIT_NO_BASE_URL_SITE || SITE);
const SIZES = [['1366x900', { width: 1366, height: 900 }], ['390x844', { width: 390, height: 844 }]];

requireSite();

let browser;
let server;
let noBaseServer;
before(async () => {
  browser = await launchBrowser();
  server = await startServer(SITE, SUB_PATH);
  noBaseServer = await startServer(NO_BASE_SITE, SUB_PATH);
});
after(async () => {
  await server?.close();
  await noBaseServer?.close();
  await browser?.close();
});

/** name -> a url of the served site (or a function giving one), with the selector its page must show. */
function targets() {
  const runbook = listHtmlFiles().find((p) => p.includes('runbooks/') && p.includes('patch')) || findPages(/<body class="kind-runbook"/)[0];
  const lab = listHtmlFiles().find((p) => /\/lab-[^/]*\/index\.html$/.test(p));
  const questionnaire = findPages(/<form class="questionnaire"/)[0];
  const out = [
    ['home', server.base + 'index.html', '.article-title'],
    ['runbook', server.base + runbook, '.article-title'],
    ['questionnaire', server.base + questionnaire, 'form.questionnaire.is-ready'],
    ['search', server.base + 'search.html?q=patch', '.search-page-results li'],
    // a reader comes from the site, whose pages remember the root 404.html's script looks for
    ['404', noBaseServer.base + 'no/such/page/', '.error-code', noBaseServer.base + 'index.html'],
  ];
  if (lab) out.push(['lab', server.base + lab, '.article-title']);
  return out;
}

/** The package's single file, unzipped from OPSKIT_PACKAGE (a zip or a folder of them), or null. */
function singleFile() {
  let zip = process.env.OPSKIT_PACKAGE;
  if (!zip || !fs.existsSync(zip)) return null;
  if (fs.statSync(zip).isDirectory()) {
    const zips = fs.readdirSync(zip).filter((f) => f.endsWith('.zip')).sort();
    if (!zips.length) return null;
    zip = path.join(zip, zips[zips.length - 1]);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-shots-'));
  execFileSync('unzip', ['-q', zip, '-d', dir]);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  return { dir, url: pathToFileURL(path.join(dir, `${manifest.package}.html`)).href };
}

async function shoot(name, url, selector, first) {
  for (const [size, viewport] of SIZES) {
    const { page, context } = await openPage(browser, { viewport });
    try {
      if (first) await page.goto(first);
      await page.goto(url);
      await page.waitForSelector(selector, { state: 'attached' });
      await page.waitForTimeout(300);
      const file = path.join(ensureDir(SCREENSHOTS), `page-${name}-${size}.png`);
      const png = await page.screenshot({ path: file });
      // a PNG of a blank page compresses to a few kilobytes; a page with text does not
      assert.ok(png.length > 8_000, `${file}: ${png.length} bytes, the page looks blank`);
    } finally {
      await context.close();
    }
  }
}

it('screenshots of each template at 1366x900 and 390x844', T, async () => {
  for (const [name, url, selector, first] of targets()) await shoot(name, url, selector, first);
});

it("screenshots of the package's single file at both sizes", T, async () => {
  const single = singleFile();
  assert.ok(single, `OPSKIT_PACKAGE names a package zip or folder (got ${process.env.OPSKIT_PACKAGE})`);
  try {
    await shoot('single-file', single.url, '.package-toc');
  } finally {
    fs.rmSync(single.dir, { recursive: true, force: true });
  }
});
