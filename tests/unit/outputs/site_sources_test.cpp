// Each file of the site records the source it was built from (OutputFile::source): what
// `opskit serve` reads to know which files an edit touches.
#include <catch2/catch.hpp>

#include "model/model.hpp"
#include "outputs/site/site_builder.hpp"
#include "pipeline/build_model.hpp"
#include "project/config.hpp"
#include "render/theme.hpp"
#include "test_support.hpp"

using namespace opskit;

TEST_CASE("site files record their source: a page its Markdown and a static file itself", "[output]") {
  test::TempProject project({
      {"opskit.yaml", "site:\n  title: T\n"},
      {"content/index.md", "---\ntitle: Home\n---\nSee the [guide](guide.md).\n"},
      {"content/runbooks/guide.md", "---\ntitle: Guide\n---\n![x](/static/x.png)\n"},
      {"content/static/x.png", "not really a png"},
  });
  DiagnosticSink sink;
  auto config = load_project(project.root(), sink);
  REQUIRE(config);
  auto model = build_model(*config, {}, sink);
  auto theme = load_theme(test::source_dir() / "site-theme", sink);
  REQUIRE(theme);
  auto tree = build_site(model, *theme, SiteOptions{}, sink);
  CHECK(tree.at("index.html").source == "content/index.md");
  CHECK(tree.at("runbooks/guide/index.html").source == "content/runbooks/guide.md");
  CHECK(tree.at("static/x.png").source == "content/static/x.png");
  // Files made from every page, or from the theme, name no single source.
  CHECK(tree.at("assets/nav-tree.js").source.empty());
  CHECK(tree.at("assets/search-index.js").source.empty());
  CHECK(tree.at("assets/css/site.css").source.empty());
  // And the incremental site re-renders a page under the key it recorded.
  IncrementalSite site(model, *theme, SiteOptions{});
  auto again = site.build(sink);
  CHECK(again.at("runbooks/guide/index.html").bytes == tree.at("runbooks/guide/index.html").bytes);
  CHECK(site.rerender_page(1, sink) == tree.at("runbooks/guide/index.html").bytes);
}
