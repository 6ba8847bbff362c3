#include "parse/indented_code.hpp"

#include <optional>

#include "parse/block_lines.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

std::size_t indent_columns(std::string_view line) {
  std::size_t columns = 0;
  for (char c : line) {
    if (c == ' ') ++columns;
    else if (c == '\t') columns += 4 - columns % 4;
    else break;
  }
  return columns;
}

// A list item's marker (`-`, `+`, `*`, `1.`, `1)`) at the line's indentation: the column its
// content starts at.
std::optional<std::size_t> list_item_content(std::string_view line, std::size_t indent_cols) {
  auto rest = line.substr(indent_length(line));
  std::size_t width = 0;
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '+' || rest[0] == '*')) {
    width = 1;
  } else {
    while (width < rest.size() && width < 9 && rest[width] >= '0' && rest[width] <= '9') ++width;
    if (width == 0 || width >= rest.size() || (rest[width] != '.' && rest[width] != ')')) return std::nullopt;
    ++width;
  }
  if (width == rest.size()) return indent_cols + width + 1;
  std::size_t spaces = 0;
  while (width + spaces < rest.size() && rest[width + spaces] == ' ') ++spaces;
  if (spaces == 0) return std::nullopt;
  if (width + spaces == rest.size() || spaces > 4) spaces = 1;  // a blank item, or code in the item
  return indent_cols + width + spaces;
}

bool atx_heading(std::string_view rest) {
  std::size_t n = 0;
  while (n < rest.size() && rest[n] == '#') ++n;
  return n >= 1 && n <= 6 && (n == rest.size() || rest[n] == ' ' || rest[n] == '\t');
}

}  // namespace

bool IndentedCode::next(std::string_view line) {
  if (trim(line).empty()) {
    in_paragraph_ = false;
    return false;
  }
  auto columns = indent_columns(line);
  // A paragraph's continuation line (lazy or not) stays in the list items it is in.
  if (!in_paragraph_) {
    while (!item_content_columns_.empty() && item_content_columns_.back() > columns) item_content_columns_.pop_back();
    auto base = item_content_columns_.empty() ? 0 : item_content_columns_.back();
    if (columns >= base + 4) return true;
  }
  if (auto content = list_item_content(line, columns)) {
    while (!item_content_columns_.empty() && item_content_columns_.back() > columns) item_content_columns_.pop_back();
    item_content_columns_.push_back(*content);
    in_paragraph_ = true;
    return false;
  }
  auto rest = line.substr(indent_length(line));
  in_paragraph_ = !(atx_heading(rest) || tick_fence_open(line) || colon_fence(line) || block_opener(line, false) ||
                    block_opener(line, true));
  return false;
}

}  // namespace opskit
