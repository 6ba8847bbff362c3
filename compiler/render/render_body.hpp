#pragma once
// The render stage for a page's body: Markdown chunks to HTML, directives to widgets, links
// rewritten for one output target.
#include <functional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "model/page.hpp"

namespace opskit {

struct BodyRenderContext {
  // The URL each of the page's links has in this target (indexed like ParsedBody::links).
  std::vector<std::string> link_urls;
  // Links leaving the output (for example to the published site from a package) are marked.
  std::vector<bool> link_external;
  std::vector<std::string> allowed_schemes;  // beyond http, https, mailto (opskit.yaml links.allowed_schemes)
  // The layout shows the title; a first "# Title" that repeats it is left out of the body.
  bool drop_repeated_title = true;
  // `::children` and the generated views come from outside the page.
  std::function<std::string(const Directive&)> children_html;
  std::function<std::string(const Directive&)> view_html;  // empty string = not a view
  DiagnosticSink* sink = nullptr;
};

struct RenderedBody {
  std::string html;
  std::vector<Heading> toc;  // ## and ### headings of the top level
};

RenderedBody render_body(const Page& page, const BodyRenderContext& ctx);

}  // namespace opskit
