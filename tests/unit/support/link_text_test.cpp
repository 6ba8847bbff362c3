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

namespace {

// relative_url as it was written first, by splitting both paths into parts: the reference the
// allocation-free version is held to.
std::string relative_url_by_parts(const std::string& from_file, const std::string& to_file) {
  auto from = split(from_file, '/');
  auto to = split(to_file, '/');
  from.pop_back();
  std::size_t common = 0;
  while (common < from.size() && common + 1 < to.size() && from[common] == to[common]) ++common;
  std::string out;
  for (std::size_t i = common; i < from.size(); ++i) out += "../";
  for (std::size_t i = common; i < to.size(); ++i) out += to[i] + (i + 1 < to.size() ? "/" : "");
  return out;
}

// normalize_path as it was written first, with a list of parts.
std::optional<std::string> normalize_by_parts(const std::string& path) {
  std::vector<std::string> parts;
  for (const auto& part : split(path, '/')) {
    if (part.empty() || part == ".") continue;
    if (part != "..") parts.push_back(part);
    else if (parts.empty()) return std::nullopt;
    else parts.pop_back();
  }
  return join(parts, "/");
}

}  // namespace

TEST_CASE("relative_url climbs out of the linking page's folders and keeps the shared ones", "[support][paths]") {
  CHECK(relative_url("index.html", "a/b/index.html") == "a/b/index.html");
  CHECK(relative_url("a/b/index.html", "index.html") == "../../index.html");
  CHECK(relative_url("a/b/index.html", "a/c/index.html") == "../c/index.html");
  CHECK(relative_url("a/b/index.html", "a/b/index.html") == "index.html");
  CHECK(relative_url("a/b/index.html", "a/b") == "../b");  // the target's last part is never shared
  CHECK(relative_url("a/index.html", "assets/css/site.css") == "../assets/css/site.css");
}

TEST_CASE("relative_url and normalize_path give what the versions by parts give on random paths", "[support][paths]") {
  std::mt19937 random(7);
  const std::vector<std::string> parts = {"a", "b", "A", "index.html", "", ".", "..", "é", "workshops", "en-US"};
  auto random_path = [&] {
    std::string path;
    int count = static_cast<int>(random() % 6);
    for (int i = 0; i < count; ++i) path += (i ? "/" : "") + parts[random() % parts.size()];
    return path;
  };
  for (int round = 0; round < 20000; ++round) {
    auto from = random_path(), to = random_path();
    INFO(from << " -> " << to);
    REQUIRE(relative_url(from, to) == relative_url_by_parts(from, to));
    REQUIRE(normalize_path(from) == normalize_by_parts(from));
  }
}

TEST_CASE("resolve_relative gives what normalize_path gives for the folder and the URL joined", "[support][paths]") {
  CHECK(resolve_relative("a/b/", "../../assets/site.css") == std::optional<std::string>("assets/site.css"));
  CHECK(resolve_relative("a/b/", "../c/index.html") == std::optional<std::string>("a/c/index.html"));
  CHECK(resolve_relative("a/", "../../x") == std::nullopt);
  CHECK(resolve_relative("", "x/y") == std::optional<std::string>("x/y"));
  std::mt19937 random(11);
  const std::vector<std::string> parts = {"a", "b", "..", "..", ".", "", "index.html", "é"};
  auto random_path = [&](bool folder) {
    std::string path;
    int count = static_cast<int>(random() % 6);
    for (int i = 0; i < count; ++i) path += parts[random() % parts.size()] + (folder || i + 1 < count ? "/" : "");
    return path;
  };
  for (int round = 0; round < 20000; ++round) {
    auto folder = random_path(true), relative = random_path(false);
    INFO(folder << " + " << relative);
    REQUIRE(resolve_relative(folder, relative) == normalize_path(folder + relative));
  }
}
