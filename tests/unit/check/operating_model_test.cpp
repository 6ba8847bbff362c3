#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <regex>
#include <set>

#include "model/model.hpp"
#include "pipeline/build_model.hpp"
#include "check/operating_model_rules.hpp"
#include "diagnostics/rule_registry.hpp"
#include "parse/operating_model_data.hpp"
#include "project/config.hpp"
#include "render/operating_model_views.hpp"
#include "resolve/link_target.hpp"
#include "support/strings.hpp"

namespace {

using namespace opskit;
using std::chrono::sys_days;

const std::string kFixtures = std::string(OPSKIT_SOURCE_DIR) + "/tests/fixtures/operating-model/";
const sys_days kToday = sys_days{std::chrono::year{2026} / 11 / 26};

struct Loaded {
  Model model;
  OperatingModel om;
  std::vector<Diagnostic> load_findings;  // from loading the project and its data
  std::vector<Diagnostic> findings;       // from load_operating_model and check_operating_model
};

Loaded load(const std::string& root, sys_days today = kToday) {
  DiagnosticSink sink;
  auto config = load_project(root, sink);
  REQUIRE(config);
  Loaded out{build_model(std::move(*config), ModelOptions{}, sink), {}, {}, {}};
  check_links(out.model, sink);
  out.load_findings = sink.sorted();
  DiagnosticSink om_sink;
  om_sink.set_rule_levels(out.model.config.rule_levels);
  out.om = load_operating_model(out.model, om_sink);
  check_operating_model(out.model, out.om, om_sink, today);
  out.findings = om_sink.sorted();
  return out;
}

std::string describe(const Diagnostic& d) {
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + severity_name(d.severity) +
         ": " + d.message + " [" + d.rule + "]";
}

std::string describe_all(const std::vector<Diagnostic>& list) {
  std::string out;
  for (const auto& d : list) out += describe(d) + "\n";
  return out;
}

struct Expected {
  const char* rule;
  const char* file;
  int line, column;
};

bool reported(const std::vector<Diagnostic>& list, const Expected& e) {
  return std::any_of(list.begin(), list.end(), [&](const Diagnostic& d) {
    return d.rule == e.rule && d.file == e.file && d.line == e.line && d.column == e.column;
  });
}

// The families of the rules that load_operating_model and check_operating_model report.
const std::set<std::string> kOperatingModelFamilies = {"runbook", "playbook", "sop", "review", "tooling", "raci", "sla",
                                                       "ola", "framework", "wa", "data", "tagging", "sources",
                                                       "value", "values"};

Severity default_level(const std::string& rule) {
  const RuleInfo* r = find_rule(rule);
  if (!r) FAIL("rule " << rule << " is not in the rule registry");
  CHECK(kOperatingModelFamilies.count(std::string(r->family)));
  return r->level;
}

// The text of each body row's first cell (<th scope="row">), tags stripped, entities decoded.
std::vector<std::string> row_heads(const std::string& html) {
  static const std::regex row(R"(<tr><th scope="row">(.*?)</th>)");
  static const std::regex tag("<[^>]*>");
  std::vector<std::string> out;
  for (std::sregex_iterator it(html.begin(), html.end(), row), end; it != end; ++it) {
    auto text = std::regex_replace((*it)[1].str(), tag, "");
    text = replace_all(text, "&quot;", "\"");
    text = replace_all(text, "&lt;", "<");
    text = replace_all(text, "&gt;", ">");
    out.push_back(replace_all(text, "&amp;", "&"));
  }
  return out;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks; records end in CRLF.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, bare_lf = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(field), field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      record.push_back(field), field.clear();
      records.push_back(record), record.clear();
      ++i;
    } else {
      bare_lf = bare_lf || c == '\n';  // a bare LF outside quotes is not a record end
      field += c;
    }
  }
  CHECK_FALSE(bare_lf);
  REQUIRE(field.empty());
  REQUIRE(record.empty());
  return records;
}

std::vector<std::string> column(const std::vector<std::vector<std::string>>& records, const std::string& name) {
  REQUIRE(!records.empty());
  const auto& header = records.front();
  auto at = std::find(header.begin(), header.end(), name);
  REQUIRE(at != header.end());
  auto index = static_cast<std::size_t>(at - header.begin());
  std::vector<std::string> out;
  for (std::size_t i = 1; i < records.size(); ++i) out.push_back(records[i].at(index));
  return out;
}

