#pragma once
// Splits a page body into Markdown chunks: container and leaf directives become placeholder
// lines (keeping their indentation, so lists stay lists), inline directives placeholder
// comments; container bodies become chunks of their own, parsed the same way.
#include <string>

#include "diagnostics/diagnostic.hpp"
#include "model/page.hpp"
#include "parse/body_text_passes.hpp"  // the passes that run before the scan
#include "parse/directive_syntax.hpp"

namespace opskit {

struct BodyText {
  std::string text;
  int first_line = 1;  // file line of the body's first line
};

void scan_directives(const BodyText& body, const std::string& file, ParsedBody& out, DiagnosticSink& sink);

}  // namespace opskit
