#include "parse/block_lines.hpp"

#include "support/strings.hpp"

namespace opskit {

std::size_t indent_length(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && (s[n] == ' ' || s[n] == '\t')) ++n;
  return n;
}

std::optional<int> colon_fence(std::string_view line) {
  auto t = trim(line);
  if (t.size() < 3) return std::nullopt;
  for (char c : t)
    if (c != ':') return std::nullopt;
  return static_cast<int>(t.size());
}

std::optional<Opener> block_opener(std::string_view line, bool leaf) {
  Opener o;
  o.indent = indent_length(line);
  auto rest = line.substr(o.indent);
  std::size_t colons = 0;
  while (colons < rest.size() && rest[colons] == ':') ++colons;
  if (leaf ? colons != 2 : colons < 3) return std::nullopt;
  auto head = scan_directive_head(rest.substr(colons));
  if (!head) return std::nullopt;
  if (!trim(rest.substr(colons + head->length)).empty()) return std::nullopt;
  o.colons = static_cast<int>(colons);
  o.head = std::move(*head);
  return o;
}

std::optional<TickFence> tick_fence_open(std::string_view line) {
  auto rest = line.substr(indent_length(line));
  if (rest.empty() || (rest[0] != '`' && rest[0] != '~')) return std::nullopt;
  TickFence f{rest[0], 0};
  while (f.length < rest.size() && rest[f.length] == f.ch) ++f.length;
  if (f.length < 3) return std::nullopt;
  if (f.ch == '`' && rest.substr(f.length).find('`') != std::string_view::npos) return std::nullopt;
  return f;
}

bool tick_fence_closes(std::string_view line, const TickFence& open) {
  auto t = trim(line);
  if (t.size() < open.length) return false;
  for (char c : t)
    if (c != open.ch) return false;
  return true;
}

}  // namespace opskit
