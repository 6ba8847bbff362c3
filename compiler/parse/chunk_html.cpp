#include "parse/chunk_html.hpp"

#include "parse/link_slots.hpp"
#include "parse/parse_page.hpp"
#include "support/html_attributes.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

std::string heading_html(cmark_node* heading, const Heading& h) {
  // A written {#id} is not part of the visible text.
  if (cmark_node* last = cmark_node_last_child(heading); last && cmark_node_get_type(last) == CMARK_NODE_TEXT) {
    auto [text, id] = split_explicit_id(cmark_node_get_literal(last));
    if (!id.empty()) cmark_node_set_literal(last, text.c_str());
  }
  std::string inner = render_markdown_html(heading);
  auto open_end = inner.find('>');
  auto close = inner.rfind("</h");
  inner = inner.substr(open_end + 1, close - open_end - 1);
  std::string level = std::to_string(h.level);
  return "<h" + level + " id=\"" + html_escape(h.id) + "\">" + inner + "</h" + level + ">\n";
}

// Raw HTML with each href/src attribute replaced by its link's slot.
std::string raw_html_with_slots(const std::string& literal, const std::vector<int>& links) {
  std::string out;
  std::size_t last = 0, i = 0;
  for (const auto& a : quoted_attributes(literal, {"href", "src"})) {
    if (i >= links.size()) break;
    out += literal.substr(last, a.begin - last) + link_slot_html(links[i++]);
    last = a.end;
  }
  return out + literal.substr(last);
}

}  // namespace

void lower_chunk_html(ChunkTree& tree, int chunk_index, Page& page, const LowerOptions& options, DiagnosticSink& sink) {
  Chunk& chunk = page.body.chunks[chunk_index];
  for (auto [node, index] : tree.links) cmark_node_set_url(node, link_slot_url(index).c_str());

  for (auto& [node, links] : tree.raw_html) {
    if (options.allow_raw_html) {
      cmark_node_set_literal(node, raw_html_with_slots(cmark_node_get_literal(node), links).c_str());
      continue;
    }
    auto [line, column] = chunk_position(chunk, cmark_node_get_start_line(node), cmark_node_get_start_column(node));
    sink.report("markdown.raw-html", Severity::warning, page.file, line, column,
                "raw HTML is not allowed (markdown.raw_html: false in opskit.yaml); shown as text");
    replace_with_text(node);  // its links stay in ParsedBody::links (still checked), without a slot
  }

  // A first "# Title" that repeats the page title: lowered like any heading, and measured, so
  // that an output can leave it out.
  cmark_node* title = nullptr;
  if (chunk_index == 0) {
    cmark_node* first = cmark_node_first_child(tree.doc.get());
    if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING && cmark_node_get_heading_level(first) == 1 &&
        split_explicit_id(plain_text(first)).first == page.meta.title)
      title = first;
  }
  std::string title_html;
  for (auto [node, index] : tree.headings) {
    auto html = heading_html(node, page.body.headings[index]);
    if (node == title) title_html = html;
    cmark_node* block = cmark_node_new(CMARK_NODE_HTML_BLOCK);
    cmark_node_set_literal(block, html.c_str());
    cmark_node_replace(node, block);
    cmark_node_free(node);
  }
  chunk.html = render_markdown_html(tree.doc.get());
  if (!title_html.empty() && starts_with(chunk.html, title_html)) chunk.repeated_title_bytes = title_html.size();
}

}  // namespace opskit
