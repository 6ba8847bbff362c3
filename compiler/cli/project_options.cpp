#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <new>

#include "cli/command.hpp"
#include "diagnostics/report.hpp"
#include "support/files.hpp"

namespace opskit::cli {

namespace {

// The options every project command has (-C, --out, --format, --rule, ...).
void add_project_options(CLI::App* cmd, RunOptions& run, OutputOptions& out) {
  cmd->add_option("-C,--project", run.root, "project folder (default: the current directory)");
  cmd->add_option("--out", run.out, "output folder (default: build/out under the project)");
  add_report_options(cmd, out);
  cmd->add_flag("--strict", run.strict, "warnings fail the run");
  cmd->add_flag("--drafts", run.drafts, "include pages marked draft");
  cmd->add_option("--theme", run.theme, "theme folder (default: the project's site-theme/, else opskit's own)");
  cmd->add_option("--rule", run.rule_overrides, "set a rule's level: RULE=error|warning|off (repeatable)");
  cmd->add_option("-j,--jobs", run.jobs, "threads for parsing and rendering (default: one per core; the output is the same for any number)")
      ->check(CLI::Range(1, 256));
  cmd->add_flag("-q,--quiet", run.quiet, "print only diagnostics");
  cmd->add_flag("-v,--verbose", run.verbose, "print more about each stage");
}

// A failure of the file system or an internal error becomes a diagnostic (output.io,
// internal.error), so the text, JSON or SARIF report is still written with everything found before.
RunResult run_reporting_failures(const std::function<RunResult()>& run, DiagnosticSink& sink) {
  RunResult failed;
  try {
    return run();
  } catch (const IoError& e) {
    // The file system refused (a full disk, a permission): the user's to fix, not a bug.
    sink.report("output.io", Severity::error, "", 0, 0, e.what());
    failed.code = ExitCode::usage;
  } catch (const std::filesystem::filesystem_error& e) {
    sink.report("output.io", Severity::error, "", 0, 0, e.what());
    failed.code = ExitCode::usage;
  } catch (const std::bad_alloc&) {
    sink.report("internal.error", Severity::error, "", 0, 0, "out of memory");
    failed.code = ExitCode::internal;
  } catch (const std::exception& e) {
    sink.report("internal.error", Severity::error, "", 0, 0, std::string("internal error: ") + e.what());
    failed.code = ExitCode::internal;
  }
  return failed;
}

}  // namespace

void add_report_options(CLI::App* cmd, OutputOptions& out) {
  cmd->add_option("--format", out.format, "diagnostics format: text (stderr), json or sarif (stdout or --report)")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  cmd->add_option("--report", out.report, "write JSON or SARIF diagnostics to this file");
}

int print_report(const DiagnosticSink& sink, const RunResult& result, const OutputOptions& out, bool quiet) {
  if (out.format == "text") {
    TextStyle style;
    bool terminal = ::isatty(STDERR_FILENO) != 0;
    style.color = terminal && std::getenv("NO_COLOR") == nullptr;
    style.show_source = terminal;
    std::cerr << format_text(sink, style);
  } else {
    auto doc = out.format == "json" ? format_json(sink) : format_sarif(sink, OPSKIT_VERSION);
    if (out.report.empty()) std::cout << doc;
    else write_file_atomic(out.report, doc);
  }
  if (!quiet) {
    for (const auto& m : result.messages) std::cerr << "opskit: " << m << "\n";
    std::cerr << "opskit: " << sink.count(Severity::error) << " error(s), " << sink.count(Severity::warning)
              << " warning(s)\n";
  }
  return static_cast<int>(result.code);
}

ProjectCommand add_project_command(CLI::App& app, const std::string& name, const std::string& description) {
  ProjectCommand command;
  command.app = app.add_subcommand(name, description);
  add_project_options(command.app, *command.run, *command.out);
  return command;
}

Command runs(const ProjectCommand& command, std::function<RunResult(RunOptions&, DiagnosticSink&)> body) {
  return {command.app, [command, body = std::move(body)] {
            command.run->process_ends_after = true;  // the command is the process's last work
            DiagnosticSink sink;
            auto result = run_reporting_failures([&] { return body(*command.run, sink); }, sink);
            return print_report(sink, result, *command.out, command.run->quiet);
          }};
}

}  // namespace opskit::cli
