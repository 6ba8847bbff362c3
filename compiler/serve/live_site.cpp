#include "serve/live_site.hpp"

#include <chrono>
#include <exception>
#include <optional>
#include <tuple>

#include <nlohmann/json.hpp>

#include "diagnostics/report.hpp"
#include "index/symbols.hpp"
#include "load/sources.hpp"
#include "outputs/site/site_builder.hpp"
#include "outputs/site/site_output.hpp"
#include "parse/parse_page.hpp"
#include "render/theme.hpp"
#include "resolve/link_target.hpp"
#include "serve/request_path.hpp"
#include "support/files.hpp"

namespace opskit::serve {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

long long ms_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// The live-reload script: the theme's serve/live-reload.js, else opskit's own theme's (a project
// theme need not carry it). It is outside assets/, so built sites and packages do not ship it.
std::string reload_script(const fs::path& theme_dir) {
  for (const auto& dir : {theme_dir, default_theme_dir()}) {
    if (auto bytes = read_file(dir / "serve" / "live-reload.js")) return *bytes;
  }
  return "console.error('opskit serve: no serve/live-reload.js in the theme: pages will not reload');\n";
}

bool is_html(const std::string& key) { return key.size() >= 5 && key.compare(key.size() - 5, 5, ".html") == 0; }

std::shared_ptr<const ServedFile> served(std::string bytes, const std::string& key) {
  auto f = std::make_shared<ServedFile>();
  f->etag = etag_for(bytes);
  f->content_type = content_type_for(key);
  f->html = is_html(key);
  f->bytes = std::move(bytes);
  return f;
}

std::string problems_json(const SiteSnapshot& s) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& d : s.problems)
    problems.push_back({{"file", d.file},
                        {"line", d.line},
                        {"column", d.column},
                        {"severity", severity_name(d.severity)},
                        {"message", d.message},
                        {"rule", d.rule}});
  nlohmann::json doc{{"generation", s.generation}, {"stale", s.stale}, {"built", s.built}, {"problems", problems}};
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// What other pages and the navigation see of a page: if none of it changed, an edit to the page
// changes no other file of the site (its anchors are what links to it resolve against).
bool same_outside_view(const Page& a, const Page& b) {
  auto fields = [](const Page& p) {
    const auto& m = p.meta;
    return std::tie(p.id, p.path, p.locale, p.is_index, m.title, m.weight, m.id, m.kind, m.area, m.framework_area,
                    m.owner, m.last_reviewed, m.automation, m.description, m.link_title, m.menu_title, m.pre, m.date,
                    m.hidden, m.draft, m.chapter, m.disable_toc, m.tags, m.wa, m.present);
  };
  if (fields(a) != fields(b)) return false;
  DiagnosticSink ignored;  // duplicate anchors were reported when the page was parsed
  return page_anchors(a, ignored) == page_anchors(b, ignored);
}

// A finding of the link family (check_page_links reports them for an edited page).
bool is_link_rule(const Diagnostic& d) { return d.rule.substr(0, d.rule.find('.')) == "link"; }

// `problems` without those on `file`, then `fresh` (re-reported: the rule levels were applied).
void replace_problems_of(std::vector<Diagnostic>& problems, const std::string& file, const DiagnosticSink& fresh) {
  std::vector<Diagnostic> kept;
  for (auto& d : problems)
    if (d.file != file) kept.push_back(std::move(d));
  for (auto& d : fresh.sorted()) kept.push_back(std::move(d));
  problems = std::move(kept);
}

}  // namespace

// The last good build, kept in memory: the model the site renders from (pages are replaced in
// place when edited), the theme, the site renderer with its navigation and search entries, each
// stage's problems, and the built files.
struct LiveSite::Built {
  CheckedProject project;
  std::optional<Theme> theme;
  DiagnosticSink* views_sink = nullptr;  // where the generated views report while a render runs
  std::unique_ptr<IncrementalSite> site;
  std::vector<Diagnostic> parse_problems, check_problems, render_problems;
  std::shared_ptr<const ServedFiles> files;  // the site's, and the live-reload script
  std::size_t site_files = 0;                // of them, the site's
  std::map<std::string, std::string> output_of;  // a page's source file -> its HTML's key (OutputFile::source)

  // A sink under the project's rule levels (DiagnosticSink is neither copied nor moved).
  std::unique_ptr<DiagnosticSink> new_sink() const {
    auto sink = std::make_unique<DiagnosticSink>();
    sink->set_rule_levels(project.model.config.rule_levels);
    return sink;
  }
  void report_all(DiagnosticSink& sink) const {
    for (const auto* list : {&parse_problems, &check_problems, &render_problems})
      for (const auto& d : *list) sink.report(d);
  }
};

