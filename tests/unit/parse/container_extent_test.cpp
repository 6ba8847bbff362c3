// Issue 18, the directive oracle: where a container ends, as remark-directive (the reference
// of the syntax Workshop Studio documents) decides it: at the first later fence with at least
// as many colons as its opener, whatever is open inside it; and never inside indented code.
#include <catch2/catch.hpp>

#include "parse/parse_helpers.hpp"
#include "parse/render_helpers.hpp"
#include "test_support.hpp"

using namespace opskit;

namespace {
const std::string fm = "---\ntitle: T\n---\n";
}

TEST_CASE("container extent: a fence as large as the container around a :::code closes both", "[directives][oracle]") {
  DiagnosticSink sink;
  auto page = test::parse_body(fm + "::::expand\n:::code\nx\n::::\nafter :kbd[x]{k=v}\n", sink);
  CHECK(test::parent_name(page, "code") == "expand");
  CHECK(test::parent_name(page, "kbd") == "");
  int code = test::directive_index(page, "code");
  REQUIRE(code >= 0);
  CHECK(page.body.directives[code].literal == "x\n");
  CHECK(test::with_rule(sink, "directive.unclosed").empty());
}

TEST_CASE("container extent: a :::code closed with a backtick fence ends with its expand", "[directives][oracle]") {
  // The shape of three published eks workshop pages.
  DiagnosticSink sink;
  auto page = test::parse_body(fm + "::::expand{header=Out}\n:::code{language=json}\n{}\n```\n::::\n\n"
                                    "::::expand{header=Next}\nText\n::::\n", sink);
  REQUIRE(page.body.directives.size() == 3);
  CHECK(test::parent_name(page, "code") == "expand");
  CHECK(page.body.directives[2].name == "expand");
  CHECK_FALSE(page.body.directives[2].same_size_nested);
  CHECK(test::with_rule(sink, "directive.same-size-nesting").empty());
}

TEST_CASE("container extent: a :::tab holding :::code is closed by the first ::: and the second is stray", "[directives][oracle]") {
  DiagnosticSink sink;
  auto page = test::parse_body(fm + ":::tab{label=A}\n:::code\necho\n:::\nBetween :kbd[b]{k=v}\n:::\n", sink);
  CHECK(test::parent_name(page, "code") == "tab");
  CHECK(test::parent_name(page, "kbd") == "");
  auto stray = test::with_rule(sink, "directive.stray-fence");
  REQUIRE(stray.size() == 1);
  CHECK(stray[0].line == 9);
}

TEST_CASE("container extent: a fence closes the outermost container it is large enough for", "[directives][oracle]") {
  DiagnosticSink sink;
  auto page = test::parse_body(fm + "::::outer\n:::inner\n::::\nafter :kbd[x]{k=v}\n", sink);
  CHECK(test::parent_name(page, "inner") == "outer");
  CHECK(test::parent_name(page, "kbd") == "");
  CHECK(test::with_rule(sink, "directive.unclosed").empty());

  DiagnosticSink small_sink;
  auto small = test::parse_body(fm + ":::small\n::::large\nin :kbd[x]{k=v}\n::::\nafter :badge[y]{k=v}\n:::\n", small_sink);
  CHECK(test::parent_name(small, "large") == "small");
  CHECK(test::parent_name(small, "kbd") == "large");
  CHECK(test::parent_name(small, "badge") == "");
}

TEST_CASE("container extent: a smaller fence still closes the inner container only", "[directives][oracle]") {
  DiagnosticSink sink;
  auto page = test::parse_body(fm + "::::outer\n:::inner\nin :kbd[x]{k=v}\n:::\nstill outer :badge[y]{k=v}\n::::\n", sink);
  CHECK(test::parent_name(page, "kbd") == "inner");
  CHECK(test::parent_name(page, "badge") == "outer");
  CHECK(sink.sorted().empty());
}

TEST_CASE("container extent: a backtick fence in an inner container closes with it", "[directives][oracle]") {
  DiagnosticSink sink;
  auto page = test::parse_body(fm + "::::expand\n:::tab\n```\ncode\n:::\nText :kbd[x]{k=v}\n::::\n", sink);
  CHECK(test::parent_name(page, "kbd") == "expand");
  auto found = test::with_rule(sink, "directive.fence-in-code");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 8);
}

TEST_CASE("indented code: four spaces after a blank line are code and not a directive", "[directives][oracle]") {
  DiagnosticSink sink;
  auto r = test::render_markdown_page(fm + "Para.\n\n    :::indented\n    not a directive :kbd[x]{k=v}\n    :::\n\nAfter.\n", sink);
  INFO(r.html);
  CHECK(r.page.body.directives.empty());
  CHECK(test::with_rule(sink, "directive.stray-fence").empty());
  CHECK(r.html.find("<pre><code>:::indented\nnot a directive :kbd[x]{k=v}\n:::\n</code></pre>") != std::string::npos);
}

TEST_CASE("indented code: a paragraph's indented continuation and a list item's content stay directives", "[directives][oracle]") {
  DiagnosticSink sink;
  auto page = test::parse_body(fm + "1. A numbered item\n\n    ::video{src=in-list.mp4}\n\n- Item\n\n  :::alert{type=info}\n  In the item.\n  :::\n\n"
                                    "Text\n    :kbd[x]{k=v} continues the paragraph.\n", sink);
  CHECK(test::directive_index(page, "video") >= 0);
  CHECK(test::directive_index(page, "alert") >= 0);
  CHECK(test::directive_index(page, "kbd") >= 0);
}
