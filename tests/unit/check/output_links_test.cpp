#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "model/model.hpp"
#include "project/config.hpp"
#include "pipeline/build_model.hpp"
#include "check/html_references.hpp"
#include "check/output_links.hpp"
#include "outputs/site/site_builder.hpp"
#include "support/files.hpp"
#include "test_support.hpp"

using namespace opskit;
namespace fs = std::filesystem;

TEST_CASE("the output check catches a broken link planted in a template and one in raw HTML", "[output]") {
  test::TempProject project({
      {"opskit.yaml", "site:\n  title: T\n"},
      {"content/index.md", "---\ntitle: Home\n---\nSee the [guide](xref:guide#steps).\n"},
      {"content/guide.md", "---\ntitle: Guide\n---\n## Steps\n\n<p><a href=\"../nowhere/index.html\">raw</a></p>\n"},
  });
  // A copy of the real theme whose layout carries a broken link.
  auto theme_dir = project.root() / "site-theme";
  fs::copy(test::source_dir() / "site-theme", theme_dir, fs::copy_options::recursive);
  auto layout = theme_dir / "templates" / "layout.mustache";
  auto text = read_file(layout).value();
  auto body = text.find("</body>");
  REQUIRE(body != std::string::npos);
  text.insert(body, "<a href=\"{{root}}planted/missing.html\">planted</a>");
  std::ofstream(layout) << text;

  DiagnosticSink sink;
  auto config = load_project(project.root(), sink);
  REQUIRE(config);
  auto model = build_model(*config, {}, sink);
  auto theme = load_theme(theme_dir, sink);
  REQUIRE(theme);
  auto tree = build_site(model, *theme, SiteOptions{}, sink);

  DiagnosticSink out;
  auto stats = check_output_links(tree, "site", {}, out);
  INFO(test::describe(out));
  CHECK(stats.pages >= 2);
  auto found = test::with_rule(out, "output.broken-link");
  bool template_link = false, raw_link = false;
  for (const auto& d : found) {
    if (d.message.find("planted/missing.html") != std::string::npos) template_link = true;
    if (d.file == "site/guide/index.html" && d.message.find("../nowhere/index.html") != std::string::npos) raw_link = true;
  }
  CHECK(template_link);
  CHECK(raw_link);
  // The good cross-reference with its anchor is not reported.
  for (const auto& d : found) CHECK(d.message.find("#steps") == std::string::npos);
}

TEST_CASE("the output check reports a missing fragment and a root-absolute link", "[output]") {
  OutputTree tree;
  tree["index.html"].bytes = "<html><body><a href=\"a/index.html#nope\">x</a><a href=\"/abs.html\">y</a>"
                             "<a href=\"a/index.html#here\">z</a><img src=\"img/p.png\"></body></html>";
  tree["a/index.html"].bytes = "<html><body><h2 id=\"here\">Here</h2></body></html>";
  tree["img/p.png"].bytes = "png";
  DiagnosticSink sink;
  check_output_links(tree, "site", {}, sink);
  auto found = test::with_rule(sink, "output.broken-link");
  INFO(test::describe(sink));
  REQUIRE(found.size() == 2);
  CHECK(found[0].message.find("no id 'nope'") != std::string::npos);
  CHECK(found[1].message.find("root-absolute") != std::string::npos);
}

TEST_CASE("the HTML reference scanner reads ids and references as a browser would see them", "[output]") {
  std::string html =
      "<!DOCTYPE html><html><head><meta charset=utf-8>"
      "<script>var s = '<a href=\"in-script.html\">';</script></head>"
      "<body><!-- <a href=\"in-comment.html\"> -->"
      "<H2 ID=\"Upper\">x</H2><a NAME='named' HREF='a.html?x=1&amp;y=2#f'>a</a>"
      "<img src=img/p.png alt=p/><a href=\"q&quot;s.html\">q</a><p id=\"dup\"></p><p id=\"dup\"></p>"
      "<SCRIPT src=\"app.js\"></SCRIPT><a href=\"after.html\">after</a></body></html>";
  auto refs = scan_html_references(html);
  CHECK(refs.references ==
        std::vector<std::string_view>{"a.html?x=1&y=2#f", "img/p.png", "q\"s.html", "app.js", "after.html"});
  CHECK(refs.ids == std::vector<std::string_view>{"Upper", "dup", "named"});
  CHECK(refs.has_id("named"));
  CHECK_FALSE(refs.has_id("upper"));
}
