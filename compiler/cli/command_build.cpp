#include <algorithm>
#include <memory>

#include "cli/command.hpp"

namespace opskit::cli {

Command add_build_command(CLI::App& app) {
  struct State {
    RunOptions run;
    OutputOptions out;
    std::vector<std::string> only_outputs;
  };
  auto state = std::make_shared<State>();
  auto* cmd = app.add_subcommand("build", "check, then write the site, the bundles and the packages");
  add_project_options(cmd, state->run, state->out);
  cmd->add_option("--only", state->only_outputs, "write only these outputs: site, bundles, packages (repeatable)")
      ->check(CLI::IsMember({"site", "bundles", "packages"}));
  return {cmd, [state] {
            auto& run = state->run;
            if (!state->only_outputs.empty()) {
              auto wanted = [&](const char* name) {
                return std::find(state->only_outputs.begin(), state->only_outputs.end(), name) !=
                       state->only_outputs.end();
              };
              run.site = wanted("site");
              run.bundles = wanted("bundles");
              run.packages = wanted("packages");
            }
            DiagnosticSink sink;
            auto result = run_build(run, sink);
            return finish(sink, result, state->out, run);
          }};
}

}  // namespace opskit::cli
