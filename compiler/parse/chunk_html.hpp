#pragma once
// Lowers a parsed chunk to HTML, once, for every output: headings get their anchors, links become
// slots (parse/link_slots.hpp), raw HTML is kept (its href/src as slots) or shown as text.
#include <utility>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "model/page.hpp"
#include "parse/markdown.hpp"

namespace opskit {

// A chunk's cmark tree and the nodes the collect pass found in it, so that lowering finds each
// heading and link by its node, not by counting.
struct ChunkTree {
  CmarkDocument doc;
  std::vector<std::pair<cmark_node*, int>> links;     // link or image -> ParsedBody::links index
  std::vector<std::pair<cmark_node*, int>> headings;  // heading -> ParsedBody::headings index
  // Raw HTML (not directive placeholders) -> the ParsedBody::links indices of its href/src, in order.
  std::vector<std::pair<cmark_node*, std::vector<int>>> raw_html;
};

struct LowerOptions {
  bool allow_raw_html = true;  // opskit.yaml markdown.raw_html
};

// Fills page.body.chunks[chunk_index].html (and repeated_title_bytes for chunk 0). Needs the
// page's anchors and title, so it runs after every chunk has been collected. Changes the tree.
void lower_chunk_html(ChunkTree& tree, int chunk_index, Page& page, const LowerOptions& options, DiagnosticSink& sink);

}  // namespace opskit
