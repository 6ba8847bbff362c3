#pragma once
// The rule registry: every rule id opskit can report, with its family, default level and a
// one-line description. `opskit rules`, docs/rules.md, the SARIF rule metadata and the checks of
// `--rule ID=LEVEL` and opskit.yaml `rules:` all read this one table (rule_registry.cpp); a test
// compares it with the ids the sources report (tests/rules/ids-in-sources.py).
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"

namespace opskit {

struct RuleInfo {
  std::string_view id;           // "link.unresolved"
  std::string_view family;       // the part before the first '.': "link"
  Severity level;                // the severity the code reports it with (before rules: and --rule)
  std::string_view description;  // one line, for people
};

struct RuleFamily {
  std::string_view name;         // "link"
  std::string_view description;  // what its rules are about
};

// Every rule, grouped by family (families in pipeline order), in the order docs/rules.md lists them.
const std::vector<RuleInfo>& all_rules();
// Every family, in the order of all_rules().
const std::vector<RuleFamily>& all_rule_families();
// The rule with this exact id, or nullptr.
const RuleInfo* find_rule(std::string_view id);
// The registered id nearest to `id` (edit distance; a bare name such as "unresolved" is also
// compared with the part after each family), or empty when none is near enough to help.
std::string closest_rule(std::string_view id);

}  // namespace opskit
