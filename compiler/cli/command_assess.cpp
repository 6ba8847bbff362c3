#include <memory>

#include "assess/assess.hpp"
#include "cli/command.hpp"

namespace opskit::cli {

Command add_assess_command(CLI::App& app) {
  struct State {
    RunOptions run;
    OutputOptions out;
    std::string answers_file;
  };
  auto state = std::make_shared<State>();
  auto* cmd = app.add_subcommand("assess", "compile questionnaire answers (the form's JSON export) into the assessment report");
  add_project_options(cmd, state->run, state->out);
  cmd->add_option("answers", state->answers_file, "the answers file (JSON exported by the questionnaire form)")
      ->required();
  return {cmd, [state] {
            DiagnosticSink sink;
            auto result = run_reporting_failures(
                [&] { return run_assess_command(state->run, state->answers_file, sink); }, sink);
            return finish(sink, result, state->out, state->run);
          }};
}

}  // namespace opskit::cli
