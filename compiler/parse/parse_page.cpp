#include "parse/parse_page.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <tuple>

#include "parse/chunk_html.hpp"
#include "parse/directive_blocks.hpp"
#include "parse/directive_registry.hpp"
#include "parse/directive_syntax.hpp"
#include "parse/front_matter.hpp"
#include "parse/markdown.hpp"
#include "parse/slug.hpp"
#include "support/html_attributes.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

// The chunk lines (first, last) of the node, or of the nearest block around it that has them.
std::pair<int, int> node_lines(cmark_node* node) {
  for (cmark_node* n = node; n; n = cmark_node_parent(n)) {
    int line = cmark_node_get_start_line(n);
    if (line > 0) return {line, std::max(line, cmark_node_get_end_line(n))};
  }
  return {1, 1};
}

struct Collector {
  Page& page;
  DiagnosticSink& sink;
  SlugCounter slugs;
  std::vector<std::string_view> chunk_lines;  // views into the chunk being collected
  std::vector<std::string_view> source_lines;  // the page's file (views into its shared text), for link columns
  // Where the previous link of the chunk was found (chunk line, byte in the file line after it):
  // the next link is searched from there, so that a URL written twice on a line, or inside an
  // earlier URL, gets its own column.
  int cursor_line = 0;
  std::size_t cursor_byte = 0;
  std::vector<bool> explicit_anchor;  // per heading: its anchor is written in the page ({#id})
  std::vector<ChunkTree> trees;        // per chunk, kept until it is lowered to HTML

  // The first place at or after `from` in `text` where the URL of a link is written: after "]("
  // or "](<" of an inline link, else anywhere (raw HTML, a reference definition). Returns the
  // byte offset of the URL.
  static std::size_t find_url(std::string_view text, std::size_t from, const std::string& url, bool markdown) {
    if (markdown) {
      for (const std::string prefix : {"](", "](<"}) {
        auto at = text.find(prefix + url, from);
        if (at != std::string::npos) return at + prefix.size();
      }
    }
    return text.find(url, from);
  }

  // The file line and column of a link's URL. The chunk's own text has directives replaced by
  // placeholders and container bodies dedented, so the URL is looked up in the file's line.
  std::pair<int, int> locate(const Chunk& chunk, cmark_node* node, const std::string& needle, bool markdown) {
    auto [line, end] = node_lines(node);
    int lines = static_cast<int>(chunk_lines.size());
    end = std::min(end, lines);
    if (!needle.empty()) {
      // In the file, within the lines of the link's block, after the previous link.
      for (int l = std::max(line, cursor_line); l <= end; ++l) {
        int file_line = chunk.file_line[l - 1];
        if (file_line < 1 || file_line > static_cast<int>(source_lines.size())) continue;
        const auto& text = source_lines[file_line - 1];
        auto from = static_cast<std::size_t>(chunk.column_shift[l - 1]);
        if (l == cursor_line) from = std::max(from, cursor_byte);
        auto at = find_url(text, from, needle, markdown);
        if (at == std::string::npos) continue;
        cursor_line = l;
        cursor_byte = at + needle.size();
        return {file_line, static_cast<int>(at) + 1};
      }
      // Not written so in the file (a parameter substituted into it, a link around an image, a
      // reference definition further down): the chunk's text.
      for (int l = line; l <= lines && l < line + 50; ++l) {
        auto col = chunk_lines[l - 1].find(needle);
        if (col != std::string::npos) return chunk_position(chunk, l, static_cast<int>(col) + 1);
      }
    }
    return chunk_position(chunk, line, 1);
  }