Directive directive(const std::string& name, std::vector<std::pair<std::string, std::string>> attrs = {}) {
  Directive d;
  d.form = DirectiveForm::leaf;
  d.name = name;
  d.attrs.values = std::move(attrs);
  return d;
}

}  // namespace

TEST_CASE("a kit that meets every operating-model rule has no findings", "[operating-model]") {
  auto loaded = load(kFixtures + "clean");
  INFO(describe_all(loaded.load_findings) + describe_all(loaded.findings));
  CHECK(loaded.load_findings.empty());
  CHECK(loaded.findings.empty());
  CHECK(loaded.om.roles.size() == 4);
  CHECK(loaded.om.tooling.size() == 16);
  CHECK(loaded.om.activities.size() == 4);
  CHECK(loaded.om.targets.size() == 2);
  CHECK(loaded.om.framework.size() == 5);
}

TEST_CASE("a bare Workshop Studio repository gets no operating-model findings", "[operating-model]") {
  auto loaded = load(kFixtures + "bare-workshop");
  INFO(describe_all(loaded.load_findings) + describe_all(loaded.findings));
  CHECK(loaded.model.config.bare_workshop);
  CHECK_FALSE(loaded.om.has_any_data());
  CHECK(loaded.findings.empty());
  CHECK(operating_model_csv(loaded.om).empty());
}

