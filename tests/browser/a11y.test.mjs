// Accessibility, measured (issue 20): axe-core (npm, tests/browser's devDependency) runs in one page
// of each template and view: home, a runbook, the tooling map, RACI, SLA, the questionnaire, search,
// a lab, 404 (served at depth by a web server) and the package's single-file HTML, in light and
// dark. No violation of `serious` or `critical` impact may remain; each one is printed in full.
// Run: OPSKIT_SITE=kit/site OPSKIT_NO_BASE_URL_SITE=bilingual/site OPSKIT_PACKAGE=kit/packages \
//      node --test a11y.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SITE, SUB_PATH, findPages, launchBrowser, listHtmlFiles, openPage, requireSite, startServer } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const NO_BASE_SITE = path.resolve(process.env.OPSKIT_NO_BASE_URL_SITE || SITE);
const T = { timeout: 120_000 };

requireSite();

/** The first page (relative path) whose HTML matches `re`. */
function pageWith(re, what) {
  const pages = findPages(re);
  assert.ok(pages.length, `the site has ${what}`);
  return pages[0];
}

// One page of each template and view, by what its HTML holds (the kit's paths may move).
const PAGES = [
  ['home', 'index.html'],
  ['runbook', listHtmlFiles().find((p) => p.includes('runbooks/') && p.includes('patch')) || pageWith(/<body class="kind-runbook"/, 'a runbook')],
  ['tooling map', pageWith(/<table class="data-table tooling-matrix"/, 'the tooling map')],
  ['RACI', pageWith(/<table class="data-table raci"/, 'the RACI matrix')],
  ['SLA', pageWith(/<table class="data-table sla-table"/, 'the SLA catalogue')],
  ['questionnaire', pageWith(/<form class="questionnaire"/, 'the questionnaire')],
  ['search', 'search.html?q=patch'],
  ['lab', listHtmlFiles().find((p) => /\/lab-[^/]*\/index\.html$/.test(p)) || pageWith(/<body class="kind-lab"/, 'a lab')],
];

/** The package's single-file HTML, unzipped from OPSKIT_PACKAGE (a zip or a folder of them). */
function singleFile() {
  let zip = process.env.OPSKIT_PACKAGE;
  if (!zip || !fs.existsSync(zip)) return null;
  if (fs.statSync(zip).isDirectory()) {
    const zips = fs.readdirSync(zip).filter((f) => f.endsWith('.zip')).sort();
    if (!zips.length) return null;
    zip = path.join(zip, zips[zips.length - 1]);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-a11y-'));
  execFileSync('unzip', ['-q', zip, '-d', dir]);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  return { dir, file: path.join(dir, `${manifest.package}.html`) };
}

/** axe's serious and critical violations of the open page, as readable lines. */
async function seriousViolations(page) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.join(' '), why: n.failureSummary })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 5).map((n) => `${v.impact} ${v.id} (${v.help}): ${n.target}\n      ${n.why.replace(/\n/g, '\n      ')}`)
      .concat(v.nodes.length > 5 ? [`${v.impact} ${v.id}: and ${v.nodes.length - 5} more elements`] : []));
}

let browser;
let server;
let noBaseServer;
let single;
before(async () => {
  browser = await launchBrowser();
  server = await startServer(SITE, SUB_PATH);
  noBaseServer = await startServer(NO_BASE_SITE, SUB_PATH);
  single = singleFile();
});
after(async () => {
  await server?.close();
  await noBaseServer?.close();
  await browser?.close();
  if (single) fs.rmSync(single.dir, { recursive: true, force: true });
});

for (const scheme of ['light', 'dark']) {
  describe(`axe-core, ${scheme}`, () => {
    async function check(url, prepare, first) {
      const { page, context } = await openPage(browser, { viewport: { width: 1366, height: 900 }, colorScheme: scheme });
      try {
        if (first) await page.goto(first);
        await page.goto(url);
        await page.waitForLoadState('load');
        if (prepare) await prepare(page);
        await page.waitForTimeout(200);
        const found = await seriousViolations(page);
        assert.equal(found.length, 0, `${url}: ${found.length} serious or critical violations:\n    ${found.join('\n    ')}`);
      } finally {
        await context.close();
      }
    }

    for (const [name, rel] of PAGES) {
      it(`${name}: no serious or critical violation`, T, async () => {
        await check(server.base + rel, name === 'search' ? (page) => page.waitForSelector('.search-page-results li') : null);
      });
    }

    it('404 served at depth: no serious or critical violation', T, async () => {
      // A reader comes from the site (its pages remember the root that 404.html's script uses).
      await check(noBaseServer.base + 'a/b/c/', (page) => page.waitForFunction(() => getComputedStyle(document.querySelector('.site-header')).position === 'sticky'),
        noBaseServer.base + 'index.html');
    });

    it("the package's single-file HTML: no serious or critical violation", T, async () => {
      assert.ok(single, `OPSKIT_PACKAGE names a package zip or folder (got ${process.env.OPSKIT_PACKAGE})`);
      await check(pathToFileURL(single.file).href);
    });
  });
}
