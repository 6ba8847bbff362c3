#pragma once
#include <map>
#include <string>

#include "diagnostics/diagnostic.hpp"
#include "load/sources.hpp"
#include "model/page.hpp"

namespace opskit {

struct ParseOptions {
  bool allow_raw_html = true;  // opskit.yaml markdown.raw_html; when false raw HTML is shown as text
  // Chunk::markdown, file_line and column_shift are needed after parsing only by tests that look
  // at them; a build lets them go (about as much memory as the page's text).
  bool keep_chunk_markdown = true;
};

// Parses one page, once: front matter, directives, Markdown; collects headings (with their
// anchors), links and raw-HTML ids with source positions, and lowers each chunk to HTML with link
// slots (Chunk::html). `params` are the workshop's contentspec params.
Page parse_page(const PageSource& source, const std::string& locale, const std::map<std::string, std::string>& params,
                DiagnosticSink& sink, const ParseOptions& options = {});

// "Heading {#custom-id}" -> {"Heading", "custom-id"}.
std::pair<std::string, std::string> split_explicit_id(const std::string& heading_text);

// Positions inside a chunk, as file line and column.
std::pair<int, int> chunk_position(const Chunk& chunk, int chunk_line, int chunk_column);

}  // namespace opskit
