// Issue 18, the directive oracle: block directives inside block quotes, as remark-directive
// (and Workshop Studio) read them: the quote's '>' is not part of the directive line, and a
// container in a quote ends, at the latest, with the quote.
#include <catch2/catch.hpp>

#include "parse/parse_helpers.hpp"
#include "parse/render_helpers.hpp"
#include "test_support.hpp"

using namespace opskit;

namespace {
const std::string fm = "---\ntitle: T\n---\n";
}

TEST_CASE("block quotes: a leaf and a container inside a quote are directives", "[directives][oracle]") {
  DiagnosticSink sink;
  auto r = test::render_markdown_page(fm + "> ::video{id=dQw4w9WgXcQ}\n\n> Hint: look.\n> :::expand{header=\"Check Output\"}\n"
                                           "> The output :kbd[x]{k=v}.\n> :::\n> After.\n", sink);
  INFO(r.html);
  CHECK(test::with_rule(sink, "directive.stray-fence").empty());
  int video = test::directive_index(r.page, "video");
  int expand = test::directive_index(r.page, "expand");
  REQUIRE(video >= 0);
  REQUIRE(expand >= 0);
  CHECK(r.page.body.directives[video].line == 4);
  CHECK(r.page.body.directives[video].column == 3);
  CHECK(r.page.body.directives[expand].line == 7);
  CHECK(r.page.body.directives[expand].column == 3);
  CHECK(test::parent_name(r.page, "kbd") == "expand");
  auto quote = r.html.find("<blockquote>\n<p>Hint: look.</p>");
  auto summary = r.html.find("<summary>Check Output</summary>");
  auto after = r.html.find("<p>After.</p>\n</blockquote>");
  REQUIRE(quote != std::string::npos);
  REQUIRE(summary != std::string::npos);
  REQUIRE(after != std::string::npos);
  CHECK(quote < summary);
  CHECK(summary < after);
  CHECK(r.html.find("::video") == std::string::npos);
}

TEST_CASE("block quotes: a container still open at the quote's end ends there", "[directives][oracle]") {
  DiagnosticSink sink;
  auto page = test::parse_body(fm + "> ::::expand{header=Out}\n> ![shot](/static/a.png)\n\nAfter :kbd[x]{k=v}\n", sink);
  CHECK(test::parent_name(page, "kbd") == "");
  REQUIRE(page.body.links.size() == 1);
  CHECK(page.body.links[0].line == 5);
  CHECK(page.body.links[0].column == 11);
}
