#include "parse/render_helpers.hpp"

#include "parse/parse_page.hpp"
#include "render/render_body.hpp"

namespace opskit::test {

Rendered render_markdown_page(const std::string& text, DiagnosticSink& sink, bool allow_raw_html,
                              const std::map<std::string, std::string>& params) {
  PageSource source;
  source.file = "page.md";
  source.text = share_text(text);
  source.path = "page";
  Rendered out{parse_page(source, "en-US", params, sink, ParseOptions{allow_raw_html}), {}};
  BodyRenderContext ctx;
  ctx.sink = &sink;
  ctx.children_html = [](const Directive& d) { return "<ul class=\"children-list\" data-depth=\"" + d.attrs.get("depth", "1") + "\"></ul>"; };
  out.html = render_body(out.page, ctx).html;
  return out;
}

}  // namespace opskit::test
