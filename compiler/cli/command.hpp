#pragma once
// One opskit subcommand: each cli/command_*.cpp adds its CLI11 subcommand and says how to run it.
// main.cpp lists them; adding a subcommand is one new file and one line there.
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>

#include "diagnostics/diagnostic.hpp"
#include "pipeline/pipeline.hpp"

namespace opskit::cli {

// How diagnostics are printed: shared by every command that checks a project.
struct OutputOptions {
  std::string format = "text";
  std::string report;
};

struct Command {
  CLI::App* app = nullptr;
  // Runs the parsed command; returns the process exit code.
  std::function<int()> run;
};

// A command on a project: its subcommand with the project options, and the options it fills,
// which the command's own options may add to before `runs` turns it into a Command.
struct ProjectCommand {
  CLI::App* app = nullptr;
  std::shared_ptr<RunOptions> run = std::make_shared<RunOptions>();
  std::shared_ptr<OutputOptions> out = std::make_shared<OutputOptions>();
};
// --format and --report, for a command that reports diagnostics without a project (verify).
void add_report_options(CLI::App* cmd, OutputOptions& out);
// Prints the diagnostics (text to stderr, or JSON/SARIF to stdout or --report) and, unless quiet,
// the result's summary lines and the counts; returns the result's exit code. Every command that
// finds problems reports them through here, so all speak the same three formats.
int print_report(const DiagnosticSink& sink, const RunResult& result, const OutputOptions& out, bool quiet);

ProjectCommand add_project_command(CLI::App& app, const std::string& name, const std::string& description);
// Runs `body` with one error route (a disk or internal failure becomes a diagnostic, so the
// report is still written), then prints the diagnostics and the summary.
Command runs(const ProjectCommand& command, std::function<RunResult(RunOptions&, DiagnosticSink&)> body);

Command add_build_command(CLI::App& app);
Command add_check_command(CLI::App& app);
Command add_bundle_command(CLI::App& app);
Command add_package_command(CLI::App& app);
Command add_assess_command(CLI::App& app);
Command add_verify_command(CLI::App& app);
Command add_rules_command(CLI::App& app);
Command add_new_command(CLI::App& app);
Command add_diff_command(CLI::App& app);
Command add_serve_command(CLI::App& app);

}  // namespace opskit::cli
