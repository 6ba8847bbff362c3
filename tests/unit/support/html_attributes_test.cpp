// quoted_attributes finds the links and ids in raw HTML from page sources and rewrites the ids of
// the single-file package: which attributes it finds, and where, decides both.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/html_attributes.hpp"

using namespace opskit;

namespace {

std::vector<std::string> found(std::string_view html, std::initializer_list<std::string_view> names) {
  std::vector<std::string> out;
  for (const auto& a : quoted_attributes(html, names)) {
    CHECK(html.substr(a.begin, a.name.size()) == a.name);
    CHECK(html.substr(a.value_begin, a.value.size()) == a.value);
    CHECK((html[a.end - 1] == '"' || html[a.end - 1] == '\''));
    out.push_back(std::string(a.name) + "=" + std::string(a.value));
  }
  return out;
}

}  // namespace

TEST_CASE("quoted_attributes finds the named attributes with either quote in any case with spaces around =",
          "[support][html]") {
  CHECK(found(R"(<a href="x.html" title="t">)", {"href"}) == std::vector<std::string>{"href=x.html"});
  CHECK(found(R"(<img SRC = 'a b.png'>)", {"src"}) == std::vector<std::string>{"SRC=a b.png"});
  CHECK(found("<a\thref\n=\r\"y\">", {"href", "src"}) == std::vector<std::string>{"href=y"});
  CHECK(found(R"(<x id="a" for="b" aria-controls="c d">)", {"id", "aria-controls", "for"}) ==
        std::vector<std::string>{"id=a", "for=b", "aria-controls=c d"});
}

TEST_CASE("quoted_attributes skips longer names and unquoted values and unclosed quotes", "[support][html]") {
  CHECK(found(R"(<a data-href="x" xhref="y" href.x="z" href_="w">)", {"href"}).empty());
  CHECK(found(R"(<a href=x.html>)", {"href"}).empty());
  CHECK(found(R"(<a href="never closed)", {"href"}).empty());
  CHECK(found("<a h\xc3\xa9href=\"x\">", {"href"}) == std::vector<std::string>{"href=x"});  // é is not a name byte
  CHECK(found(R"(<p>identity="no tag needed"</p>)", {"id"}).empty());  // "identity" is a longer name
}
