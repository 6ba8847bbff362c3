#pragma once
// The generic directive syntax (remark-directive): names, [labels] and {attributes}.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/page.hpp"

namespace opskit {

// A directive name starts with an ASCII letter, then letters, digits, '-', '_', and does not
// end in '-' or '_'. Returns its length at `s`, 0 when there is none.
std::size_t scan_directive_name(std::string_view s);

// `[label]` with balanced brackets and backslash escapes, at s[0] == '['. Returns the length
// including brackets, or nullopt when it does not close on this line. A code span does not hide
// brackets (the label is found before its inline content is parsed, as in remark-directive).
std::optional<std::size_t> scan_label(std::string_view s);

// `{attributes}` at s[0] == '{'. Returns the length including braces, or nullopt when malformed.
std::optional<std::size_t> scan_attributes(std::string_view s, Attributes& out);

struct DirectiveHead {
  std::string name;
  std::string label;
  bool has_label = false;
  Attributes attrs;
  std::size_t length = 0;  // characters consumed from the name on
};

// Parses `name[label]{attrs}` at the start of `s` (just after the colons). Malformed
// {attributes} after a [label] are left out of it (`length` stops before them), as
// remark-directive leaves them as text.
std::optional<DirectiveHead> scan_directive_head(std::string_view s);

// Where a directive stands in a chunk's Markdown. Block directives are an HTML comment on their
// own line (an HTML block, which keeps lists intact); inline ones an empty custom element, which
// cannot start an HTML block mid-paragraph and so leaves the rest of the line Markdown.
std::string placeholder(int directive_index);
std::string inline_placeholder(int directive_index);
// The placeholder number written at `at` (digits only; `end` is set past them), or -1 when there
// is none or it is absurdly long.
int placeholder_number_at(std::string_view s, std::size_t at, std::size_t* end);
// Directive placeholders in the order they appear in a chunk's Markdown (indices below
// directive_count only: the page's own).
std::vector<int> placeholders_in(std::string_view markdown, std::size_t directive_count);

}  // namespace opskit
