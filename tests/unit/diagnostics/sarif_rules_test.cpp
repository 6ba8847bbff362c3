// SARIF output carries the registry's metadata for the rules a run reported.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

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
