#include "pipeline/pipeline.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <set>

#include "pipeline/build_model.hpp"
#include "outputs/bundles/bundles.hpp"
#include "outputs/packages/packages.hpp"
#include "check/external_links.hpp"
#include "check/operating_model_rules.hpp"
#include "check/orphans.hpp"
#include "check/output_links.hpp"
#include "render/operating_model_views.hpp"
#include "render/questionnaire_form.hpp"
#include "support/files.hpp"
#include "check/workshop_rules.hpp"
#include "emit/output_folder.hpp"
#include "emit/zip_archive.hpp"
#include "project/config.hpp"
#include "outputs/site/site_builder.hpp"
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
  for (const auto& override_text : options.rule_overrides) {
    auto eq = override_text.find('=');
    auto level = eq == std::string::npos ? "" : override_text.substr(eq + 1);
    if (level != "error" && level != "warning" && level != "off") {
      sink.report("config.invalid", Severity::error, "", 0, 0,
                  "--rule expects RULE=error|warning|off, not '" + override_text + "'");
      code = ExitCode::usage;
      return std::nullopt;
    }
    config->rule_levels[override_text.substr(0, eq)] =
        level == "error" ? RuleLevel::error : level == "warning" ? RuleLevel::warning : RuleLevel::off;
  }
  CheckedProject project{build_model(std::move(*config), ModelOptions{options.drafts}, sink), {}, {}, {}};
  auto stats = check_links(project.model, sink);
  project.operating_model = load_operating_model(project.model, sink);
  check_operating_model(project.model, project.operating_model, sink);
  project.questionnaire = load_questionnaire(project.model, sink);
  // Workshop Studio's rules gate the bundles: a site-only build does not need them.
  if (options.bundles) check_workshops(project.model, sink);
  check_orphans(project.model, sink);
  project.summary.push_back("pages: " + std::to_string(project.model.pages.size()));
  project.summary.push_back("links checked: " + std::to_string(stats.internal) + " internal, " +
                            std::to_string(stats.anchors) + " anchors, " + std::to_string(stats.assets) +
                            " assets, " + std::to_string(stats.external) +
                            (options.external ? " external" : " external (not fetched)"));
  if (options.external) {
    auto external = external_check_options(project.model.config);
    external.cache_file = options.external_cache;
    external.strict = options.strict;
    auto fetched = check_external_links(project.model, external, sink);
    project.summary.push_back("external links: " + std::to_string(fetched.checked) + " fetched, " +
                              std::to_string(fetched.from_cache) + " from cache, " +
                              std::to_string(fetched.failed) + " failed, " + std::to_string(fetched.skipped) +
                              " excluded");
  }
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

// Links whose problem the source check already reported, as the output writes them: the output
// check then reports only what slipped in between (templates, raw HTML).
std::set<std::pair<std::string, std::string>> reported_links(const Model& model, const std::function<bool(int)>& included,
                                                             const std::string& prefix) {
  std::set<std::pair<std::string, std::string>> out;
  for (int i = 0; i < static_cast<int>(model.pages.size()); ++i) {
    if (!included(i)) continue;
    auto urls = site_link_urls(model, i, included).urls;
    const auto& links = model.pages[i].body.links;
    for (std::size_t k = 0; k < links.size(); ++k) {
      auto t = resolve_link(model, i, links[k].url);
      bool broken = t.kind == LinkTarget::Kind::unresolved ||
                    ((t.kind == LinkTarget::Kind::page || t.kind == LinkTarget::Kind::same_page) && !t.anchor.empty() &&
                     !model.index.anchors[t.page].count(t.anchor));
      if (broken) out.insert({prefix + site_page_path(model.pages[i]), urls[k]});
    }
  }
  return out;
}

// The generated views (::raci, ::tooling-matrix, ...) for an output holding the `included` pages.
std::string generated_view(const CheckedProject& project, const Directive& d, const Page& page,
                           const std::function<bool(int)>& included, DiagnosticSink& sink) {
  if (d.name == "questionnaire")
    return questionnaire_view(project.questionnaire ? &*project.questionnaire : nullptr, page, d, sink);
  const Model& model = project.model;
  auto from = site_page_path(page);
  return render_operating_model_view(model, project.operating_model, d, [&](const std::string& id) -> std::string {
    auto it = model.index.by_id.find(id);
    if (it == model.index.by_id.end()) return {};
    int p = page_in_locale(model, it->second, page.locale);
    return p < 0 || !included(p) ? std::string() : relative_url(from, site_page_path(model.pages[p]));
  });
}

}  // namespace

fs::path output_folder_path(const RunOptions& options, const ProjectConfig& config) {
  return options.out.is_absolute() ? options.out : config.root / options.out;
}

std::vector<fs::path> source_folders(const ProjectConfig& config) {
  const auto& root = config.root;
  if (config.bare_workshop)
    return {root / "content", root / "static", root / "assets", root / "contentspec.yaml", root / "site-theme"};
  std::vector<fs::path> out{root / "content", root / "workshops", root / "site-theme", root / "opskit.yaml"};
  for (const auto& w : config.workshops) out.push_back(w.dir);
  return out;
}

RunResult run_check(const RunOptions& options, DiagnosticSink& sink) {
  // Everything a build does, rendering included (some problems show only then), but writing.
  RunOptions check = options;
  check.write = false;
  return run_build(check, sink);
}

