#include "support/html_attributes.hpp"

#include <cctype>

namespace opskit {

namespace {

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.';
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

std::vector<QuotedAttribute> quoted_attributes(std::string_view html, std::initializer_list<std::string_view> names) {
  std::vector<QuotedAttribute> out;
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
    bool wanted = false;
    for (auto n : names) wanted = wanted || equals_ignoring_case(name, n);
    if (!wanted) continue;
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
