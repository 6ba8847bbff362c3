#include <catch2/catch.hpp>

#include <algorithm>

#include "parse/front_matter.hpp"
#include "test_support.hpp"

using namespace opskit;

namespace {
Diagnostic only_finding(const DiagnosticSink& sink, const std::string& rule) {
  auto found = test::with_rule(sink, rule);
  INFO(test::describe(sink));
  REQUIRE(found.size() == 1);
  return found.front();
}
}  // namespace

TEST_CASE("front matter: YAML keys are read and the body starts after the fence", "[frontmatter]") {
  DiagnosticSink sink;
  auto page = split_front_matter("---\ntitle: Patch\nweight: 3\nkind: runbook\ntags: [a, b]\n---\n# Body\n", "p.md", sink);
  CHECK(sink.sorted().empty());
  CHECK(page.meta.title == "Patch");
  CHECK(page.meta.weight == 3);
  CHECK(page.meta.kind == "runbook");
  CHECK(page.meta.tags == std::vector<std::string>{"a", "b"});
  CHECK(page.body.first_line == 7);
  CHECK(page.body.text == "# Body\n");
}

TEST_CASE("front matter: TOML / BOM / CRLF and leading spaces are tolerated", "[frontmatter]") {
  DiagnosticSink sink;
  auto page = split_front_matter("\xEF\xBB\xBF  +++\r\ntitle = \"Old page\"\r\nweight = 5\r\nchapter = true\r\n+++\r\nText\r\n",
                                 "old.md", sink);
  INFO(test::describe(sink));
  CHECK(sink.sorted().empty());
  CHECK(page.meta.title == "Old page");
  CHECK(page.meta.weight == 5);
  CHECK(page.meta.chapter);
}

TEST_CASE("front matter: a fence never closed is an error at the opening fence", "[frontmatter]") {
  DiagnosticSink sink;
  split_front_matter("---\ntitle: x\n\nBody\n", "a.md", sink);
  auto d = only_finding(sink, "frontmatter.unclosed");
  CHECK(d.severity == Severity::error);
  CHECK(d.file == "a.md");
  CHECK(d.line == 1);
  CHECK(d.column == 1);
}

TEST_CASE("front matter: invalid YAML names the line and column of the problem", "[frontmatter]") {
  DiagnosticSink sink;
  split_front_matter("---\ntitle: ok\nweight: [1, 2\n---\nBody\n", "b.md", sink);
  auto d = only_finding(sink, "frontmatter.invalid");
  CHECK(d.line == 4);  // yaml-cpp notices the unclosed flow sequence at the closing fence's line
  CHECK(d.column >= 1);
}

TEST_CASE("front matter: a missing title is an error", "[frontmatter]") {
  DiagnosticSink sink;
  split_front_matter("---\nweight: 1\n---\nBody\n", "c.md", sink);
  auto d = only_finding(sink, "frontmatter.missing-title");
  CHECK(d.line == 1);
  CHECK(d.column == 1);
}

TEST_CASE("front matter: a title that is not a string points at the value", "[frontmatter]") {
  DiagnosticSink sink;
  split_front_matter("---\nweight: 1\ntitle:\n  - a\n  - b\n---\nBody\n", "d.md", sink);
  auto d = only_finding(sink, "frontmatter.type");
  CHECK(d.line == 4);
  CHECK(d.column == 3);
}

TEST_CASE("front matter: an unknown key warns with the closest known key", "[frontmatter]") {
  DiagnosticSink sink;
  split_front_matter("---\ntitle: x\nwieght: 2\n---\n", "e.md", sink);
  auto d = only_finding(sink, "frontmatter.unknown-key");
  CHECK(d.severity == Severity::warning);
  CHECK(d.line == 3);
  CHECK(d.message.find("did you mean 'weight'") != std::string::npos);
}

TEST_CASE("front matter: a page without it warns and keeps its whole text as body", "[frontmatter]") {
  DiagnosticSink sink;
  auto page = split_front_matter("# Heading\n\nText\n", "f.md", sink);
  only_finding(sink, "frontmatter.missing");
  CHECK(page.body.text == "# Heading\n\nText\n");
  CHECK(!page.meta.present);
}

TEST_CASE("front matter: every key's value and type problem as yaml-cpp's own lookup finds them", "[frontmatter]") {
  // The keys are read in one pass over the map; a key given twice counts the first time, as
  // looking it up in yaml-cpp does, and a value of the wrong type is reported where it is.
  DiagnosticSink sink;
  auto page = split_front_matter(
      "---\ntitle: First\nweight: heavy\nhidden: maybe\ntags: {a: 1}\ntitle: Second\nowner: [a]\n"
      "description: Read once\nkind: runbok\n---\nBody\n",
      "twice.md", sink);
  CHECK(page.meta.title == "First");
  CHECK(page.meta.description == "Read once");
  CHECK(!page.meta.weight);
  CHECK(page.meta.kind == "page");
  auto types = test::with_rule(sink, "frontmatter.type");
  INFO(test::describe(sink));
  REQUIRE(types.size() == 4);
  std::vector<std::pair<int, int>> at;
  for (const auto& d : types) at.emplace_back(d.line, d.column);
  std::sort(at.begin(), at.end());
  CHECK(at == std::vector<std::pair<int, int>>{{3, 9}, {4, 9}, {5, 7}, {7, 8}});
  auto kind = only_finding(sink, "frontmatter.kind");
  CHECK(kind.line == 9);
  CHECK(kind.column == 7);
  CHECK(kind.message.find("did you mean 'runbook'") != std::string::npos);
}
