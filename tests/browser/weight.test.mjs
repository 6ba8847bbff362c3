// Page weight (issue 20): page-specific assets load only where they are used. The questionnaire's
// CSS and JS only on the questionnaire's page; highlight.js and its styles only on pages with code
// (the layout's has_code and has_questionnaire). Prints each page's bytes, for the README's figures.
// Run: OPSKIT_SITE=/path/to/kit/site node --test weight.test.mjs
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { SUB_PATH, findPages, launchBrowser, openPage, requireSite, startServer, SITE } from './lib.mjs';

const T = { timeout: 120_000 };

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

/** Opens a page and lets its scripts finish; returns what it loaded: [{ url (site-relative), bytes }]. */
async function loads(rel, settled) {
  const { page, context, errors } = await openPage(browser, { viewport: { width: 1366, height: 900 } });
  try {
    const responses = [];
    page.on('response', (r) => responses.push(r));
    await page.goto(server.base + rel);
    await page.waitForLoadState('load');
    if (settled) await page.waitForFunction(settled);
    await page.waitForTimeout(300);
    const files = [];
    for (const r of responses) files.push({ url: r.url().replace(server.base, ''), bytes: (await r.body().catch(() => Buffer.alloc(0))).length });
    assert.deepEqual(errors, [], `${rel}: no script errors`);
    return files;
  } finally {
    await context.close();
  }
}

function report(rel, files) {
  const total = files.reduce((n, f) => n + f.bytes, 0);
  console.log(`# ${rel}: ${files.length} files, ${total} bytes: ${files.map((f) => `${f.url.split('/').pop()} ${f.bytes}`).join(', ')}`);
}

const HIGHLIGHT = /assets\/vendor\/highlight\//;
const QUESTIONNAIRE = /assets\/(css|js)\/questionnaire\.(css|js)$/;

it('the home page loads no questionnaire files and no highlight.js', T, async () => {
  const files = await loads('index.html');
  report('index.html', files);
  assert.deepEqual(files.filter((f) => HIGHLIGHT.test(f.url) || QUESTIONNAIRE.test(f.url)).map((f) => f.url), []);
  assert.ok(files.some((f) => f.url === 'assets/css/site.css'), "the site's own styles still load");
});

it('the patching runbook loads highlight.js and its styles, not the questionnaire', T, async () => {
  const rel = findPages(/<code class="language-/).find((p) => p.includes('runbooks/') && p.includes('patch'));
  assert.ok(rel, 'the patching runbook has code blocks');
  const files = await loads(rel, () => !!document.querySelector('pre code.hljs'));
  report(rel, files);
  const urls = files.map((f) => f.url);
  assert.ok(urls.includes('assets/vendor/highlight/highlight.min.js'), 'highlight.js');
  assert.ok(urls.includes('assets/vendor/highlight/github.min.css'), 'its light styles');
  assert.deepEqual(urls.filter((u) => QUESTIONNAIRE.test(u)), [], 'no questionnaire files');
});

it("the questionnaire's page loads its CSS and JS", T, async () => {
  const rel = findPages(/<form class="questionnaire"/)[0];
  assert.ok(rel, 'the site has the questionnaire');
  const files = await loads(rel, () => document.querySelector('form.questionnaire.is-ready'));
  const urls = files.map((f) => f.url);
  assert.ok(urls.includes('assets/css/questionnaire.css') && urls.includes('assets/js/questionnaire.js'), urls.join(', '));
});