LiveSite::LiveSite(RunOptions options, bool color_report) : options_(std::move(options)), color_report_(color_report) {
  options_.drafts = true;   // an author previews what is not published yet
  options_.write = false;
  // The bundles are not rendered, but naming them turns on the Workshop Studio rules, whose
  // problems an author of a workshop wants to see as much as any other.
  options_.outputs = {"site", "bundles"};
  auto root = options_.root;
  watched_ = {root / "content", root / "workshops", root / "site-theme", root / "static", root / "assets"};
}

LiveSite::~LiveSite() = default;

std::shared_ptr<const SiteSnapshot> LiveSite::rebuild() {
  auto start = Clock::now();
  auto next = std::make_shared<SiteSnapshot>();
  next->generation = ++generation_;
  DiagnosticSink load_sink;
  std::unique_ptr<Built> built;
  try {
    ExitCode code = ExitCode::ok;
    auto project = load_project_model(options_, load_sink, code);
    if (project) {
      built = std::make_unique<Built>();
      built->project = std::move(*project);
      const Model& model = built->project.model;
      watched_ = source_folders(model.config);
      if (!options_.theme.empty()) watched_.push_back(options_.theme);
      auto checks = built->new_sink();
      check_project(built->project, options_, *checks);
      built->theme = load_run_theme(options_, model.config, load_sink);
      if (built->theme) {
        SiteOptions site;
        site.jobs = effective_jobs(options_);
        site.view_html = generated_views(built->project, built->views_sink);
        built->site = std::make_unique<IncrementalSite>(model, *built->theme, site);
        // Rendered whatever the content's errors: a page with a broken link is still shown.
        auto render = built->new_sink();
        built->views_sink = render.get();
        auto tree = built->site->build(*render);
        check_site_output_links(model, tree, *render, effective_jobs(options_));
        built->views_sink = nullptr;
        auto files = std::make_shared<ServedFiles>();
        for (auto& [key, file] : tree) {
          if (is_html(key) && !file.source.empty()) built->output_of[file.source] = key;
          (*files)[key] = served(output_bytes(file), key);
        }
        built->site_files = files->size();
        script_ = reload_script(built->theme->dir);
        (*files)[kScriptKey] = served(script_, kScriptKey);
        built->files = std::move(files);
        built->parse_problems = load_sink.sorted();
        built->check_problems = checks->sorted();
        built->render_problems = render->sorted();
      } else {
        built.reset();
      }
    }
  } catch (const IoError& e) {
    // A file vanished or changed half-way (an editor saving): the next change rebuilds.
    load_sink.report("output.io", Severity::error, "", 0, 0, e.what());
    built.reset();
  } catch (const fs::filesystem_error& e) {
    load_sink.report("output.io", Severity::error, "", 0, 0, e.what());
    built.reset();
  } catch (const std::exception& e) {
    load_sink.report("internal.error", Severity::error, "", 0, 0, std::string("internal error: ") + e.what());
    built.reset();
  }
  last_build_ok_ = built != nullptr;
  if (built) {
    built_ = std::move(built);
    checks_pending_ = false;  // a full build checked everything
    checked_files_.clear();
  }
  staged_.reset();  // page updates were made to the model this build replaced (or that failed)
  next->built = built_ != nullptr;
  next->stale = !last_build_ok_ && next->built;
  std::string summary;
  DiagnosticSink report;
  if (last_build_ok_) {
    report.set_rule_levels(built_->project.model.config.rule_levels);
    built_->report_all(report);
    summary = "built " + std::to_string(built_->site_files) + " files";
  } else {
    report.absorb(load_sink);
    summary = next->built ? "build failed, still serving the last good build" : "build failed, nothing to serve yet";
  }
  if (built_) next->files = built_->files;
  publish(next, report, summary + " in " + std::to_string(ms_since(start)) + " ms");
  return current();
}

void LiveSite::take_change(const std::set<fs::path>& changed, bool everything) {
  if (rebuild_needed_) return;
  if (everything) {
    rebuild_needed_ = true;
    return;
  }
  try {
    if (stage_page_edits(changed) != Staging::other) {
      for (const auto& path : changed) unsettled_.erase(path);
    } else {
      // Perhaps read half-written (an editor writing in place): read again once the burst is over.
      unsettled_.insert(changed.begin(), changed.end());
    }
  } catch (const std::exception&) {
    // Whatever went wrong (a file that vanished while read), the whole build says it properly.
    rebuild_needed_ = true;
  }
}

