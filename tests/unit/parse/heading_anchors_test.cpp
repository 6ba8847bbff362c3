// Issue 18, the directive oracle: heading anchors as github-slugger makes them (the slugger of
// remark-based renderers).
#include <catch2/catch.hpp>

#include <algorithm>

#include "parse/parse_helpers.hpp"
#include "parse/slug.hpp"

using namespace opskit;

namespace {
// The anchors of the page's headings, in the order they are written.
std::vector<std::string> anchors(const std::string& body) {
  DiagnosticSink sink;
  auto page = test::parse_body("---\ntitle: T\n---\n" + body, sink);
  auto headings = page.body.headings;
  std::sort(headings.begin(), headings.end(), [](const Heading& a, const Heading& b) { return a.line < b.line; });
  std::vector<std::string> out;
  for (const auto& h : headings) out.push_back(h.id);
  return out;
}
}  // namespace

TEST_CASE("heading anchors: non-ASCII punctuation and emoji are dropped and letters lower-cased", "[slug][oracle]") {
  CHECK(github_slug("What's new \u2014 in 2.0?") == "whats-new--in-20");
  CHECK(github_slug("\u00dcber Caf\u00e9 & Co.") == "\u00fcber-caf\u00e9--co");
  CHECK(github_slug("Emoji \U0001F680 launch") == "emoji--launch");
  CHECK(github_slug("route\u2019s target") == "routes-target");
  CHECK(github_slug("\u30e9\u30dc\uff08\u4efb\u610f\uff09") == "\u30e9\u30dc\u4efb\u610f");
  CHECK(github_slug("\u0130stanbul") == "i\u0307stanbul");
  CHECK(github_slug("Step_two (optional)") == "step_two-optional");
}

TEST_CASE("heading anchors: a number another heading took is skipped", "[slug][oracle]") {
  SlugCounter slugs;
  CHECK(slugs.unique("dup") == "dup");
  CHECK(slugs.unique("dup-1") == "dup-1");
  CHECK(slugs.unique("dup") == "dup-2");
  CHECK(slugs.unique("dup") == "dup-3");
}

TEST_CASE("heading anchors: repeated headings are numbered in document order", "[slug][oracle]") {
  CHECK(anchors(":::expand[More]\n## Inside\n:::\n\n## Inside\n\n:::alert\n## Later\n:::\n\n## Later\n") ==
        std::vector<std::string>{"inside", "inside-1", "later", "later-1"});
}

TEST_CASE("heading anchors: an inline directive's label is part of the heading text", "[slug][oracle]") {
  DiagnosticSink sink;
  auto page = test::parse_body("---\ntitle: T\n---\n## Step :badge[new] one\n", sink);
  REQUIRE(page.body.headings.size() == 1);
  CHECK(page.body.headings[0].id == "step-new-one");
  CHECK(page.body.headings[0].text == "Step new one");
}
