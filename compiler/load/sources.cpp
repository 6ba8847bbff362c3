#include "load/sources.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <sys/stat.h>

#include "support/files.hpp"
#include "support/git.hpp"
#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;

namespace {

std::string format_date(long epoch_seconds) {
  std::time_t t = epoch_seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

long mtime_seconds(const fs::path& p) {
  // g++ 12 has no clock_cast: go through stat, which is what the file clock reads anyway.
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 0;
  return static_cast<long>(st.st_mtime);
}

// The last commit date of every file, from one `git log` over the whole history, so that a
// page's "last updated" is the same on every clone.
std::map<std::string, std::string> git_dates(const fs::path& root) {
  std::map<std::string, std::string> dates;
  std::string current;
  for (const auto& line : split_lines(git_output(root, "log --format=@%cs --name-only"))) {
    std::string s = std::string(trim(line));
    if (s.empty()) continue;
    if (s[0] == '@') current = s.substr(1);
    else dates.emplace(s, current);  // newest commit comes first; keep it
  }
  return dates;
}

// "index.en.md" -> {"index", "en"}; "setup.md" -> {"setup", ""}.
std::pair<std::string, std::string> split_page_name(const std::string& filename) {
  std::string stem = filename.substr(0, filename.size() - 3);
  auto dot = stem.rfind('.');
  if (dot == std::string::npos) return {stem, ""};
  return {stem.substr(0, dot), stem.substr(dot + 1)};
}

std::vector<fs::path> sorted_files(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied);
       it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Loader {
  const ProjectConfig& config;
  DiagnosticSink& sink;
  Sources sources;
  std::map<std::string, std::string> dates = git_dates(config.root);
  const char* epoch_env = std::getenv("SOURCE_DATE_EPOCH");

  std::string date_of(const std::string& rel, const fs::path& abs) {
    if (epoch_env) return format_date(std::atol(epoch_env));
    if (auto it = dates.find(rel); it != dates.end()) return it->second;
    return format_date(mtime_seconds(abs));
  }

  void load_pages(const fs::path& content_dir, const std::string& workshop) {
    for (const auto& abs : sorted_files(content_dir)) {
      auto rel_in_content = abs.lexically_relative(content_dir).generic_string();
      std::string rel = relative_generic(abs, config.root);
      sources.newest_mtime = std::max(sources.newest_mtime, mtime_seconds(abs));
      if (workshop.empty() && (starts_with(rel_in_content, "static/") || starts_with(rel_in_content, "data/")))
        continue;  // handled by load_statics / load_data
      if (!ends_with(rel_in_content, ".md")) {
        // Files beside pages (an image next to its page) are served like static files.
        sources.statics.push_back({workshop, "content/" + rel_in_content, abs, rel});
        continue;
      }
      auto text = read_file(abs);
      if (!text) {
        sink.report("load.unreadable", Severity::error, rel, 0, 0, "cannot read file");
        continue;
      }
      auto folder = abs.parent_path().lexically_relative(content_dir).generic_string();
      if (folder == ".") folder.clear();
      auto [stem, suffix] = split_page_name(abs.filename().string());
      PageSource page;
      page.file = rel;
      page.workshop = workshop;
      page.locale_suffix = suffix;
      page.is_index = stem == "index" || stem == "_index";
      page.path = page.is_index ? folder : (folder.empty() ? stem : folder + "/" + stem);
      page.last_updated = date_of(rel, abs);
      sink.remember_source(rel, *text);
      page.text = std::move(*text);
      sources.pages.push_back(std::move(page));
    }
  }

  void load_statics(const fs::path& dir, const std::string& workshop, const std::string& prefix) {
    for (const auto& abs : sorted_files(dir)) {
      sources.newest_mtime = std::max(sources.newest_mtime, mtime_seconds(abs));
      sources.statics.push_back(
          {workshop, prefix + abs.lexically_relative(dir).generic_string(), abs, relative_generic(abs, config.root)});
    }
  }

  void load_data(const fs::path& dir) {
    for (const auto& abs : sorted_files(dir)) {
      if (abs.extension() != ".yaml" && abs.extension() != ".yml") continue;
      auto rel = relative_generic(abs, config.root);
      auto text = read_file(abs).value_or("");
      sink.remember_source(rel, text);
      sources.data.push_back({abs.stem().string(), rel, std::move(text)});
    }
  }
};

}  // namespace

Sources load_sources(const ProjectConfig& config, DiagnosticSink& sink) {
  Loader loader{config, sink, {}};
  if (!config.bare_workshop) {
    loader.load_pages(config.root / "content", "");
    loader.load_statics(config.root / "content" / "static", "", "static/");
    loader.load_data(config.root / "content" / "data");
  }
  for (const auto& w : config.workshops) {
    WorkshopSource ws{w.name, w.rel_dir, w.dir, {}, {}};
    ws.contentspec_file = w.rel_dir.empty() ? "contentspec.yaml" : w.rel_dir + "/contentspec.yaml";
    ws.contentspec_text = read_file(w.dir / "contentspec.yaml").value_or("");
    sink.remember_source(ws.contentspec_file, ws.contentspec_text);
    loader.load_pages(w.dir / "content", w.name);
    loader.load_statics(w.dir / "static", w.name, "static/");
    loader.load_statics(w.dir / "assets", w.name, "assets/");
    loader.sources.workshops.push_back(std::move(ws));
  }
  auto& sources = loader.sources;
  sources.last_commit_time = std::atol(git_output(config.root, "log -1 --format=%ct").c_str());
  sources.revision = std::string(trim(git_output(config.root, "rev-parse HEAD")));
  sources.tree_modified = !trim(git_output(config.root, "status --porcelain")).empty();
  return std::move(loader.sources);
}

}  // namespace opskit
