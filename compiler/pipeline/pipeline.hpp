#pragma once
// Runs the stages for one CLI command. main.cpp only parses the command line.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "diagnostics/diagnostic.hpp"
#include "pipeline/build_model.hpp"
#include "parse/operating_model_data.hpp"
#include "parse/questionnaire_data.hpp"
#include "render/theme.hpp"

namespace opskit {

class OutputUrls;

enum class ExitCode { ok = 0, content_errors = 1, usage = 2, internal = 3 };

struct RunOptions {
  std::filesystem::path root = ".";
  std::filesystem::path out = "build/out";  // relative to root unless absolute
  bool strict = false;
  bool drafts = false;
  bool quiet = false;
  bool verbose = false;
  std::filesystem::path theme;  // empty: the project's site-theme/, else opskit's own
  // Which outputs `build` writes, by name (pipeline/outputs_list.hpp); empty: every output.
  std::vector<std::string> outputs;
  bool write = true;  // false: render and check everything, write nothing (opskit check)
  bool read_git = true;  // false: ask git nothing (opskit check; load_sources)
  std::vector<std::string> only;  // bundle/package names to write (empty: all)
  // Previous packages (`package --since OLD.zip`): the package of the same name gets a CHANGES.md.
  std::vector<std::filesystem::path> since;
  std::vector<std::string> rule_overrides;  // "link.unresolved=warning", over opskit.yaml's rules
  // `check --external`: fetch external links; the cache file is relative to root unless absolute.
  // Threads for parsing and rendering pages (--jobs); 0: one per core. Outputs are the same for any N.
  int jobs = 0;
  bool external = false;
  std::filesystem::path external_cache;  // empty: .opskit-cache/external-links.json
  // True when the process ends right after the run (the CLI's commands): the model and the
  // rendered outputs are then left for the operating system to take back, not freed one
  // allocation at a time (50-65 ms of a 10,000-page build, on one thread), as compilers' drivers
  // do. Never for a process that runs again (opskit serve, the tests).
  bool process_ends_after = false;
};

struct RunResult {
  ExitCode code = ExitCode::ok;
  std::vector<std::string> messages;  // summary lines for the user (stderr)
};

// Everything but writing: load, parse, index, resolve, check.
RunResult run_check(const RunOptions& options, DiagnosticSink& sink);
// Check, then render and write the chosen outputs atomically (nothing is written on errors).
RunResult run_build(const RunOptions& options, DiagnosticSink& sink);

// `opskit bundle --list`: what each bundle will contain, without writing.
RunResult run_list_bundles(const RunOptions& options, DiagnosticSink& sink);

// Shared by the commands: loads the project and runs the checks every output needs.
struct CheckedProject {
  Model model;
  OperatingModel operating_model;
  std::optional<Questionnaire> questionnaire;  // content/data/questionnaire.yaml, when the kit has one
  std::vector<std::string> summary;
};
// `lap`, when given, is called after each step (-v times them).
std::optional<CheckedProject> load_and_check(const RunOptions& options, DiagnosticSink& sink, ExitCode& code,
                                             const StageLap& lap = nullptr);
// Its two halves, for `opskit serve`, which re-parses an edited page and checks again:
// the project loaded, parsed and indexed, with its data files;
std::optional<CheckedProject> load_project_model(const RunOptions& options, DiagnosticSink& sink, ExitCode& code,
                                                 const StageLap& lap = nullptr);
// the checks over the whole model (links, operating model, workshops, orphans; external links
// when asked), which also fill the project's summary lines. `stop`, when given, is asked between
// the families of checks: true ends them early, and check_project returns false (what `sink`
// got is then partial; `opskit serve` drops it and runs them again later).
bool check_project(CheckedProject& project, const RunOptions& options, DiagnosticSink& sink,
                   const std::function<bool()>& stop = nullptr, const StageLap& lap = nullptr);

ExitCode exit_code_for(const DiagnosticSink& sink, bool strict);

// --jobs, or one thread per core when it is not given.
int effective_jobs(const RunOptions& options);

// The generated views (::raci, ::tooling-matrix, ::questionnaire) of a checked project, as an
// output's OutputInputs::view_html wants them: for `opskit serve`, which renders the site itself.
// They report into `*sink` as it is when a view is rendered (serve points it at each render's
// own sink). Both arguments must outlive the function returned.
std::function<std::string(const Directive&, int page, const OutputUrls&)> generated_views(const CheckedProject& project,
                                                                                          DiagnosticSink* const& sink);

// The theme of a run: --theme, else the project's site-theme/, else opskit's own (reported and
// nullopt when it cannot be loaded).
std::optional<Theme> load_run_theme(const RunOptions& options, const ProjectConfig& config, DiagnosticSink& sink);

// Does this run write the output named `name`?
bool wants_output(const RunOptions& options, const std::string& name);

// The --out folder (relative to the project unless absolute), and the folders and files that are
// the project's sources, which it may not be, hold or lie in.
std::filesystem::path output_folder_path(const RunOptions& options, const ProjectConfig& config);
std::vector<std::filesystem::path> source_folders(const ProjectConfig& config);

}  // namespace opskit