TEST_CASE("every broken operating-model rule is reported with its rule id and position", "[operating-model]") {
  auto loaded = load(kFixtures + "broken");
  const auto& found = loaded.findings;
  INFO(describe_all(found));
  CHECK(loaded.load_findings.empty());

  const std::vector<Expected> expected = {
      // Runbooks (OPS07-BP03).
      {"runbook.missing-section", "content/runbooks/no-validation.md", 1, 1},
      {"runbook.no-numbered-steps", "content/runbooks/no-steps.md", 12, 1},
      {"runbook.owner", "content/runbooks/no-owner.md", 1, 1},
      {"runbook.owner", "content/runbooks/unknown-owner.md", 5, 1},
      {"runbook.unknown-area", "content/runbooks/bad-area.md", 5, 1},
      {"runbook.last-reviewed", "content/runbooks/minimal.md", 1, 1},
      {"review.invalid-date", "content/runbooks/bad-date.md", 6, 1},
      {"runbook.stale", "content/runbooks/stale.md", 6, 1},
      {"runbook.trigger", "content/runbooks/minimal.md", 1, 1},
      {"runbook.rollback", "content/runbooks/minimal.md", 1, 1},
      {"runbook.automation", "content/runbooks/minimal.md", 1, 1},
      // Playbooks (OPS07-BP04).
      {"playbook.missing-section", "content/playbooks/no-stakeholders.md", 1, 1},
      {"playbook.no-runbook-link", "content/playbooks/no-runbook-link.md", 13, 1},
      {"playbook.unknown-area", "content/playbooks/no-runbook-link.md", 5, 1},
      {"playbook.owner", "content/playbooks/no-owner.md", 1, 1},
      // SOPs.
      {"sop.missing-section", "content/sops/no-records.md", 1, 1},
      {"sop.framework-area", "content/sops/bad-framework-area.md", 5, 1},
      {"sop.framework-area", "content/sops/no-owner.md", 1, 1},
      {"sop.owner", "content/sops/no-owner.md", 1, 1},
      {"sop.stale", "content/sops/bad-framework-area.md", 6, 1},
      {"review.invalid-date", "content/sops/no-owner.md", 4, 1},
      // Tooling map.
      {"tooling.area-missing", "content/data/tooling-map.yaml", 2, 1},
      {"tooling.unknown-area", "content/data/tooling-map.yaml", 32, 9},
      {"tooling.unknown-area", "content/tooling-page.md", 4, 1},
      {"tooling.criterion-missing", "content/data/tooling-map.yaml", 10, 5},
      {"tooling.criterion-missing", "content/data/tooling-map.yaml", 29, 7},
      {"tooling.criterion-missing", "content/data/tooling-map.yaml", 32, 5},
      {"tooling.no-runbook", "content/data/tooling-map.yaml", 31, 5},
      {"tooling.no-tool", "content/data/tooling-map.yaml", 21, 5},
      {"tooling.owner", "content/data/tooling-map.yaml", 32, 5},
      // RACI.
      {"raci.accountable", "content/data/raci.yaml", 5, 5},
      {"raci.accountable", "content/data/raci.yaml", 12, 7},
      {"raci.accountable", "content/data/raci.yaml", 30, 5},
      {"raci.responsible", "content/data/raci.yaml", 17, 5},
      {"raci.letter", "content/data/raci.yaml", 25, 34},
      {"raci.letter", "content/data/raci.yaml", 31, 33},
      {"raci.unknown-role", "content/data/raci.yaml", 26, 7},
      {"raci.unknown-group", "content/data/raci.yaml", 22, 12},
      {"raci.accountable-share", "content/data/raci.yaml", 11, 7},
      // SLA/OLA.
      {"sla.field-missing", "content/data/sla.yaml", 2, 9},
      {"sla.threshold", "content/data/sla.yaml", 6, 24},
      {"sla.threshold", "content/data/sla.yaml", 17, 21},
      {"sla.threshold", "content/data/sla.yaml", 25, 16},
      {"sla.threshold", "content/data/sla.yaml", 33, 16},
      {"sla.threshold", "content/data/sla.yaml", 33, 39},
      {"ola.supports", "content/data/sla.yaml", 14, 15},
      // Framework.
      {"framework.area-missing", "content/data/framework.yaml", 1, 1},
      {"framework.unknown-area", "content/data/framework.yaml", 10, 9},
      {"framework.no-sop", "content/data/framework.yaml", 9, 5},
      // Well-Architected.
      {"wa.unknown-practice", "content/index.md", 5, 5},
      {"wa.area-uncovered", "", 0, 0},
      // References and types in the data files.
      {"data.unknown-page", "content/data/tooling-map.yaml", 17, 31},
      {"data.page-kind", "content/data/tooling-map.yaml", 6, 11},
      {"data.page-kind", "content/data/tooling-map.yaml", 18, 12},
      {"data.unknown-role", "content/data/tooling-map.yaml", 20, 12},
      {"data.unknown-role", "content/data/framework.yaml", 8, 13},
      {"data.invalid", "content/data/tooling-map.yaml", 9, 15},
      {"data.invalid", "content/data/sla.yaml", 31, 11},
      {"data.unknown-key", "content/data/tooling-map.yaml", 30, 7},
      {"data.unknown-key", "content/data/sla.yaml", 10, 5},
      {"data.duplicate-id", "content/data/raci.yaml", 27, 9},
      {"data.missing-field", "content/data/roles.yaml", 11, 5},
      // Consistency: the playbook's owner holds no A or R in the logging rows.
      {"raci.owner-accountable", "content/playbooks/no-stakeholders.md", 4, 1},
  };
  for (const auto& e : expected) {
    INFO(e.rule << " at " << e.file << ":" << e.line << ":" << e.column);
    CHECK(reported(found, e));
  }
  // Nothing else: every finding is one of the expected ones.
  for (const auto& d : found) {
    INFO(describe(d));
    CHECK(std::any_of(expected.begin(), expected.end(), [&](const Expected& e) {
      return d.rule == e.rule && d.file == e.file && d.line == e.line && d.column == e.column;
    }));
  }
  auto area_missing = std::count_if(found.begin(), found.end(),
                                    [](const Diagnostic& d) { return d.rule == "tooling.area-missing"; });
  CHECK(area_missing == 14);
  auto framework_missing = std::count_if(found.begin(), found.end(),
                                         [](const Diagnostic& d) { return d.rule == "framework.area-missing"; });
  CHECK(framework_missing == 3);
  auto uncovered = std::find_if(found.begin(), found.end(), [](const Diagnostic& d) { return d.rule == "wa.area-uncovered"; });
  REQUIRE(uncovered != found.end());
  CHECK_THAT(uncovered->message, Catch::Contains("Evolve"));
  auto wa = std::find_if(found.begin(), found.end(), [](const Diagnostic& d) { return d.rule == "wa.unknown-practice"; });
  REQUIRE(wa != found.end());
  CHECK_THAT(wa->message, Catch::Contains("OPS02-BP07") && Catch::Contains("BP01 to BP06"));
  auto unknown_key = std::find_if(found.begin(), found.end(), [](const Diagnostic& d) {
    return d.rule == "data.unknown-key" && d.file == "content/data/sla.yaml";
  });
  REQUIRE(unknown_key != found.end());
  CHECK_THAT(unknown_key->message, Catch::Contains("did you mean 'breach_action'?"));

  // Each finding carries its rule's default level.
  for (const auto& d : found) {
    INFO(describe(d));
    CHECK(d.severity == default_level(d.rule));
  }
}

