// Issue 14, defect 1: no script through links. Every link form and every attribute rendered as
// Markdown, in both raw_html modes, on the site and in the package's single-file HTML.
#include <catch2/catch.hpp>

#include <zip.h>

#include "pipeline/pipeline.hpp"
#include "support/files.hpp"
#include "support/strings.hpp"
#include "support/url_scheme.hpp"
#include "test_support.hpp"

using namespace opskit;
namespace fs = std::filesystem;

TEST_CASE("url schemes: read as a browser reads them", "[security]") {
  CHECK(browser_scheme("javascript:alert(1)", false) == "javascript");
  CHECK(browser_scheme("JaVaScRiPt:alert(1)", false) == "javascript");
  CHECK(browser_scheme("  java\tscr\nipt:alert(1)", false) == "javascript");
  CHECK(browser_scheme("\x01javascript:x", false) == "javascript");
  CHECK(browser_scheme("&#106;avascript:x", true) == "javascript");
  CHECK(browser_scheme("&#x6A;avascript&colon;x", true) == "javascript");
  CHECK(browser_scheme("java&Tab;script:x", true) == "javascript");
  CHECK(browser_scheme("java&madeup;script:x", true) == "?");
  // A reference that decodes to a newline, then the newline taken out; both steps on one URL.
  CHECK(browser_scheme("java&#10;script:x", true) == "javascript");
  CHECK(browser_scheme(" \tjava\rscript&#58;x", true) == "javascript");
  CHECK(browser_scheme("java&#10;script:x", false).empty());
  CHECK(browser_scheme("&ouml;&ouml;.html", true).empty());
  CHECK(browser_scheme("../runbooks/patch.md#rollback", false).empty());
  CHECK(browser_scheme("a/b:c", false).empty());
  CHECK(browser_scheme("#x:y", false).empty());
  CHECK(browser_scheme("?q=a:b", false).empty());

  std::vector<std::string> none;
  CHECK(url_allowed("https://aws.amazon.com/", UrlUse::link, none));
  CHECK(url_allowed("HTTP://example.com", UrlUse::link, none));
  CHECK(url_allowed("mailto:ops@example.com", UrlUse::link, none));
  CHECK(url_allowed("xref:runbooks/patch", UrlUse::link, none));
  CHECK(url_allowed("//cdn.example.com/x.png", UrlUse::image, none));
  CHECK(url_allowed("data:image/png;base64,AAAA", UrlUse::image, none));
  CHECK_FALSE(url_allowed("data:image/png;base64,AAAA", UrlUse::link, none));
  CHECK_FALSE(url_allowed("data:text/html,<script>alert(1)</script>", UrlUse::image, none));
  CHECK_FALSE(url_allowed("javascript:alert(1)", UrlUse::link, none));
  CHECK_FALSE(url_allowed("vbscript:x", UrlUse::link, none));
  CHECK_FALSE(url_allowed("file:///etc/passwd", UrlUse::link, none));
  CHECK_FALSE(url_allowed("tel:+15555550100", UrlUse::link, none));
  CHECK(url_allowed("tel:+15555550100", UrlUse::link, {"tel"}));
  // A project cannot allow script, even by asking.
  CHECK_FALSE(url_allowed("javascript:alert(1)", UrlUse::link, {"javascript"}));
}

namespace {

std::string zip_entry(const fs::path& zip_path, const std::string& name) {
  int error = 0;
  zip_t* z = zip_open(zip_path.c_str(), ZIP_RDONLY, &error);
  REQUIRE(z);
  zip_stat_t st;
  REQUIRE(zip_stat(z, name.c_str(), 0, &st) == 0);
  std::string bytes(st.size, '\0');
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  REQUIRE(f);
  REQUIRE(zip_fread(f, bytes.data(), st.size) == static_cast<zip_int64_t>(st.size));
  zip_fclose(f);
  zip_close(z);
  return bytes;
}

// What must never be written: a script URL in an attribute, or raw HTML with a handler.
void expect_inert(const std::string& html, const std::string& where) {
  INFO(where);
  auto lower = to_lower(html);
  for (const char* bad : {"href=\"javascript", "src=\"javascript", "href='javascript", "href=\"vbscript",
                          "href=\"data:text", "<svg onload", "<img src=x onerror", "<a href=\"&#106;"})
    CHECK(lower.find(bad) == std::string::npos);
  CHECK(html.find("#blocked-url") != std::string::npos);
}

struct Built {
  DiagnosticSink sink;
  RunResult result;
};

void build_fixture(const std::string& variant, const fs::path& out, Built& b, std::vector<std::string> rules) {
  RunOptions options;
  options.root = test::fixtures_dir() / "hostile" / variant;
  options.out = out;
  options.rule_overrides = std::move(rules);
  b.result = run_build(options, b.sink);
}

}  // namespace

TEST_CASE("hostile links: every script URL is an error at its source", "[security]") {
  for (const char* variant : {"untrusted", "trusted"}) {
    Built b;
    auto out = fs::temp_directory_path() / ("opskit-hostile-check-" + std::string(variant));
    fs::remove_all(out);
    build_fixture(variant, out, b, {});
    INFO(variant << "\n" << test::describe(b.sink));
    CHECK(b.result.code == ExitCode::content_errors);
    auto found = test::with_rule(b.sink, "link.scheme");
    // 13 payloads shared by both pages, plus the raw <a href> ones of each.
    CHECK(found.size() == (std::string(variant) == "trusted" ? 18u : 14u));
    for (const auto& d : found) {
      CHECK(d.severity == Severity::error);
      CHECK(d.file == "content/index.md");
      CHECK(d.line > 0);
      CHECK(d.column > 0);
    }
    CHECK_FALSE(fs::exists(out / "site"));  // errors: nothing written
  }
}

TEST_CASE("hostile links: with the rule lowered / the outputs still carry no script", "[security]") {
  for (const char* variant : {"untrusted", "trusted"}) {
    Built b;
    auto out = fs::temp_directory_path() / ("opskit-hostile-build-" + std::string(variant));
    fs::remove_all(out);
    build_fixture(variant, out, b, {"link.scheme=warning"});
    INFO(variant << "\n" << test::describe(b.sink));
    REQUIRE(b.result.code == ExitCode::ok);
    auto site = read_file(out / "site" / "index.html");
    REQUIRE(site);
    expect_inert(*site, std::string(variant) + " site");
    auto single = zip_entry(out / "packages" / "hostile-1.0.0.zip", "hostile.html");
    expect_inert(single, std::string(variant) + " package single-file HTML");
    auto offline = zip_entry(out / "packages" / "hostile-1.0.0.zip", "site/index.html");
    expect_inert(offline, std::string(variant) + " package site");
    if (std::string(variant) == "untrusted") {
      // raw_html: false: the header attributes' HTML is text, not markup.
      CHECK(site->find("&lt;svg onload=alert(20)&gt;") != std::string::npos);
      CHECK(site->find("&lt;img src=x onerror=alert(21)&gt;") != std::string::npos);
    }
    fs::remove_all(out);
  }
}
