#pragma once
// Parses and renders one page body the way the site does, for directive and Markdown tests.
#include <string>

#include "diagnostics/diagnostic.hpp"
#include "model/page.hpp"

namespace opskit::test {

struct Rendered {
  Page page;
  std::string html;
};

Rendered render_markdown_page(const std::string& text, DiagnosticSink& sink, bool allow_raw_html = true,
                              const std::map<std::string, std::string>& params = {});

}  // namespace opskit::test
