#include "serve/live_site.hpp"

#include <cctype>
#include <chrono>
#include <exception>

#include <nlohmann/json.hpp>

#include "diagnostics/report.hpp"
#include "outputs/site/site_output.hpp"
#include "render/theme.hpp"
#include "serve/request_path.hpp"
#include "support/files.hpp"

namespace opskit::serve {
namespace fs = std::filesystem;

namespace {

// The live-reload script: the theme's serve/live-reload.js, else opskit's own theme's (a project
// theme need not carry it). It is outside assets/, so built sites and packages do not ship it.
std::string reload_script(const fs::path& theme_dir) {
  for (const auto& dir : {theme_dir, default_theme_dir()}) {
    if (auto bytes = read_file(dir / "serve" / "live-reload.js")) return *bytes;
  }
  return "console.error('opskit serve: no serve/live-reload.js in the theme: pages will not reload');\n";
}

std::string script_tag(std::uint64_t generation) {
  return "<script src=\"/" + std::string(kScriptKey) + "\" data-generation=\"" + std::to_string(generation) +
         "\"></script>";
}

// Puts the tag before the last </body> (any case), else at the end.
std::string inject(const std::string& html, const std::string& tag) {
  for (std::size_t at = html.rfind("</"); at != std::string::npos; at = at == 0 ? std::string::npos : html.rfind("</", at - 1)) {
    std::string word = html.substr(at, 7);
    for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (word == "</body>") return html.substr(0, at) + tag + html.substr(at);
  }
  return html + tag;
}

bool is_html(const std::string& key) { return key.size() >= 5 && key.compare(key.size() - 5, 5, ".html") == 0; }

ServedFile served(std::string bytes, const std::string& key) {
  ServedFile f;
  f.etag = etag_for(bytes);
  f.content_type = content_type_for(key);
  f.bytes = std::move(bytes);
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

}  // namespace

LiveSite::LiveSite(RunOptions options, bool color_report) : options_(std::move(options)), color_report_(color_report) {
  options_.drafts = true;   // an author previews what is not published yet
  options_.write = false;
  // The bundles are not rendered, but naming them turns on the Workshop Studio rules, whose
  // problems an author of a workshop wants to see as much as any other.
  options_.outputs = {"site", "bundles"};
  auto root = options_.root;
  watched_ = {root / "content", root / "workshops", root / "site-theme", root / "static", root / "assets"};
}

std::shared_ptr<const SiteSnapshot> LiveSite::rebuild() {
  auto start = std::chrono::steady_clock::now();
  auto next = std::make_shared<SiteSnapshot>();
  next->generation = ++generation_;
  DiagnosticSink sink;
  std::map<std::string, std::string> tree;
  bool built = false;
  try {
    ExitCode code = ExitCode::ok;
    auto project = load_and_check(options_, sink, code);
    if (project) {
      watched_ = source_folders(project->model.config);
      if (!options_.theme.empty()) watched_.push_back(options_.theme);
      auto theme = load_run_theme(options_, project->model.config, sink);
      if (theme) {
        OutputInputs inputs{project->model, *theme, {}, {}, generated_views(*project, sink), {}};
        // Rendered whatever the content's errors: a page with a broken link is still shown.
        auto rendered = SiteOutput().render(inputs, sink);
        for (const auto& [key, file] : rendered.tree) tree[key] = output_bytes(file);
        script_ = reload_script(theme->dir);
        built = true;
      }
    }
  } catch (const IoError& e) {
    // A file vanished or changed half-way (an editor saving): the next change rebuilds.
    sink.report("output.io", Severity::error, "", 0, 0, e.what());
  } catch (const fs::filesystem_error& e) {
    sink.report("output.io", Severity::error, "", 0, 0, e.what());
  } catch (const std::exception& e) {
    sink.report("internal.error", Severity::error, "", 0, 0, std::string("internal error: ") + e.what());
  }
  if (built) last_good_ = std::move(tree);
  next->built = built || !last_good_.empty();
  next->stale = !built && next->built;
  if (script_.empty()) script_ = reload_script(options_.theme.empty() ? default_theme_dir() : options_.theme);
  auto tag = script_tag(next->generation);
  for (const auto& [key, bytes] : last_good_) next->files[key] = served(is_html(key) ? inject(bytes, tag) : bytes, key);
  next->files[kScriptKey] = served(script_, kScriptKey);
  next->fallback = inject(
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>opskit serve</title></head>"
      "<body><h1>opskit serve</h1><p>The project could not be built. The problems are listed on this page and "
      "in the terminal; the page reloads when they are fixed.</p></body></html>",
      tag);
  next->problems = sink.sorted();
  next->problems_json = problems_json(*next);
  TextStyle style;
  style.color = color_report_;
  next->terminal_report = format_text(sink, style);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  next->summary = (built ? "built " + std::to_string(last_good_.size()) + " files"
                         : std::string(next->built ? "build failed, still serving the last good build"
                                                   : "build failed, nothing to serve yet")) +
                  " in " + std::to_string(ms) + " ms: " + std::to_string(sink.count(Severity::error)) + " error(s), " +
                  std::to_string(sink.count(Severity::warning)) + " warning(s)";
  std::lock_guard lock(mutex_);
  current_ = next;
  return next;
}

std::shared_ptr<const SiteSnapshot> LiveSite::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

std::vector<fs::path> LiveSite::watched_paths() const { return watched_; }

}  // namespace opskit::serve
