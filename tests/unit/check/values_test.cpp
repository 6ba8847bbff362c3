// Shared values (issue 19): content/data/values.yaml and tagging.yaml's values, inserted in pages
// by :value[key]; value.unknown and values.invalid on tests/fixtures/operating-model/values.
#include <catch2/catch.hpp>

#include <algorithm>

#include "check/operating_model_rules.hpp"
#include "model/model.hpp"
#include "parse/directive_registry.hpp"
#include "parse/operating_model_data.hpp"
#include "pipeline/build_model.hpp"
#include "project/config.hpp"
#include "render/operating_model_views.hpp"
#include "render/render_body.hpp"
#include "resolve/link_target.hpp"

namespace {

using namespace opskit;

const std::string kFixture = std::string(OPSKIT_SOURCE_DIR) + "/tests/fixtures/operating-model/values";

struct Loaded {
  Model model;
  OperatingModel om;
  std::vector<Diagnostic> findings;
};

Loaded load() {
  DiagnosticSink sink;
  auto config = load_project(kFixture, sink);
  REQUIRE(config);
  Loaded out{build_model(std::move(*config), ModelOptions{}, sink), {}, {}};
  check_links(out.model, sink);
  out.om = load_operating_model(out.model, sink);
  check_operating_model(out.model, out.om, sink, std::chrono::sys_days{std::chrono::year{2026} / 12 / 6});
  out.findings = sink.sorted();
  return out;
}

std::string describe_all(const std::vector<Diagnostic>& list) {
  std::string out;
  for (const auto& d : list)
    out += d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message + " [" + d.rule + "]\n";
  return out;
}

Directive value_directive(const std::string& key, bool code = false) {
  Directive d;
  d.form = DirectiveForm::text;
  d.name = "value";
  d.label = key;
  d.has_label = true;
  d.source = ":value[" + key + "]" + (code ? "{code}" : "");
  if (code) d.attrs.values.push_back({"code", ""});
  return d;
}

}  // namespace

TEST_CASE("values.yaml and tagging.yaml give the shared values by dotted key", "[values]") {
  auto loaded = load();
  const auto& om = loaded.om;
  CHECK(om.values_file == "content/data/values.yaml");
  REQUIRE(om.value("change.calendar"));
  CHECK(om.value("change.calendar")->text == "opskit-prod-change-calendar");
  CHECK(om.value("change.calendar")->pos.file == "content/data/values.yaml");
  CHECK(om.value("change.calendar")->pos.line == 3);
  CHECK(om.value("change.calendar")->pos.column == 13);
  REQUIRE(om.value("incident.p1_first_update"));
  CHECK(om.value("incident.p1_first_update")->text == "15 minutes");
  // The tagging values come from tagging.yaml: values.yaml's tagging: 3 is refused, not read.
  REQUIRE(om.value("tagging.untagged_spend_max_percent"));
  CHECK(om.value("tagging.untagged_spend_max_percent")->text == "5");
  CHECK(om.value("tagging.untagged_spend_max_percent")->pos.file == "content/data/tagging.yaml");
  REQUIRE(om.value("tagging.mandatory_keys"));
  CHECK(om.value("tagging.mandatory_keys")->text == "CostCentre, Owner");
  // A map is not a value; the malformed entries are left out.
  CHECK_FALSE(om.value("change"));
  CHECK_FALSE(om.value("contacts"));
  CHECK_FALSE(om.value("empty"));
  CHECK_FALSE(om.value("Calendar"));
  CHECK(om.values.size() == 6);
}

TEST_CASE("value.unknown and values.invalid are reported at their file line and column", "[values]") {
  auto loaded = load();
  INFO(describe_all(loaded.findings));
  struct Expected {
    const char* rule;
    const char* file;
    int line, column;
    const char* says;
  };
  const std::vector<Expected> expected = {
      {"value.unknown", "content/index.md", 15, 11, "did you mean 'change.calendar'?"},
      {"value.unknown", "content/index.md", 15, 45, "did you mean 'incident.p1_first_update'?"},
      {"value.unknown", "content/index.md", 15, 86, ":value names no key"},
      {"values.invalid", "content/data/values.yaml", 10, 11, "not a list"},
      {"values.invalid", "content/data/values.yaml", 11, 1, "not empty"},
      {"values.invalid", "content/data/values.yaml", 12, 1, "key 'Calendar' may hold only lower-case"},
      {"values.invalid", "content/data/values.yaml", 13, 1, "come from content/data/tagging.yaml"},
  };
  for (const auto& e : expected) {
    INFO(e.rule << " at " << e.file << ":" << e.line << ":" << e.column);
    auto it = std::find_if(loaded.findings.begin(), loaded.findings.end(), [&](const Diagnostic& d) {
      return d.rule == e.rule && d.file == e.file && d.line == e.line && d.column == e.column;
    });
    REQUIRE(it != loaded.findings.end());
    CHECK_THAT(it->message, Catch::Contains(e.says));
    CHECK(it->severity == Severity::error);
  }
  // The code span's :value[no.such] is not a directive, and nothing else is reported.
  CHECK(loaded.findings.size() == expected.size());
}

TEST_CASE("a :value directive renders its value HTML-escaped where it is written", "[values]") {
  auto loaded = load();
  REQUIRE(find_directive("value"));
  CHECK(find_directive("value")->role == DirectiveRole::view);
  const auto& om = loaded.om;

  SECTION("one directive") {
    CHECK(shared_value_html(om, value_directive("change.calendar")) == "opskit-prod-change-calendar");
    CHECK(shared_value_html(om, value_directive("change.calendar", true)) == "<code>opskit-prod-change-calendar</code>");
    CHECK(shared_value_html(om, value_directive("operations_review.chair")) ==
          "R&amp;D &lt;Head of &quot;Cloud&quot; Operations&gt;");
    CHECK(shared_value_html(om, value_directive(" incident.p1_first_update ")) == "15 minutes");
    // An unknown key stays visible as written (the check reports it).
    CHECK(shared_value_html(om, value_directive("no.such")) == "<span class=\"directive-unknown\">:value[no.such]</span>");
  }

  SECTION("a page's body, through the view hook every output uses") {
    auto page = std::find_if(loaded.model.pages.begin(), loaded.model.pages.end(),
                             [](const Page& p) { return p.file == "content/index.md"; });
    REQUIRE(page != loaded.model.pages.end());
    BodyRenderContext ctx;
    ctx.view_html = [&](const Directive& d) {
      return render_operating_model_view(loaded.model, om, d, [](const std::string&) { return std::string(); });
    };
    auto html = render_body(*page, ctx).html;
    INFO(html);
    CHECK_THAT(html, Catch::Contains("Freezes are events in <code>opskit-prod-change-calendar</code>; the first P1 update"));
    CHECK_THAT(html, Catch::Contains("within\n15 minutes of declaration."));
    CHECK_THAT(html, Catch::Contains("<td>The monthly operations review</td>"));
    CHECK_THAT(html, Catch::Contains("<td>R&amp;D &lt;Head of &quot;Cloud&quot; Operations&gt;</td>"));
    CHECK_THAT(html, Catch::Contains("Untagged spend stays under 5 %; every resource carries\nCostCentre, Owner."));
    CHECK_THAT(html, Catch::Contains("Misspelt: <span class=\"directive-unknown\">:value[change.calender]</span>"));
    CHECK_THAT(html, Catch::Contains("<code>:value[no.such]</code>"));
    CHECK(html.find("opskit:") == std::string::npos);  // no placeholder left behind
  }
}
