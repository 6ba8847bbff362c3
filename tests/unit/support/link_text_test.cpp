// normalize_path and percent_decode run on every link, several times a build, and return early
// for the common case (nothing to normalize, nothing escaped). Held here to the full versions
// they short-cut (the references below) over random paths and escapes.
#include <catch2/catch.hpp>

#include <cctype>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "support/files.hpp"
#include "support/strings.hpp"

using namespace opskit;

namespace {

std::optional<std::string> normalize_path_reference(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = std::min(path.find('/', start), path.size());
    auto part = path.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else {
      parts.push_back(part);
    }
  }
  std::string out;
  for (auto part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

std::string percent_decode_reference(std::string_view s) {
  auto hex = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(static_cast<unsigned char>(c)) - 'a' + 10); };
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

TEST_CASE("normalize_path resolves dot parts and refuses to climb out", "[support][paths]") {
  CHECK(normalize_path("a/b/c") == std::optional<std::string>("a/b/c"));
  CHECK(normalize_path("a/./b//c/") == std::optional<std::string>("a/b/c"));
  CHECK(normalize_path("a/b/../c") == std::optional<std::string>("a/c"));
  CHECK(normalize_path("../a") == std::nullopt);
  CHECK(normalize_path("") == std::optional<std::string>(""));
  CHECK(normalize_path("a/..") == std::optional<std::string>(""));
}

TEST_CASE("normalize_path and percent_decode match their full versions on random input", "[support][paths]") {
  std::mt19937 random(16);
  const std::vector<std::string> parts = {"a", "b.md", "..", ".", "", "...", ".x", "é", "a b"};
  const std::vector<std::string> bits = {"a", "%", "%2", "%20", "%2f", "%2F", "%zz", "%e2%80%94", "/", "#", "%%41"};
  for (int round = 0; round < 4000; ++round) {
    std::string path, text;
    int count = static_cast<int>(random() % 6);
    for (int i = 0; i < count; ++i) path += (i ? "/" : "") + parts[random() % parts.size()];
    if (random() % 4 == 0) path = "/" + path;
    for (int i = 0; i < count; ++i) text += bits[random() % bits.size()];
    REQUIRE(normalize_path(path) == normalize_path_reference(path));
    REQUIRE(percent_decode(text) == percent_decode_reference(text));
  }
}
