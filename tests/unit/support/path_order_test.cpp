// The load stage sorts and relativizes every file of the kit with string operations of its own
// (path_less, relative_generic) instead of std::filesystem::path's component lists, which were
// a tenth of reading a 10,000-page kit. They must give exactly what std::filesystem gives, or
// pages would change order (navigation, reports) or names.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support/files.hpp"

using namespace opskit;
namespace fs = std::filesystem;

namespace {

// Names with the bytes that sort below '/' (space ! # $ % & ' ( ) * + , - .), above it, and
// non-ASCII, nested to three levels: every pair is compared.
std::vector<fs::path> sample_paths(const std::string& root) {
  const std::vector<std::string> parts = {"a", "a-b", "a.b", "a b", "a!", "ab", "a0", "A", "é", "a+", ".x", "z"};
  std::vector<fs::path> out;
  for (const auto& x : parts) {
    out.emplace_back(root + "/" + x);
    for (const auto& y : parts) {
      out.emplace_back(root + "/" + x + "/" + y);
      out.emplace_back(root + "/" + x + "/" + y + "/" + x + ".md");
    }
  }
  return out;
}

}  // namespace

TEST_CASE("path_less orders paths as std::filesystem::path does") {
  for (const std::string root : {"/tmp/kit", "kit", ".", "../kit"}) {
    auto paths = sample_paths(root);
    for (const auto& a : paths)
      for (const auto& b : paths) {
        INFO(a << " vs " << b);
        REQUIRE(path_less(a, b) == (a < b));
      }
    auto by_path = paths, by_string = paths;
    std::sort(by_path.begin(), by_path.end());
    std::sort(by_string.begin(), by_string.end(), path_less);
    CHECK(by_path == by_string);
  }
}

TEST_CASE("relative_generic gives what lexically_relative gives") {
  for (const std::string root : {"/tmp/kit", "kit", ".", "../kit", "/tmp/kit/", "a/../kit"}) {
    for (const auto& path : sample_paths(root == "/tmp/kit/" ? "/tmp/kit" : root)) {
      INFO(path << " from " << root);
      CHECK(relative_generic(path, root) == path.lexically_relative(root).generic_string());
    }
  }
  // Outside the fast path's assumptions, the general one answers.
  for (const std::string odd : {"/tmp/kit/./a/b.md", "/tmp/kit/a/../b.md", "/tmp/kit//a.md", "/tmp/kit/.hidden/a.md"})
    CHECK(relative_generic(odd, "/tmp/kit") == fs::path(odd).lexically_relative("/tmp/kit").generic_string());
  CHECK(relative_generic("/tmp/other/b.md", "/tmp/kit") == "../other/b.md");
}
