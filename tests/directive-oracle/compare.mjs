// The directive oracle (issue 18): every page of the real workshops, every Markdown file with
// directives under tests/fixtures/ and every tests/directive-oracle/cases/*.md is parsed by
// remark-directive (remark-tree.mjs) and by opskit's parse stage (opskit_directive_tree); the
// normalised directive trees and heading anchors must be equal, except for the differences
// listed, each with its reason, in known-differences.md. A listed difference that no longer
// occurs fails too, so the list stays true.
//
// usage: node compare.mjs --opskit PATH/TO/opskit_directive_tree [--show-all] [FILE...]
//   (FILE... instead of the usual set: compare only those, relative to the repository.)
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

const args = process.argv.slice(2);
let opskit = null;
let showAll = false;
const only = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--opskit') opskit = args[++i];
  else if (args[i] === '--show-all') showAll = true;
  else only.push(args[i]);
}
if (!opskit) {
  console.error('usage: node compare.mjs --opskit PATH/TO/opskit_directive_tree [--show-all] [FILE...]');
  process.exit(2);
}
if (!existsSync(join(here, 'node_modules', 'remark-directive'))) {
  console.error('not ok - tests/directive-oracle/node_modules is missing: run scripts/setup.sh ' +
                '(or: cd tests/directive-oracle && npm ci)');
  process.exit(1);
}

