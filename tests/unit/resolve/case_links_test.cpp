// Issue 18: page paths resolve without regard to case in every link form, as Hugo and Workshop
// Studio publish page URLs lower case; static files stay case-sensitive (S3 keys); the site
// writes pages at lower-case paths.
#include <catch2/catch.hpp>

#include <string>

#include "model/model.hpp"
#include "project/config.hpp"
#include "pipeline/build_model.hpp"
#include "check/output_links.hpp"
#include "outputs/site/site_builder.hpp"
#include "resolve/link_target.hpp"
#include "test_support.hpp"

using namespace opskit;

namespace {

constexpr const char* kHome = "content/index.en.md";

// One link per line; the case lines are named by line number below.
const char* const kHomeText = R"(---
title: Home
weight: 1
---

[a](/module/setup/step1)

[a](module/setup/STEP1#install)

[a](/module/setup/step1.html)

[a](Module/Setup/step1.en.md#install)

[a](module/setup/step1.md)

[a](/module/setup/stepp1)

![d](/static/images/Diagram.png)

![d](/static/images/diagram.png)
)";

struct CaseFixture {
  test::TempProject project{{
      {"contentspec.yaml", "version: 2.0\ndefaultLocaleCode: en-US\nlocaleCodes:\n  - en-US\n"},
      {kHome, kHomeText},
      {"content/Module/index.en.md", "---\ntitle: Module\nweight: 2\n---\n[b](setup/Step1)\n"},
      {"content/Module/Setup/index.en.md", "---\ntitle: Setup\nweight: 1\n---\n[c](step1/)\n"},
      {"content/Module/Setup/Step1.en.md", "---\ntitle: Step 1\nweight: 1\n---\n## Install\n\n[home](/)\n"},
      {"static/images/diagram.png", "PNG"},
  }};
  DiagnosticSink sink;
  Model model;

  CaseFixture() {
    auto config = load_project(project.root(), sink);
    REQUIRE(config);
    model = build_model(std::move(*config), ModelOptions{}, sink);
    check_links(model, sink);
  }

  std::vector<Diagnostic> at(int line) const {
    std::vector<Diagnostic> out;
    for (const auto& d : sink.sorted())
      if (d.file == kHome && d.line == line) out.push_back(d);
    return out;
  }

  LinkTarget target(int line) const {
    int page = -1;
    for (int i = 0; i < static_cast<int>(model.pages.size()); ++i)
      if (model.pages[i].file == kHome) page = i;
    REQUIRE(page >= 0);
    for (const auto& link : model.pages[page].body.links)
      if (link.line == line) return resolve_link(model, page, link.url);
    FAIL("no link on line " << line);
    return {};
  }
};

const CaseFixture& fixture() {
  static CaseFixture f;
  return f;
}

void expect_page(int line) {
  const auto& f = fixture();
  INFO("line " << line << "\n" << test::describe(f.sink));
  CHECK(f.at(line).empty());
  auto t = f.target(line);
  REQUIRE(t.kind == LinkTarget::Kind::page);
  CHECK(f.model.pages[t.page].file == "content/Module/Setup/Step1.en.md");
}

}  // namespace

TEST_CASE("case: a Workshop Studio absolute path differing in case finds the page", "[links][case]") { expect_page(6); }

TEST_CASE("case: a relative path differing in case finds the page / with its anchor", "[links][case]") {
  expect_page(8);
  CHECK(fixture().target(8).anchor == "install");
}

TEST_CASE("case: a Hugo-era .html path differing in case finds the page", "[links][case]") { expect_page(10); }

TEST_CASE("case: a Markdown file path differing in case finds the page / with and without locale suffix", "[links][case]") {
  expect_page(12);
  expect_page(14);
}

TEST_CASE("case: links between mixed-case pages written in lower case find their pages", "[links][case]") {
  const auto& f = fixture();
  INFO(test::describe(f.sink));
  CHECK(test::with_rule(f.sink, "link.unresolved").size() == 1);  // line 16 only
  CHECK(test::with_rule(f.sink, "load.case-collision").empty());
}

TEST_CASE("case: the suggestion for a mistyped page path ignores case", "[links][case]") {
  auto found = fixture().at(16);
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule == "link.unresolved");
  CHECK(found[0].message == "link target '/module/setup/stepp1' not found; did you mean '/Module/Setup/Step1'?");
}

TEST_CASE("case: a static file whose case differs is still an error / with the right name suggested", "[links][case]") {
  auto found = fixture().at(18);
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule == "link.image-missing");
  CHECK(found[0].severity == Severity::error);
  CHECK(found[0].message ==
        "link target '/static/images/Diagram.png' not found; did you mean '/static/images/diagram.png'?");
  CHECK(fixture().at(20).empty());
}

TEST_CASE("case: xref ids resolve without regard to case - suggestions too", "[links][case]") {
  test::TempProject project({
      {"opskit.yaml", "site:\n  title: T\n"},
      {"content/index.md", "---\ntitle: Home\n---\n[a](xref:runbooks/patch-instances)\n\n[b](xref:runbooks/patch-instance)\n"},
      {"content/runbooks/Patch-Instances.md", "---\ntitle: Patch\n---\nText.\n"},
  });
  DiagnosticSink sink;
  auto model = test::checked_model(project.root(), sink);
  INFO(test::describe(sink));
  auto found = test::with_rule(sink, "link.unresolved");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 6);
  CHECK(found[0].message ==
        "link target 'xref:runbooks/patch-instance' not found; did you mean 'xref:runbooks/Patch-Instances'?");
}

TEST_CASE("case: the site writes mixed-case pages at lower-case paths and every link works", "[links][case]") {
  const auto& f = fixture();
  int step = -1;
  for (int i = 0; i < static_cast<int>(f.model.pages.size()); ++i)
    if (f.model.pages[i].file == "content/Module/Setup/Step1.en.md") step = i;
  REQUIRE(step >= 0);
  auto path = site_page_path(f.model.pages[step]);
  CHECK(path.size() >= std::string("module/setup/step1/index.html").size());
  CHECK(path.substr(path.size() - std::string("module/setup/step1/index.html").size()) == "module/setup/step1/index.html");

  DiagnosticSink sink;
  auto theme = load_theme(test::source_dir() / "site-theme", sink);
  REQUIRE(theme);
  auto tree = build_site(f.model, *theme, SiteOptions{}, sink);
  CHECK(tree.count(path) == 1);
  for (const auto& [name, file] : tree) CHECK(name.find("Module") == std::string::npos);
  DiagnosticSink out;
  check_output_links(tree, "site", {}, out);
  INFO(test::describe(out));
  // Only the planted mistyped page and the mis-cased image are broken in the site.
  for (const auto& d : test::with_rule(out, "output.broken-link")) {
    bool planted = d.message.find("stepp1") != std::string::npos || d.message.find("Diagram.png") != std::string::npos;
    CHECK(planted);
  }
}
