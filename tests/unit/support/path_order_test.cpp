// The load stage sorts and relativizes every file of the kit with string operations of its own
// (path_less, relative_generic) instead of std::filesystem::path's component lists, which were
// a tenth of reading a 10,000-page kit. They must give exactly what std::filesystem gives, or
// pages would change order (navigation, reports) or names.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "load/sources.hpp"
#include "project/config.hpp"
#include "support/files.hpp"
#include "test_support.hpp"

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

TEST_CASE("the load stage lists the sources in path order for any number of jobs") {
  // The load stage walks the first level's folders on --jobs threads, joins what they found with
  // the first level's files and sorts the whole (path_less): the pages must come out in the order
  // std::filesystem::path gives, whatever the threads and the order the listing gave.
  const std::vector<std::string> names = {"index.md", "a.md",          "a/index.md", "a/z.md",     "a-b.md",
                                          "a-b/index.md", "a b/index.md", "ab.md",      "b/index.md", "b/c/d.md",
                                          "b.md",     "0.md",          "z/index.md", "é/index.md", "a/a/a.md"};
  std::map<std::string, std::string> files{{"opskit.yaml", "site:\n  title: Order\n"}};
  for (const auto& name : names) files["content/" + name] = "---\ntitle: T\n---\nText.\n";
  test::TempProject project(files);
  DiagnosticSink config_sink;
  auto config = load_project(project.root(), config_sink);
  REQUIRE(config);
  std::vector<fs::path> expected_paths;
  for (const auto& name : names) expected_paths.push_back(fs::path("content") / name);
  std::sort(expected_paths.begin(), expected_paths.end());
  std::vector<std::string> expected;
  for (const auto& p : expected_paths) expected.push_back(p.generic_string());
  for (int jobs : {1, 2, 4}) {
    INFO("jobs " << jobs);
    DiagnosticSink sink;
    auto sources = load_sources(*config, sink, false, jobs);
    std::vector<std::string> got;
    for (const auto& page : sources.pages) got.push_back(page.file);
    CHECK(got == expected);
  }
}
