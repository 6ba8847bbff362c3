#pragma once
// Renders the sink's findings for people (text) and for machines (JSON, SARIF 2.1.0).
#include <string>

#include "diagnostics/diagnostic.hpp"

namespace opskit {

struct TextStyle {
  bool color = false;       // ANSI colours (a terminal without NO_COLOR)
  bool show_source = false; // quote the line and put a caret under the column
};

std::string format_text(const DiagnosticSink& sink, const TextStyle& style);
std::string format_json(const DiagnosticSink& sink);
std::string format_sarif(const DiagnosticSink& sink, const std::string& tool_version);

}  // namespace opskit
