#include "support/html_attributes.hpp"

#include <algorithm>
#include <array>

#include "support/strings.hpp"

namespace opskit {

namespace {

// A table rather than std::isalnum: this runs over every character of every page's HTML (the
// single-file package rewrites ids in whole pages), and isalnum was a call per character.
// ASCII letters and digits are what isalnum accepts in the C locale, which opskit never leaves.
constexpr std::array<bool, 256> kNameChars = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c)
    table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == ':' || c == '.';
  return table;
}();

bool name_char(char c) { return kNameChars[static_cast<unsigned char>(c)]; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

std::vector<QuotedAttribute> quoted_attributes(std::string_view html, std::initializer_list<std::string_view> names) {
  std::vector<QuotedAttribute> out;
  std::size_t longest = 0;  // a longer name is none of them (most names are words of text)
  for (auto n : names) longest = std::max(longest, n.size());
  std::size_t i = 0;
  while (i < html.size()) {
    // The next name: a run of name characters not preceded by one.
    if (!name_char(html[i]) || (i > 0 && name_char(html[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < html.size() && name_char(html[i])) ++i;
    std::string_view name = html.substr(start, i - start);
    if (name.size() > longest) continue;
    if (std::none_of(names.begin(), names.end(), [&](std::string_view n) { return equals_ignoring_case(name, n); }))
      continue;
    std::size_t j = i;
    while (j < html.size() && space(html[j])) ++j;
    if (j >= html.size() || html[j] != '=') continue;
    ++j;
    while (j < html.size() && space(html[j])) ++j;
    if (j >= html.size() || (html[j] != '"' && html[j] != '\'')) continue;
    char quote = html[j];
    auto close = html.find(quote, j + 1);
    if (close == std::string_view::npos) continue;
    QuotedAttribute a;
    a.name = name;
    a.begin = start;
    a.value_begin = j + 1;
    a.value = html.substr(j + 1, close - j - 1);
    a.end = close + 1;
    out.push_back(a);
    i = close + 1;
  }
  return out;
}

}  // namespace opskit
