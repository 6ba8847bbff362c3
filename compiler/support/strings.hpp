#pragma once
// Small string helpers shared by every stage.
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace opskit {

std::string_view trim(std::string_view s);
std::vector<std::string> split_lines(std::string_view text);  // keeps no line ends; CRLF tolerated
std::vector<std::string_view> split_line_views(std::string_view text);  // the same lines, as views into `text`
// The same lines one at a time, for a reader that stops early (front matter ends at its fence).
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  bool next(std::string_view& line);
  std::string_view rest() const { return text_.substr(pos_); }  // what next() has not read

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};
std::vector<std::string> split(std::string_view s, char sep);
// ASCII case and classes, inline: these run per character over every page and link, where a
// call into libc's tolower or isalnum per character showed in profiles. They are what the C
// locale, which opskit never leaves, gives; bytes past ASCII (UTF-8) are left as they are.
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
inline bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool ascii_alnum(char c) { return ascii_alpha(c) || (c >= '0' && c <= '9'); }
std::string to_lower(std::string_view s);
// The first byte at or after `from` that is one of `Bytes` (or, with `Controls`, below 0x20), or
// s.size(). Whole words of eight bytes that hold none are skipped (exact tests: bit-twiddling's
// "haszero" and "hasless"), then it goes byte by byte: the escapes and the body's substitution
// run over every page's text several times a build. One list of bytes gives both tests.
constexpr std::uint64_t kEveryByte = 0x0101010101010101ull;
constexpr bool word_has_byte(std::uint64_t word, unsigned char byte) {
  std::uint64_t x = word ^ (kEveryByte * byte);
  return ((x - kEveryByte) & ~x & (kEveryByte * 0x80)) != 0;
}
constexpr bool word_has_control(std::uint64_t word) {
  return ((word - kEveryByte * 0x20) & ~word & (kEveryByte * 0x80)) != 0;
}
template <bool Controls, char... Bytes>
std::size_t find_any(std::string_view s, std::size_t from) {
  static constexpr auto kMarked = [] {
    std::array<bool, 256> table{};
    ((table[static_cast<unsigned char>(Bytes)] = true), ...);
    for (int c = 0; Controls && c < 0x20; ++c) table[c] = true;
    return table;
  }();
  while (from + 8 <= s.size()) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + from, 8);
    if ((Controls && word_has_control(word)) || (word_has_byte(word, static_cast<unsigned char>(Bytes)) || ...)) break;
    from += 8;
  }
  while (from < s.size() && !kMarked[static_cast<unsigned char>(s[from])]) ++from;
  return from;
}

// & < > " as entities; with `apostrophe`, ' as &apos; too (what kainjow's escape writes for the
// templates' {{values}}).
std::string html_escape(std::string_view s, bool apostrophe = false);
std::string json_escape(std::string_view s);
// Inline: called for every link and line, a call each was a few per cent of a link's work.
inline bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
inline bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}
std::string replace_all(std::string s, std::string_view from, std::string_view to);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// "%20" -> " ": URLs as written in Markdown and as cmark writes them in href.
std::string percent_decode(std::string_view s);

// Edit distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate nearest to `wanted`, or empty when none is near enough to help.
std::string closest_match(std::string_view wanted, const std::vector<std::string>& candidates);

}  // namespace opskit
