// Issue 18, the directive oracle: attribute shorthands, malformed attributes and labels as
// remark-directive reads them.
#include <catch2/catch.hpp>

#include "parse/directive_syntax.hpp"
#include "parse/parse_helpers.hpp"

using namespace opskit;

TEST_CASE("directive attributes: chained shorthands are separate classes and ids", "[directives][oracle]") {
  Attributes a;
  auto len = scan_attributes("{.one.two #a#b .three}", a);
  REQUIRE(len);
  CHECK(*len == 22);
  CHECK(a.classes == std::vector<std::string>{"one", "two", "three"});
  CHECK(a.id == "b");
  Attributes bad;
  CHECK_FALSE(scan_attributes("{.a\"b}", bad));
}

TEST_CASE("directive attributes: malformed ones after a label are text after the directive", "[directives][oracle]") {
  auto head = scan_directive_head("a[x]{k=v\"w} rest");
  REQUIRE(head);
  CHECK(head->name == "a");
  CHECK(head->label == "x");
  CHECK(head->length == 4);
  CHECK(head->attrs.values.empty());
  CHECK_FALSE(scan_directive_head("a{k=v\"w}"));

  DiagnosticSink sink;
  auto page = test::parse_body("---\ntitle: T\n---\nQuote :a[x]{k=v\"w} end.\n", sink);
  REQUIRE(page.body.directives.size() == 1);
  CHECK(page.body.directives[0].label == "x");
  CHECK(page.body.chunks[0].markdown.find("{k=v\"w} end.") != std::string::npos);
}

TEST_CASE("directive labels: a code span does not hide brackets", "[directives][oracle]") {
  auto closed = scan_label("[`a]b`]");
  REQUIRE(closed);
  CHECK(*closed == 4);
  CHECK_FALSE(scan_label("[`[`]"));
}
