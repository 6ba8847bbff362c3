// The reference side of the directive oracle: parses each FILE with remark-parse and
// remark-directive (the generic directives proposal's reference implementation) and prints one
// JSON document, {"files": [...]}, holding per file the normalised directive tree and the heading
// slugs github-slugger gives (one slugger per page, so repeats get -1, -2).
//
// usage: node remark-tree.mjs FILE...
//
// The normalised form (opskit_tree.cpp prints the same from opskit's parse stage):
//   {"file", "directives": [D...], "headings": [{"line", "text", "slug"}]}
//   D = {"name", "form": "text"|"leaf"|"container", "label": raw text between the brackets or
//        null, "id": "" | the id, "classes": [class tokens], "attributes": [[key, value]...] (first
//        position of a key, its last value; without id and class), "line", "column" (bytes, of
//        the first colon), "children": [D...] (the nearest directives inside, label included)}
import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkDirective from 'remark-directive';
import GithubSlugger from 'github-slugger';

const FORMS = { textDirective: 'text', leafDirective: 'leaf', containerDirective: 'container' };

// Front matter is not Markdown: its lines become empty lines (so every line keeps its number),
// as opskit splits it off (the first non-blank line "---" or "+++" up to the same line again;
// an unclosed one drops only its opening line).
function blankFrontMatter(text) {
  const lines = text.split('\n');
  let first = 0;
  while (first < lines.length && lines[first].trim() === '') ++first;
  const fence = first < lines.length ? lines[first].trim() : '';
  if (fence !== '---' && fence !== '+++') return text;
  let close = first + 1;
  while (close < lines.length && lines[close].trim() !== fence) ++close;
  const last = close < lines.length ? close : first;
  for (let i = first; i <= last; ++i) lines[i] = lines[i].endsWith('\r') ? '\r' : '';
  return lines.join('\n');
}

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; ++i) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

// The 1-based byte column of a UTF-16 offset (opskit counts bytes; micromark counts code units
// and expands tabs).
function byteColumn(text, starts, line, offset) {
  return Buffer.byteLength(text.slice(starts[line - 1], offset), 'utf8') + 1;
}

// The raw label: the source between '[' (just after the name) and its ']'.
function rawLabel(text, node) {
  const start = node.position.start.offset;
  let i = start;
  while (text[i] === ':') ++i;
  i += node.name.length;
  if (text[i] !== '[') return null;
  // ":name[" whose label never closes is ":name" followed by text: the node ends at the name.
  if (node.type === 'textDirective' && node.position.end.offset <= i) return null;
  let labelNodes = node.children || [];
  if (node.type === 'containerDirective') {
    const first = labelNodes[0];
    // The label paragraph's position spans the brackets; its children's do not.
    labelNodes = first && first.data && first.data.directiveLabel ? first.children : [];
  }
  let from = i + 1;
  if (labelNodes.length > 0) from = Math.max(from, labelNodes[labelNodes.length - 1].position.end.offset);
  const close = text.indexOf(']', from);
  return close < 0 ? null : text.slice(i + 1, close);
}

function normaliseAttributes(attributes) {
  const out = { id: '', classes: [], attributes: [] };
  for (const [key, value] of Object.entries(attributes || {})) {
    const v = value == null ? '' : String(value);
    if (key === 'id') out.id = v;
    else if (key === 'class') out.classes = v.split(/\s+/).filter(Boolean);
    else out.attributes.push([key, v]);
  }
  return out;
}

// Heading text as a renderer's plain text: text and code, breaks as spaces, no raw HTML; a text
// directive contributes its label's text.
function plainText(node) {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'break') return ' ';
  if (node.type === 'html') return '';
  return (node.children || []).map(plainText).join('');
}

function collect(node, text, starts, out) {
  for (const child of node.children || []) {
    const form = FORMS[child.type];
    if (!form) {
      collect(child, text, starts, out);
      continue;
    }
    const { line } = child.position.start;
    const d = {
      name: child.name,
      form,
      label: rawLabel(text, child),
      ...normaliseAttributes(child.attributes),
      line,
      column: byteColumn(text, starts, line, child.position.start.offset),
      children: [],
    };
    collect(child, text, starts, d.children);
    out.push(d);
  }
}

function headings(node, text, slugger, out) {
  for (const child of node.children || []) {
    if (child.type === 'heading') {
      const t = plainText(child);
      out.push({ line: child.position.start.line, text: t, slug: slugger.slug(t) });
    } else {
      headings(child, text, slugger, out);
    }
  }
}

const processor = unified().use(remarkParse).use(remarkDirective);
const files = [];
for (const file of process.argv.slice(2)) {
  let text = readFileSync(file, 'utf8');
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  text = blankFrontMatter(text);
  const tree = processor.runSync(processor.parse(text));
  const starts = lineStarts(text);
  const directives = [];
  collect(tree, text, starts, directives);
  const hs = [];
  headings(tree, text, new GithubSlugger(), hs);
  files.push({ file, directives, headings: hs });
}
process.stdout.write(JSON.stringify({ files }, null, 1) + '\n');
