// normalize_path and percent_decode run on every link, several times a build, and return early
// for the common case (nothing to normalize, nothing escaped). The early return must give what
// the full work gives: a path with "./" in front always takes the full route, and a text
// without '%' must come back as it was.
#include <catch2/catch.hpp>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "support/files.hpp"
#include "support/strings.hpp"

using namespace opskit;

TEST_CASE("normalize_path resolves dot parts and refuses to climb out", "[support][paths]") {
  CHECK(normalize_path("a/b/c") == std::optional<std::string>("a/b/c"));
  CHECK(normalize_path("a/./b//c/") == std::optional<std::string>("a/b/c"));
  CHECK(normalize_path("a/b/../c") == std::optional<std::string>("a/c"));
  CHECK(normalize_path("../a") == std::nullopt);
  CHECK(normalize_path("") == std::optional<std::string>(""));
  CHECK(normalize_path("a/..") == std::optional<std::string>(""));
  CHECK(normalize_path("/a/b") == std::optional<std::string>("a/b"));
}

TEST_CASE("percent_decode decodes escapes and leaves the rest", "[support][paths]") {
  CHECK(percent_decode("a%20b") == "a b");
  CHECK(percent_decode("%2f%2F") == "//");
  CHECK(percent_decode("%e2%80%94") == "\xe2\x80\x94");
  CHECK(percent_decode("%zz %2 %") == "%zz %2 %");
  CHECK(percent_decode("%%41") == "%A");
  CHECK(percent_decode("plain/path#x") == "plain/path#x");
}

TEST_CASE("the early returns agree with the full work on random paths and texts", "[support][paths]") {
  std::mt19937 random(16);
  const std::vector<std::string> parts = {"a", "b.md", "..", ".", "", "...", ".x", "é", "a b", "a%20b"};
  for (int round = 0; round < 4000; ++round) {
    std::string path;
    int count = static_cast<int>(random() % 6);
    for (int i = 0; i < count; ++i) path += (i ? "/" : "") + parts[random() % parts.size()];
    if (random() % 4 == 0) path = "/" + path;
    // "./" in front changes nothing a path means, and always takes the full route.
    REQUIRE(normalize_path(path) == normalize_path("./" + path));
    if (path.find('%') == std::string::npos) REQUIRE(percent_decode(path) == path);
    else REQUIRE(percent_decode(path).size() < path.size());  // "a%20b" always decodes
  }
}
