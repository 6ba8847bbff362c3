#include "pipeline/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <memory>

#include "check/external_links.hpp"
#include "check/operating_model_rules.hpp"
#include "check/orphans.hpp"
#include "check/workshop_rules.hpp"
#include "diagnostics/rule_levels.hpp"
#include "emit/output_folder.hpp"
#include "outputs/bundles/bundles.hpp"
#include "pipeline/build_model.hpp"
#include "pipeline/outputs_list.hpp"
#include "project/config.hpp"
#include "render/operating_model_views.hpp"
#include "render/questionnaire_form.hpp"
#include "render/theme.hpp"
#include "resolve/link_target.hpp"
#include "support/parallel.hpp"
#include "support/files.hpp"
#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;

bool wants_output(const RunOptions& options, const std::string& name) {
  return options.outputs.empty() || std::find(options.outputs.begin(), options.outputs.end(), name) != options.outputs.end();
}

std::optional<Theme> load_run_theme(const RunOptions& options, const ProjectConfig& config, DiagnosticSink& sink) {
  return load_theme(options.theme.empty() ? theme_dir_for(config.root) : options.theme, sink);
}

ExitCode exit_code_for(const DiagnosticSink& sink, bool strict) {
  if (sink.count(Severity::error) > 0) return ExitCode::content_errors;
  if (strict && sink.count(Severity::warning) > 0) return ExitCode::content_errors;
  return ExitCode::ok;
}

int effective_jobs(const RunOptions& options) { return options.jobs > 0 ? options.jobs : default_jobs(); }

namespace {

// `work` started on a thread of its own when the run has more than one job; with one, get() runs
// it on the calling thread (std::launch::deferred), where the serial run did it.
template <class Work>
auto beside(const RunOptions& options, Work work) {
  return std::async(effective_jobs(options) > 1 ? std::launch::async : std::launch::deferred, std::move(work));
}

// Moves `held` where nothing frees it (RunOptions::process_ends_after). It stays reachable from a
// global, so LeakSanitizer does not count it as a leak.
template <class T>
void leave_to_process_end(T& held) {
  static auto* kept = new std::vector<std::shared_ptr<void>>;
  kept->push_back(std::make_shared<T>(std::move(held)));
}

}  // namespace

std::optional<CheckedProject> load_project_model(const RunOptions& options, DiagnosticSink& sink, ExitCode& code,
                                                 const StageLap& lap) {
  auto config = load_project(options.root, sink);
  if (!config) {
    code = ExitCode::usage;
    return std::nullopt;
  }
  if (!apply_rule_overrides(options.rule_overrides, config->rule_levels, sink)) {
    code = ExitCode::usage;
    return std::nullopt;
  }
  CheckedProject project{
      build_model(std::move(*config), ModelOptions{options.drafts, effective_jobs(options), options.read_git, lap}, sink),
      {}, {}, {}};
  // The questionnaire and the operating model's files are separate YAML documents (yaml-cpp is
  // slow: they were the 13 ms of this step on the kit): with more than one job they load side by
  // side, the questionnaire into a sink of its own absorbed after the operating model's (the
  // order they had one after the other).
  DiagnosticSink questionnaire_sink;
  auto questionnaire =
      beside(options, [&] { return load_questionnaire(project.model, questionnaire_sink); });
  project.operating_model = load_operating_model(project.model, sink);
  project.questionnaire = questionnaire.get();
  sink.absorb(questionnaire_sink);
  lap_step(lap, "load the operating model and questionnaire data (side by side when --jobs > 1)");
  code = exit_code_for(sink, options.strict);
  return project;
}

