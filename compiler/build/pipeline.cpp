#include "build/pipeline.hpp"

#include <map>

#include "render/site_builder.hpp"
#include "render/theme.hpp"
#include "resolve/link_target.hpp"

namespace opskit {
namespace fs = std::filesystem;

ExitCode exit_code_for(const DiagnosticSink& sink, bool strict) {
  if (sink.count(Severity::error) > 0) return ExitCode::content_errors;
  if (strict && sink.count(Severity::warning) > 0) return ExitCode::content_errors;
  return ExitCode::ok;
}

std::optional<CheckedProject> load_and_check(const RunOptions& options, DiagnosticSink& sink, ExitCode& code) {
  auto config = load_project(options.root, sink);
  if (!config) {
    code = ExitCode::usage;
    return std::nullopt;
  }
  CheckedProject project{build_model(std::move(*config), ModelOptions{options.drafts}, sink), {}};
  auto stats = check_links(project.model, sink);
  project.summary.push_back("pages: " + std::to_string(project.model.pages.size()));
  project.summary.push_back("links checked: " + std::to_string(stats.internal) + " internal, " +
                            std::to_string(stats.anchors) + " anchors, " + std::to_string(stats.assets) +
                            " assets, " + std::to_string(stats.external) + " external (not fetched)");
  code = exit_code_for(sink, options.strict);
  return project;
}

namespace {

void add_problem_summary(const DiagnosticSink& sink, std::vector<std::string>& lines) {
  std::map<std::string, int> by_rule;
  for (const auto& d : sink.sorted()) by_rule[d.rule]++;
  if (by_rule.empty()) {
    lines.push_back("problems: none");
    return;
  }
  std::string line = "problems by rule:";
  for (const auto& [rule, n] : by_rule) line += " " + rule + "=" + std::to_string(n);
  lines.push_back(line);
}

}  // namespace

RunResult run_check(const RunOptions& options, DiagnosticSink& sink) {
  RunResult result;
  auto project = load_and_check(options, sink, result.code);
  if (!project) return result;
  result.messages = project->summary;
  add_problem_summary(sink, result.messages);
  return result;
}

RunResult run_build(const RunOptions& options, DiagnosticSink& sink) {
  RunResult result;
  auto project = load_and_check(options, sink, result.code);
  if (!project) return result;
  const Model& model = project->model;
  auto theme = load_theme(options.theme.empty() ? theme_dir_for(model.config.root) : options.theme, sink);
  if (!theme) {
    result.code = ExitCode::usage;
    return result;
  }
  fs::path out = options.out.is_absolute() ? options.out : model.config.root / options.out;
  if (options.site) {
    SiteOptions site;
    auto tree = build_site(model, *theme, site, sink);
    result.code = exit_code_for(sink, options.strict);
    if (result.code != ExitCode::ok) {
      result.messages.push_back("nothing written: fix the errors above (the previous output is untouched)");
      return result;
    }
    write_tree_atomically(tree, out / "site");
    result.messages.push_back("site: " + (out / "site").string() + " (" + std::to_string(tree.size()) + " files)");
  }
  result.code = exit_code_for(sink, options.strict);
  return result;
}

}  // namespace opskit
