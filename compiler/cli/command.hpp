#pragma once
// One opskit subcommand: each cli/command_*.cpp adds its CLI11 subcommand and says how to run it.
// main.cpp lists them; adding a subcommand is one new file and one line there.
#include <CLI/CLI.hpp>

#include <functional>
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

// The options every project command has (-C, --out, --format, --rule, ...).
void add_project_options(CLI::App* cmd, RunOptions& run, OutputOptions& out);

// Runs a project command with one error route: a failure of the file system or an internal
// error becomes a diagnostic (output.io, internal.error) in the sink, so the text, JSON or SARIF
// report is still written, with everything found before it.
RunResult run_reporting_failures(const std::function<RunResult()>& run, DiagnosticSink& sink);

// Prints the diagnostics (text to stderr, or JSON/SARIF to stdout or --report) and the summary;
// returns the result's exit code.
int finish(const DiagnosticSink& sink, const RunResult& result, const OutputOptions& out, const RunOptions& run);

Command add_build_command(CLI::App& app);
Command add_check_command(CLI::App& app);
Command add_bundle_command(CLI::App& app);
Command add_package_command(CLI::App& app);
Command add_assess_command(CLI::App& app);
Command add_verify_command(CLI::App& app);
Command add_rules_command(CLI::App& app);
Command add_new_command(CLI::App& app);
Command add_diff_command(CLI::App& app);

}  // namespace opskit::cli
