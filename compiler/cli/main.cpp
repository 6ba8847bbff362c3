// The opskit command line: each subcommand lives in cli/command_<name>.cpp; this file lists them,
// runs the one given and turns failures of the machine (disk, memory) into exit codes.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <new>
#include <vector>

#include "cli/allocator.hpp"
#include "cli/command.hpp"
#include "support/files.hpp"

int main(int argc, char** argv) {
  opskit::cli::tune_allocator();
  using opskit::ExitCode;
  CLI::App app{"opskit: compiles a cloud operating-model kit into a docs site, Workshop Studio bundles and handover packages"};
  app.set_version_flag("--version",
                       std::string("opskit ") + OPSKIT_VERSION + "\nallocator: " + opskit::cli::allocator_name());
  app.require_subcommand(1);

  std::vector<opskit::cli::Command> commands = {
      opskit::cli::add_build_command(app),   opskit::cli::add_check_command(app),
      opskit::cli::add_bundle_command(app),  opskit::cli::add_package_command(app),
      opskit::cli::add_assess_command(app),  opskit::cli::add_verify_command(app),
      opskit::cli::add_rules_command(app),   opskit::cli::add_new_command(app),
      opskit::cli::add_diff_command(app),   opskit::cli::add_serve_command(app),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::usage);
  }

  try {
    for (const auto& command : commands)
      if (command.app->parsed()) return command.run();
    return static_cast<int>(ExitCode::usage);
  } catch (const opskit::IoError& e) {
    // The file system refused (a full disk, a permission): the user's to fix, not a bug.
    std::cerr << "opskit: " << e.what() << "\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const std::filesystem::filesystem_error& e) {
    std::cerr << "opskit: " << e.what() << "\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const std::bad_alloc&) {
    std::cerr << "opskit: out of memory\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const std::exception& e) {
    std::cerr << "opskit: internal error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::internal);
  }
}
