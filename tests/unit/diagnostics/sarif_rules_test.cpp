// SARIF output carries the registry's metadata for the rules a run reported.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "diagnostics/report.hpp"
#include "diagnostics/rule_registry.hpp"

using namespace opskit;

TEST_CASE("sarif: tool.driver.rules carries each reported rule's description and level with ruleIndex", "[rules][sarif]") {
  DiagnosticSink sink;
  sink.report("link.unresolved", Severity::error, "content/a.md", 3, 5, "link target 'xref:b' not found");
  sink.report("link.orphan", Severity::warning, "content/c.md", 1, 1, "no page links here");
  sink.report("link.unresolved", Severity::error, "content/d.md", 7, 2, "link target 'xref:e' not found");
  auto doc = nlohmann::json::parse(format_sarif(sink, "0.0.0"));
  const auto& run = doc["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == 2);  // the rules of this run, each once
  for (const auto& rule : rules) {
    INFO(rule.dump());
    const RuleInfo* info = find_rule(rule["id"].get<std::string>());
    REQUIRE(info);
    CHECK(rule["shortDescription"]["text"] == std::string(info->description));
    CHECK(rule["defaultConfiguration"]["level"] == severity_name(info->level));
  }
  const auto& results = run["results"];
  REQUIRE(results.size() == 3);
  for (const auto& result : results) {
    INFO(result.dump());
    auto index = result["ruleIndex"].get<std::size_t>();
    REQUIRE(index < rules.size());
    CHECK(rules[index]["id"] == result["ruleId"]);
  }
}

namespace {
nlohmann::json sarif_results(const DiagnosticSink& sink) {
  return nlohmann::json::parse(format_sarif(sink, "0.0.0"))["runs"][0]["results"];
}
std::string fingerprint(const nlohmann::json& result) {
  return result["partialFingerprints"]["opskitFinding/v1"].get<std::string>();
}
}  // namespace

TEST_CASE("sarif: a finding keeps its fingerprint when lines move above it", "[sarif]") {
  DiagnosticSink before, after;
  before.report("link.unresolved", Severity::error, "content/a.md", 3, 5, "link target 'xref:b' not found");
  after.report("link.unresolved", Severity::error, "content/a.md", 9, 5, "link target 'xref:b' not found");
  CHECK(fingerprint(sarif_results(before)[0]) == fingerprint(sarif_results(after)[0]));
}

TEST_CASE("sarif: different findings and repeats of one finding get different fingerprints", "[sarif]") {
  DiagnosticSink sink;
  sink.report("link.unresolved", Severity::error, "content/a.md", 3, 5, "link target 'xref:b' not found");
  sink.report("link.unresolved", Severity::error, "content/a.md", 4, 5, "link target 'xref:c' not found");
  sink.report("link.unresolved", Severity::error, "content/a.md", 8, 1, "link target 'xref:b' not found");
  auto results = sarif_results(sink);
  REQUIRE(results.size() == 3);
  std::set<std::string> prints;
  for (const auto& r : results) prints.insert(fingerprint(r));
  CHECK(prints.size() == 3);
}

TEST_CASE("sarif: project-relative locations resolve against the checkout (uriBaseId %SRCROOT%)", "[sarif]") {
  DiagnosticSink sink;
  sink.report("link.unresolved", Severity::error, "content/a.md", 3, 5, "x");
  sink.report("theme.missing", Severity::error, "/opt/theme/templates/layout.mustache", 0, 0, "y");
  auto results = sarif_results(sink);
  REQUIRE(results.size() == 2);
  for (const auto& r : results) {
    const auto& artifact = r["locations"][0]["physicalLocation"]["artifactLocation"];
    INFO(artifact.dump());
    if (artifact["uri"].get<std::string>().front() == '/') CHECK_FALSE(artifact.contains("uriBaseId"));
    else CHECK(artifact["uriBaseId"] == "%SRCROOT%");
  }
}
