// The parse stage renders each chunk once, with a slot where every link's URL goes; the outputs
// fill the slots. These tests pin the two promises that make that safe: a filled slot reads as if
// cmark had written the URL, and nothing an author writes can pass for a slot.
#include <catch2/catch.hpp>

#include <string>

#include "parse/link_slots.hpp"
#include "parse/markdown.hpp"
#include "parse/render_helpers.hpp"

namespace opskit {

namespace {

// What cmark itself writes for a link whose URL is `url`.
std::string cmark_href(const std::string& url) {
  auto doc = parse_markdown("[x](<a>)\n");
  cmark_node* link = cmark_node_first_child(cmark_node_first_child(doc.get()));
  cmark_node_set_url(link, url.c_str());
  auto html = render_markdown_html(doc.get());
  auto begin = html.find("href=\"") + 6;
  return html.substr(begin, html.find('"', begin) - begin);
}

}  // namespace

TEST_CASE("link slots: a filled slot is escaped exactly as cmark escapes a URL", "[parse][slots]") {
  std::string every_byte;
  for (int c = 1; c < 256; ++c) every_byte += static_cast<char>(c);
  CHECK(escape_href(every_byte) == cmark_href(every_byte));
  CHECK(escape_href("https://example.com/a b?q=1&r='2'#x") == cmark_href("https://example.com/a b?q=1&r='2'#x"));
  CHECK(escape_href("") == "");
}

TEST_CASE("link slots: a slot is found only in its exact form", "[parse][slots]") {
  auto slot = link_slot_html(42);
  CHECK(slot == "&#x27;42&#x27;");
  auto found = link_slot_at("<a href=\"" + slot + "\">", 9);
  REQUIRE(found);
  CHECK(found->index == 42);
  CHECK(found->end == 9 + slot.size());
  CHECK_FALSE(link_slot_at("&#x27;&#x27;", 0));
  CHECK_FALSE(link_slot_at("&#x27;4x&#x27;", 0));
  CHECK_FALSE(link_slot_at("&#x27;1234567890&#x27;", 0));
}

TEST_CASE("link slots: text written to look like a slot stays text", "[parse][slots]") {
  // Entities, code and titles that spell a slot must not take a link's URL: with raw HTML off,
  // a raw-HTML link's attribute is written verbatim when filled, so a forged slot could inject it.
  DiagnosticSink sink;
  auto out = test::render_markdown_page(
      "Text &#x27;0&#x27; and `&#x27;0&#x27;` and [t](/u \"&#x27;0&#x27;\") and ![&#x27;0&#x27;](/i)\n\n"
      "<a href=\"javascript:alert(1)\">x</a>\n",
      sink, /*allow_raw_html=*/false, {});
  INFO(out.html);
  CHECK(out.html.find("href=\"javascript") == std::string::npos);
  CHECK(out.html.find("&#x27;") == std::string::npos);
  CHECK(out.html.find("'0'") != std::string::npos);
  CHECK(out.html.find("&amp;#x27;0&amp;#x27;") != std::string::npos);  // the code span, as written
  CHECK(out.html.find("&lt;a href=&quot;javascript:alert(1)&quot;&gt;") != std::string::npos);
}

TEST_CASE("link slots: each output fills its own URLs into one parse", "[parse][slots]") {
  DiagnosticSink sink;
  auto out = test::render_markdown_page("# Title {#top}\n\nSee [a](/a \"T\"), ![i](img.png) and <a HREF='/b'>b</a>.\n", sink,
                                        /*allow_raw_html=*/true, {});
  INFO(out.html);
  const auto& chunk = out.page.body.chunks[0];
  CHECK(chunk.html.find("&#x27;0&#x27;") != std::string::npos);
  CHECK(chunk.html.find("&#x27;2&#x27;") != std::string::npos);
  CHECK(out.html.find("<a href=\"/a\" title=\"T\">a</a>") != std::string::npos);
  CHECK(out.html.find("<img src=\"img.png\" alt=\"i\" />") != std::string::npos);
  CHECK(out.html.find("<a HREF='/b'>b</a>") != std::string::npos);  // unchanged: as written
}

}  // namespace opskit
