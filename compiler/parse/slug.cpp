#include "parse/slug.hpp"

#include <algorithm>
#include <optional>

#include "parse/slug_tables.hpp"
#include "support/utf8.hpp"

namespace opskit {

namespace {

// The next code point of UTF-8 text at `i` (advanced past it); nullopt for a byte that does not
// start a valid sequence (it is skipped).
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  std::size_t length = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > s.size()) {
    ++i;
    return std::nullopt;
  }
  char32_t cp = length == 1 ? b : b & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return std::nullopt;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return cp;
}


bool removed(char32_t cp) {
  auto ranges = slug_tables::removed();
  auto it = std::upper_bound(ranges.begin(), ranges.end(), cp,
                             [](char32_t c, const slug_tables::CodePointRange& r) { return c < r.first; });
  return it != ranges.begin() && cp <= std::prev(it)->last;
}

// JavaScript's toLowerCase of one code point (one or two code points).
void append_lower(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    return;
  }
  for (const auto& l : slug_tables::longer_lower_case())
    if (l.upper == cp) {
      for (char32_t c : l.lower) append_utf8(out, c);
      return;
    }
  for (const auto& run : slug_tables::lower_case_runs()) {
    if (cp < run.first || cp > run.last) continue;
    if (run.stride == 0 ? cp != run.first : (cp - run.first) % run.stride != 0) continue;
    append_utf8(out, static_cast<char32_t>(static_cast<std::int64_t>(cp) + run.delta));
    return;
  }
  append_utf8(out, cp);
}

}  // namespace

std::string github_slug(std::string_view text) {
  // github-slugger: lower case first, then drop what its regex matches, then spaces to '-'.
  std::string lower;
  for (std::size_t i = 0; i < text.size();)
    if (auto cp = next_code_point(text, i)) append_lower(lower, *cp);
  std::string out;
  for (std::size_t i = 0; i < lower.size();) {
    auto cp = next_code_point(lower, i);
    if (!cp || removed(*cp)) continue;
    if (*cp == ' ') out += '-';
    else append_utf8(out, *cp);
  }
  return out;
}

std::string SlugCounter::unique(const std::string& slug) {
  // github-slugger: while the slug is taken, count on from the base's own counter.
  std::string id = slug;
  while (seen_.count(id)) id = slug + "-" + std::to_string(++seen_[slug]);
  seen_[id] = 0;
  return id;
}

void SlugCounter::reserve(const std::string& id) { seen_.try_emplace(id, 0); }

}  // namespace opskit
