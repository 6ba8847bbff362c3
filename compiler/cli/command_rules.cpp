// `opskit rules`: every rule id with its default level and description, from the rule registry.
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "diagnostics/rule_listing.hpp"

namespace opskit::cli {

Command add_rules_command(CLI::App& app) {
  auto format = std::make_shared<std::string>("text");
  auto* cmd = app.add_subcommand("rules", "list every rule id with its default level and description");
  cmd->add_option("--format", *format, "text (aligned columns), json (an array of objects) or markdown (docs/rules.md)")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  return {cmd, [format] {
            std::cout << (*format == "json"       ? format_rules_json()
                          : *format == "markdown" ? format_rules_markdown()
                                                  : format_rules_text());
            return static_cast<int>(ExitCode::ok);
          }};
}

}  // namespace opskit::cli
