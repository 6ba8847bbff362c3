// The shipped kit writes each shared value once (issue 19): the prose of its pages inserts the
// production change calendar and the operations review's cadence with :value[...] from
// content/data/values.yaml, so a page that writes one of them again fails here. Code (fenced
// blocks and :::code) keeps literals, because directives do not run inside it; Sources sections
// quote what a source said.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "support/files.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

struct Hit {
  std::string where, line;
};

// Lines of the kit's pages (content/ and workshops/) outside code and Sources sections that match.
std::vector<Hit> prose_matches(const std::regex& pattern) {
  std::vector<Hit> hits;
  const auto root = opskit::test::source_dir();
  static const std::regex opener(R"(^\s*(```+|:::+code\b))");
  for (const char* top : {"content", "workshops"})
    for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
      auto text = opskit::read_file(entry.path());
      REQUIRE(text);
      std::istringstream in(*text);
      std::string line, fence;
      bool sources = false;
      for (int n = 1; std::getline(in, line); ++n) {
        auto first = line.find_first_not_of(" \t");
        std::string trimmed = first == std::string::npos ? "" : line.substr(first);
        if (!fence.empty()) {  // inside code: only its closing fence matters
          if (trimmed.rfind(fence, 0) == 0 && trimmed.find_first_not_of(fence.substr(0, 1) + " \t") == std::string::npos)
            fence.clear();
          continue;
        }
        std::smatch m;
        if (std::regex_search(line, m, opener)) {
          fence = m[1].str().substr(0, m[1].str().find('c'));  // ``` or :::
          continue;
        }
        if (trimmed.rfind("## ", 0) == 0) sources = trimmed.rfind("## Sources", 0) == 0;
        if (!sources && std::regex_search(line, pattern))
          hits.push_back({fs::relative(entry.path(), root).string() + ":" + std::to_string(n), line});
      }
    }
  return hits;
}

std::string describe(const std::vector<Hit>& hits) {
  std::string out;
  for (const auto& h : hits) out += h.where + ": " + h.line + "\n";
  return out;
}

}  // namespace

TEST_CASE("the kit's prose inserts the change calendar and the review cadence from values.yaml", "[kit][values]") {
  auto calendar = prose_matches(std::regex("opskit-prod-change-calendar"));
  INFO(describe(calendar));
  CHECK(calendar.empty());
  // The kit's own review, not AWS's "operations reviews" (a designated TAM's service).
  auto cadence = prose_matches(std::regex("(weekly|fortnightly|monthly|quarterly) operations review(?!s)", std::regex::icase));
  INFO(describe(cadence));
  CHECK(cadence.empty());
  // The pages do use the values (the scan sees the directives, so it reads the right files).
  CHECK(prose_matches(std::regex(R"(:value\[change\.calendar\])")).size() >= 4);
  CHECK(prose_matches(std::regex(R"(:value\[operations_review\.cadence\])")).size() >= 8);
}
