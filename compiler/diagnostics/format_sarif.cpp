#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "diagnostics/report.hpp"
#include "diagnostics/rule_registry.hpp"
#include "support/sha256.hpp"

namespace opskit {

std::string format_sarif(const DiagnosticSink& sink, const std::string& tool_version) {
  using nlohmann::json;
  auto diagnostics = sink.sorted();
  std::set<std::string> rule_ids;
  for (const auto& d : diagnostics) rule_ids.insert(d.rule);
  // tool.driver.rules lists the rules this run reported, with the registry's metadata; each
  // result points at its rule by index as well as by id.
  json rules = json::array();
  std::map<std::string, int> rule_index;
  for (const auto& id : rule_ids) {
    json rule = {{"id", id}};
    if (const RuleInfo* info = find_rule(id)) {
      rule["shortDescription"] = {{"text", std::string(info->description)}};
      rule["defaultConfiguration"] = {{"level", severity_name(info->level)}};
    }
    rule_index[id] = static_cast<int>(rules.size());
    rules.push_back(rule);
  }

  json results = json::array();
  std::map<std::string, int> fingerprint_uses;
  for (const auto& d : diagnostics) {
    json result = {{"ruleId", d.rule},
                   {"ruleIndex", rule_index.at(d.rule)},
                   {"level", d.severity == Severity::error ? "error"
                             : d.severity == Severity::warning ? "warning" : "note"},
                   {"message", {{"text", d.message}}}};
    // A finding keeps its identity when lines move above it: the fingerprint hashes the rule, the
    // file and the message, not the position (a repeat in one file gets its ordinal).
    auto key = d.rule + "\n" + d.file + "\n" + d.message;
    int ordinal = fingerprint_uses[key]++;
    result["partialFingerprints"] = {
        {"opskitFinding/v1", sha256_hex(key).substr(0, 32) + (ordinal ? ":" + std::to_string(ordinal) : "")}};
    if (!d.file.empty()) {
      json artifact = {{"uri", d.file}};
      // Project-relative paths resolve against the checkout a viewer has (%SRCROOT%).
      if (d.file.front() != '/') artifact["uriBaseId"] = "%SRCROOT%";
      json location = {{"physicalLocation", {{"artifactLocation", artifact}}}};
      if (d.line > 0) {
        json region = {{"startLine", d.line}};
        if (d.column > 0) region["startColumn"] = d.column;
        location["physicalLocation"]["region"] = region;
      }
      result["locations"] = json::array({location});
    }
    results.push_back(result);
  }
  json doc = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::array({{{"tool", {{"driver", {{"name", "opskit"},
                                                   {"version", tool_version},
                                                   {"rules", rules}}}}},
                             {"results", results}}})}};
  return doc.dump(2) + "\n";
}

}  // namespace opskit
