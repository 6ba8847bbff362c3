#include "support/url_scheme.hpp"

#include <algorithm>
#include <cctype>

#include "support/strings.hpp"

namespace opskit {

namespace {

// Decodes the character references a browser decodes in an attribute, as far as a scheme is
// concerned: numeric ones and the named ones that can spell a scheme's separators. A reference
// that is neither (and any non-ASCII one) becomes '\x7f', which no scheme holds.
std::string decode_references(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    std::size_t j = i + 1;
    unsigned long code = 0;
    bool numeric = j < s.size() && s[j] == '#';
    if (numeric) {
      ++j;
      bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
      if (hex) ++j;
      std::size_t digits = 0;
      while (j < s.size() && (hex ? std::isxdigit(static_cast<unsigned char>(s[j])) : std::isdigit(static_cast<unsigned char>(s[j])))) {
        if (code < 0x110000) code = code * (hex ? 16 : 10) + static_cast<unsigned long>(std::isdigit(static_cast<unsigned char>(s[j])) ? s[j] - '0' : (std::tolower(static_cast<unsigned char>(s[j])) - 'a' + 10));
        ++j;
        ++digits;
      }
      if (j < s.size() && s[j] == ';') ++j;
      if (digits == 0) {
        out += s[i++];
        continue;
      }
      // Only ASCII matters for a scheme; anything else cannot be part of one.
      out += code < 0x80 ? static_cast<char>(code) : '\x7f';
      i = j;
      continue;
    }
    while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j]))) ++j;
    std::string name(s.substr(i + 1, j - i - 1));
    if (j < s.size() && s[j] == ';') ++j;
    if (name.empty()) {
      out += s[i++];
      continue;
    }
    static const std::pair<const char*, char> known[] = {{"colon", ':'}, {"Tab", '\t'}, {"NewLine", '\n'},
                                                         {"amp", '&'},   {"sol", '/'},  {"num", '#'},
                                                         {"quest", '?'}, {"period", '.'}};
    auto it = std::find_if(std::begin(known), std::end(known), [&](const auto& k) { return name == k.first; });
    out += it == std::end(known) ? '\x7f' : it->second;
    i = j;
  }
  return out;
}

}  // namespace

std::string browser_scheme(std::string_view url, bool html_attribute) {
  // Every link of every page comes through here; most need neither copy below and are read where
  // they are.
  std::string decoded, cleaned;
  std::string_view s = url;
  if (html_attribute && s.find('&') != std::string_view::npos) s = decoded = decode_references(s);
  // The URL parser strips leading and trailing C0 controls and spaces, and every tab and newline.
  // (A loop, not find_first_of, which searches its set once for every byte of the URL.)
  if (std::any_of(s.begin(), s.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; })) {
    for (char c : s)
      if (c != '\t' && c != '\n' && c != '\r') cleaned += c;
    s = cleaned;
  }
  std::size_t start = 0;
  while (start < s.size() && static_cast<unsigned char>(s[start]) <= 0x20) ++start;
  s = s.substr(start);
  bool hidden = false;  // an unreadable character reference before the first ':'
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ':') {
      if (hidden) return "?";
      if (i == 0 || !std::isalpha(static_cast<unsigned char>(s[0]))) return "";
      return to_lower(s.substr(0, i));
    }
    if (c == '/' || c == '?' || c == '#') return "";
    if (c == '\x7f') {
      hidden = true;
      continue;
    }
    bool scheme_char = std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    // Not a scheme character before any ':' (a space, a '%'): the URL is relative.
    if (!scheme_char && !hidden) return "";
  }
  return "";
}

bool url_allowed(std::string_view url, UrlUse use, const std::vector<std::string>& extra_schemes, bool html_attribute) {
  auto scheme = browser_scheme(url, html_attribute);
  if (scheme.empty() || scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "xref") return true;
  if (scheme == "data" && use == UrlUse::image) {
    auto t = to_lower(trim(html_attribute ? decode_references(url) : std::string(url)));
    return t.find('\x7f') == std::string::npos && starts_with(t, "data:image/");
  }
  return std::find(extra_schemes.begin(), extra_schemes.end(), scheme) != extra_schemes.end() && scheme != "javascript" &&
         scheme != "vbscript";
}

}  // namespace opskit
