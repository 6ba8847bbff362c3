// Issue 5: every link form, resolved and broken, with the exact diagnostic and the URL the site
// writes. One fixture project holds every case; each case sits alone on its own line, so a case is
// named by (file, line).
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include "index/symbols.hpp"
#include "model/model.hpp"
#include "pipeline/build_model.hpp"
#include "check/orphans.hpp"
#include "project/config.hpp"
#include "outputs/site/site_builder.hpp"
#include "resolve/link_target.hpp"
#include "support/strings.hpp"
#include "test_support.hpp"

using namespace opskit;

namespace {

// Docs pages ---------------------------------------------------------------------------------

constexpr const char* kDocsLinks = "content/runbooks/links.md";
const char* const kDocsLinksText = R"(---
title: Links
---

[a](xref:runbooks/patch-instances)

[a](xref:runbooks/patch-instance)

[a](xref:runbooks/patch-instances#rollback)

[a](xref:runbooks/patch-instances#rolback)

[a](xref:restart-service)

[a](xref:restart-servce#steps)

[a](patch-instances.md)

[a](patch-instance.md)

[a](../guide/setup.md#install)

[a](../guide/setup.md#instal)

[a](../guide/setup.en.md)

[a](../guide/stup.en.md)

[a](patch-instances.md#raw-anchor)

[a](patch-instances.md#raw-anchr)

[a](/runbooks/patch-instances#error-handling-and-escalation)

[a](/runbooks/patch-instance)

![a](/static/images/logo.png)

![a](/static/images/logo.pgn)

[a](../../static/files/policy.json)

[a](../../static/files/polcy.json)

[a](xref:ws/lab-1)

[a](xref:runbooks/patch-instances#roll-back-the-patch)
)";

const char* const kPatchText = R"(---
title: Patch instances
---
## Error handling and escalation

## Roll back the patch {#rollback}

<a id="raw-anchor"></a>

Text.
)";

// Workshop pages ------------------------------------------------------------------------------

constexpr const char* kWsRoot = "workshops/ws/content/index.en.md";
const char* const kWsRootText = R"(---
title: Workshop
weight: 0
---

[a](index.ja.md)

[a](index.jp.md)

[a](name.md)

[a](nme.md)

[a](name.md#name-heading)

[a](name.md#name-headin)

[a](lab-1/index.en.md)
)";

constexpr const char* kLab1 = "workshops/ws/content/lab-1/index.en.md";
const char* const kLab1Text = R"(---
title: Lab 1
weight: 10
---

## Goals

[a](/lab-2)

[a](/lb-2)

[a](/lab-2/)

[a](/nam/)

[a](/lab-2#setup)

[a](/lab-2#setpu)

[a](step)

[a](stpe)

[a](./step)

[a](./stpe)

[a](../lab-2)

[a](../lab-3)

[a](/lab-1/step.html)

[a](/lab-1/stp.html)

![a](/static/images/x.png)

![a](/static/images/y.png)

:link[a]{href=/lab-2}

:link[a]{href=/lab-2s}

:button[a]{href=xref:ws/name}

:button[a]{href=xref:ws/nam}

:image[a]{src=/static/images/x.png}

:image[a]{src=/static/images/x.jpg}

<a href="/lab-2#setup">a</a>

<a href="/lab-2#set-up">a</a>

<img src="/static/images/x.png">

<img src="/static/images/xx.png">

::alert[see [x](xref:ws/lab-2)]

::alert[see [x](xref:ws/nme)]

::alert[see [x](xref:nope)]

[a](#goals)

[a](#gaols)
)";

constexpr const char* kLab1Ja = "workshops/ws/content/lab-1/index.ja.md";
const char* const kLab1JaText = R"(---
title: ラボ 1
weight: 10
---

[a](/)

[a](xref:ws/lab-2)

[a](xref:ws/name)

[a](/lab-2#setup)

[a](/lab-2#clean-up)
)";

constexpr const char* kStep = "workshops/ws/content/lab-1/step.en.md";
const char* const kStepText = R"(---
title: Step
---

[a](../other)

[a](other)

![a](../../static/images/x.png)

![a](../../static/images/x.jpg)

[a](../../name)

[a](../../../name)

See [a](/lab-1/other) and [b](/lab-1/oth).

Then :button[Go]{href=/lab-2} and [b](/lab-22)

:link[href=here]{href=/lab-2z}
)";

std::map<std::string, std::string> fixture_files() {
  return {
      {"opskit.yaml", "site:\n  title: Links fixture\n  base_url: https://docs.example.com/\n"},
      {"content/index.md", "---\ntitle: Home\n---\nWelcome.\n"},
      {"content/runbooks/index.md", "---\ntitle: Runbooks\n---\nAll runbooks.\n"},
      {"content/runbooks/patch-instances.md", kPatchText},
      {"content/runbooks/restart.md", "---\ntitle: Restart a service\nid: restart-service\n---\n## Steps\n"},
      {"content/guide/setup.en.md", "---\ntitle: Setup\n---\n## Install\n"},
      {kDocsLinks, kDocsLinksText},
      {"content/static/images/logo.png", "PNG"},
      {"content/static/files/policy.json", "{}"},
      {"workshops/ws/contentspec.yaml",
       "version: 2.0\ndefaultLocaleCode: en-US\nlocaleCodes:\n  - en-US\n  - ja-JP\n"},
      {kWsRoot, kWsRootText},
      {"workshops/ws/content/index.ja.md", "---\ntitle: ワークショップ\nweight: 0\n---\nようこそ。\n"},
      {"workshops/ws/content/name.en.md", "---\ntitle: Name\nweight: 5\n---\n## Name heading\n"},
      {kLab1, kLab1Text},
      {kLab1Ja, kLab1JaText},
      {kStep, kStepText},
      {"workshops/ws/content/lab-1/other.en.md", "---\ntitle: Other\n---\nOther.\n"},
      {"workshops/ws/content/lab-2/index.en.md", "---\ntitle: Lab 2\nweight: 20\n---\n## Setup\n\n## Clean up\n"},
      {"workshops/ws/content/lab-2/index.ja.md",
       "---\ntitle: ラボ 2\nweight: 20\n---\n## セットアップ {#setup}\n\n## 後片付け {#cleanup}\n"},
      {"workshops/ws/static/images/x.png", "PNG"},
  };
}

struct Fixture {
  test::TempProject project{fixture_files()};
  DiagnosticSink sink;
  Model model;
  LinkStats stats;

  Fixture() {
    auto config = load_project(project.root(), sink);
    REQUIRE(config);
    model = build_model(std::move(*config), ModelOptions{}, sink);
    stats = check_links(model, sink);
  }

  int page_of(const std::string& file) const {
    auto it = model.index.by_file.find(file);
    REQUIRE(it != model.index.by_file.end());
    return it->second;
  }

  // The one link written on `line` of `file`.
  std::pair<int, int> link_at(const std::string& file, int line) const {
    int page = page_of(file);
    const auto& links = model.pages[page].body.links;
    int found = -1;
    for (int i = 0; i < static_cast<int>(links.size()); ++i)
      if (links[i].line == line) {
        REQUIRE(found < 0);  // one link per case line
        found = i;
      }
    INFO(file << ":" << line);
    REQUIRE(found >= 0);
    return {page, found};
  }

  std::vector<Diagnostic> at(const std::string& file, int line) const {
    std::vector<Diagnostic> out;
    for (const auto& d : sink.sorted())
      if (d.file == file && d.line == line) out.push_back(d);
    return out;
  }

  // The URL the site writes for the link on `line`, which must have no diagnostic.
  std::string site_url(const std::string& file, int line) const {
    INFO(file << ":" << line << "\n" << test::describe(sink));
    CHECK(at(file, line).empty());
    auto [page, link] = link_at(file, line);
    auto paths = site_page_paths(model);
    auto urls = site_link_urls(model, page, SiteUrls([](int) { return true; }, paths));
    REQUIRE(link < static_cast<int>(urls.urls.size()));
    CHECK_FALSE(urls.external[link]);
    return urls.urls[link];
  }

  // The page a link on `line` resolves to.
  const Page& target(const std::string& file, int line) const {
    auto [page, link] = link_at(file, line);
    auto t = resolve_link(model, page, model.pages[page].body.links[link].url);
    REQUIRE(t.kind == LinkTarget::Kind::page);
    return model.pages[t.page];
  }
};

const Fixture& fixture() {
  static Fixture f;
  return f;
}

void expect_finding(const std::string& file, int line, int column, const std::string& rule,
                    const std::string& message) {
  const auto& f = fixture();
  auto found = f.at(file, line);
  INFO(file << ":" << line << "\n" << test::describe(f.sink));
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule == rule);
  CHECK(found[0].severity == Severity::error);
  CHECK(found[0].column == column);
  CHECK(found[0].message == message);
}

std::string not_found(const std::string& written, const std::string& suggestion) {
  return "link target '" + written + "' not found" + (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?");
}

std::string no_anchor(const std::string& anchor, const std::string& id, const std::string& suggestion) {
  return "anchor '#" + anchor + "' not found in '" + id + "'" +
         (suggestion.empty() ? "" : "; did you mean '#" + suggestion + "'?");
}

}  // namespace

TEST_CASE("links: the fixture reports exactly the planted broken links", "[links]") {
  const auto& f = fixture();
  INFO(test::describe(f.sink));
  std::size_t link_findings = 0;
  for (const auto& d : f.sink.sorted()) {
    if (starts_with(d.rule, "link.")) ++link_findings;
    else CHECK(d.severity != Severity::error);
  }
  // 11 in the docs page, 3 in the workshop root, 16 in lab 1, 1 in ja lab 1, 6 in the leaf step.
  CHECK(link_findings == 11 + 3 + 16 + 1 + 6);
  CHECK(f.stats.external == 0);
}

TEST_CASE("links: xref:ID and xref:ID#anchor", "[links]") {
  const auto& f = fixture();
  CHECK(f.site_url(kDocsLinks, 5) == "../patch-instances/index.html");
  expect_finding(kDocsLinks, 7, 5, "link.unresolved",
                 not_found("xref:runbooks/patch-instance", "xref:runbooks/patch-instances"));
  CHECK(f.site_url(kDocsLinks, 9) == "../patch-instances/index.html#rollback");
  expect_finding(kDocsLinks, 11, 5, "link.anchor", no_anchor("rolback", "runbooks/patch-instances", "rollback"));
  // An id set in front matter.
  CHECK(f.site_url(kDocsLinks, 13) == "../restart/index.html");
  expect_finding(kDocsLinks, 15, 5, "link.unresolved", not_found("xref:restart-servce#steps", "xref:restart-service"));
  // From the docs into a workshop: the workshop's default locale.
  CHECK(f.site_url(kDocsLinks, 45) == "../../workshops/ws/en-US/lab-1/index.html");
}

TEST_CASE("links: a relative path to a .md file / with and without locale suffix / with anchor", "[links]") {
  const auto& f = fixture();
  CHECK(f.site_url(kDocsLinks, 17) == "../patch-instances/index.html");
  expect_finding(kDocsLinks, 19, 5, "link.unresolved", not_found("patch-instance.md", "patch-instances.md"));
  // "setup.md" finds setup.en.md.
  CHECK(f.site_url(kDocsLinks, 21) == "../../guide/setup/index.html#install");
  expect_finding(kDocsLinks, 23, 5, "link.anchor", no_anchor("instal", "guide/setup", "install"));
  CHECK(f.site_url(kDocsLinks, 25) == "../../guide/setup/index.html");
  expect_finding(kDocsLinks, 27, 5, "link.unresolved", not_found("../guide/stup.en.md", "../guide/setup.en.md"));
  // In a workshop: the other locale's file, and a leaf page without its suffix.
  CHECK(f.site_url(kWsRoot, 6) == "../ja-JP/index.html");
  CHECK(f.target(kWsRoot, 6).locale == "ja-JP");
  expect_finding(kWsRoot, 8, 5, "link.unresolved", not_found("index.jp.md", "index.ja.md"));
  CHECK(f.site_url(kWsRoot, 10) == "name/index.html");
  expect_finding(kWsRoot, 12, 5, "link.unresolved", not_found("nme.md", "name.md"));
  CHECK(f.site_url(kWsRoot, 14) == "name/index.html#name-heading");
  expect_finding(kWsRoot, 16, 5, "link.anchor", no_anchor("name-headin", "ws/name", "name-heading"));
  CHECK(f.site_url(kWsRoot, 18) == "lab-1/index.html");
}

TEST_CASE("links: Workshop Studio absolute paths /a/b / /a/b/ and /a#frag", "[links]") {
  const auto& f = fixture();
  CHECK(f.site_url(kLab1, 8) == "../lab-2/index.html");
  expect_finding(kLab1, 10, 5, "link.unresolved", not_found("/lb-2", "/lab-2"));
  CHECK(f.site_url(kLab1, 12) == "../lab-2/index.html");
  expect_finding(kLab1, 14, 5, "link.unresolved", not_found("/nam/", "/name"));
  CHECK(f.site_url(kLab1, 16) == "../lab-2/index.html#setup");
  expect_finding(kLab1, 18, 5, "link.anchor", no_anchor("setpu", "ws/lab-2", "setup"));
  // The docs site's own absolute paths.
  CHECK(f.site_url(kDocsLinks, 33) == "../patch-instances/index.html#error-handling-and-escalation");
  expect_finding(kDocsLinks, 35, 5, "link.unresolved", not_found("/runbooks/patch-instance", "/runbooks/patch-instances"));
}

TEST_CASE("links: relative paths read as if the page URL ended in a slash", "[links]") {
  const auto& f = fixture();
  // From lab-1/index.en.md, whose URL is /lab-1/.
  CHECK(f.site_url(kLab1, 20) == "step/index.html");
  expect_finding(kLab1, 22, 5, "link.unresolved", not_found("stpe", "step"));
  CHECK(f.site_url(kLab1, 24) == "step/index.html");
  expect_finding(kLab1, 26, 5, "link.unresolved", not_found("./stpe", "./step"));
  CHECK(f.site_url(kLab1, 28) == "../lab-2/index.html");
  expect_finding(kLab1, 30, 5, "link.unresolved", not_found("../lab-3", "../lab-2"));
  // From the leaf page lab-1/step.en.md, whose URL is /lab-1/step/: a sibling is "../other",
  // and "other" means /lab-1/step/other, which Workshop Studio does not serve.
  CHECK(f.site_url(kStep, 5) == "../other/index.html");
  expect_finding(kStep, 7, 5, "link.unresolved", not_found("other", "../other"));
  CHECK(f.site_url(kStep, 13) == "../../name/index.html");
  expect_finding(kStep, 15, 5, "link.unresolved", not_found("../../../name", "../../name"));
}

TEST_CASE("links: Hugo-era /a/b.html", "[links]") {
  const auto& f = fixture();
  CHECK(f.site_url(kLab1, 32) == "step/index.html");
  expect_finding(kLab1, 34, 5, "link.unresolved", not_found("/lab-1/stp.html", "/lab-1/step"));
}

TEST_CASE("links: /static/... and relative static paths", "[links]") {
  const auto& f = fixture();
  CHECK(f.site_url(kLab1, 36) == "../../static/images/x.png");
  expect_finding(kLab1, 38, 6, "link.image-missing", not_found("/static/images/y.png", "/static/images/x.png"));
  CHECK(f.site_url(kStep, 9) == "../../../static/images/x.png");
  expect_finding(kStep, 11, 6, "link.image-missing",
                 not_found("../../static/images/x.jpg", "../../static/images/x.png"));
  // The docs site's static folder.
  CHECK(f.site_url(kDocsLinks, 37) == "../../static/images/logo.png");
  expect_finding(kDocsLinks, 39, 6, "link.image-missing", not_found("/static/images/logo.pgn", "/static/images/logo.png"));
  CHECK(f.site_url(kDocsLinks, 41) == "../../static/files/policy.json");
  expect_finding(kDocsLinks, 43, 5, "link.unresolved",
                 not_found("../../static/files/polcy.json", "../../static/files/policy.json"));
}

TEST_CASE("links: :link / :button and :image targets point at the attribute", "[links]") {
  const auto& f = fixture();
  CHECK(f.site_url(kLab1, 40) == "../lab-2/index.html");
  expect_finding(kLab1, 42, 10, "link.unresolved", not_found("/lab-2s", "/lab-2"));
  CHECK(f.site_url(kLab1, 44) == "../name/index.html");
  expect_finding(kLab1, 46, 12, "link.unresolved", not_found("xref:ws/nam", "xref:ws/name"));
  CHECK(f.site_url(kLab1, 48) == "../../static/images/x.png");
  expect_finding(kLab1, 50, 11, "link.image-missing", not_found("/static/images/x.jpg", "/static/images/x.png"));
  // "href=" in the label is not the attribute.
  expect_finding(kStep, 21, 18, "link.unresolved", not_found("/lab-2z", "/lab-2"));
}

TEST_CASE("links: raw HTML href and src", "[links]") {
  const auto& f = fixture();
  CHECK(f.site_url(kLab1, 52) == "../lab-2/index.html#setup");
  expect_finding(kLab1, 54, 10, "link.anchor", no_anchor("set-up", "ws/lab-2", "setup"));
  CHECK(f.site_url(kLab1, 56) == "../../static/images/x.png");
  expect_finding(kLab1, 58, 11, "link.unresolved", not_found("/static/images/xx.png", "/static/images/x.png"));
}

TEST_CASE("links: links inside a directive label", "[links]") {
  const auto& f = fixture();
  CHECK(f.site_url(kLab1, 60) == "../lab-2/index.html");
  expect_finding(kLab1, 62, 17, "link.unresolved", not_found("xref:ws/nme", "xref:ws/name"));
  // Nothing near enough to suggest: the message says so by saying nothing more.
  expect_finding(kLab1, 64, 17, "link.unresolved", not_found("xref:nope", ""));
}

TEST_CASE("links: an anchor that exists only as an explicit {#id} or a raw HTML id", "[links]") {
  const auto& f = fixture();
  CHECK(f.site_url(kDocsLinks, 9) == "../patch-instances/index.html#rollback");
  // The explicit id replaces the heading's slug.
  expect_finding(kDocsLinks, 47, 5, "link.anchor", no_anchor("roll-back-the-patch", "runbooks/patch-instances", ""));
  CHECK(f.site_url(kDocsLinks, 29) == "../patch-instances/index.html#raw-anchor");
  expect_finding(kDocsLinks, 31, 5, "link.anchor", no_anchor("raw-anchr", "runbooks/patch-instances", "raw-anchor"));
  // A same-page anchor.
  CHECK(f.site_url(kLab1, 66) == "#goals");
  expect_finding(kLab1, 68, 5, "link.anchor", no_anchor("gaols", "ws/lab-1", "goals"));
}

TEST_CASE("links: a page of another locale resolves to its own locale's targets", "[links]") {
  const auto& f = fixture();
  // "/" from a ja page is the ja root.
  CHECK(f.site_url(kLab1Ja, 6) == "../index.html");
  CHECK(f.target(kLab1Ja, 6).file == "workshops/ws/content/index.ja.md");
  // xref from a ja page: the ja variant.
  CHECK(f.site_url(kLab1Ja, 8) == "../lab-2/index.html");
  CHECK(f.target(kLab1Ja, 8).file == "workshops/ws/content/lab-2/index.ja.md");
  // No ja variant: the default locale's page.
  CHECK(f.site_url(kLab1Ja, 10) == "../../en-US/name/index.html");
  CHECK(f.site_url(kLab1Ja, 12) == "../lab-2/index.html#setup");
  // The en page has "#clean-up"; the ja page has only "#cleanup".
  expect_finding(kLab1Ja, 14, 5, "link.anchor", no_anchor("clean-up", "ws/lab-2", "cleanup"));
}

TEST_CASE("links: columns of several links on one line", "[links]") {
  // The second URL is a prefix of the first; an inline directive before a link shifts nothing.
  expect_finding(kStep, 17, 31, "link.unresolved", not_found("/lab-1/oth", "/lab-1/other"));
  expect_finding(kStep, 19, 39, "link.unresolved", not_found("/lab-22", "/lab-2"));
}

// Known bug, outside the resolver: an inline directive at the start of a line becomes a
// "<!--opskit:N-->" placeholder there, which CommonMark reads as the start of an HTML block
// (type 2), so the rest of the line is raw HTML: its links are neither checked nor rendered.
// The fix belongs in parse/directive_blocks.cpp (a placeholder that cannot open an HTML block)
// with render/render_body.cpp. Remove [!shouldfail] when it is fixed.
TEST_CASE("links: a link after an inline directive that starts the line is checked", "[links]") {
  test::TempProject project({
      {"contentspec.yaml", "version: 2.0\ndefaultLocaleCode: en-US\nlocaleCodes:\n  - en-US\n"},
      {"content/index.en.md", "---\ntitle: T\nweight: 1\n---\n\n:button[Go]{href=/} then [b](/nope)\n"},
  });
  DiagnosticSink sink;
  auto model = test::checked_model(project.root(), sink);
  INFO(test::describe(sink));
  auto found = test::with_rule(sink, "link.unresolved");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 6);
  CHECK(found[0].column == 30);
}

TEST_CASE("links: a duplicate page id is an error naming both files", "[links]") {
  test::TempProject project({
      {"opskit.yaml", "site:\n  title: Duplicates\n"},
      {"content/index.md", "---\ntitle: Home\n---\n[b](runbooks/b.md#only-in-b)\n"},
      {"content/runbooks/a.md", "---\ntitle: A\nid: shared\n---\nA.\n"},
      {"content/runbooks/b.md", "---\ntitle: B\nid: shared\n---\n## Only in b\n"},
  });
  DiagnosticSink sink;
  auto model = test::checked_model(project.root(), sink);
  INFO(test::describe(sink));
  auto found = test::with_rule(sink, "index.duplicate-id");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::error);
  CHECK(found[0].file == "content/runbooks/b.md");
  CHECK(found[0].line == 3);
  CHECK(found[0].column == 1);
  CHECK(found[0].message == "page id 'shared' is already used by content/runbooks/a.md");
  // The second page is still a page: its file and anchors resolve (one error, not a cascade).
  CHECK(test::with_rule(sink, "link.unresolved").empty());
  CHECK(test::with_rule(sink, "link.anchor").empty());
}

// Orphans ------------------------------------------------------------------------------------

TEST_CASE("links: a hidden page nothing links to is an orphan", "[links]") {
  test::TempProject project({
      {"opskit.yaml", "site:\n  title: Orphans\n"},
      {"content/index.md", "---\ntitle: Home\nhidden: true\n---\n[linked](xref:hidden-linked)\n"},
      {"content/guide/index.md", "---\ntitle: Guide\n---\nGuide.\n"},
      {"content/guide/visible.md", "---\ntitle: Visible\n---\nIn the navigation.\n"},
      {"content/guide/hidden-linked.md", "---\ntitle: Hidden but linked\nid: hidden-linked\nhidden: true\n---\n"},
      {"content/guide/secret.md", "---\ntitle: Secret\nweight: 3\nhidden: true\n---\n[self](#top) [up](xref:guide)\n"},
      {"content/archive/index.md", "---\ntitle: Archive\nhidden: true\n---\n[old](old.md)\n"},
      {"content/archive/old.md", "---\ntitle: Old\n---\nOld.\n"},
      {"content/archive/older.md", "---\ntitle: Older\n---\nOlder.\n"},
      {"workshops/ws/contentspec.yaml",
       "version: 2.0\ndefaultLocaleCode: en-US\nlocaleCodes:\n  - en-US\n  - ja-JP\n"},
      {"workshops/ws/content/index.en.md", "---\ntitle: Workshop\nhidden: true\n---\n[lab](/lab)\n"},
      {"workshops/ws/content/index.ja.md", "---\ntitle: ワークショップ\n---\n"},
      {"workshops/ws/content/lab/notes.en.md", "---\ntitle: Notes\n---\n"},
      {"workshops/ws/content/lab/index.en.md", "---\ntitle: Lab\n---\n[extra](/extra)\n"},
      {"workshops/ws/content/lab/index.ja.md", "---\ntitle: ラボ\n---\n"},
      {"workshops/ws/content/extra/index.en.md", "---\ntitle: Extra\nhidden: true\n---\n"},
      {"workshops/ws/content/extra/index.ja.md", "---\ntitle: 追加\nhidden: true\n---\n"},
  });
  DiagnosticSink sink;
  auto config = load_project(project.root(), sink);
  REQUIRE(config);
  auto model = build_model(std::move(*config), ModelOptions{}, sink);
  check_orphans(model, sink);
  INFO(test::describe(sink));
  auto found = test::with_rule(sink, "link.orphan");
  std::vector<std::string> files;
  for (const auto& d : found) {
    CHECK(d.severity == Severity::warning);
    files.push_back(d.file);
  }
  // Not orphans: the docs home and the workshop root (hidden, nothing links to them), pages in the
  // navigation, hidden pages another page links to (archive/old from the hidden archive, the en
  // extra page, ws/lab under the hidden en root).
  CHECK(files == std::vector<std::string>{"content/archive/index.md", "content/archive/older.md",
                                          "content/guide/secret.md", "workshops/ws/content/extra/index.ja.md",
                                          "workshops/ws/content/lab/notes.en.md"});
  // The position: the page's own `hidden` key, else its first line.
  REQUIRE(found.size() == 5);
  CHECK(found[0].line == 3);
  CHECK(found[0].column == 1);
  CHECK(found[0].message == "page 'archive' is hidden from the navigation and no page links to it");
  CHECK(found[1].line == 1);
  CHECK(found[1].column == 1);
  CHECK(found[1].message ==
        "page 'archive/older' is not in the navigation (its ancestor 'archive' is hidden) and no page links to it");
  CHECK(found[2].line == 4);
  CHECK(found[2].message == "page 'guide/secret' is hidden from the navigation and no page links to it");
  CHECK(found[3].line == 3);
  CHECK(found[3].message == "page 'ws/extra' is hidden from the navigation and no page links to it");
  CHECK(found[4].line == 1);
  CHECK(found[4].message ==
        "page 'ws/lab/notes' is not in the navigation (its ancestor 'ws' is hidden) and no page links to it");
}

TEST_CASE("links: a project with every page in the navigation has no orphans", "[links]") {
  const auto& f = fixture();
  DiagnosticSink sink;
  check_orphans(f.model, sink);
  INFO(test::describe(sink));
  CHECK(sink.sorted().empty());
}

// The synthetic corpus -------------------------------------------------------------------------

namespace {

std::string run_capturing_stderr(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1 >/dev/null").c_str(), "r");
  REQUIRE(pipe);
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  CHECK(pclose(pipe) == 0);
  return out;
}

}  // namespace

TEST_CASE("links: gen-corpus.py --broken 25 yields exactly the 25 planted findings", "[links-corpus]") {
  test::TempProject scratch({});
  auto dir = scratch.root() / "corpus";
  auto script = test::source_dir() / "tests" / "bench" / "gen-corpus.py";
  auto stderr_text = run_capturing_stderr("python3 '" + script.string() + "' '" + dir.string() +
                                          "' --pages 300 --broken 25");

  // "broken link planted in 004-chapter/007-page": the page's file and the line of the link.
  const std::string marker = "broken link planted in ";
  const std::string planted_link = "[the missing page](/no-such-chapter/no-such-page/)";
  std::set<std::pair<std::string, int>> planted;
  for (const auto& line : split_lines(stderr_text)) {
    if (!starts_with(line, marker)) continue;
    auto file = "content/" + line.substr(marker.size()) + "/index.en.md";
    std::ifstream in(dir / file);
    REQUIRE(in);
    std::string text;
    int n = 0, at = 0;
    while (std::getline(in, text)) {
      ++n;
      if (text.find(planted_link) != std::string::npos) at = n;
    }
    INFO(file);
    REQUIRE(at > 0);
    planted.emplace(file, at);
  }
  REQUIRE(planted.size() == 25);

  DiagnosticSink sink;
  auto config = load_project(dir, sink);
  REQUIRE(config);
  REQUIRE(config->bare_workshop);
  auto model = build_model(std::move(*config), ModelOptions{}, sink);
  CHECK(model.pages.size() == 296 + 1 + 8);  // 8 chapters of 37 pages (300 // 8), the root, the chapters
  check_links(model, sink);
  std::set<std::pair<std::string, int>> found;
  for (const auto& d : sink.sorted())
    if (starts_with(d.rule, "link.")) found.emplace(d.file, d.line);
  INFO(test::describe(sink));
  CHECK(found == planted);
  for (const auto& d : sink.sorted())
    if (starts_with(d.rule, "link.")) CHECK(d.message == "link target '/no-such-chapter/no-such-page/' not found");
}

// Issue 16: each link is resolved once, by the resolve stage, and kept on its page; the checks and
// the outputs read it back (link_target) instead of resolving it again.
namespace {

void check_same_target(const LinkTarget& kept, const LinkTarget& fresh) {
  CHECK(static_cast<int>(kept.kind) == static_cast<int>(fresh.kind));
  CHECK(kept.page == fresh.page);
  CHECK(kept.anchor == fresh.anchor);
  CHECK(kept.query == fresh.query);
  CHECK(kept.workshop == fresh.workshop);
  CHECK(kept.file_path == fresh.file_path);
  CHECK(kept.file == fresh.file);
  CHECK(kept.written == fresh.written);
  CHECK(kept.suggestion == fresh.suggestion);
}

}  // namespace

TEST_CASE("links: the targets the resolve stage keeps read back as a fresh resolution of every link", "[links]") {
  const auto& f = fixture();
  std::set<int> kinds;
  std::size_t links = 0;
  for (int p = 0; p < static_cast<int>(f.model.pages.size()); ++p) {
    const Page& page = f.model.pages[p];
    REQUIRE(page.link_targets.size() == page.body.links.size());  // build_model resolved them all
    for (const auto& link : page.body.links) {
      INFO(page.file << ":" << link.line << " " << link.url);
      auto kept = link_target(f.model, p, link);
      check_same_target(kept, resolve_link(f.model, p, link.url));
      kinds.insert(static_cast<int>(kept.kind));
      ++links;
    }
  }
  // The fixture's links are pages, files, same-page anchors and unresolved ones (with suggestions);
  // external links are in the next case.
  for (auto kind : {LinkTarget::Kind::page, LinkTarget::Kind::file, LinkTarget::Kind::same_page, LinkTarget::Kind::unresolved})
    CHECK(kinds.count(static_cast<int>(kind)) == 1);
  CHECK(links > 60);
}

TEST_CASE("links: link_target reads the kept target and resolves afresh what nothing was kept for", "[links]") {
  const auto& f = fixture();
  auto [page, link] = f.link_at(kDocsLinks, 5);  // [a](xref:runbooks/patch-instances)
  Model model = f.model;
  const LinkRef& ref = model.pages[page].body.links[link];
  auto fresh = resolve_link(model, page, ref.url);
  REQUIRE(fresh.kind == LinkTarget::Kind::page);
  // What was kept is what is read: a kept target changed by hand comes back changed.
  int other = fresh.page == 0 ? 1 : 0;
  model.pages[page].link_targets[link].page = other;
  CHECK(link_target(model, page, ref).page == other);
  // A page parsed again has nothing kept (the dev server replaces the page): resolved now.
  model.pages[page].link_targets.clear();
  CHECK(link_target(model, page, ref).page == fresh.page);
  // A link that is not one of the page's own (a copy) is resolved now too.
  resolve_page_links(model, page);
  model.pages[page].link_targets[link].page = other;
  LinkRef copy = ref;
  CHECK(link_target(model, page, copy).page == fresh.page);
  CHECK(link_target(model, page, ref).page == other);
  // resolve_page_links puts back what resolving gives.
  resolve_page_links(model, page);
  CHECK(link_target(model, page, ref).page == fresh.page);
}

TEST_CASE("links: an external link's kept target is external with no anchor or query read into it", "[links]") {
  test::TempProject project({{"opskit.yaml", "site:\n  title: Links\n"},
                             {"content/index.md", "---\ntitle: Home\n---\n[x](https://example.com/a?b=c#d) [y](//cdn.example.com/x)\n"}});
  DiagnosticSink sink;
  auto config = load_project(project.root(), sink);
  REQUIRE(config);
  Model model = build_model(std::move(*config), ModelOptions{}, sink);
  REQUIRE(model.pages.size() == 1);
  const auto& links = model.pages[0].body.links;
  REQUIRE(links.size() == 2);
  REQUIRE(model.pages[0].link_targets.size() == 2);
  for (const auto& link : links) {
    auto kept = link_target(model, 0, link);
    CHECK(kept.kind == LinkTarget::Kind::external);
    check_same_target(kept, resolve_link(model, 0, link.url));
  }
}

TEST_CASE("links: the index and its findings are the same for any number of jobs", "[links]") {
  // build_index fills its tables on one thread while the others gather the pages' anchors, each
  // reporting into a sink of its own: duplicate ids and duplicate anchors on many pages must come
  // out the same, in the same order, and the anchors and lookups must not depend on the threads.
  std::map<std::string, std::string> files{{"opskit.yaml", "site:\n  title: Index\n"},
                                           {"content/index.md", "---\ntitle: Home\n---\nHome.\n"}};
  for (int p = 0; p < 300; ++p)
    files["content/p" + std::to_string(p) + ".md"] = "---\ntitle: P" + std::to_string(p) + "\nid: id-" +
                                                     std::to_string(p % 120) + "\n---\n## One {#same}\n\n## Two {#same}\n\n## Only " +
                                                     std::to_string(p) + "\n";
  test::TempProject project(files);
  DiagnosticSink load;
  auto model = test::checked_model(project.root(), load);
  auto describe = [](const DiagnosticSink& sink) {
    std::string out;
    for (const auto& d : sink.sorted()) out += d.file + ":" + std::to_string(d.line) + " " + d.rule + " " + d.message + "\n";
    return out;
  };
  DiagnosticSink serial_sink;
  auto serial = build_index(model.pages, model.sources.statics, serial_sink, 1);
  CHECK(test::with_rule(serial_sink, "index.duplicate-id").size() == 180);
  // 300 found: the first 200 (the per-rule limit) and a line counting the other 100.
  CHECK(test::with_rule(serial_sink, "index.duplicate-anchor").size() == 201);
  // The 200 kept are those of the first 200 pages in page order (pages report in that order).
  std::set<std::string> first_pages, kept;
  for (const auto& page : model.pages)
    if (page.file != "content/index.md" && first_pages.size() < 200) first_pages.insert(page.file);
  for (const auto& d : test::with_rule(serial_sink, "index.duplicate-anchor"))
    if (!d.file.empty()) kept.insert(d.file);
  CHECK(kept == first_pages);
  for (int jobs : {2, 4}) {
    INFO("jobs " << jobs);
    DiagnosticSink sink;
    auto index = build_index(model.pages, model.sources.statics, sink, jobs);
    CHECK(describe(sink) == describe(serial_sink));
    CHECK(index.anchors == serial.anchors);
    CHECK(index.by_id == serial.by_id);
    CHECK(index.by_file == serial.by_file);
    CHECK(index.by_path == serial.by_path);
    CHECK(index.ids == serial.ids);
  }
}
