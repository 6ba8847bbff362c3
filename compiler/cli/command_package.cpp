#include <memory>

#include "cli/command.hpp"

namespace opskit::cli {

Command add_package_command(CLI::App& app) {
  struct State {
    RunOptions run;
    OutputOptions out;
  };
  auto state = std::make_shared<State>();
  auto* cmd = app.add_subcommand("package", "check, then write handover packages (all, or the named ones)");
  add_project_options(cmd, state->run, state->out);
  cmd->add_option("names", state->run.only, "package names from opskit.yaml (default: all)");
  cmd->add_option("--since", state->run.since,
                  "a previous package zip: the package of its name gets a CHANGES.md of what changed (repeatable)");
  return {cmd, [state] {
            auto& run = state->run;
            run.outputs = {"packages"};
            DiagnosticSink sink;
            auto result = run_reporting_failures([&] { return run_build(run, sink); }, sink);
            return finish(sink, result, state->out, run);
          }};
}

}  // namespace opskit::cli
