#pragma once
#include <map>
#include <string>

#include "diagnostics/diagnostic.hpp"
#include "load/sources.hpp"
#include "model/page.hpp"

namespace opskit {

// Parses one page: front matter, directives, Markdown; collects headings (with their anchors),
// links and raw-HTML ids with source positions. `params` are the workshop's contentspec params.
Page parse_page(const PageSource& source, const std::string& locale, const std::map<std::string, std::string>& params,
                DiagnosticSink& sink);

// "Heading {#custom-id}" -> {"Heading", "custom-id"}.
std::pair<std::string, std::string> split_explicit_id(const std::string& heading_text);

// Positions inside a chunk, as file line and column.
std::pair<int, int> chunk_position(const Chunk& chunk, int chunk_line, int chunk_column);

}  // namespace opskit