function markdownFiles(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownFiles(p));
    else if (e.isFile() && e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

// A file "with directives": some line opens a block directive, or some text has :name[ or :name{.
const DIRECTIVE_LIKE = /^[ \t]*::+[A-Za-z]|:[A-Za-z][\w-]*[[{]/m;

function pageSet() {
  const files = new Set();
  const fixtures = join(root, 'tests', 'fixtures');
  const real = join(fixtures, 'real-workshops');
  for (const w of readdirSync(real, { withFileTypes: true }))
    if (w.isDirectory()) for (const f of markdownFiles(join(real, w.name, 'content'))) files.add(f);
  for (const f of markdownFiles(fixtures))
    if (DIRECTIVE_LIKE.test(readFileSync(f, 'utf8'))) files.add(f);
  for (const f of markdownFiles(join(here, 'cases'))) files.add(f);
  return [...files].map((f) => relative(root, f)).sort();
}

const files = only.length > 0 ? only : pageSet();
const run = (cmd, cmdArgs) =>
  JSON.parse(execFileSync(cmd, cmdArgs, { cwd: root, maxBuffer: 1 << 30, encoding: 'utf8' })).files;
const remark = run(process.execPath, [join(here, 'remark-tree.mjs'), ...files]);
const ours = run(resolve(opskit), files);

// A tree as records keyed by "line:column", each naming its parent's key.
function flatten(directives, parent = 'top', out = new Map()) {
  for (const d of directives) {
    const key = `${d.line}:${d.column}`;
    out.set(key, { ...d, parent, children: undefined });
    flatten(d.children, key, out);
  }
  return out;
}

const FIELDS = ['form', 'name', 'label', 'id', 'classes', 'attributes', 'parent'];
const show = (v) => JSON.stringify(v);

// Every difference: {file, where, what, detail}. "where" is line:column of a directive, or the
// line of a heading; "what" names the kind of difference (the reviewed list matches on
// file, where and what; the detail shows both values).
const differences = [];
let directiveCount = { remark: 0, opskit: 0, both: 0 };
let headingCount = 0;
for (let f = 0; f < files.length; ++f) {
  const file = files[f];
  const a = flatten(remark[f].directives);
  const b = flatten(ours[f].directives);
  directiveCount.remark += a.size;
  directiveCount.opskit += b.size;
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => {
    const [xl, xc] = x.split(':').map(Number), [yl, yc] = y.split(':').map(Number);
    return xl - yl || xc - yc;
  });
  for (const key of keys) {
    const r = a.get(key), o = b.get(key);
    if (!o) {
      // ":name" alone (no [label], no {attributes}): one kind, whatever the name.
      const bare = r.form === 'text' && r.label === null && !r.id && r.classes.length === 0 && r.attributes.length === 0;
      differences.push({ file, where: key, what: bare ? 'only-remark bare text directive' : `only-remark ${r.form}:${r.name}`,
                         detail: `remark-directive has ${show(r)}` });
      continue;
    }
    if (!r) {
      differences.push({ file, where: key, what: `only-opskit ${o.form}:${o.name}`,
                         detail: `opskit has ${show(o)}` });
      continue;
    }
    ++directiveCount.both;
    for (const field of FIELDS) {
      if (show(r[field]) === show(o[field])) continue;
      differences.push({ file, where: key, what: `${field} ${r.form}:${r.name}`,
                         detail: `remark-directive ${show(r[field])}, opskit ${show(o[field])}` });
    }
  }
  const ha = new Map(remark[f].headings.map((h) => [h.line, h]));
  const hb = new Map(ours[f].headings.map((h) => [h.line, h]));
  headingCount += ha.size;
  for (const line of [...new Set([...ha.keys(), ...hb.keys()])].sort((x, y) => x - y)) {
    const r = ha.get(line), o = hb.get(line);
    if (!o) differences.push({ file, where: `${line}`, what: 'heading only-remark', detail: `remark ${show(r)}` });
    else if (!r) differences.push({ file, where: `${line}`, what: 'heading only-opskit', detail: `opskit ${show(o)}` });
    else if (r.slug !== o.slug)
      // "Title {#id}": opskit's explicit anchor, text to github-slugger.
      differences.push({ file, where: `${line}`, what: r.text.trimEnd().endsWith(`{#${o.slug}}`) ? 'heading explicit id' : 'heading slug',
                         detail: `github-slugger ${show(r.slug)}, opskit ${show(o.slug)} (text ${show(r.text)})` });
  }
}

// The reviewed list: table rows "| file | where | what | reason |" of known-differences.md.
// "where" may be "*": every such difference of that file; "file" may be "*": of every file (for a
// rule of opskit's that holds everywhere).
const listFile = join(here, 'known-differences.md');
const known = [];
readFileSync(listFile, 'utf8').split('\n').forEach((line, i) => {
  const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim().replace(/^`|`$/g, ''));
  if (cells.length !== 4 || cells[0] === 'file' || /^-+$/.test(cells[0])) return;
  const [file, where, what, reason] = cells;
  if (!reason) {
    console.error(`not ok - known-differences.md:${i + 1}: a listed difference needs its reason`);
    process.exit(1);
  }
  known.push({ file, where, what, reason, line: i + 1, used: 0 });
});
const listed = (d) => known.find((k) => (k.file === '*' || k.file === d.file) && (k.where === '*' || k.where === d.where) && k.what === d.what);

const unlisted = [];
for (const d of differences) {
  const k = listed(d);
  if (k) ++k.used;
  else unlisted.push(d);
  if (showAll || !k) console.log(`${k ? 'listed  ' : 'UNLISTED'} ${d.file}:${d.where} ${d.what}: ${d.detail}`);
}
// Only a run over the whole set can tell that a row is stale.
const stale = only.length > 0 ? [] : known.filter((k) => k.used === 0);
for (const k of stale)
  console.log(`STALE    known-differences.md:${k.line}: ${k.file} ${k.where} ${k.what} no longer differs; remove it`);

console.log(`${files.length} pages, ${directiveCount.remark} directives from remark-directive and ` +
            `${directiveCount.opskit} from opskit (${directiveCount.both} at the same place in both), ` +
            `${headingCount} headings compared; ` +
            `${differences.length} differences, ${differences.length - unlisted.length} of them listed ` +
            `(${known.length} entries in known-differences.md)`);
if (unlisted.length > 0 || stale.length > 0) {
  console.log(`not ok - ${unlisted.length} unlisted differences, ${stale.length} stale entries ` +
              '(see tests/directive-oracle/README.md to review them)');
  process.exit(1);
}
console.log('ok - the directive trees and heading anchors agree but for the reviewed differences');