TEST_CASE("the fixtures break every operating-model rule", "[operating-model]") {
  std::set<std::string> seen;
  for (const char* fixture : {"broken", "no-roles", "consistency", "values"})
    for (const auto& d : load(kFixtures + fixture).findings) seen.insert(d.rule);
  std::size_t rules = 0;
  for (const auto& rule : all_rules()) {
    if (!kOperatingModelFamilies.count(std::string(rule.family))) continue;
    ++rules;
    INFO(rule.id);
    CHECK(seen.count(std::string(rule.id)));
  }
  CHECK(rules >= 52);  // the families above hold the operating-model rules
}

TEST_CASE("the consistency rules report each planted contradiction and none of the lookalikes", "[operating-model]") {
  auto loaded = load(kFixtures + "consistency");
  INFO(describe_all(loaded.load_findings) + describe_all(loaded.findings));
  CHECK(loaded.om.tagging_file == "content/data/tagging.yaml");
  CHECK(loaded.om.tag_keys.size() == 3);
  const std::vector<Expected> expected = {
      // The runbook's owner holds no A or R in the service-incident-management rows.
      {"raci.owner-accountable", "content/runbooks/owner-not-accountable.md", 5, 1},
      // Tag keys: wrong case after --tags, an unknown filter key, a CloudFormation key spelt the
      // American way, an unknown key, and an IAM condition key outside the fixture's standard.
      {"tagging.unknown-key", "content/runbooks/owner-not-accountable.md", 28, 17},
      {"tagging.unknown-key", "content/runbooks/owner-not-accountable.md", 30, 51},
      {"tagging.unknown-key", "content/static/cfn/bucket.yaml", 7, 16},
      {"tagging.unknown-key", "content/static/cfn/bucket.yaml", 11, 16},
      {"tagging.unknown-key", "content/static/cfn/bucket.yaml", 23, 33},
      // Incident Manager named with no open path: in an SOP and in an SLA's source.
      {"tooling.closed-only-path", "content/framework/sops/major-incident.md", 11, 32},
      {"tooling.closed-only-path", "content/data/sla.yaml", 10, 5},
      // Sources: no URL (twice), one source without a date, one checked too long ago.
      {"sources.missing-url", "content/runbooks/owner-not-accountable.md", 51, 1},
      {"sources.missing-url", "content/sources-only-names.md", 7, 1},
      {"sources.undated", "content/runbooks/owner-not-accountable.md", 54, 3},
      {"sources.stale", "content/runbooks/owner-not-accountable.md", 55, 3},
  };
  for (const auto& e : expected) {
    INFO(e.rule << " at " << e.file << ":" << e.line << ":" << e.column);
    CHECK(reported(loaded.findings, e));
  }
  // Nothing else: the provisioning parameters, target group attributes, patch filters, tag: IAM
  // actions, the Incident Manager role and the SOP that also names the ITSM path are not reported.
  CHECK(loaded.findings.size() == expected.size());
  for (const auto& d : loaded.findings) {
    INFO(describe(d));
    CHECK(d.severity == default_level(d.rule));
  }
  auto find = [&](const std::string& rule, const std::string& file) {
    return std::find_if(loaded.findings.begin(), loaded.findings.end(),
                        [&](const Diagnostic& d) { return d.rule == rule && d.file == file; });
  };
  auto owner = find("raci.owner-accountable", "content/runbooks/owner-not-accountable.md");
  REQUIRE(owner != loaded.findings.end());
  CHECK_THAT(owner->message, Catch::Contains("security-lead") && Catch::Contains("incident-manager"));
  auto key = find("tagging.unknown-key", "content/static/cfn/bucket.yaml");
  REQUIRE(key != loaded.findings.end());
  CHECK_THAT(key->message, Catch::Contains("'CostCenter'") && Catch::Contains("did you mean 'CostCentre'?"));
  auto closed = find("tooling.closed-only-path", "content/framework/sops/major-incident.md");
  REQUIRE(closed != loaded.findings.end());
  CHECK_THAT(closed->message, Catch::Contains("2025-11-07") && Catch::Contains("ITSM"));
}

