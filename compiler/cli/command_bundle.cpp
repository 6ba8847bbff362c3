#include <memory>

#include "cli/command.hpp"

namespace opskit::cli {

Command add_bundle_command(CLI::App& app) {
  struct State {
    RunOptions run;
    OutputOptions out;
    bool list = false;
  };
  auto state = std::make_shared<State>();
  auto* cmd = app.add_subcommand("bundle", "check, then write Workshop Studio bundles (all, or the named workshops)");
  add_project_options(cmd, state->run, state->out);
  cmd->add_option("names", state->run.only, "workshop names (default: all)");
  cmd->add_flag("--list", state->list, "print what each bundle will contain and its size, write nothing");
  return {cmd, [state] {
            auto& run = state->run;
            run.outputs = {"bundles"};
            DiagnosticSink sink;
            auto result = run_reporting_failures(
                [&] { return state->list ? run_list_bundles(run, sink) : run_build(run, sink); }, sink);
            return finish(sink, result, state->out, run);
          }};
}

}  // namespace opskit::cli