namespace {

// -v: how long each stage took, so a slow project shows where its time goes.
class StageClock {
 public:
  StageClock(bool on, RunResult& result) : on_(on), result_(result) {}
  void lap(const std::string& stage) {
    auto now = std::chrono::steady_clock::now();
    if (on_)
      result_.messages.push_back("time: " + stage + " " +
                                 std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now - last_).count()) +
                                 " ms");
    last_ = now;
  }

 private:
  bool on_;
  RunResult& result_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

RunResult run_build(const RunOptions& options, DiagnosticSink& sink) {
  RunResult result;
  StageClock clock(options.verbose, result);
  auto project = load_and_check(options, sink, result.code);
  if (!project) return result;
  clock.lap("load, parse, index, resolve, check");
  const Model& model = project->model;
  if (options.write) {
    auto overlap = out_overlaps_sources(output_folder_path(options, model.config), source_folders(model.config));
    if (!overlap.empty()) {
      sink.report("output.refused", Severity::error, "", 0, 0,
                  overlap + "; the next build would read the outputs as sources. Choose a folder outside content/, "
                            "workshops/ and site-theme/ (the default is build/out)");
      result.code = ExitCode::usage;
      return result;
    }
  }
  auto theme = load_theme(options.theme.empty() ? theme_dir_for(model.config.root) : options.theme, sink);
  if (!theme) {
    result.code = ExitCode::usage;
    return result;
  }
  // Render everything first; write only when the whole build is clean.
  OutputTree site_tree;
  auto everything = [](int) { return true; };
  if (options.site) {
    SiteOptions site;
    site.view_html = [&](const Directive& d, const Page& page) { return generated_view(*project, d, page, everything, sink); };
    site_tree = build_site(model, *theme, site, sink);
    auto stats = check_output_links(site_tree, "site", reported_links(model, everything, ""), sink);
    result.messages.push_back("output links checked: " + std::to_string(stats.references) + " in " +
                              std::to_string(stats.pages) + " HTML files (" + std::to_string(stats.fragments) +
                              " with fragments)");
    clock.lap("render and check the site");
  }
  std::vector<PlannedZip> bundles, packages;
  if (options.bundles) bundles = plan_bundles(model, options.only, sink);
  clock.lap("plan bundles");
  if (options.packages) {
    PackageInputs inputs;
    inputs.data_files = operating_model_csv(project->operating_model);
    if (project->questionnaire) inputs.data_files.merge(questionnaire_exports(*project->questionnaire));
    inputs.view_html = [&](const Directive& d, const Page& page, const std::function<bool(int)>& included) {
      return generated_view(*project, d, page, included, sink);
    };
    packages = plan_packages(model, *theme, inputs, options.only, sink);
    clock.lap("render packages");
  }
  result.code = exit_code_for(sink, options.strict);
  if (!options.write) {
    result.messages.insert(result.messages.begin(), project->summary.begin(), project->summary.end());
    add_problem_summary(sink, result.messages);
    return result;
  }
  if (result.code != ExitCode::ok) {
    result.messages.push_back("nothing written: fix the errors above (the previous output is untouched)");
    return result;
  }
  fs::path out = output_folder_path(options, model.config);
  try {
    std::string refusal;
    auto folder = OutputFolder::open(out, refusal, [&](const std::string& m) { result.messages.push_back(m); });
    if (!folder) {
      sink.report("output.refused", Severity::error, "", 0, 0, refusal);
      result.code = ExitCode::usage;
      return result;
    }
    // Everything is staged first: a failure (a full disk) leaves the previous outputs as they were.
    if (options.site) folder->stage_tree(site_tree, "site");
    for (const auto& [kind, zips] : {std::pair{"bundles", &bundles}, std::pair{"packages", &packages}})
      for (const auto& zip : *zips) folder->stage_zip(zip.tree, std::string(kind) + "/" + zip.file_name, zip.timestamp);
    folder->commit();
  } catch (const IoError& e) {
    sink.report("output.io", Severity::error, "", 0, 0, std::string(e.what()) + "; the previous output is untouched");
    result.code = ExitCode::usage;
    return result;
  }
  if (options.site)
    result.messages.push_back("site: " + (out / "site").string() + " (" + std::to_string(site_tree.size()) + " files)");
  for (const auto& [kind, zips] : {std::pair{"bundle", &bundles}, std::pair{"package", &packages}}) {
    for (const auto& zip : *zips) {
      auto path = out / (std::string(kind) + "s") / zip.file_name;
      result.messages.push_back(std::string(kind) + ": " + path.string() + " (" + std::to_string(zip.tree.size()) +
                                " files, " + std::to_string(fs::file_size(path)) + " bytes)");
    }
  }
  clock.lap("write");
  return result;
}

RunResult run_list_bundles(const RunOptions& options, DiagnosticSink& sink) {
  RunResult result;
  auto project = load_and_check(options, sink, result.code);
  if (!project) return result;
  for (const auto& zip : plan_bundles(project->model, options.only, sink)) {
    std::uintmax_t total = 0;
    result.messages.push_back(zip.file_name + ":");
    for (const auto& [path, file] : zip.tree) {
      auto size = file.copy_from.empty() ? file.bytes.size() : fs::file_size(file.copy_from);
      total += size;
      result.messages.push_back("  " + std::to_string(size) + "\t" + path);
    }
    result.messages.push_back("  " + std::to_string(zip.tree.size()) + " files, " + std::to_string(total) +
                              " bytes before compression");
  }
  result.code = exit_code_for(sink, options.strict);
  return result;
}

}  // namespace opskit
