// Issue 4's scale check in a real browser: a large site's search index loads from file:// and
// a search shows results. It opens the site's index.html in headless Chromium, types a word
// into the search box and measures (in the page, with performance.now) the time until the
// dropdown shows the results for that word. That first search is cold: it includes loading
// assets/search-index.js and MiniSearch with <script> tags and indexing every page. A second
// word is then typed with the index already built (warm).
//
// A benchmark, not a test: tests/bench/bench.sh runs it on the 10,000-page site. Run it with
// node from tests/browser, so that ../browser/lib.mjs finds playwright-core there:
//
//   cd tests/browser && node ../bench/search-10k.mjs SITE_DIR [--word rollback] [--warm-word inventory] [--runs 3]
//
// Prints a few readable lines, then one line `BENCH_JSON {...}` for bench.sh. Exits 1 when the
// index does not load, a search shows no result, or the page reports a script error.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, openPage, fileUrl, readSearchIndex, CHROMIUM } from '../browser/lib.mjs';

function parseArgs(argv) {
  const opts = { site: process.env.OPSKIT_SITE || '', word: 'rollback', warmWord: 'inventory', runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--word') opts.word = argv[++i];
    else if (a === '--warm-word') opts.warmWord = argv[++i];
    else if (a === '--runs') opts.runs = Math.max(1, parseInt(argv[++i], 10) || 1);
    else if (a === '-h' || a === '--help') {
      console.log('usage: node ../bench/search-10k.mjs SITE_DIR [--word W] [--warm-word W] [--runs N]');
      process.exit(0);
    } else opts.site = a;
  }
  if (!opts.site) throw new Error('give the built site folder (the one holding index.html) as the first argument, or set OPSKIT_SITE');
  opts.site = path.resolve(opts.site);
  return opts;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Types `word` into the header search box and resolves with the in-page times (ms). */
async function searchOnce(page, word, cold) {
  await page.evaluate(({ w, isCold }) => {
    const input = document.getElementById('search-input');
    const dd = document.getElementById('search-dropdown');
    if (!input || !dd) throw new Error('the page has no #search-input / #search-dropdown');
    const b = (window.__bench = { word: w });
    const seen = () => {
      if (b.t1 == null && dd.getAttribute('data-query') === w) {
        b.t1 = performance.now();
        b.results = dd.querySelectorAll('.search-result').length;
        b.empty = !!dd.querySelector('.search-empty');
      }
    };
    new MutationObserver(seen).observe(dd, { attributes: true, childList: true, subtree: true });
    input.value = '';
    b.t0 = performance.now();
    input.focus();   // the focus handler starts loading the index
    if (isCold && window.OpskitSearch) {
      window.OpskitSearch.engine().then(() => { b.tIndex = performance.now(); }, () => { b.indexError = true; });
    }
  }, { w: word, isCold: cold });
  await page.keyboard.type(word);
  await page.waitForFunction(() => window.__bench && (window.__bench.t1 != null || window.__bench.indexError), null, { timeout: 180_000 });
  const b = await page.evaluate(() => window.__bench);
  if (b.indexError) throw new Error('the search index could not be loaded');
  return {
    ms: b.t1 - b.t0,
    indexMs: b.tIndex != null ? b.tIndex - b.t0 : null,
    results: b.results,
    empty: b.empty,
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const indexHtml = path.join(opts.site, 'index.html');
  const indexJs = path.join(opts.site, 'assets', 'search-index.js');
  for (const f of [indexHtml, indexJs, CHROMIUM]) {
    if (!fs.existsSync(f)) throw new Error(`missing ${f}`);
  }
  const indexBytes = fs.statSync(indexJs).size;
  const docs = readSearchIndex(opts.site).length;
  const htmlPages = fs.readdirSync(opts.site, { recursive: true }).filter((f) => String(f).endsWith('.html')).length;

  const browser = await launchBrowser();
  const cold = [];
  const warm = [];
  const problems = [];
  let results = 0;
  let warmResults = 0;
  let loadedDocs = null;
  try {
    for (let run = 0; run < opts.runs; run++) {
      // a new context each run: nothing of the previous run's scripts survives
      const { context, page, errors } = await openPage(browser);
      try {
        await page.goto(fileUrl('index.html', opts.site), { waitUntil: 'load', timeout: 60_000 });
        const c = await searchOnce(page, opts.word, true);
        cold.push(c);
        results = c.results;
        if (!c.results) problems.push(`run ${run + 1}: no result for "${opts.word}"`);
        loadedDocs = await page.evaluate(() => (Array.isArray(window.OPSKIT_SEARCH) ? window.OPSKIT_SEARCH.length : null));
        const w = await searchOnce(page, opts.warmWord, false);
        warm.push(w);
        warmResults = w.results;
        if (!w.results) problems.push(`run ${run + 1}: no result for "${opts.warmWord}"`);
        for (const e of errors) problems.push(`run ${run + 1}: ${e}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  if (loadedDocs !== docs) problems.push(`the page loaded ${loadedDocs} index entries, the file holds ${docs}`);

  const out = {
    site: opts.site,
    html_files: htmlPages,
    index_bytes: indexBytes,
    index_entries: docs,
    loaded_entries: loadedDocs,
    word: opts.word,
    results_shown: results,
    cold_ms: cold.map((c) => Math.round(c.ms)),
    cold_median_ms: Math.round(median(cold.map((c) => c.ms))),
    index_ready_median_ms: cold.every((c) => c.indexMs != null) ? Math.round(median(cold.map((c) => c.indexMs))) : null,
    warm_word: opts.warmWord,
    warm_results_shown: warmResults,
    warm_ms: warm.map((w) => Math.round(w.ms)),
    warm_median_ms: Math.round(median(warm.map((w) => w.ms))),
    problems,
    ok: problems.length === 0,
  };
  console.log(`site: ${opts.site} (${htmlPages} HTML files)`);
  console.log(`search index: assets/search-index.js ${indexBytes} bytes (${(indexBytes / 1048576).toFixed(1)} MiB), ${docs} entries, ${loadedDocs} loaded in the page`);
  console.log(`cold search "${opts.word}" (index load + build + query): median ${out.cold_median_ms} ms of [${out.cold_ms.join(', ')}], index ready after ${out.index_ready_median_ms} ms, ${results} results shown`);
  console.log(`warm search "${opts.warmWord}": median ${out.warm_median_ms} ms of [${out.warm_ms.join(', ')}], ${warmResults} results shown`);
  console.log(problems.length ? `FAILED:\n  ${problems.join('\n  ')}` : 'ok: the index loads and both searches show results');
  console.log('BENCH_JSON ' + JSON.stringify(out));
  process.exitCode = out.ok ? 0 : 1;
}

main().catch((err) => {
  console.error(`search-10k: ${err.stack || err}`);
  console.log('BENCH_JSON ' + JSON.stringify({ ok: false, problems: [String(err.message || err)] }));
  process.exit(1);
});
