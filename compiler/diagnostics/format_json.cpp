#include <nlohmann/json.hpp>

#include "diagnostics/report.hpp"

namespace opskit {

std::string format_json(const DiagnosticSink& sink) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& d : sink.sorted()) {
    findings.push_back({{"file", d.file},
                        {"line", d.line},
                        {"column", d.column},
                        {"severity", severity_name(d.severity)},
                        {"rule", d.rule},
                        {"message", d.message}});
  }
  nlohmann::json doc = {{"errors", sink.count(Severity::error)},
                        {"warnings", sink.count(Severity::warning)},
                        {"diagnostics", findings}};
  return doc.dump(2) + "\n";
}

}  // namespace opskit
