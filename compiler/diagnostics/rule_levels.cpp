#include "diagnostics/rule_levels.hpp"

#include "diagnostics/rule_registry.hpp"

namespace opskit {

std::optional<RuleLevel> parse_rule_level(std::string_view text) {
  if (text == "error") return RuleLevel::error;
  if (text == "warning" || text == "warn") return RuleLevel::warning;
  if (text == "off") return RuleLevel::off;
  return std::nullopt;
}

std::string unknown_rule_problem(std::string_view id) {
  if (find_rule(id)) return {};
  auto closest = closest_rule(id);
  return "unknown rule '" + std::string(id) + "'" +
         (closest.empty() ? "" : "; did you mean '" + closest + "'?") + " ('opskit rules' lists every rule)";
}

bool apply_rule_overrides(const std::vector<std::string>& overrides, std::map<std::string, RuleLevel>& levels,
                          DiagnosticSink& sink) {
  bool ok = true;
  auto fail = [&](const std::string& message) {
    sink.report("config.invalid", Severity::error, "", 0, 0, message);
    ok = false;
  };
  for (const auto& text : overrides) {
    auto eq = text.find('=');
    if (eq == std::string::npos) {
      fail("--rule expects RULE=error|warning|off, not '" + text + "'");
      continue;
    }
    auto id = text.substr(0, eq);
    if (auto problem = unknown_rule_problem(id); !problem.empty()) {
      fail("--rule " + text + ": " + problem);
      continue;
    }
    auto level = parse_rule_level(std::string_view(text).substr(eq + 1));
    if (!level) {
      fail("--rule " + text + ": the level must be error, warning or off, not '" + text.substr(eq + 1) + "'");
      continue;
    }
    levels[id] = *level;
  }
  return ok;
}

}  // namespace opskit
