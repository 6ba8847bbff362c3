#pragma once
// Rule levels set by the user: `--rule ID=LEVEL` on the command line and opskit.yaml `rules:`.
// Both accept only ids of the rule registry, so that a misspelled id is an error naming the
// closest one instead of an override that silently does nothing.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"

namespace opskit {

// "error", "warning" (or "warn") or "off"; nullopt for anything else.
std::optional<RuleLevel> parse_rule_level(std::string_view text);

// Empty when `id` is a registered rule; otherwise "unknown rule 'x'; did you mean 'y'?".
std::string unknown_rule_problem(std::string_view id);

// Applies each "ID=LEVEL" of `overrides` over `levels` (the command line wins over opskit.yaml).
// Reports every malformed override, unknown id or bad level as config.invalid and returns false
// when there was one: the caller stops with a usage error (exit 2).
bool apply_rule_overrides(const std::vector<std::string>& overrides, std::map<std::string, RuleLevel>& levels,
                          DiagnosticSink& sink);

}  // namespace opskit
