#include <memory>

#include "cli/command.hpp"

namespace opskit::cli {

Command add_check_command(CLI::App& app) {
  struct State {
    RunOptions run;
    OutputOptions out;
  };
  auto state = std::make_shared<State>();
  auto* cmd = app.add_subcommand("check", "check everything, write nothing");
  add_project_options(cmd, state->run, state->out);
  cmd->add_flag("--external", state->run.external, "also fetch every external http(s) link (needs the network)");
  cmd->add_option("--external-cache", state->run.external_cache,
                  "external-link cache file (default: .opskit-cache/external-links.json under the project)");
  return {cmd, [state] {
            DiagnosticSink sink;
            auto result = run_reporting_failures([&] { return run_check(state->run, sink); }, sink);
            return finish(sink, result, state->out, state->run);
          }};
}

}  // namespace opskit::cli
