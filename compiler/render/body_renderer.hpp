#pragma once
// The renderer of one page body for one output, shared by render_body.cpp (chunks, link slots,
// directive placeholders) and directive_widgets.cpp (one function per widget directive). Internal
// to the render stage.
#include <string>
#include <string_view>
#include <vector>

#include "model/page.hpp"
#include "render/render_body.hpp"
#include "support/url_scheme.hpp"

namespace opskit {

class BodyRenderer {
 public:
  BodyRenderer(const Page& page, const BodyRenderContext& ctx)
      : page_(page), ctx_(ctx), placed_(page.body.directives.size(), false) {}

  // A chunk's HTML for this output: the parse stage's HTML with the output's link URLs in its
  // slots and the directives rendered in their placeholders.
  std::string chunk_html(int chunk_index);

  // The widget renderers, by directive name (directive_widgets.cpp); a directive of the registry
  // whose role is widget has one, which a test checks.
  using Widget = std::string (BodyRenderer::*)(const Directive&);
  static const std::vector<std::pair<std::string_view, Widget>>& widgets();

 private:
  const Page& page_;
  const BodyRenderContext& ctx_;
  std::vector<bool> placed_;  // directives already substituted for their placeholder
  int widget_counter_ = 0;

  // render_body.cpp
  std::string substitute(std::string_view html);
  void fill_slot(int index, std::string& out) const;
  std::string link_url(const Directive& d, UrlUse use);
  std::string safe_url(const std::string& url, UrlUse use) const;
  std::string attribute_markdown_html(const Directive& d, const std::string& key);
  std::string chunk_html_or_empty(int chunk);
  std::string inner(const Directive& d);
  std::string label_html(const Directive& d);

  // directive_widgets.cpp
  std::string directive_html(int index);
  std::string unknown_html(const Directive& d);
  std::string alert_html(const Directive& d);
  std::string code_html(const Directive& d);
  std::string tabs_html(const Directive& d);
  std::string tab_html(const Directive& d);
  std::string expand_html(const Directive& d);
  std::string image_html(const Directive& d);
  std::string link_html(const Directive& d);
  std::string video_html(const Directive& d);
  std::string children_html(const Directive& d);
};


}  // namespace opskit
