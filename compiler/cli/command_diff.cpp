// `opskit diff OLD.zip NEW.zip`: what changed between two handover packages, as Markdown on
// standard output (or --report FILE). Unusable or hostile zips: the reasons as diagnostics on
// standard error (rules verify.*, as `opskit verify` reports them), exit 2.
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "diff/package_diff.hpp"
#include "support/files.hpp"

namespace opskit::cli {

Command add_diff_command(CLI::App& app) {
  struct State {
    std::string old_zip, new_zip, report;
  };
  auto state = std::make_shared<State>();
  auto* cmd = app.add_subcommand("diff", "what changed between two handover packages (Markdown)");
  cmd->add_option("OLD", state->old_zip, "the earlier package zip")->required();
  cmd->add_option("NEW", state->new_zip, "the later package zip")->required();
  cmd->add_option("--report", state->report, "write the Markdown to this file instead of standard output");
  return {cmd, [state] {
            DiagnosticSink sink;
            auto markdown = diff_packages(state->old_zip, state->new_zip, sink);
            if (!markdown) {
              RunResult result;
              result.code = ExitCode::usage;
              result.messages.push_back("cannot compare " + state->old_zip + " and " + state->new_zip);
              return print_report(sink, result, OutputOptions{}, false);
            }
            if (state->report.empty()) std::cout << *markdown;
            else write_file_atomic(state->report, *markdown);
            return static_cast<int>(ExitCode::ok);
          }};
}

}  // namespace opskit::cli
