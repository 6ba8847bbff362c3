#include "check/value_rules.hpp"

#include "support/strings.hpp"

namespace opskit {

void check_value_directives(const Model& model, const OperatingModel& om, DiagnosticSink& sink) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : om.values) keys.push_back(key);
  for (const auto& page : model.pages)
    for (const auto& d : page.body.directives) {
      if (d.name != "value") continue;
      auto key = std::string(trim(d.label));
      if (om.value(key)) continue;
      std::string message = key.empty() ? std::string(":value names no key; write :value[key]")
                                        : "unknown value '" + key + "'";
      auto suggestion = key.empty() ? std::string() : closest_match(key, keys);
      if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
      else if (om.values_file.empty()) message += "; the kit has no content/data/values.yaml";
      else message += "; define it in " + om.values_file;
      sink.report("value.unknown", Severity::error, page.file, d.line, d.column, message);
    }
}

}  // namespace opskit
