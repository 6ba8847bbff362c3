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
  for (int round = 0; round < 20000; ++round) {
    std::string html;
    int length = static_cast<int>(random() % 30);
    for (int i = 0; i < length; ++i) html += pieces[random() % pieces.size()];
    REQUIRE(search_plain_text(html) == plain_text_bytewise(html));
  }
}

TEST_CASE("page_entries cuts at headings and keeps tables code and buttons out of the snippet text", "[search]") {
  std::string body =
      "<p>Intro with <prefix>not a tag we set apart</prefix>.</p>\n"
      "<h2 id=\"tools\">Tools</h2>\n<table><tr><td>Used for</td></tr></table>\n<p>Then \"prose\" &amp; more.</p>\n"
      "<pre class=\"x\"><code>run it</code></pre><button>Copy</button>\n"
      "<h3 id=\"end\">End &lt;3</h3>\n<p>Last</p><table><tr><td>unclosed";
  std::vector<Heading> toc{{2, "Tools", "tools"}, {3, "End <3", "end"}, {2, "Not in the body", "gone"}};
  auto entries = SearchIndex::page_entries("A \"title\"", "a/index.html", "Sec", body, toc);
  REQUIRE(entries.size() == 3);  // the intro and the two headings the body shows
  const std::string head = R"("t":"A \"title\"","u":"a/index.html","s":"Sec")";
  CHECK(entries[0] == head + R"(,"x":"Intro with not a tag we set apart ."})");  // a tag reads as a space
  CHECK(entries[1] == head + R"(,"a":"tools","h":"Tools","x":"Then \"prose\" & more.","k":"Used for run it Copy"})");
  CHECK(entries[2] == head + R"(,"a":"end","h":"End \u003c3","x":"Last","k":"unclosed"})");
}

TEST_CASE("page_entries cuts long sections at a character boundary", "[search]") {
  std::string text(11999, 'a');
  text += "\xc3\xa9\xc3\xa9";  // "éé": the cut at 12,000 bytes falls inside the first
  auto entries = SearchIndex::page_entries("T", "u", "", "<p>" + text + "</p>", {});
  REQUIRE(entries.size() == 1);
  CHECK(entries[0] == R"("t":"T","u":"u","s":"","x":")" + std::string(11999, 'a') + "\"}");
}