bool LiveSite::publish_changes(const std::function<void(const SiteSnapshot&)>& announce) {
  auto start = Clock::now();
  bool rebuild_all = rebuild_needed_;
  if (!rebuild_all && !unsettled_.empty()) {
    try {
      rebuild_all = stage_page_edits(unsettled_) == Staging::other;
    } catch (const std::exception&) {
      rebuild_all = true;
    }
  }
  rebuild_needed_ = false;
  unsettled_.clear();
  if (rebuild_all) {
    announce(*rebuild());
    return true;
  }
  if (!staged_) return false;  // saved unchanged, or a scratch file come and gone: nothing to show
  Staged staged = std::move(*staged_);
  staged_.reset();
  built_->files = staged.files;
  auto next = std::make_shared<SiteSnapshot>();
  next->generation = ++generation_;
  next->built = true;
  next->files = built_->files;
  auto report = built_->new_sink();
  built_->report_all(*report);
  auto n = staged.pages.size();
  publish(next, *report,
          "updated " + std::to_string(n) + (n == 1 ? " page" : " pages") + " in " +
              std::to_string(staged.parse_ms + staged.render_ms + ms_since(start)) + " ms (parse " +
              std::to_string(staged.parse_ms) + ", render " + std::to_string(staged.render_ms) + ")");
  announce(*current());

  // The search index (rewriting it takes longer than the page itself at 10,000 pages) and the
  // checks over the whole model wait until the author pauses (run_pending_checks).
  checks_pending_ = true;
  checked_files_.insert(staged.pages.begin(), staged.pages.end());
  return false;
}

LiveSite::Staging LiveSite::stage_page_edits(const std::set<fs::path>& changed) {
  auto start = Clock::now();
  if (!built_ || !last_build_ok_ || changed.empty()) return Staging::other;
  Model& model = built_->project.model;
  struct Edit {
    int page;
    PageSource* source;
    SharedText text;
    Page parsed;
    std::unique_ptr<DiagnosticSink> problems;
  };
  std::vector<Edit> edits;
  for (const auto& path : changed) {
    auto rel = path.lexically_relative(model.config.root).generic_string();
    auto known = model.index.by_file.find(rel);
    std::error_code ec;
    bool exists = fs::is_regular_file(path, ec);
    if (known == model.index.by_file.end()) {
      if (!exists && !fs::exists(path, ec)) continue;  // an editor's temporary file, gone again
      return Staging::other;                           // a new page, a data file, the theme, opskit.yaml
    }
    if (!exists) return Staging::other;  // a page deleted
    DiagnosticSink read_problems;
    auto text = reread_page_text(model.config, rel, read_problems);
    if (!text || read_problems.count(Severity::error)) return Staging::other;  // the full build reports it
    int index = known->second;
    PageSource* source = nullptr;
    for (auto& s : model.sources.pages)
      if (s.file == rel) source = &s;
    if (!source) return Staging::other;
    if (*text == *source->text) continue;  // saved unchanged
    PageSource edited = *source;
    edited.text = share_text(std::move(*text));
    const Page& old = model.pages[index];
    const auto* workshop = model.workshop(old.workshop);
    static const std::map<std::string, std::string> no_params;
    Edit edit{index, source, edited.text, {}, built_->new_sink()};
    edit.problems->remember_source(rel, edited.text);
    edit.parsed = parse_page(edited, old.locale, workshop ? workshop->params : no_params, *edit.problems,
                             ParseOptions{model.config.allow_raw_html, false});
    if (!same_outside_view(old, edit.parsed)) return Staging::other;
    if (!built_->output_of.count(rel)) return Staging::other;  // a page the site does not show
    edits.push_back(std::move(edit));
  }
  if (edits.empty()) return Staging::unchanged;
  auto parse_ms = ms_since(start);

  // Nothing outside the edited pages changes: put them in the model and render them, with their
  // own links checked; the checks over the whole model follow once the page is out.
  auto render_start = Clock::now();
  if (!staged_) staged_ = Staged{std::make_shared<ServedFiles>(*built_->files), {}, 0, 0};
  auto& files = *staged_->files;
  for (auto& e : edits) {
    e.source->text = std::move(e.text);
    model.pages[e.page] = std::move(e.parsed);
    resolve_page_links(model, e.page);
    const Page& page = model.pages[e.page];
    LinkStats ignored;
    check_page_links(model, e.page, ignored, *e.problems);
    replace_problems_of(built_->parse_problems, page.file, *e.problems);
    auto render = built_->new_sink();
    built_->views_sink = render.get();
    auto html = built_->site->rerender_page(e.page, *render);
    built_->views_sink = nullptr;
    // The output link check of the whole site runs with the next full build.
    replace_problems_of(built_->render_problems, page.file, *render);
    // The page's link problems are now in parse_problems; those of the last whole check go.
    std::vector<Diagnostic> kept;
    for (auto& d : built_->check_problems)
      if (d.file != page.file || !is_link_rule(d)) kept.push_back(std::move(d));
    built_->check_problems = std::move(kept);
    const auto& key = built_->output_of.at(page.file);
    files[key] = served(std::move(html), key);
    staged_->pages.insert(page.file);
  }
  staged_->parse_ms += parse_ms;
  staged_->render_ms += ms_since(render_start);
  return Staging::staged;
}

