#include "cli/command.hpp"
#include "pipeline/outputs_list.hpp"
#include "support/strings.hpp"

namespace opskit::cli {

Command add_build_command(CLI::App& app) {
  auto build = add_project_command(app, "build", "check, then write the site, the bundles and the packages");
  build.app
      ->add_option("--only", build.run->outputs,
                   "write only these outputs: " + join(output_names(), ", ") + " (repeatable)")
      ->check(CLI::IsMember(output_names()));
  return runs(build, [](RunOptions& run, DiagnosticSink& sink) { return run_build(run, sink); });
}

}  // namespace opskit::cli