TEST_CASE("a source is stale one day after the review period", "[operating-model]") {
  using std::chrono::days;
  const auto checked = sys_days{std::chrono::year{2026} / 11 / 20};  // consistency fixture, first source
  auto stale_in = [&](sys_days today) {
    auto loaded = load(kFixtures + "consistency", today);
    return std::any_of(loaded.findings.begin(), loaded.findings.end(), [](const Diagnostic& d) {
      return d.rule == "sources.stale" && d.file == "content/runbooks/owner-not-accountable.md" && d.line == 53;
    });
  };
  CHECK_FALSE(stale_in(checked + days{180}));
  CHECK(stale_in(checked + days{181}));
}

TEST_CASE("data naming roles without roles.yaml is reported once per file", "[operating-model]") {
  auto loaded = load(kFixtures + "no-roles");
  INFO(describe_all(loaded.findings));
  REQUIRE(loaded.findings.size() == 1);
  CHECK(reported(loaded.findings, {"data.missing-file", "content/data/raci.yaml", 1, 1}));
}

TEST_CASE("opskit.yaml rule levels apply to operating-model findings", "[operating-model]") {
  DiagnosticSink sink;
  auto config = load_project(kFixtures + "broken", sink);
  REQUIRE(config);
  config->rule_levels["runbook.stale"] = RuleLevel::off;
  config->rule_levels["raci.accountable-share"] = RuleLevel::error;
  auto model = build_model(std::move(*config), ModelOptions{}, sink);
  auto om = load_operating_model(model, sink);
  check_operating_model(model, om, sink, kToday);
  auto all = sink.sorted();
  CHECK(std::none_of(all.begin(), all.end(), [](const Diagnostic& d) { return d.rule == "runbook.stale"; }));
  auto share = std::find_if(all.begin(), all.end(), [](const Diagnostic& d) { return d.rule == "raci.accountable-share"; });
  REQUIRE(share != all.end());
  CHECK(share->severity == Severity::error);
}

TEST_CASE("last_reviewed is stale one day after the review period", "[operating-model]") {
  using std::chrono::days;
  const auto reviewed = sys_days{std::chrono::year{2026} / 10 / 1};  // clean/content/runbooks/restart-service.md
  auto stale_in = [&](sys_days today) {
    auto loaded = load(kFixtures + "clean", today);
    return std::any_of(loaded.findings.begin(), loaded.findings.end(), [](const Diagnostic& d) {
      return d.rule == "runbook.stale" && d.file == "content/runbooks/restart-service.md" && d.line == 6;
    });
  };
  CHECK_FALSE(stale_in(reviewed + days{180}));
  CHECK(stale_in(reviewed + days{181}));
}

TEST_CASE("the build date comes from SOURCE_DATE_EPOCH when set", "[operating-model]") {
  const char* before = std::getenv("SOURCE_DATE_EPOCH");
  std::string saved = before ? before : "";
  setenv("SOURCE_DATE_EPOCH", "1795651200", 1);  // 2026-11-26T00:00:00Z
  CHECK(build_date() == kToday);
  setenv("SOURCE_DATE_EPOCH", "1795737599", 1);  // 2026-11-26T23:59:59Z
  CHECK(build_date() == kToday);
  if (before) setenv("SOURCE_DATE_EPOCH", saved.c_str(), 1);
  else unsetenv("SOURCE_DATE_EPOCH");
}

TEST_CASE("Well-Architected OE best practice ids follow the OPS01..OPS11 table", "[operating-model]") {
  CHECK(oe_area_of("OPS01-BP06") == "Organization");
  CHECK(oe_area_of("OPS01-BP07").empty());
  CHECK(oe_area_of("OPS02-BP06") == "Organization");
  CHECK(oe_area_of("OPS02-BP07").empty());
  CHECK(oe_area_of("OPS03-BP07") == "Organization");
  CHECK(oe_area_of("OPS03-BP08").empty());
  CHECK(oe_area_of("OPS05-BP10") == "Prepare");
  CHECK(oe_area_of("OPS07-BP03") == "Prepare");
  CHECK(oe_area_of("OPS07-BP07").empty());
  CHECK(oe_area_of("OPS09-BP03") == "Operate");
  CHECK(oe_area_of("OPS10-BP07") == "Operate");
  CHECK(oe_area_of("OPS11-BP09") == "Evolve");
  CHECK(oe_area_of("OPS11-BP10").empty());
  CHECK(oe_area_of("OPS12-BP01").empty());
  CHECK(oe_area_of("OPS07-BP00").empty());
  CHECK(oe_area_of("ops07-bp03").empty());
  CHECK(oe_area_of("OPS7-BP3").empty());
  int total = 0;
  for (int q = 1; q <= 11; ++q) total += oe_best_practice_count(q);
  CHECK(total == 68);
}

