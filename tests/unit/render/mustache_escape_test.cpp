// The site's templates escape {{values}} with opskit's mustache_escape instead of kainjow's own
// (render/theme.hpp says why): the two must agree byte for byte, or every page would change.
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
