#include "parse/directive_syntax.hpp"

#include <cctype>

namespace opskit {

namespace {
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_space(char c) { return c == ' ' || c == '\t'; }
}  // namespace

std::string placeholder(int directive_index) { return "<!--opskit:" + std::to_string(directive_index) + "-->"; }
std::string inline_placeholder(int directive_index) {
  return "<opskit-inline n=\"" + std::to_string(directive_index) + "\"/>";
}

int placeholder_number_at(std::string_view s, std::size_t at, std::size_t* end) {
  std::size_t j = at;
  long value = 0;
  while (j < s.size() && j - at < 9 && std::isdigit(static_cast<unsigned char>(s[j]))) value = value * 10 + (s[j++] - '0');
  if (j == at || (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])))) return -1;
  *end = j;
  return static_cast<int>(value);
}

std::vector<int> placeholders_in(std::string_view markdown, std::size_t directive_count) {
  std::vector<int> out;
  static constexpr std::string_view open = "<!--opskit:";
  for (auto at = markdown.find(open); at != std::string_view::npos; at = markdown.find(open, at + 1)) {
    std::size_t end = 0;
    int n = placeholder_number_at(markdown, at + open.size(), &end);
    // An author can write the comment too: only the page's own directives count.
    if (n >= 0 && static_cast<std::size_t>(n) < directive_count && markdown.compare(end, 3, "-->") == 0) out.push_back(n);
  }
  return out;
}

std::size_t scan_directive_name(std::string_view s) {
  if (s.empty() || !is_alpha(s[0]) || static_cast<unsigned char>(s[0]) > 127) return 0;
  std::size_t n = 1;
  while (n < s.size() && (is_alnum(s[n]) || s[n] == '-' || s[n] == '_') && static_cast<unsigned char>(s[n]) < 128) ++n;
  while (n > 1 && (s[n - 1] == '-' || s[n - 1] == '_')) --n;
  return n;
}

std::optional<std::size_t> scan_label(std::string_view s) {
  if (s.empty() || s[0] != '[') return std::nullopt;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size()) {
      ++i;
      continue;
    }
    if (c == '[') ++depth;
    if (c == ']' && --depth == 0) return i + 1;
  }
  return std::nullopt;
}

std::optional<std::size_t> scan_attributes(std::string_view s, Attributes& out) {
  if (s.empty() || s[0] != '{') return std::nullopt;
  std::size_t i = 1;
  auto value_end = [&](std::size_t j) {
    while (j < s.size() && !is_space(s[j]) && s[j] != '"' && s[j] != '\'' && s[j] != '=' && s[j] != '<' &&
           s[j] != '>' && s[j] != '`' && s[j] != '}')
      ++j;
    return j;
  };
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size()) return std::nullopt;
    if (s[i] == '}') return i + 1;
    if (s[i] == '#' || s[i] == '.') {
      // A shorthand ends at the next '#' or '.' too: `{.one.two}` is two classes, `{#a#b}` id "b".
      char sigil = s[i++];
      auto end = i;
      for (auto limit = value_end(i); end < limit && s[end] != '#' && s[end] != '.';) ++end;
      if (end == i) return std::nullopt;
      std::string v(s.substr(i, end - i));
      if (sigil == '#') out.id = v;
      else out.classes.push_back(v);
      i = end;
      continue;
    }
    auto key_end = value_end(i);
    if (key_end == i) return std::nullopt;
    std::string key(s.substr(i, key_end - i));
    i = key_end;
    while (i < s.size() && is_space(s[i])) ++i;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && is_space(s[i])) ++i;
      if (i >= s.size()) return std::nullopt;
      std::string value;
      if (s[i] == '"' || s[i] == '\'') {
        char quote = s[i++];
        auto close = s.find(quote, i);
        if (close == std::string_view::npos) return std::nullopt;
        value = std::string(s.substr(i, close - i));
        i = close + 1;
      } else {
        auto end = value_end(i);
        if (end == i) return std::nullopt;
        value = std::string(s.substr(i, end - i));
        i = end;
      }
      if (key == "id") out.id = value;
      else if (key == "class") out.classes.push_back(value);
      out.values.emplace_back(key, value);
    } else {
      out.values.emplace_back(key, "");
    }
  }
  return std::nullopt;
}

std::optional<DirectiveHead> scan_directive_head(std::string_view s) {
  // A label or an attribute list longer than this is not a directive: every ':' of a line may
  // start a scan, so an unbounded one would make a long line quadratic.
  constexpr std::size_t kLongestPart = 2048;
  DirectiveHead head;
  auto n = scan_directive_name(s);
  if (n == 0) return std::nullopt;
  head.name = std::string(s.substr(0, n));
  std::size_t i = n;
  if (i < s.size() && s[i] == '[') {
    auto len = scan_label(s.substr(i, kLongestPart));
    if (!len) return std::nullopt;
    head.label = std::string(s.substr(i + 1, *len - 2));
    head.has_label = true;
    i += *len;
  }
  if (i < s.size() && s[i] == '{') {
    // Malformed attributes are text after the directive (remark-directive keeps `:a[x]` of
    // `:a[x]{k=v"w}`); without a label nothing is left of it.
    Attributes attrs;
    auto len = scan_attributes(s.substr(i, kLongestPart), attrs);
    if (!len && !head.has_label) return std::nullopt;
    if (len) {
      head.attrs = std::move(attrs);
      i += *len;
    }
  }
  head.length = i;
  return head;
}

}  // namespace opskit
