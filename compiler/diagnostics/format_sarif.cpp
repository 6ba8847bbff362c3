#include <nlohmann/json.hpp>
#include <set>

#include "diagnostics/report.hpp"

namespace opskit {

std::string format_sarif(const DiagnosticSink& sink, const std::string& tool_version) {
  using nlohmann::json;
  auto diagnostics = sink.sorted();
  std::set<std::string> rule_ids;
  for (const auto& d : diagnostics) rule_ids.insert(d.rule);
  json rules = json::array();
  for (const auto& id : rule_ids) rules.push_back({{"id", id}});

  json results = json::array();
  for (const auto& d : diagnostics) {
    json result = {{"ruleId", d.rule},
                   {"level", d.severity == Severity::error ? "error"
                             : d.severity == Severity::warning ? "warning" : "note"},
                   {"message", {{"text", d.message}}}};
    if (!d.file.empty()) {
      json location = {{"physicalLocation", {{"artifactLocation", {{"uri", d.file}}}}}};
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