bool check_project(CheckedProject& project, const RunOptions& options, DiagnosticSink& sink,
                   const std::function<bool()>& stop, const StageLap& lap) {
  auto stopped = [&] { return stop && stop(); };
  project.summary.clear();
  auto stats = check_links(project.model, sink, stop, effective_jobs(options));
  lap_step(lap, "check links and anchors");
  if (stats.stopped || stopped()) return false;
  check_operating_model(project.model, project.operating_model, sink);
  lap_step(lap, "check the operating model");
  if (stopped()) return false;
  // Workshop Studio's rules gate the bundles: a site-only build does not need them.
  bool workshop_rules = false;
  for (const auto& output : all_outputs())
    workshop_rules |= output->needs_workshop_rules() && wants_output(options, output->name());
  // Workshop Studio's rules and the orphan check only read the model: with more than one job they
  // run side by side, the orphans into a sink of their own that is absorbed after the rules' (the
  // order they had one after the other).
  DiagnosticSink orphan_sink;
  auto orphans = beside(options, [&] { check_orphans(project.model, orphan_sink); });
  if (workshop_rules) {
    check_workshops(project.model, sink);
    lap_step(lap, "check Workshop Studio's rules");
  }
  orphans.get();
  if (stopped()) return false;
  sink.absorb(orphan_sink);
  lap_step(lap, "find orphan pages (beside the rules when --jobs > 1)");
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
    lap_step(lap, "fetch external links");
  }
  return true;
}

std::optional<CheckedProject> load_and_check(const RunOptions& options, DiagnosticSink& sink, ExitCode& code,
                                             const StageLap& lap) {
  auto project = load_project_model(options, sink, code, lap);
  if (!project) return std::nullopt;
  check_project(*project, options, sink, nullptr, lap);
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

// The generated views (::raci, ::tooling-matrix, ...) of a page, linking as the output `urls` does.
std::string generated_view(const CheckedProject& project, const Directive& d, int page_index, const OutputUrls& urls,
                           DiagnosticSink& sink) {
  const Page& page = project.model.pages[page_index];
  if (d.name == "questionnaire")
    return questionnaire_view(project.questionnaire ? &*project.questionnaire : nullptr, page, d, sink);
  const Model& model = project.model;
  return render_operating_model_view(model, project.operating_model, d, [&](const std::string& id) -> std::string {
    auto it = model.index.by_id.find(id);
    if (it == model.index.by_id.end()) return {};
    int p = page_in_locale(model, it->second, page.locale);
    return p < 0 || !urls.has_page(p) ? std::string() : urls.page_link(page_index, p, "", "");
  });
}

}  // namespace

std::function<std::string(const Directive&, int, const OutputUrls&)> generated_views(const CheckedProject& project,
                                                                                     DiagnosticSink* const& sink) {
  return [&project, &sink](const Directive& d, int page, const OutputUrls& urls) {
    DiagnosticSink ignored;  // a render without a sink set (none does) loses nothing that matters
    return generated_view(project, d, page, urls, sink ? *sink : ignored);
  };
}

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
  check.read_git = false;  // dates, revision and the modified flag only go into written files
  return run_build(check, sink);
}

namespace {

// The process's peak resident memory so far, in MB (Linux's VmHWM); 0 where it cannot be read.
long peak_memory_mb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (starts_with(line, "VmHWM:")) return std::atol(line.c_str() + 6) / 1024;
  return 0;
}

