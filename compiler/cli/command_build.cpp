#include <memory>

#include "cli/command.hpp"
#include "pipeline/outputs_list.hpp"
#include "support/strings.hpp"

namespace opskit::cli {

Command add_build_command(CLI::App& app) {
  struct State {
    RunOptions run;
    OutputOptions out;
  };
  auto state = std::make_shared<State>();
  auto* cmd = app.add_subcommand("build", "check, then write the site, the bundles and the packages");
  add_project_options(cmd, state->run, state->out);
  cmd->add_option("--only", state->run.outputs, "write only these outputs: " + join(output_names(), ", ") + " (repeatable)")
      ->check(CLI::IsMember(output_names()));
  return {cmd, [state] {
            DiagnosticSink sink;
            auto result = run_reporting_failures([&] { return run_build(state->run, sink); }, sink);
            return finish(sink, result, state->out, state->run);
          }};
}

}  // namespace opskit::cli
