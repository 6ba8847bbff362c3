#include "cli/command.hpp"

namespace opskit::cli {

Command add_check_command(CLI::App& app) {
  auto check = add_project_command(app, "check", "check everything, write nothing");
  check.app->add_flag("--external", check.run->external, "also fetch every external http(s) link (needs the network)");
  check.app->add_option("--external-cache", check.run->external_cache,
                        "external-link cache file (default: .opskit-cache/external-links.json under the project)");
  return runs(check, [](RunOptions& run, DiagnosticSink& sink) { return run_check(run, sink); });
}

}  // namespace opskit::cli
