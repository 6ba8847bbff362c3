#include <memory>

#include "cli/command.hpp"

namespace opskit::cli {

Command add_bundle_command(CLI::App& app) {
  auto bundle = add_project_command(app, "bundle", "check, then write Workshop Studio bundles (all, or the named workshops)");
  auto list = std::make_shared<bool>(false);
  bundle.app->add_option("names", bundle.run->only, "workshop names (default: all)");
  bundle.app->add_flag("--list", *list, "print what each bundle will contain and its size, write nothing");
  return runs(bundle, [list](RunOptions& run, DiagnosticSink& sink) {
    run.outputs = {"bundles"};
    return *list ? run_list_bundles(run, sink) : run_build(run, sink);
  });
}

}  // namespace opskit::cli
