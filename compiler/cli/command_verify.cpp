// `opskit verify PACKAGE.zip`: checks a handover package against its manifest. Its findings are
// diagnostics like every other command's (rules verify.*), in text, JSON or SARIF.
#include <memory>

#include "cli/command.hpp"
#include "verify/verify_package.hpp"

namespace opskit::cli {

Command add_verify_command(CLI::App& app) {
  struct State {
    std::string zip;
    OutputOptions out;
    bool quiet = false;
  };
  auto state = std::make_shared<State>();
  auto* cmd = app.add_subcommand("verify", "check a handover package against its manifest");
  cmd->add_option("package", state->zip, "the package zip")->required();
  add_report_options(cmd, state->out);
  cmd->add_flag("-q,--quiet", state->quiet, "print only diagnostics");
  return {cmd, [state] {
            DiagnosticSink sink;
            auto verified = verify_package(state->zip, sink);
            RunResult result;
            result.code = static_cast<ExitCode>(verified.code);
            result.messages.push_back(verified.summary);
            return print_report(sink, result, state->out, state->quiet);
          }};
}

}  // namespace opskit::cli
