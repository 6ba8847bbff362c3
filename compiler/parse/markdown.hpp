#pragma once
// cmark-gfm, with the GFM extensions, behind a small owning wrapper.
#include <cmark-gfm.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace opskit {

struct CmarkDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using CmarkDocument = std::unique_ptr<cmark_node, CmarkDeleter>;

// Registers cmark-gfm's extensions (once; parse_markdown does it first). Code that uses them
// without parse_markdown registers them here rather than through cmark-gfm, so that the first
// registration is this one (sanitizer builds are told what it leaves to the process).
void register_markdown_extensions();
// The options every opskit rendering uses. Raw HTML is always parsed; the render stage escapes
// it when the project does not allow it.
int markdown_options();
CmarkDocument parse_markdown(const std::string& markdown);
std::string render_markdown_html(cmark_node* node);
// Renders a label or title as inline HTML (no surrounding <p>). Raw HTML in it is shown as text
// unless `allow_raw_html`, and URLs whose scheme is not allowed (support/url_scheme.hpp) are
// replaced by an inert fragment; `on_problem(rule, message)` hears of each.
struct InlineMarkdownOptions {
  bool allow_raw_html = false;
  std::vector<std::string> allowed_schemes;
};
std::string render_inline_markdown(const std::string& markdown, const InlineMarkdownOptions& options = {},
                                   const std::function<void(const std::string&, const std::string&)>& on_problem = {});
// The plain text of a node's inline content.
std::string plain_text(cmark_node* node);

// Visits the nodes that carry links, headings and raw HTML, in document order (the parse stage's
// collect pass; render_inline_markdown for labels written in attributes).
struct MarkdownVisitor {
  std::function<void(cmark_node*)> heading;
  std::function<void(cmark_node*)> link_or_image;
  std::function<void(cmark_node*)> raw_html;
};
void walk_markdown(cmark_node* document, const MarkdownVisitor& visitor);

bool is_placeholder(const char* html_literal);

// Replaces a raw HTML node by its text, shown as written (a block becomes a paragraph), and frees it.
void replace_with_text(cmark_node* raw_html);

}  // namespace opskit