void LiveSite::run_pending_checks(const std::function<void(const SiteSnapshot&)>& announce,
                                  const std::function<bool()>& stop) {
  if (!checks_pending_ || !built_ || (stop && stop())) return;
  checks_pending_ = false;
  // The search index with the updated pages' entries. Open pages need not reload for it: it is
  // published under the same build number unless the checks below find something new.
  auto search_start = Clock::now();
  OutputTree search;
  built_->site->write_search_index(search);
  auto files = std::make_shared<ServedFiles>(*built_->files);
  for (auto& [key, file] : search) (*files)[key] = served(output_bytes(file), key);
  built_->files = std::move(files);
  auto search_ms = ms_since(search_start);
  // Cross-page rules (orphans, RACI owners, duplicate ids, ...) over the model as it now is. The
  // edited pages' link problems come again from here, so they leave the parse list.
  auto check_start = Clock::now();
  auto before = current()->problems;
  auto checks = built_->new_sink();
  if (!check_project(built_->project, options_, *checks, stop)) {
    // The author saved again: that save goes first, the checks run at the next pause. The new
    // search index is kept in built_->files and goes out with the next update.
    checks_pending_ = true;
    return;
  }
  for (const auto& file : checked_files_) {
    std::vector<Diagnostic> kept;
    for (auto& d : built_->parse_problems)
      if (d.file != file || !is_link_rule(d)) kept.push_back(std::move(d));
    built_->parse_problems = std::move(kept);
  }
  checked_files_.clear();
  built_->check_problems = checks->sorted();
  auto after = built_->new_sink();
  built_->report_all(*after);
  auto same = [](const std::vector<Diagnostic>& a, const std::vector<Diagnostic>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (std::tie(a[i].file, a[i].line, a[i].column, a[i].rule, a[i].message) !=
          std::tie(b[i].file, b[i].line, b[i].column, b[i].rule, b[i].message))
        return false;
    return true;
  };
  bool changed = !same(before, after->sorted());
  auto next = std::make_shared<SiteSnapshot>();
  next->generation = changed ? ++generation_ : generation_;
  next->built = true;
  next->files = built_->files;
  publish(next, *after, "search index (" + std::to_string(search_ms) + " ms) and checks over the whole site (" +
                            std::to_string(ms_since(check_start)) + " ms) brought up to date");
  if (changed) announce(*current());
}

void LiveSite::publish(std::shared_ptr<SiteSnapshot> next, const DiagnosticSink& sink, const std::string& summary) {
  if (!next->files->count(kScriptKey)) {  // nothing was built: the fallback page needs the script
    if (script_.empty()) script_ = reload_script(options_.theme.empty() ? default_theme_dir() : options_.theme);
    auto files = std::make_shared<ServedFiles>(*next->files);
    (*files)[kScriptKey] = served(script_, kScriptKey);
    next->files = std::move(files);
  }
  next->fallback = with_reload_script(
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>opskit serve</title></head>"
      "<body><h1>opskit serve</h1><p>The project could not be built. The problems are listed on this page and "
      "in the terminal; the page reloads when they are fixed.</p></body></html>",
      next->generation);
  next->problems = sink.sorted();
  next->problems_json = problems_json(*next);
  TextStyle style;
  style.color = color_report_;
  next->terminal_report = format_text(sink, style);
  next->summary = summary + ": " + std::to_string(sink.count(Severity::error)) + " error(s), " +
                  std::to_string(sink.count(Severity::warning)) + " warning(s)";
  std::lock_guard lock(mutex_);
  current_ = std::move(next);
}

std::shared_ptr<const SiteSnapshot> LiveSite::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

std::vector<fs::path> LiveSite::watched_paths() const { return watched_; }

}  // namespace opskit::serve
