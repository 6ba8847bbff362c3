// Placeholder until the command lands: registered so that main.cpp lists every command once.
#include <iostream>

#include "cli/command.hpp"

namespace opskit::cli {

Command add_diff_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("diff", "what changed between two handover packages");
  return {cmd, [] {
            std::cerr << "opskit: 'diff' is not available in this version\n";
            return static_cast<int>(ExitCode::usage);
          }};
}

}  // namespace opskit::cli
