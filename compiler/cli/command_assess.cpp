#include <memory>

#include "assess/assess.hpp"
#include "cli/command.hpp"

namespace opskit::cli {

Command add_assess_command(CLI::App& app) {
  auto assess = add_project_command(app, "assess",
                                    "compile questionnaire answers (the form's JSON export) into the assessment report");
  auto answers = std::make_shared<std::string>();
  assess.app->add_option("answers", *answers, "the answers file (JSON exported by the questionnaire form)")->required();
  return runs(assess, [answers](RunOptions& run, DiagnosticSink& sink) { return run_assess_command(run, *answers, sink); });
}

}  // namespace opskit::cli
