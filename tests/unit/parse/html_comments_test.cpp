// Issue 18: nothing inside an HTML comment (block or inline) is a link, an image, a heading or a
// directive for any rule, and none of it reaches the site; comments inside code stay code.
#include <catch2/catch.hpp>

#include <string>

#include "model/model.hpp"
#include "parse/directive_blocks.hpp"
#include "outputs/site/site_builder.hpp"
#include "resolve/link_target.hpp"
#include "test_support.hpp"

using namespace opskit;

namespace {

const char* const kPage = R"(---
title: Home
weight: 1
---

Before.

<!--
:button[Register for the event]{href="aws-event"}

[x](missing)

![img](/static/nothere.png)

## Hidden heading

:::alert{type="info"}
Hidden alert
:::
-->

Text <!-- [y](missing-inline) :link[z]{href=nowhere} --> after <!--> still [shown](/).

```html
<!-- kept in code -->
```

:::code{language=html}
<!-- kept in a code directive -->
:::

`<!-- kept in a code span -->` and [real](/)
)";

}  // namespace

TEST_CASE("comments: blank_html_comments keeps lines and columns / and leaves code alone", "[comments]") {
  CHECK(blank_html_comments("a <!-- [x](y) --> b") == "a                 b");
  CHECK(blank_html_comments("<!--\n:::x\n-->\nz") == "    \n    \n   \nz");
  CHECK(blank_html_comments("```\n<!-- c -->\n```") == "```\n<!-- c -->\n```");
  CHECK(blank_html_comments("`<!-- c -->` <!---> [a](b)") == "`<!-- c -->`        [a](b)");
  CHECK(blank_html_comments("\\<!-- not a comment -->") == "\\<!-- not a comment -->");
}

TEST_CASE("comments: links / directives and headings inside comments are nothing / in the site too", "[comments]") {
  test::TempProject project({
      {"contentspec.yaml", "version: 2.0\ndefaultLocaleCode: en-US\nlocaleCodes:\n  - en-US\n"},
      {"content/index.en.md", kPage},
  });
  DiagnosticSink sink;
  auto model = test::checked_model(project.root(), sink);
  INFO(test::describe(sink));
  CHECK(sink.sorted().empty());
  REQUIRE(model.pages.size() == 1);
  const auto& body = model.pages[0].body;
  CHECK(body.headings.empty());
  REQUIRE(body.directives.size() == 1);
  CHECK(body.directives[0].name == "code");
  for (const auto& link : body.links) {
    CHECK(link.url.find("missing") == std::string::npos);
    CHECK(link.url.find("aws-event") == std::string::npos);
  }

  auto theme = load_theme(test::source_dir() / "site-theme", sink);
  REQUIRE(theme);
  auto tree = build_site(model, *theme, SiteOptions{}, sink);
  auto page = tree.find(site_page_path(model.pages[0]));
  REQUIRE(page != tree.end());
  const auto& html = page->second.bytes;
  for (const char* hidden : {"Register", "aws-event", "missing", "nothere", "Hidden", "nowhere"}) {
    INFO(hidden);
    CHECK(html.find(hidden) == std::string::npos);
  }
  for (const char* shown : {"Before.", "after", "still", "kept in code", "kept in a code directive", "kept in a code span"}) {
    INFO(shown);
    CHECK(html.find(shown) != std::string::npos);
  }
}
