#pragma once
// Splits front matter (YAML between ---, or TOML between +++) from a page's body.
#include <string>

#include "diagnostics/diagnostic.hpp"
#include "parse/directive_blocks.hpp"
#include "model/page.hpp"

namespace opskit {

struct SplitPage {
  FrontMatter meta;
  BodyText body;
};

SplitPage split_front_matter(const std::string& text, const std::string& file, DiagnosticSink& sink);

}  // namespace opskit
