#pragma once
// Splits a page body into Markdown chunks: container and leaf directives become placeholder
// lines (keeping their indentation, so lists stay lists), inline directives placeholder
// comments; container bodies become chunks of their own, parsed the same way.
#include <map>
#include <string>

#include "diagnostics/diagnostic.hpp"
#include "model/page.hpp"
#include "parse/directive_syntax.hpp"

namespace opskit {

struct BodyText {
  std::string text;
  int first_line = 1;  // file line of the body's first line
};

// Replaces :param{key=...} and :assetUrl{path=...} as text, before anything is parsed, so they
// work inside link destinations, attribute values and code blocks.
std::string substitute_params(const std::string& text, const std::map<std::string, std::string>& params,
                              const std::string& file, int first_line, DiagnosticSink& sink);

// The body with every HTML comment (block or inline, outside code fences, code spans and
// :::code bodies) blanked to spaces, line breaks kept: nothing inside a comment is a link, an
// image, a heading or a directive, and none of it reaches the output. Lines and columns of
// everything else stay where they were.
std::string blank_html_comments(const std::string& text);

void scan_directives(const BodyText& body, const std::string& file, ParsedBody& out, DiagnosticSink& sink);

}  // namespace opskit