TEST_CASE("the operating-model views render the data rows / and the CSVs carry the same rows", "[operating-model]") {
  auto loaded = load(kFixtures + "clean");
  const auto& model = loaded.model;
  const auto& om = loaded.om;
  // Only the runbook is in this output; every other page prints as text.
  auto href = [](const std::string& id) {
    return id == "runbooks/restart-service" ? std::string("../runbooks/restart-service/index.html") : std::string();
  };
  auto csv = operating_model_csv(om);
  REQUIRE(csv.size() == 3);
  for (const auto& [name, text] : csv) {
    INFO(name);
    CHECK(ends_with(text, "\r\n"));
    CHECK(count(text, "\n") == count(text, "\r\n"));
  }

  SECTION("tooling matrix") {
    auto html = render_operating_model_view(model, om, directive("tooling-matrix"), href);
    CHECK(starts_with(html, "<div class=\"table-scroll\"><table class=\"data-table tooling-matrix\">"));
    CHECK(count(html, "<thead>") == 1);
    CHECK(count(html, "<tbody>") == 1);
    auto rows = row_heads(html);
    auto records = parse_csv(csv.at("tooling-map.csv"));
    CHECK(records.front() == std::vector<std::string>{"area_id", "area", "tools", "deployment", "approach",
                                                      "environments", "scalability", "licensing", "updates",
                                                      "governance", "owner", "tooling_page", "runbooks", "sops"});
    CHECK(rows.size() == 16);
    CHECK(rows == column(records, "area"));
    CHECK(rows[1] == "Patch Management");
    CHECK(rows[0] == "Monitoring & Event Management");  // no name in the data: the area's own name
    CHECK(count(html, "<a href=\"../runbooks/restart-service/index.html\">Restart the service</a>") == 16);
    CHECK(count(html, "<a ") == 16);  // the tooling page and the SOP are not in this output: plain text
    CHECK_THAT(html, Catch::Contains("<td>Operations review</td>"));
    CHECK_THAT(html, Catch::Contains("AWS Cost Explorer, Budgets &amp; &quot;CUR&quot;"));
    CHECK(column(records, "tools")[11] == "AWS Cost Explorer, Budgets & \"CUR\" (aws-service)");
    CHECK_THAT(csv.at("tooling-map.csv"), Catch::Contains("\"AWS Cost Explorer, Budgets & \"\"CUR\"\" (aws-service)\""));
    CHECK(column(records, "owner")[0] == "Cloud Operations Engineer");
    CHECK(column(records, "governance")[15] == "Governance answered.");

    auto one = render_operating_model_view(model, om, directive("tooling-matrix", {{"area", "patch-management"}}), href);
    CHECK(row_heads(one) == std::vector<std::string>{"Patch Management"});
  }

  SECTION("RACI") {
    auto html = render_operating_model_view(model, om, directive("raci"), href);
    CHECK(starts_with(html, "<div class=\"table-scroll\"><table class=\"data-table raci\">"));
    auto rows = row_heads(html);
    // Grouped by group, groups in the order they first appear.
    CHECK(rows == std::vector<std::string>{"Approve the patch baseline", "Patch the fleet", "Run the operations review",
                                           "Lead a Priority 1 incident"});
    CHECK(count(html, "<tr class=\"group\">") == 3);
    CHECK_THAT(html, Catch::Contains(">Patch Management</th></tr>"));
    CHECK_THAT(html, Catch::Contains(">Operations Leadership</th></tr>"));
    auto records = parse_csv(csv.at("raci.csv"));
    CHECK(column(records, "activity") == rows);
    CHECK(records.front() == std::vector<std::string>{"activity_id", "activity", "group", "Head of Cloud Operations",
                                                      "Cloud Operations Engineer", "Incident Manager", "Security Lead"});
    CHECK(column(records, "Security Lead") == std::vector<std::string>{"A", "I", "", ""});
    CHECK(column(records, "Cloud Operations Engineer") == std::vector<std::string>{"R", "A, R", "R", "R"});
    CHECK(column(records, "group")[0] == "Patch Management");
    CHECK_THAT(csv.at("raci.csv"), Catch::Contains(",\"A, R\","));
    CHECK_THAT(html, Catch::Contains("<td class=\"raci-A\">A/R</td>"));

    auto one = render_operating_model_view(model, om, directive("raci", {{"group", "operations-leadership"}}), href);
    CHECK(row_heads(one) == std::vector<std::string>{"Run the operations review"});
  }

  SECTION("SLA/OLA table") {
    auto html = render_operating_model_view(model, om, directive("sla-table"), href);
    CHECK(starts_with(html, "<div class=\"table-scroll\"><table class=\"data-table sla-table\">"));
    auto rows = row_heads(html);
    CHECK(rows == std::vector<std::string>{"Priority 1 response", "Alert routing"});
    CHECK_THAT(html, Catch::Contains("&lt;= 15 minutes <span class=\"target-percent\">(95% of events)</span>"));
    CHECK_THAT(html, Catch::Contains("<td>Priority 1 response</td></tr>"));  // the OLA's supports column
    CHECK_THAT(html, Catch::Contains("Fix the routing rule, &quot;same day&quot;"));
    auto records = parse_csv(csv.at("sla-ola.csv"));
    CHECK(column(records, "name") == rows);
    CHECK(column(records, "threshold") == std::vector<std::string>{"<= 15 minutes", "<= 2 minutes"});
    CHECK(column(records, "target_percent") == std::vector<std::string>{"95", ""});
    CHECK(column(records, "supports") == std::vector<std::string>{"", "sla-p1-response"});
    CHECK(column(records, "breach_action")[1] == "Fix the routing rule, \"same day\"");
    CHECK(column(records, "owner")[0] == "Incident Manager");

    auto olas = render_operating_model_view(model, om, directive("sla-table", {{"type", "ola"}}), href);
    CHECK(row_heads(olas) == std::vector<std::string>{"Alert routing"});
  }

  SECTION("framework") {
    auto html = render_operating_model_view(model, om, directive("framework"), href);
    CHECK(starts_with(html, "<div class=\"table-scroll\"><table class=\"data-table framework\">"));
    CHECK(row_heads(html) == std::vector<std::string>{"Operations Leadership", "Cost and Governance",
                                                      "Service Management", "Cloud Operations", "Platform Enablement"});
    CHECK(count(html, "<td>Operations review</td>") == 5);
    CHECK(count(html, "Head of Cloud Operations</span>") == 5);
  }

  SECTION("coverage") {
    auto html = render_operating_model_view(model, om, directive("coverage"), href);
    CHECK(count(html, "<div class=\"table-scroll\"><table class=\"data-table coverage ") == 3);
    auto rows = row_heads(html);
    REQUIRE(rows.size() == 16 + 5 + 4);
    CHECK(rows[0] == "Monitoring & Event Management");
    CHECK(rows[16] == "Operations Leadership");
    CHECK(rows[21] == "Organization");
    CHECK(rows[24] == "Evolve");
    // Tooling page: only patch-management has one; runbook and SOP: all sixteen; RACI: two areas.
    CHECK(count(html, "class=\"missing\"") == 15 + 14);
    CHECK_THAT(html, Catch::Contains("1 of 19: OPS01-BP01"));
    CHECK_THAT(html, Catch::Contains("2 of 25: OPS04-BP01, OPS07-BP03"));
  }

  SECTION("other directives are not views") {
    CHECK(render_operating_model_view(model, om, directive("alert"), href).empty());
    CHECK(render_operating_model_view(model, om, directive("questionnaire"), href).empty());
  }
}

TEST_CASE("the shipped kit's operating-model findings", "[.][operating-model-kit]") {
  // OPSKIT_KIT_ROOT points the report at another kit; the default is this repository's own.
  const char* root = std::getenv("OPSKIT_KIT_ROOT");
  auto loaded = load(root && *root ? root : OPSKIT_SOURCE_DIR, build_date());
  std::size_t errors = 0;
  for (const auto& d : loaded.findings)
    if (d.severity == Severity::error) ++errors;
  WARN(std::to_string(loaded.findings.size()) + " findings, " + std::to_string(errors) + " errors\n" +
       describe_all(loaded.findings));
  for (const auto& name : {"tooling-matrix", "raci", "sla-table", "framework", "coverage"}) {
    auto html = render_operating_model_view(loaded.model, loaded.om, directive(name), [](const std::string&) { return std::string(); });
    WARN(std::string(name) + ": " + std::to_string(row_heads(html).size()) + " rows");
  }
}
