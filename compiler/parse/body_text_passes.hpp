#pragma once
// The passes over a page body's text that run before the directive scan and keep every line
// and column where it was: HTML comments blanked, :param and :assetUrl replaced.
#include <map>
#include <string>

#include "diagnostics/diagnostic.hpp"

namespace opskit {

// Replaces :param{key=...} and :assetUrl{path=...} as text, before anything is parsed, so they
// work inside link destinations, attribute values and code blocks.
std::string substitute_params(const std::string& text, const std::map<std::string, std::string>& params,
                              const std::string& file, int first_line, DiagnosticSink& sink);

// The body with every HTML comment (block or inline, outside code fences, code spans and
// :::code bodies) blanked to spaces, line breaks kept: nothing inside a comment is a link, an
// image, a heading or a directive, and none of it reaches the output. Lines and columns of
// everything else stay where they were.
std::string blank_html_comments(const std::string& text);

}  // namespace opskit
