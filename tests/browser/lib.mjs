// Shared helpers for the browser tests: Debian's Chromium through playwright-core,
// a tiny static HTTP server (optionally under a sub-path), and readers for the built site.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

// Defaults are relative to this checkout (tests/browser/ -> the repository root), wherever it is.
export const SOURCE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SITE = path.resolve(process.env.OPSKIT_SITE || path.join(SOURCE, 'build/out/site'));
export const SCREENSHOTS = path.resolve(process.env.OPSKIT_SCREENSHOTS || path.join(SOURCE, 'build/test-output/screenshots'));
export const CHROMIUM = process.env.OPSKIT_CHROMIUM || '/usr/bin/chromium';
export const SUB_PATH = '/docs/kit/';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Fails early, with a message that says what to do, when there is no site to test. */
export function requireSite() {
  const index = path.join(SITE, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(`no site at ${SITE} (no index.html): build it first, or set OPSKIT_SITE to the site folder`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium, or set OPSKIT_CHROMIUM`);
  }
}

/** Headless Chromium; every launch gets a fresh temporary profile (user-data-dir). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/**
 * A new context and page that records uncaught page errors and console errors.
 * options: { permissions, origin, viewport, colorScheme }
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1280, height: 900 },
    colorScheme: options.colorScheme || 'light',
    reducedMotion: 'reduce',
  });
  if (options.permissions) {
    await context.grantPermissions(options.permissions, options.origin ? { origin: options.origin } : undefined);
  }
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console error: ${msg.text()} (${msg.location().url || 'inline'})`);
  });
  return { context, page, errors };
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml',
};

/**
 * Serves `dir` at http://127.0.0.1:PORT/<prefix>. A folder serves its index.html (as a static
 * host would); a missing file serves <dir>/404.html with status 404.
 * Returns { origin, base, close() }; base ends with the prefix ('/docs/kit/').
 */
export function startServer(dir, prefix = '/') {
  const rootDir = path.resolve(dir);
  if (!prefix.startsWith('/')) prefix = '/' + prefix;
  if (!prefix.endsWith('/')) prefix += '/';
  const server = http.createServer((req, res) => {
    const send = (status, file, type) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    };
    const notFound = () => {
      const page = path.join(rootDir, '404.html');
      if (fs.existsSync(page)) return send(404, page, MIME['.html']);
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return res.end();
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400);
      return res.end();
    }
    if (pathname + '/' === prefix) {
      res.writeHead(301, { Location: prefix });
      return res.end();
    }
    if (!pathname.startsWith(prefix)) return notFound();
    const rel = pathname.slice(prefix.length);
    let file = path.resolve(rootDir, '.' + path.posix.sep + rel);
    if (file !== rootDir && !file.startsWith(rootDir + path.sep)) return notFound();
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat && stat.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { Location: pathname + '/' });
        return res.end();
      }
      file = path.join(file, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!stat || !stat.isFile()) return notFound();
    send(200, file, MIME[path.extname(file).toLowerCase()] || 'application/octet-stream');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        origin,
        base: origin + prefix,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

/** file:// URL of a page given by its path relative to the site root. */
export function fileUrl(rel, siteDir = SITE) {
  const [p, rest] = splitSuffix(rel);
  return pathToFileURL(path.join(siteDir, p)).href + rest;
}

function splitSuffix(rel) {
  const i = rel.search(/[?#]/);
  return i === -1 ? [rel, ''] : [rel.slice(0, i), rel.slice(i)];
}

/** Evaluates one of the scripts the build writes (window.X = ...) and returns window[name]. */
export function readSiteScript(rel, name, siteDir = SITE) {
  const file = path.join(siteDir, rel);
  const window = {};
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), { window, self: window }, { filename: file, timeout: 5000 });
  return window[name];
}

export function readNavTree(siteDir = SITE) {
  return readSiteScript('assets/nav-tree.js', 'OPSKIT_NAV', siteDir) || [];
}

/** The search entries, from assets/search-index.js or, for a large site, the parts it lists. */
export function readSearchIndex(siteDir = SITE) {
  const parts = readSiteScript('assets/search-index.js', 'OPSKIT_SEARCH_PARTS', siteDir);
  if (!parts) return readSiteScript('assets/search-index.js', 'OPSKIT_SEARCH', siteDir) || [];
  return parts.flatMap((part) => readSiteScript(part, 'OPSKIT_SEARCH', siteDir) || []);
}

/** A url without a trailing index.html, for comparing page urls. */
export function normalizeUrl(u) {
  return String(u || '').split('#')[0].split('?')[0].replace(/^\.\//, '').replace(/(^|\/)index\.html$/, '$1');
}

/**
 * The chain of nav-tree nodes from the top level down to a page `depth` levels deep
 * (the home page, if the tree has it as a node, is not counted). Prefers a chain whose
 * last url contains `preferred`; else the first chain of that depth in navigation order.
 */
export function navChain(nav, depth = 3, preferred = '') {
  const chains = [];
  (function walk(nodes, trail) {
    for (const n of nodes || []) {
      const isHome = n.u != null && normalizeUrl(n.u) === '';
      const here = isHome ? trail : trail.concat([n]);
      if (here.length === depth && n.u != null && here.every((x) => x.u != null)) chains.push(here);
      if (here.length < depth) walk(n.c, here);
    }
  })(nav, []);
  return chains.find((c) => preferred && c[c.length - 1].u.includes(preferred)) || chains[0] || null;
}

/** Every .html file under the site, as paths relative to the site root with '/' separators. */
export function listHtmlFiles(siteDir = SITE) {
  const out = [];
  (function walk(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.html')) out.push(path.relative(siteDir, full).split(path.sep).join('/'));
    }
  })(siteDir);
  return out.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

export function readPage(rel, siteDir = SITE) {
  return fs.readFileSync(path.join(siteDir, rel), 'utf8');
}

/** Pages (relative paths) whose HTML matches `re`, in listHtmlFiles order. */
export function findPages(re, siteDir = SITE) {
  return listHtmlFiles(siteDir).filter((rel) => re.test(readPage(rel, siteDir)));
}

export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (m, e) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    if (k === 'nbsp') return '\u00a0';
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
    return String.fromCodePoint(parseInt(k.slice(1), 10));
  });
}

/** The text of the first code block (<pre ...><code ...>) inside <main> of a page's HTML. */
export function firstCodeText(pageHtml) {
  const main = pageHtml.slice(Math.max(0, pageHtml.indexOf('<main')));
  const re = /<pre(?![^>]*directive-unknown)[^>]*>\s*<code[^>]*>([\s\S]*?)<\/code>\s*<\/pre>/i;
  const m = re.exec(main);
  if (!m) return null;
  return decodeEntities(m[1].replace(/<[^>]*>/g, '')).replace(/\n$/, '');
}

export function ensureDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Whether the page's rendered dark and light backgrounds differ (a sanity check of dark mode). */
export async function bodyBackground(page) {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}