// -v: how long each stage took and the peak memory after it, so a slow or large project shows
// where its time and memory go.
class StageClock {
 public:
  StageClock(bool on, RunResult& result) : on_(on), result_(result) {}
  void lap(const std::string& stage) {
    auto now = std::chrono::steady_clock::now();
    if (on_)
      result_.messages.push_back("time: " + stage + " " +
                                 std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now - last_).count()) +
                                 " ms, peak memory " + std::to_string(peak_memory_mb()) + " MB");
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
  auto project = load_and_check(options, sink, result.code, [&](const std::string& step) { clock.lap(step); });
  if (!project) return result;
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
  auto theme = load_run_theme(options, model.config, sink);
  if (!theme) {
    result.code = ExitCode::usage;
    return result;
  }
  // The output folder is taken before rendering when the run writes and the sources are clean, so
  // that the site's pages are staged as they are rendered rather than all held in memory. Nothing
  // is committed unless the whole build is clean: an error leaves the previous outputs untouched
  // (the folder's destructor removes what was staged).
  std::optional<OutputFolder> folder;
  fs::path out = output_folder_path(options, model.config);
  auto report_io = [&](const IoError& e) {
    sink.report("output.io", Severity::error, "", 0, 0, std::string(e.what()) + "; the previous output is untouched");
    result.code = ExitCode::usage;
  };
  if (options.write && result.code == ExitCode::ok) {
    try {
      std::string refusal;
      auto opened = OutputFolder::open(out, refusal, [&](const std::string& m) { result.messages.push_back(m); });
      if (opened) folder.emplace(std::move(*opened));
      if (!folder) {
        sink.report("output.refused", Severity::error, "", 0, 0, refusal);
        result.code = ExitCode::usage;
        return result;
      }
    } catch (const IoError& e) {
      report_io(e);
      return result;
    }
    clock.lap("open the output folder");
  }
  OutputInputs inputs{model, *theme, options.only, options.since, {}, {}, effective_jobs(options), {}};
  inputs.view_html = [&](const Directive& d, int page, const OutputUrls& urls) {
    return generated_view(*project, d, page, urls, sink);
  };
  inputs.data_files = operating_model_csv(project->operating_model);
  if (project->questionnaire) inputs.data_files.merge(questionnaire_exports(*project->questionnaire));
  if (folder)
    inputs.stage_file = [&](const std::string& output, const std::string& path, std::string_view bytes) {
      folder->stage_file(output, path, bytes);
    };
  std::vector<std::pair<const Output*, RenderedOutput>> rendered;
  // Declared after what it hands over, so that it runs first on every way out of this function.
  struct LeftToProcessEnd {
    bool on;
    std::optional<CheckedProject>& project;
    decltype(rendered)& outputs;
    ~LeftToProcessEnd() {
      if (!on) return;
      leave_to_process_end(project);
      leave_to_process_end(outputs);
    }
  } left_to_process_end{options.process_ends_after, project, rendered};
  try {
    for (const auto& output : all_outputs()) {
      if (!wants_output(options, output->name())) continue;
      rendered.emplace_back(output.get(), output->render(inputs, sink));
      auto& messages = rendered.back().second.messages;
      result.messages.insert(result.messages.end(), messages.begin(), messages.end());
      clock.lap("render and check " + output->name());
    }
  } catch (const IoError& e) {
    report_io(e);
    return result;
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
  if (!folder) return result;  // not reached: a clean build that writes opened the folder above
  try {
    // Everything is staged first: a failure (a full disk) leaves the previous outputs as they were.
    for (const auto& [output, files] : rendered) {
      if (!files.tree.empty()) {
        folder->stage_tree(files.tree, output->name(), effective_jobs(options));
        clock.lap("write " + output->name());
      }
      for (const auto& zip : files.zips)
        folder->stage_zip(zip.tree, output->name() + "/" + zip.file_name, zip.timestamp, effective_jobs(options));
      if (!files.zips.empty()) clock.lap("zip " + output->name());
    }
    folder->commit(effective_jobs(options));
    clock.lap("commit (move the outputs into place, remove the previous ones)");
  } catch (const IoError& e) {
    report_io(e);
    return result;
  }
  for (const auto& [output, files] : rendered) {
    if (!files.tree.empty() || files.staged_files > 0)
      result.messages.push_back(output->name() + ": " + (out / output->name()).string() + " (" +
                                std::to_string(files.tree.size() + files.staged_files) + " files)");
    for (const auto& zip : files.zips) {
      auto path = out / output->name() / zip.file_name;
      result.messages.push_back(output->name() + ": " + path.string() + " (" + std::to_string(zip.tree.size()) +
                                " files, " + std::to_string(fs::file_size(path)) + " bytes)");
    }
  }
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
      auto size = file.copy_from.empty() ? file.in_memory().size() : fs::file_size(file.copy_from);
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
