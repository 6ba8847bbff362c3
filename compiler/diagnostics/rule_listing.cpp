#include "diagnostics/rule_listing.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "diagnostics/rule_registry.hpp"

namespace opskit {
namespace {

std::string padded(std::string_view text, std::size_t width) {
  std::string out(text);
  out.resize(std::max(width, text.size()), ' ');
  return out;
}

// A Markdown table cell: a '|' would end the cell.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string format_rules_text() {
  std::size_t id_width = 0, level_width = 0;
  for (const auto& r : all_rules()) {
    id_width = std::max(id_width, r.id.size());
    level_width = std::max(level_width, std::string_view(severity_name(r.level)).size());
  }
  std::string out;
  for (const auto& r : all_rules())
    out += padded(r.id, id_width + 2) + padded(severity_name(r.level), level_width + 2) + std::string(r.description) +
           "\n";
  return out;
}

std::string format_rules_json() {
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();  // keys in the order {id, family, level, description}
  for (const auto& r : all_rules())
    rules.push_back({{"id", std::string(r.id)},
                     {"family", std::string(r.family)},
                     {"level", severity_name(r.level)},
                     {"description", std::string(r.description)}});
  return rules.dump(2) + "\n";
}

std::string format_rules_markdown() {
  std::string out =
      "# Rules\n"
      "\n"
      "Every rule opskit can report, with the level it reports it at. Change a rule's level in\n"
      "`opskit.yaml` (`rules: {link.orphan: error}`) or for one run (`--rule link.orphan=off`); the\n"
      "levels are `error`, `warning` and `off`. An id that is not listed here is an error (exit 2)\n"
      "naming the closest id. `opskit rules` prints this list (`--format json` for tools).\n"
      "\n"
      "This file is generated from the rule registry (`compiler/diagnostics/rule_registry.cpp`); a\n"
      "test fails when they differ. After changing the registry, regenerate it from the repository\n"
      "root:\n"
      "\n"
      "```sh\n"
      "build/opskit rules --format markdown > docs/rules.md\n"
      "```\n";
  out += "\n| family | rules about |\n| --- | --- |\n";
  for (const auto& f : all_rule_families())
    out += "| [`" + std::string(f.name) + "`](#" + std::string(f.name) + ") | " + cell(f.description) + " |\n";
  for (const auto& f : all_rule_families()) {
    out += "\n## " + std::string(f.name) + "\n\nRules about " + cell(f.description) + ".\n\n| id | level | description |\n| --- | --- | --- |\n";
    for (const auto& r : all_rules())
      if (r.family == f.name)
        out += "| `" + std::string(r.id) + "` | " + severity_name(r.level) + " | " + cell(r.description) + " |\n";
  }
  return out;
}

}  // namespace opskit
