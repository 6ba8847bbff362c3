// Placeholder until the command lands: registered so that main.cpp lists every command once.
#include <iostream>

#include "cli/command.hpp"

namespace opskit::cli {

Command add_rules_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("rules", "list every rule id with its default level and description");
  return {cmd, [] {
            std::cerr << "opskit: 'rules' is not available in this version\n";
            return static_cast<int>(ExitCode::usage);
          }};
}

}  // namespace opskit::cli
