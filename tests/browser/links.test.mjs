// Every relative reference in the built site resolves to a file (file:// semantics: a link
// must name a file, not a folder). No browser needed.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SITE, decodeEntities, listHtmlFiles, readNavTree, readPage, readSearchIndex } from './lib.mjs';

const SKIP = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;   // http:, https:, mailto:, data:, javascript:, tel:, //host
const MAX_REPORTED = 60;

if (!fs.existsSync(path.join(SITE, 'index.html'))) {
  throw new Error(`no site at ${SITE} (no index.html): build it first, or set OPSKIT_SITE to the site folder`);
}

const pages = listHtmlFiles();

// A site built from a published workshop keeps the broken links of its source (opskit reports
// them at build time). OPSKIT_KNOWN_BROKEN names a reviewed list of them, one `page<TAB>ref` per
// line; each must still be found, so the list cannot go stale.
const known = new Set((process.env.OPSKIT_KNOWN_BROKEN
  ? fs.readFileSync(process.env.OPSKIT_KNOWN_BROKEN, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))
  : []).map((l) => l.replace('\t', ' ')));
const seenKnown = new Set();
function isKnown(rel, ref) {
  const key = `${rel} ${ref}`;
  if (!known.has(key)) return false;
  seenKnown.add(key);
  return true;
}

/** href, src and srcset values of a page's tags (not of text: escaped markup has no quotes). */
function references(pageHtml) {
  const refs = [];
  const html = pageHtml.replace(/<!--[\s\S]*?-->/g, '').replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, (m) => m.slice(0, m.indexOf('>') + 1));
  for (const tag of html.matchAll(/<[a-zA-Z][^<>]*>/g)) {
    for (const attr of tag[0].matchAll(/\s(href|src|srcset|poster|data)\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
      const name = attr[1].toLowerCase();
      const value = decodeEntities(attr[3] ?? attr[4] ?? '');
      if (name === 'srcset') for (const part of value.split(',')) refs.push(part.trim().split(/\s+/)[0]);
      else refs.push(value);
    }
  }
  return refs.filter((r) => r !== '');
}

function split(ref) {
  const hash = ref.indexOf('#');
  const frag = hash === -1 ? '' : ref.slice(hash + 1);
  let p = hash === -1 ? ref : ref.slice(0, hash);
  const q = p.indexOf('?');
  if (q !== -1) p = p.slice(0, q);
  return { p, frag };
}

function safeDecode(s) {
  try { return decodeURIComponent(s); } catch { return s; }
}

const idCache = new Map();
function idsOf(rel) {
  if (!idCache.has(rel)) {
    const set = new Set();
    for (const m of readPage(rel).matchAll(/\s(?:id|name)\s*=\s*("([^"]*)"|'([^']*)')/gi)) set.add(decodeEntities(m[2] ?? m[3]));
    idCache.set(rel, set);
  }
  return idCache.get(rel);
}

it(`every relative href/src in ${pages.length} pages resolves to a file`, () => {
  assert.ok(pages.length > 0, 'the site has pages');
  const problems = [];
  let checked = 0;
  for (const rel of pages) {
    const dir = path.posix.dirname(rel);
    for (const ref of references(readPage(rel))) {
      if (SKIP.test(ref)) continue;
      const { p } = split(ref);
      if (p === '') continue;                       // "#x" or "?q=": this page
      if (isKnown(rel, ref)) continue;
      if (p.startsWith('/')) {
        problems.push(`${rel}: "${ref}" is root-absolute (breaks under a sub-path and from file://)`);
        continue;
      }
      checked++;
      const target = path.posix.normalize(path.posix.join(dir, safeDecode(p)));
      if (target.startsWith('../')) {
        problems.push(`${rel}: "${ref}" points outside the site`);
        continue;
      }
      const stat = fs.statSync(path.join(SITE, target), { throwIfNoEntry: false });
      if (!stat) problems.push(`${rel}: "${ref}" -> ${target} does not exist`);
      else if (!stat.isFile()) problems.push(`${rel}: "${ref}" -> ${target} is a folder (name the file, e.g. index.html)`);
    }
  }
  assert.ok(checked > 0, 'some relative references were checked');
  assert.deepEqual(problems.slice(0, MAX_REPORTED), [], `${problems.length} broken references`);
  assert.deepEqual([...known].filter((k) => !seenKnown.has(k)), [], 'every reviewed broken link is still there');
});

it('every fragment of a link to a page of the site names an id on that page', () => {
  const problems = [];
  for (const rel of pages) {
    const dir = path.posix.dirname(rel);
    for (const ref of references(readPage(rel))) {
      if (SKIP.test(ref) || ref.startsWith('/')) continue;
      const { p, frag } = split(ref);
      if (!frag || isKnown(rel, ref)) continue;
      const target = p === '' ? rel : path.posix.normalize(path.posix.join(dir, safeDecode(p)));
      if (!target.endsWith('.html') || !fs.existsSync(path.join(SITE, target))) continue;   // reported above
      const id = safeDecode(frag);
      if (!idsOf(target).has(id)) problems.push(`${rel}: "${ref}" -> no id "${id}" in ${target}`);
    }
  }
  assert.deepEqual(problems.slice(0, MAX_REPORTED), [], `${problems.length} fragments with no target`);
});

it('every url in assets/nav-tree.js and assets/search-index.js names a file of the site', () => {
  const problems = [];
  const urls = [];
  (function walk(nodes) {
    for (const n of nodes || []) {
      if (n.u != null) urls.push(['nav-tree.js', n.u]);
      walk(n.c);
    }
  })(readNavTree());
  assert.ok(urls.length > 0, 'the navigation tree has pages');
  const index = readSearchIndex();
  assert.ok(Array.isArray(index) && index.length > 0, 'the search index has documents');
  for (const d of index) {
    urls.push(['search-index.js', d.u]);
    const file = safeDecode(split(String(d.u)).p);
    if (!fs.existsSync(path.join(SITE, file))) continue;   // reported below
    for (const anchor of d.a ? [d.a] : []) {   // one entry per section, opened at its heading
      if (!idsOf(file).has(anchor)) problems.push(`search-index.js: ${d.u}#${anchor} has no such id`);
    }
  }
  for (const [where, u] of urls) {
    const { p } = split(String(u));
    const stat = fs.statSync(path.join(SITE, safeDecode(p)), { throwIfNoEntry: false });
    if (!stat || !stat.isFile()) problems.push(`${where}: "${u}" is not a file of the site`);
  }
  assert.deepEqual(problems.slice(0, MAX_REPORTED), [], `${problems.length} bad urls`);
});