  void collect(int chunk_index) {
    Chunk& chunk = page.body.chunks[chunk_index];
    chunk_lines = split_line_views(chunk.markdown);
    cursor_line = 0;
    cursor_byte = 0;
    ChunkTree& tree = trees.emplace_back();
    tree.doc = parse_markdown(chunk.markdown);
    MarkdownVisitor v;
    v.heading = [&](cmark_node* n) {
      Heading h;
      h.level = cmark_node_get_heading_level(n);
      auto [text, explicit_id] = split_explicit_id(heading_text(n));
      h.text = text;
      h.id = explicit_id;  // the others get theirs in assign_anchors, in document order
      explicit_anchor.push_back(!explicit_id.empty());
      std::tie(h.line, h.column) = chunk_position(chunk, cmark_node_get_start_line(n), cmark_node_get_start_column(n));
      tree.headings.emplace_back(n, static_cast<int>(page.body.headings.size()));
      chunk.headings.push_back(static_cast<int>(page.body.headings.size()));
      page.body.headings.push_back(std::move(h));
    };
    v.link_or_image = [&](cmark_node* n) {
      LinkRef ref;
      ref.url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
      ref.kind = cmark_node_get_type(n) == CMARK_NODE_IMAGE ? LinkKind::image : LinkKind::link;
      std::tie(ref.line, ref.column) = locate(chunk, n, ref.url, true);
      tree.links.emplace_back(n, static_cast<int>(page.body.links.size()));
      page.body.links.push_back(std::move(ref));
    };
    v.raw_html = [&](cmark_node* n) {
      const char* literal = cmark_node_get_literal(n);
      if (!literal || is_placeholder(literal)) return;
      std::string html = literal;
      for (const auto& a : quoted_attributes(html, {"id", "name"})) page.body.raw_ids.emplace_back(a.value);
      auto& raw = tree.raw_html.emplace_back(n, std::vector<int>{}).second;
      for (const auto& a : quoted_attributes(html, {"href", "src"})) {
        LinkRef ref;
        ref.url = std::string(a.value);
        ref.kind = LinkKind::raw_html;
        ref.raw_src = to_lower(a.name) == "src";
        ref.raw_attribute = html.substr(a.begin, a.end - a.begin);
        ref.raw_name = std::string(a.name);
        raw.push_back(static_cast<int>(page.body.links.size()));
        std::tie(ref.line, ref.column) = locate(chunk, n, ref.url, false);
        page.body.links.push_back(std::move(ref));
      }
    };
    walk_markdown(tree.doc.get(), v);
  }

  // A heading's text as remark-directive sees it: an inline directive's label is part of it
  // ("Step :badge[new] one" is "Step new one").
  std::string heading_text(cmark_node* heading) const {
    std::string out;
    cmark_iter* iter = cmark_iter_new(heading);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
      if (ev != CMARK_EVENT_ENTER) continue;
      cmark_node* n = cmark_iter_get_node(iter);
      auto type = cmark_node_get_type(n);
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) out += cmark_node_get_literal(n);
      else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) out += ' ';
      else if (type == CMARK_NODE_HTML_INLINE) out += inline_directive_label(cmark_node_get_literal(n));
    }
    cmark_iter_free(iter);
    return out;
  }

  // The plain text of the label of the inline directive whose placeholder is `html`, else "".
  std::string inline_directive_label(const char* html) const {
    if (!is_placeholder(html)) return "";
    std::string_view s = html;
    auto at = s.find("n=\"");
    int index = -1;
    if (at == std::string_view::npos) return "";
    std::from_chars(s.data() + at + 3, s.data() + s.size(), index);
    if (index < 0 || index >= static_cast<int>(page.body.directives.size())) return "";
    const auto& d = page.body.directives[index];
    if (!d.has_label || d.label.empty()) return "";
    auto doc = parse_markdown(d.label);
    return plain_text(doc.get());
  }

  // Anchors in document order (container bodies are separate chunks, collected after the page's
  // top level), as github-slugger numbers repeated headings; an explicit {#id} takes its place.
  void assign_anchors() {
    auto& headings = page.body.headings;
    std::vector<std::size_t> order(headings.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(headings[a].line, headings[a].column) < std::tie(headings[b].line, headings[b].column);
    });
    for (auto i : order) {
      if (explicit_anchor[i]) slugs.reserve(headings[i].id);
      else headings[i].id = slugs.unique(github_slug(headings[i].text));
    }
  }

  void collect_directive_targets() {
    for (auto& d : page.body.directives) {
      const DirectiveSpec* spec = find_directive(d.name);
      if (!spec || spec->link_attribute.empty()) continue;
      std::string key(spec->link_attribute);
      if (!d.attrs.has(key)) continue;
      LinkRef ref;
      ref.url = d.attrs.get(key);
      ref.kind = spec->link_kind;
      ref.line = d.line;
      // The attribute, looked for after the name and the label ("href=" may be in the label).
      std::size_t offset = std::string::npos;
      auto after_label = d.source.find(d.name) + d.name.size() + (d.has_label ? d.label.size() + 2 : 0);
      for (auto at = d.source.find(key + "=", std::min(after_label, d.source.size())); at != std::string::npos;
           at = d.source.find(key + "=", at + 1)) {
        char before = at == 0 ? ' ' : d.source[at - 1];
        if (before == '{' || before == ' ' || before == '\t') {
          offset = at;
          break;
        }
      }
      ref.column = d.column + (offset == std::string::npos ? 0 : static_cast<int>(offset));
      d.link = static_cast<int>(page.body.links.size());
      page.body.links.push_back(std::move(ref));
    }
  }
};

