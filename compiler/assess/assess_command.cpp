// `opskit assess`: reads the answers, writes the report next to the other outputs.
#include "assess/assess.hpp"

#include "diagnostics/rule_levels.hpp"
#include "emit/output_folder.hpp"
#include "load/limits.hpp"
#include "pipeline/build_model.hpp"
#include "project/config.hpp"
#include "render/theme.hpp"
#include "support/files.hpp"

namespace opskit {
namespace fs = std::filesystem;

int run_assess(const Model& model, const Theme& theme, const fs::path& answers_json, const fs::path& out_dir,
               DiagnosticSink& sink) {
  const std::string file = answers_json.string();
  auto errors_before = sink.count(Severity::error);
  auto questionnaire = load_questionnaire(model, sink);
  if (!questionnaire) {
    sink.report("questionnaire.missing", Severity::error, "", 0, 0,
                "the project has no content/data/questionnaire.yaml (or it is not valid YAML): nothing to assess");
    return 2;
  }
  std::error_code size_error;
  auto size = fs::file_size(answers_json, size_error);
  if (!size_error && size > limits::kAnswersBytes) {
    sink.report("answers.too-large", Severity::error, file, 0, 0,
                "the answers file is " + std::to_string(size) + " bytes; the form exports far less (the limit is " +
                    std::to_string(limits::kAnswersBytes) + " bytes)");
    return 1;
  }
  std::string read_error;
  auto text = read_file(answers_json, &read_error);
  if (!text) {
    sink.report("answers.unreadable", Severity::error, file, 0, 0, "cannot read the answers file: " + read_error);
    return 2;
  }
  sink.remember_source(file, *text);
  auto answers = parse_answers(*questionnaire, file, *text, sink);
  if (!answers || sink.count(Severity::error) > errors_before) return 1;

  auto report = build_assessment_report(model, *questionnaire, *answers, theme);
  write_file_atomic(out_dir / "assessment-report.md", report.markdown);
  write_file_atomic(out_dir / "assessment-report.html", report.html);
  return 0;
}

RunResult run_assess_command(const RunOptions& options, const fs::path& answers_json, DiagnosticSink& sink) {
  RunResult result;
  auto config = load_project(options.root, sink);
  if (!config) {
    result.code = ExitCode::usage;
    return result;
  }
  // --rule RULE=LEVEL, as for the other commands (answers.version-mismatch=warning, say).
  if (!apply_rule_overrides(options.rule_overrides, config->rule_levels, sink)) {
    result.code = ExitCode::usage;
    return result;
  }
  // Only the project is needed, not its checks: problems elsewhere in the kit do not block a report.
  ModelOptions model_options;
  model_options.include_drafts = options.drafts;
  model_options.jobs = effective_jobs(options);
  auto model = build_model(std::move(*config), model_options, sink);
  fs::path out = output_folder_path(options, model.config);
  if (auto overlap = out_overlaps_sources(out, source_folders(model.config)); !overlap.empty()) {
    sink.report("output.refused", Severity::error, "", 0, 0, overlap + "; choose a folder outside the sources");
    result.code = ExitCode::usage;
    return result;
  }
  auto theme = load_run_theme(options, model.config, sink);
  if (!theme) {
    result.code = ExitCode::usage;
    return result;
  }
  int code = run_assess(model, *theme, answers_json, out, sink);
  result.code = code == 0 ? ExitCode::ok : code == 2 ? ExitCode::usage : ExitCode::content_errors;
  if (code == 0) {
    result.messages.push_back("assessment report: " + (out / "assessment-report.md").string());
    result.messages.push_back("assessment report: " + (out / "assessment-report.html").string());
  } else {
    result.messages.push_back("no report written (the problems are listed above)");
  }
  return result;
}

}  // namespace opskit
