// How a page's template data is built and rendered: the escape of {{values}} (opskit's
// mustache_escape instead of kainjow's own, render/theme.hpp says why: the two must agree byte
// for byte, or every page would change) and the lists the data holds.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include <kainjow/mustache.hpp>

#include "render/theme.hpp"

namespace {

std::string random_text(std::mt19937& rng) {
  static const std::string kAlphabet = "ab &<>\"'\xC3\xA9/=;#x";
  std::uniform_int_distribution<std::size_t> length(0, 40), pick(0, kAlphabet.size() - 1);
  std::string text(length(rng), ' ');
  for (auto& c : text) c = kAlphabet[pick(rng)];
  return text;
}

}  // namespace

TEST_CASE("mustache_escape writes what kainjow's own escape writes") {
  CHECK(opskit::mustache_escape("") == "");
  CHECK(opskit::mustache_escape("plain title") == "plain title");
  CHECK(opskit::mustache_escape("a & b <c> \"d\" 'e'") == "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;");
  std::mt19937 rng(16);
  for (int i = 0; i < 20000; ++i) {
    auto text = random_text(rng);
    REQUIRE(opskit::mustache_escape(text) == kainjow::mustache::html_escape<std::string>(text));
  }
}

TEST_CASE("a theme's templates escape values with it") {
  opskit::DiagnosticSink sink;
  auto theme = opskit::load_theme(opskit::default_theme_dir(), sink);
  REQUIRE(theme);
  opskit::TemplateData data;
  opskit::put(data, "page_title", "Tom's <b>runbook</b> & \"notes\"");
  opskit::put(data, "kind", "runbook");
  opskit::put(data, "content", "<p>raw</p>");
  auto html = theme->render("page", data);
  CHECK(html.find("<h1 class=\"article-title\">Tom&apos;s &lt;b&gt;runbook&lt;/b&gt; &amp; &quot;notes&quot;</h1>") !=
        std::string::npos);
  CHECK(html.find("<p>raw</p>") != std::string::npos);
}

TEST_CASE("append moves a list's items as it grows and keeps their order") {
  opskit::TemplateData list{opskit::TemplateData::type::list};
  opskit::TemplateData first;
  opskit::put(first, "title", "item 0 with a title longer than a short string");
  opskit::append(list, std::move(first));
  // Moved items keep their own storage; a copy would make new strings.
  const std::string* first_title = &list.list_value()[0].get("title")->string_value();
  for (int i = 1; i < 100; ++i) {
    opskit::TemplateData item;
    opskit::put(item, "title", "item " + std::to_string(i) + " with a title longer than a short string");
    opskit::append(list, std::move(item));
  }
  REQUIRE(list.list_value().size() == 100);
  CHECK(&list.list_value()[0].get("title")->string_value() == first_title);
  for (int i = 0; i < 100; ++i)
    CHECK(list.list_value()[static_cast<std::size_t>(i)].get("title")->string_value() ==
          "item " + std::to_string(i) + " with a title longer than a short string");
  kainjow::mustache::mustache tmpl("{{#items}}[{{title}}]{{/items}}");
  opskit::TemplateData data;
  opskit::put(data, "items", std::move(list));
  auto text = tmpl.render(data);
  CHECK(text.find("[item 0 with") == 0);
  CHECK(text.find("[item 99 with") != std::string::npos);
}
