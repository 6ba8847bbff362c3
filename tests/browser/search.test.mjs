// Search over the whole text (issue 20): one index entry per page section, opened at its heading;
// snippets from the section's prose; exact words before loose ones; titles and headings first.
// Run: OPSKIT_SITE=/path/to/kit/site node --test search.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SITE, SUB_PATH, fileUrl, launchBrowser, openPage, readPage, readSearchIndex, requireSite, startServer } from './lib.mjs';

const RUNBOOK = process.env.OPSKIT_PATCH_RUNBOOK || 'runbooks/patch-instances/index.html';
// Terms deep in the runbook's body (past the first 1,500 characters the old index kept), with
// the query that must put the runbook's section first. StartAutomationExecution is in the IAM
// list of 14 runbooks, once each, in the same kind of section: no ranking can honestly prefer one
// of them, so for it the runbook's section must be among the results, and first once the query
// says which runbook ("patch").
const DEEP_TERMS = [
  ['AmazonSSMManagedInstanceCore', 'AmazonSSMManagedInstanceCore'],
  ['StartAutomationExecution', 'StartAutomationExecution patch'],
  ['max-concurrency', 'max-concurrency'],
];
const T = { timeout: 90_000 };

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

/** Types a query in the header box; returns the dropdown's results as { href, text, snippet }. */
async function dropdown(page, query) {
  await page.fill('#search-input', '');
  await page.type('#search-input', query);
  await page.waitForFunction((q) => document.getElementById('search-dropdown').getAttribute('data-query') === q, query);
  return page.$$eval('#search-dropdown .search-result a', (links) => links.map((a) => ({
    href: a.href,
    text: a.innerText,
    snippet: (a.querySelector('.search-result-snippet') || {}).textContent || '',
  })));
}

/** The text of the section an anchor opens: from its heading to the next h2/h3. */
async function sectionText(page, anchor) {
  return page.evaluate((id) => {
    const start = document.getElementById(id);
    if (!start) return null;
    let text = start.textContent;
    for (let n = start.nextElementSibling; n && !/^H[23]$/.test(n.tagName); n = n.nextElementSibling) text += '\n' + n.textContent;
    return text;
  }, anchor);
}

describe('the search index', () => {
  const index = readSearchIndex();

  it('has one entry per h2/h3 section with its anchor, plus the page intro', () => {
    const html = readPage(RUNBOOK);
    const url = RUNBOOK;
    const entries = index.filter((d) => d.u === url);
    const ids = [...html.matchAll(/<h[23] id="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(ids.length >= 4, `the runbook has sections (${ids.length})`);
    assert.equal(entries.filter((d) => !d.a).length, 1, 'one intro entry');
    assert.deepEqual(Array.from(entries.filter((d) => d.a), (d) => d.a), ids, 'one entry per section, in page order');
  });

  it('quotes prose in snippets: table cells are searched but not shown', () => {
    const tools = index.find((d) => d.u === RUNBOOK && /tools/i.test(d.h || ''));
    assert.ok(tools, 'the runbook has a tools section');
    assert.match(tools.k || '', /Used for/, 'the header table is indexed (field k)');
    assert.doesNotMatch(tools.x, /Used for/, 'the header table is not in the snippet text (field x)');
    assert.match(tools.x, /AmazonSSMManagedInstanceCore/, 'the prose after the table is');
  });
});

for (const mode of ['http', 'file']) {
  describe(`search over ${mode === 'http' ? 'HTTP' : 'file://'}`, () => {
    const url = (rel) => (mode === 'http' ? server.base + rel : fileUrl(rel));

    for (const [term, query] of DEEP_TERMS) {
      it(`"${query}" finds the patching runbook's section first, opened at a heading whose section has "${term}"`, T, async () => {
        const { page, context, errors } = await openPage(browser, { viewport: { width: 1366, height: 900 } });
        try {
          await page.goto(url('index.html'));
          const inRunbook = (r) => new URL(r.href).pathname.endsWith('/' + RUNBOOK);
          if (query !== term) {
            const all = await page.evaluate(async (q) => {
              const engine = await window.OpskitSearch.engine();
              return window.OpskitSearch.run(engine, q, 50).map((r) => r.doc.u);
            }, term);
            assert.ok(all.includes(RUNBOOK), `"${term}" alone lists the runbook among ${all.length} results`);
          }
          const results = await dropdown(page, query);
          assert.ok(results.length > 0, 'results');
          assert.ok(inRunbook(results[0]), `first result is the runbook: ${results[0].href}`);
          const anchor = decodeURIComponent(new URL(results[0].href).hash.slice(1));
          assert.ok(anchor, `the link carries the section's anchor: ${results[0].href}`);
          await Promise.all([page.waitForURL((u) => u.href.split('#')[0] === results[0].href.split('#')[0]),
            page.click('#search-dropdown .search-result a >> nth=0')]);
          const text = await sectionText(page, anchor);
          assert.ok(text != null, `#${anchor} is on the page`);
          assert.ok(text.includes(term), `the section #${anchor} contains "${term}"`);
          assert.deepEqual(errors, []);
        } finally {
          await context.close();
        }
      });
    }
  });
}

describe('ranking', () => {
  it('"patch": exact words before loose ones (not "path"), a title or heading match first', T, async () => {
    const { page, context, errors } = await openPage(browser);
    try {
      await page.goto(server.base + 'index.html');
      const results = await dropdown(page, 'patch');
      assert.ok(results.length >= 5, `results (${results.length})`);
      const first = results[0].text.split('\n').slice(0, 2).join(' ');
      assert.match(first, /\bpatch/i, `the first result's title or heading says patch: ${first}`);
      // each shown result matched a word that starts with "patch", not only a near miss
      const hits = await page.evaluate(async () => {
        const engine = await window.OpskitSearch.engine();
        return window.OpskitSearch.run(engine, 'patch', 8).map((r) => [r.doc.t, r.doc.h || '', r.terms.join(' ')]);
      });
      for (const [title, heading, terms] of hits) {
        assert.match(terms, /(^|\s)patch/, `${title} › ${heading} matched ${terms}`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
