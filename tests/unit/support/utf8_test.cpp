// Every source file is checked for invalid UTF-8 (a diagnostic names the byte). The check skips
// ASCII eight bytes at a time; it must find the same first bad byte as a byte-by-byte decode.
#include <catch2/catch.hpp>

#include <optional>
#include <random>
#include <string>

#include "support/utf8.hpp"

using namespace opskit;

namespace {

// The reference: a strict decoder, one sequence at a time (no overlongs, surrogates or > U+10FFFF).
std::optional<std::size_t> first_invalid_reference(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return i;
    char32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
      auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (b & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += n;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("first_invalid_utf8 names the first bad byte", "[support][utf8]") {
  CHECK(first_invalid_utf8("plain ASCII text that runs past eight bytes") == std::nullopt);
  CHECK(first_invalid_utf8("caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80 ok") == std::nullopt);
  CHECK(first_invalid_utf8("0123456789abcdef\xff") == std::optional<std::size_t>(16));
  CHECK(first_invalid_utf8("01234567\xc3") == std::optional<std::size_t>(8));           // cut short
  CHECK(first_invalid_utf8("0123\xed\xa0\x80") == std::optional<std::size_t>(4));        // a surrogate
  CHECK(first_invalid_utf8("0123456\xc0\xaf") == std::optional<std::size_t>(7));         // overlong
  CHECK(first_invalid_utf8("") == std::nullopt);
}

TEST_CASE("first_invalid_utf8 matches a byte-by-byte decode on random text", "[support][utf8]") {
  std::mt19937 random(16);
  const std::vector<std::string> pieces = {"a",        "0123456789", "\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x98\x80",
                                           "\xff",     "\xc3",       "\x80",     "\xed\xa0\x80", "\xf4\x90\x80\x80",
                                           "\xe0\x80", " text "};
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    int count = static_cast<int>(random() % 12);
    for (int i = 0; i < count; ++i) text += pieces[random() % pieces.size()];
    REQUIRE(first_invalid_utf8(text) == first_invalid_reference(text));
  }
}
