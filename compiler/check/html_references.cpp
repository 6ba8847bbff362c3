#include "check/html_references.hpp"

#include <algorithm>

#include "support/strings.hpp"

namespace opskit {

namespace {

bool is_name_char(char c) { return ascii_alnum(c) || c == '-'; }

bool equals_lower(std::string_view written, std::string_view lower) {
  return written.size() == lower.size() &&
         std::equal(written.begin(), written.end(), lower.begin(),
                    [](char a, char b) { return ascii_lower(a) == b; });
}

// The three entities our templates and cmark write in attribute values, decoded in this order
// (as the check always has: "&amp;quot;" reads as a quote).
std::string decode_entities(std::string_view value) {
  std::string out(value);
  for (auto [entity, text] : {std::pair<std::string_view, std::string_view>{"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}}) {
    std::string next;
    std::size_t from = 0, at;
    while ((at = out.find(entity, from)) != std::string::npos) {
      next.append(out, from, at - from).append(text);
      from = at + entity.size();
    }
    if (from == 0) continue;
    next.append(out, from, std::string::npos);
    out = std::move(next);
  }
  return out;
}

void read_attributes(std::string_view tag, HtmlReferences& out) {
  std::size_t a = 0;
  while (a < tag.size()) {
    while (a < tag.size() && !ascii_alpha(tag[a])) ++a;
    auto name_start = a;
    while (a < tag.size() && is_name_char(tag[a])) ++a;
    auto name = tag.substr(name_start, a - name_start);
    while (a < tag.size() && tag[a] == ' ') ++a;
    if (a >= tag.size() || tag[a] != '=') continue;
    ++a;
    while (a < tag.size() && tag[a] == ' ') ++a;
    std::string_view value;
    if (a < tag.size() && (tag[a] == '"' || tag[a] == '\'')) {
      char quote = tag[a++];
      auto close = tag.find(quote, a);
      if (close == std::string_view::npos) break;
      value = tag.substr(a, close - a);
      a = close + 1;
    } else {
      // Unquoted, the value runs to white space, as in a browser (`src=img/p.png` is one path).
      auto start = a;
      while (a < tag.size() && !std::isspace(static_cast<unsigned char>(tag[a]))) ++a;
      value = tag.substr(start, a - start);
    }
    bool is_id = equals_lower(name, "id") || equals_lower(name, "name");
    bool is_reference = equals_lower(name, "href") || equals_lower(name, "src");
    if (!is_id && !is_reference) continue;
    if (value.find('&') != std::string_view::npos) value = out.decoded.emplace_back(decode_entities(value));
    (is_id ? out.ids : out.references).push_back(value);
  }
}

}  // namespace

bool HtmlReferences::has_id(std::string_view id) const { return std::binary_search(ids.begin(), ids.end(), id); }

HtmlReferences scan_html_references(std::string_view html) {
  HtmlReferences out;
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      auto end = html.find("-->", i);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    auto end = html.find('>', i);
    if (end == std::string_view::npos) break;
    auto tag = html.substr(i + 1, end - i - 1);
    read_attributes(tag, out);
    i = end + 1;
    // A script's body is code, not markup: skip to its closing tag.
    if (tag.size() >= 6 && equals_lower(tag.substr(0, 6), "script")) {
      static constexpr std::string_view closing = "</script";
      auto close = std::search(html.begin() + static_cast<std::ptrdiff_t>(end), html.end(), closing.begin(), closing.end(),
                               [](char a, char b) { return ascii_lower(a) == b; });
      i = static_cast<std::size_t>(close - html.begin());
    }
  }
  std::sort(out.ids.begin(), out.ids.end());
  out.ids.erase(std::unique(out.ids.begin(), out.ids.end()), out.ids.end());
  return out;
}

}  // namespace opskit