std::string title_from_file(const std::string& path) {
  auto name = path.substr(path.find_last_of('/') + 1);
  if (name.empty()) return "Home";
  for (auto& c : name)
    if (c == '-' || c == '_') c = ' ';
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

}  // namespace

std::pair<std::string, std::string> split_explicit_id(const std::string& heading_text) {
  // "Text {#id}" with optional spaces around; the id is [A-Za-z0-9_:.-]+.
  std::string_view s = heading_text;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (s.empty() || s.back() != '}') return {heading_text, ""};
  auto open = s.rfind("{#");
  if (open == std::string_view::npos) return {heading_text, ""};
  auto id = s.substr(open + 2, s.size() - open - 3);
  if (id.empty() || !std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':' || c == '.' || c == '-';
      }))
    return {heading_text, ""};
  auto text = s.substr(0, open);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return {std::string(text), std::string(id)};
}

std::pair<int, int> chunk_position(const Chunk& chunk, int chunk_line, int chunk_column) {
  if (chunk_line < 1 || chunk_line > static_cast<int>(chunk.file_line.size())) return {0, 0};
  return {chunk.file_line[chunk_line - 1], chunk.column_shift[chunk_line - 1] + std::max(chunk_column, 1)};
}

Page parse_page(const PageSource& source, const std::string& locale, const std::map<std::string, std::string>& params,
                DiagnosticSink& sink, const ParseOptions& options) {
  Page page;
  page.file = source.file;
  page.workshop = source.workshop;
  page.path = source.path;
  page.locale = locale;
  page.is_index = source.is_index;
  page.last_updated = source.last_updated;
  page.text = source.text;

  auto split = split_front_matter(*source.text, source.file, sink);
  page.meta = std::move(split.meta);
  split.body.text = blank_html_comments(split.body.text);  // before parameters: a commented :param is no finding
  split.body.text = substitute_params(split.body.text, params, source.file, split.body.first_line, sink);
  scan_directives(split.body, source.file, page.body, sink);

  Collector collector{page, sink, {}, {}, split_line_views(*source.text), 0, 0, {}, {}};
  for (int i = 0; i < static_cast<int>(page.body.chunks.size()); ++i) collector.collect(i);
  collector.assign_anchors();
  collector.collect_directive_targets();

  if (page.meta.title.empty()) {
    page.meta.title = title_from_file(source.path);
    for (const auto& h : page.body.headings)
      if (h.level == 1 || &h == &page.body.headings.front()) {
        page.meta.title = h.text;
        break;
      }
  }
  std::string default_id = source.workshop.empty() ? (source.path.empty() ? "index" : source.path)
                                                   : source.workshop + (source.path.empty() ? "" : "/" + source.path);
  page.id = page.meta.id.empty() ? default_id : page.meta.id;

  page.body.allow_raw_html = options.allow_raw_html;
  // Last, once anchors and the title are known: each chunk's HTML, from the tree parsed above.
  for (int i = 0; i < static_cast<int>(collector.trees.size()); ++i)
    lower_chunk_html(collector.trees[i], i, page, LowerOptions{options.allow_raw_html}, sink);
  for (auto& chunk : page.body.chunks) {
    chunk.directives = placeholders_in(chunk.markdown, page.body.directives.size());
    if (!options.keep_chunk_markdown) {
      // Swapped with empties: assigning an empty string would keep the buffer (libstdc++).
      std::string().swap(chunk.markdown);
      std::vector<int>().swap(chunk.file_line);
      std::vector<int>().swap(chunk.column_shift);
    }
  }
  return page;
}

}  // namespace opskit
