#include "parse/slug.hpp"

#include <cctype>

namespace opskit {

std::string github_slug(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c >= 0x80) out += static_cast<char>(c);
    else if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    else if (c == ' ') out += '-';
    else if (c == '-' || c == '_') out += static_cast<char>(c);
  }
  return out;
}

std::string SlugCounter::unique(const std::string& slug) {
  auto& n = seen_[slug];
  std::string id = n == 0 ? slug : slug + "-" + std::to_string(n);
  ++n;
  if (n > 1) seen_[id]++;
  return id;
}

}  // namespace opskit
