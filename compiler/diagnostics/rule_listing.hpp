#pragma once
// The rule registry as `opskit rules` prints it: aligned text for people, JSON for tools, and the
// Markdown of docs/rules.md (a test compares that file with this output, so they cannot drift).
#include <string>

namespace opskit {

// One rule per line: "id  default-level  description", in aligned columns.
std::string format_rules_text();
// A JSON array of {"id", "family", "level", "description"}.
std::string format_rules_json();
// docs/rules.md: a table per family.
std::string format_rules_markdown();

}  // namespace opskit
