// search_plain_text turns a page's HTML into the text the search index holds. It copies runs of
// text whole; it must give what the byte-at-a-time version it replaced gave (the reference here).
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <utility>

#include "outputs/site/search_index.hpp"

using namespace opskit;

namespace {

std::string plain_text_bytewise(const std::string& html) {
  static const std::pair<std::string_view, char> kEntities[] = {
      {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&amp;", '&'}};
  std::string out;
  bool in_tag = false, space = false;
  auto emit = [&](char c) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty()) space = true;
      return;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  };
  std::string_view text(html);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '<') {
      in_tag = true;
    } else if (c == '>') {
      in_tag = false;
      emit(' ');
    } else if (!in_tag) {
      if (c == '&') {
        for (const auto& [name, decoded] : kEntities) {
          if (text.compare(i, name.size(), name) == 0) {
            c = decoded;
            i += name.size() - 1;
            break;
          }
        }
      }
      emit(c);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("search_plain_text drops tags and decodes entities and folds white space", "[search]") {
  CHECK(search_plain_text("<h2 id=\"a\">Step&nbsp;1</h2>\n<p>Run <code>a &lt; b &amp;&amp; c</code>.</p>") ==
        "Step&nbsp;1 Run a < b && c .");
  CHECK(search_plain_text("  lead <b>bold</b>trail  ") == "lead bold trail");
  CHECK(search_plain_text("text <unclosed tag") == "text");
  CHECK(search_plain_text("a > b &#39;q&#39; &quot;") == "a b 'q' \"");
  CHECK(search_plain_text("").empty());
}

TEST_CASE("search_plain_text matches the byte-at-a-time reference on random HTML", "[search]") {
  std::mt19937 random(16);
  const std::vector<std::string> pieces = {"<", ">", "&", "&lt;", "&gt;", "&quot;", "&#39;", "&amp;", "&am", " ",
                                           "\n", "\t", "\r", "word", "é", "<p>", "</p>", "<a href=\"x\">", "x"};
  for (int round = 0; round < 3000; ++round) {
    std::string html;
    int length = static_cast<int>(random() % 30);
    for (int i = 0; i < length; ++i) html += pieces[random() % pieces.size()];
    REQUIRE(search_plain_text(html) == plain_text_bytewise(html));
  }
}
