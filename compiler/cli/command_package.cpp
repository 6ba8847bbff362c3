#include "cli/command.hpp"

namespace opskit::cli {

Command add_package_command(CLI::App& app) {
  auto package = add_project_command(app, "package", "check, then write handover packages (all, or the named ones)");
  package.app->add_option("names", package.run->only, "package names from opskit.yaml (default: all)");
  package.app->add_option("--since", package.run->since,
                          "a previous package zip: the package of its name gets a CHANGES.md of what changed (repeatable)");
  return runs(package, [](RunOptions& run, DiagnosticSink& sink) {
    run.outputs = {"packages"};
    return run_build(run, sink);
  });
}

}  // namespace opskit::cli
