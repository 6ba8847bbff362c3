// Placeholder until the command lands: registered so that main.cpp lists every command once.
#include <iostream>

#include "cli/command.hpp"

namespace opskit::cli {

Command add_new_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("new", "write a new page, project or workshop from a template");
  return {cmd, [] {
            std::cerr << "opskit: 'new' is not available in this version\n";
            return static_cast<int>(ExitCode::usage);
          }};
}

}  // namespace opskit::cli
