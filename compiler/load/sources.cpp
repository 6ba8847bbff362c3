#include "load/sources.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <future>
#include <sys/stat.h>

#include "load/limits.hpp"
#include "support/files.hpp"
#include "support/source_date_epoch.hpp"
#include "support/utf8.hpp"
#include "support/git.hpp"
#include "support/parallel.hpp"
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
// `log` is the output of `git log --format=@%cs --name-only`.
std::map<std::string, std::string> git_dates(const std::string& log) {
  std::map<std::string, std::string> dates;
  std::string current;
  for (const auto& line : split_lines(log)) {
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

// The name of a file as a URL would need it: '#', '?' and '%' end or escape a URL path, so a
// link to such a file breaks unless every author encodes it.
bool awkward_name(const std::string& rel) { return rel.find_first_of("#?%") != std::string::npos; }

// The file's text, or nullopt (reported) when it cannot be read or is larger than `limit`.
// Invalid UTF-8 is reported at its line and column and replaced by U+FFFD. `mtime`, when given,
// receives the file's modification time (0 when it could not be opened).
std::optional<std::string> read_source_text(const fs::path& abs, const std::string& rel, std::size_t limit,
                                            const char* what, DiagnosticSink& sink, long* mtime = nullptr) {
  auto read = read_file_limited(abs, limit);
  if (mtime) *mtime = read.mtime;
  if (read.too_large) {
    sink.report("load.too-large", Severity::error, rel, 0, 0,
                std::string(what) + " is " + std::to_string(read.size) + " bytes; the limit is " +
                    std::to_string(limit) + " bytes (split it into several)");
    return std::nullopt;
  }
  auto& text = read.bytes;
  if (!text) {
    sink.report("load.unreadable", Severity::error, rel, 0, 0, "cannot read: " + read.error);
    return std::nullopt;
  }
  if (auto bad = first_invalid_utf8(*text)) {
    auto before = std::string_view(*text).substr(0, *bad);
    int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    auto line_start = before.rfind('\n');  // npos + 1 == 0: the first line
    int column = static_cast<int>(*bad - (line_start + 1)) + 1;
    int byte = static_cast<unsigned char>((*text)[*bad]);
    *text = repair_utf8(*text);
    sink.remember_source(rel, *text);
    sink.report("load.encoding", Severity::error, rel, line, column,
                "not valid UTF-8 (byte " + std::to_string(byte) +
                    "); save the file as UTF-8");
  }
  // `text` names a member of `read`, so a plain `return text;` would copy the whole file.
  return std::move(text);
}

struct Loader {
  const ProjectConfig& config;
  DiagnosticSink& sink;
  Sources sources;
  SourceDateEpoch epoch;
  // `git log --format=@%cs --name-only`, run while the files are read (it can take longer than
  // reading a small kit): the pages get their dates once both are done (fill_dates).
  std::future<std::string> git_log;
  int jobs = 1;
  // Each page's modification time, in the order of sources.pages (read with the page).
  std::vector<long> page_mtimes;

  std::string rel(const fs::path& abs) const { return relative_generic(abs, config.root); }

  // A symbolic link is refused, never followed: it could publish any file of the machine that
  // builds the kit (/etc/passwd into the site, a bundle and a package).
  bool refused_link(const fs::path& p) { return refused_link(p, sink); }
  bool refused_link(const fs::path& p, DiagnosticSink& to) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(p, ec))) return false;
    std::error_code ignored;
    auto target = fs::read_symlink(p, ignored).string();
    to.report("load.symlink", Severity::error, rel(p), 0, 0,
              "is a symbolic link (to '" + target + "'); opskit does not follow links: copy the file into the project");
    return true;
  }

  // Files a listed entry: a regular file into `files`, a folder into `folders` (when given; else
  // the caller's iterator descends into it), a link or a special file (a FIFO would hang the
  // read) reported. The type is the one the listing gave (readdir's d_type), which is what lstat
  // would say: no system call per entry. Links are asked first, so the type questions after them
  // (which follow links) only see what is not one. False when the entry could not be read.
  bool classify_entry(const fs::directory_entry& entry, std::vector<fs::path>& files, std::vector<fs::path>* folders,
                  DiagnosticSink& to, std::error_code& ec) {
    bool link = entry.is_symlink(ec);
    if (ec) return false;
    if (link) refused_link(entry.path(), to);
    else if (entry.is_regular_file(ec)) files.push_back(entry.path());
    else if (ec) return false;
    else if (entry.is_directory(ec)) {
      if (folders) folders->push_back(entry.path());
    } else if (!ec)
      to.report("load.special-file", Severity::error, rel(entry.path()), 0, 0,
                "is not a regular file (a device, FIFO or socket); it is not read");
    return !ec;
  }

  // Every regular file under `dir`, in listing order.
  void walk(const fs::path& dir, std::vector<fs::path>& files, DiagnosticSink& to) {
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec))
      if (!classify_entry(*it, files, nullptr, to, ec)) break;
    if (ec) to.report("load.unreadable", Severity::error, rel(dir), 0, 0, "cannot list the folder: " + ec.message());
  }

  // Every regular file under `dir`, sorted, refusing links and special files. The folders of its
  // first level are walked on `jobs` threads: listing 10,000 page folders one after the other took
  // about 0.2 s, nearly all of it in system calls.
  std::vector<fs::path> sorted_files(const fs::path& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    if (refused_link(dir) || !fs::is_directory(fs::symlink_status(dir, ec))) return files;
    std::vector<fs::path> folders;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec))
      if (!classify_entry(*it, files, &folders, sink, ec)) break;
    if (ec) sink.report("load.unreadable", Severity::error, rel(dir), 0, 0, "cannot list the folder: " + ec.message());
    std::vector<std::vector<fs::path>> found(folders.size());
    std::vector<DiagnosticSink> folder_sinks(folders.size());
    parallel_for(folders.size(), jobs, [&](std::size_t k) { walk(folders[k], found[k], folder_sinks[k]); });
    for (std::size_t k = 0; k < folders.size(); ++k) {
      sink.absorb(folder_sinks[k]);
      files.insert(files.end(), std::make_move_iterator(found[k].begin()), std::make_move_iterator(found[k].end()));
    }
    std::sort(files.begin(), files.end(), path_less);
    for (const auto& f : files)
      if (awkward_name(f.filename().string()))
        sink.report("load.file-name", Severity::warning, rel(f), 0, 0,
                    "the file name holds '#', '?' or '%', which end or escape a URL: links to it break unless "
                    "encoded; rename it");
    return files;
  }

  // The bytes of a static file the rules read (templates and policies), as it is: the rules
  // report what they find in it. nullopt for other files, and for those too large to check.
  static std::optional<std::string> static_text(const fs::path& abs) {
    auto ext = to_lower(abs.extension().string());
    if (ext != ".json" && ext != ".yaml" && ext != ".yml" && ext != ".template") return std::nullopt;
    return read_file_limited(abs, limits::kStaticTextBytes).bytes;
  }

  std::optional<std::string> read_text(const fs::path& abs, std::size_t limit, const char* what) {
    return read_source_text(abs, rel(abs), limit, what, sink);
  }

  // A page's last update: SOURCE_DATE_EPOCH when set, else its last commit, else its mtime.
  void fill_dates() {
    auto commits = git_dates(git_log.get());
    for (std::size_t i = 0; i < sources.pages.size(); ++i) {
      auto& page = sources.pages[i];
      if (epoch.seconds) page.last_updated = format_date(*epoch.seconds);
      else if (auto it = commits.find(page.file); it != commits.end()) page.last_updated = it->second;
      else page.last_updated = format_date(page_mtimes[i]);
    }
  }

  // The pages are read on `jobs` threads, each reporting into its own sink, and added in path
  // order (the same sources and report for any number of jobs).
  void load_pages(const fs::path& content_dir, const std::string& workshop) {
    struct Found {
      fs::path abs;
      std::string rel;
      std::string rel_in_content;
    };
    std::vector<Found> pages;
    for (const auto& abs : sorted_files(content_dir)) {
      auto rel_in_content = relative_generic(abs, content_dir);
      std::string rel = relative_generic(abs, config.root);
      bool elsewhere = workshop.empty() && (starts_with(rel_in_content, "static/") || starts_with(rel_in_content, "data/"));
      bool page = !elsewhere && ends_with(rel_in_content, ".md");
      // A page's time is read with its text, on the reading threads.
      if (!page) sources.newest_mtime = std::max(sources.newest_mtime, mtime_seconds(abs));
      if (elsewhere) continue;  // handled by load_statics / load_data
      if (!page) {
        // Files beside pages (an image next to its page) are served like static files.
        sources.statics.push_back({workshop, "content/" + rel_in_content, abs, rel, static_text(abs)});
        continue;
      }
      pages.push_back({abs, rel, rel_in_content});
    }
    std::vector<std::optional<std::string>> texts(pages.size());
    std::vector<long> mtimes(pages.size());
    std::vector<DiagnosticSink> page_sinks(pages.size());
    parallel_for(pages.size(), jobs, [&](std::size_t i) {
      texts[i] = read_source_text(pages[i].abs, pages[i].rel, limits::kPageBytes, "the page", page_sinks[i], &mtimes[i]);
    });
    sources.pages.reserve(sources.pages.size() + pages.size());
    page_mtimes.reserve(page_mtimes.size() + pages.size());
    for (std::size_t i = 0; i < pages.size(); ++i) {
      sink.absorb(page_sinks[i]);
      sources.newest_mtime = std::max(sources.newest_mtime, mtimes[i]);
      auto& text = texts[i];
      if (!text) continue;
      const auto& [abs, rel, rel_in_content] = pages[i];
      auto slash = rel_in_content.rfind('/');
      auto folder = slash == std::string::npos ? std::string() : rel_in_content.substr(0, slash);
      auto [stem, suffix] = split_page_name(abs.filename().string());
      PageSource page;
      page.file = rel;
      page.workshop = workshop;
      page.locale_suffix = suffix;
      page.is_index = stem == "index" || stem == "_index";
      page.path = page.is_index ? folder : (folder.empty() ? stem : folder + "/" + stem);
      page.text = share_text(std::move(*text));
      sink.remember_source(rel, page.text);
      sources.pages.push_back(std::move(page));
      page_mtimes.push_back(mtimes[i]);
    }
  }

  void load_statics(const fs::path& dir, const std::string& workshop, const std::string& prefix) {
    for (const auto& abs : sorted_files(dir)) {
      sources.newest_mtime = std::max(sources.newest_mtime, mtime_seconds(abs));
      sources.statics.push_back({workshop, prefix + abs.lexically_relative(dir).generic_string(), abs,
                                 relative_generic(abs, config.root), static_text(abs)});
    }
  }

  void load_data(const fs::path& dir) {
    for (const auto& abs : sorted_files(dir)) {
      if (abs.extension() != ".yaml" && abs.extension() != ".yml") continue;
      auto rel = relative_generic(abs, config.root);
      auto text = read_text(abs, limits::kDataFileBytes, "the data file").value_or("");
      sink.remember_source(rel, text);
      sources.data.push_back({abs.stem().string(), rel, std::move(text)});
    }
  }
};

}  // namespace

// Two sources whose paths differ only in case: one URL on a case-insensitive host (and in
// Workshop Studio's lower-cased page URLs), two files on disk.
void report_case_collisions(const Sources& sources, DiagnosticSink& sink) {
  std::map<std::string, std::string> seen;
  auto check = [&](const std::string& key, const std::string& file) {
    auto [it, inserted] = seen.emplace(to_lower(key), file);
    if (!inserted && it->second != file)
      sink.report("load.case-collision", Severity::error, file, 0, 0,
                  "differs only in case from " + it->second + "; one of them must be renamed");
  };
  for (const auto& p : sources.pages) check("page\n" + p.workshop + "\n" + p.locale_suffix + "\n" + p.path, p.file);
  for (const auto& f : sources.statics) check("file\n" + f.workshop + "\n" + f.path, f.file);
}

Sources load_sources(const ProjectConfig& config, DiagnosticSink& sink, bool read_git, int jobs) {
  // The checkout's state, asked of git while the files are read.
  auto ask_git = [&](bool needed, std::vector<std::string> args) {
    if (!read_git || !needed) return std::async(std::launch::deferred, [] { return std::string(); });
    return std::async(std::launch::async, git_output, std::filesystem::path(config.root), std::move(args));
  };
  auto head_commit = ask_git(true, {"log", "-1", "--format=%ct%n%H"});
  auto status = ask_git(true, {"status", "--porcelain"});
  auto epoch = read_source_date_epoch();  // when set, it dates every page: no need for the log
  Loader loader{config, sink, {}, epoch, ask_git(!epoch.seconds, {"log", "--format=@%cs", "--name-only"}), jobs, {}};
  if (!loader.epoch.problem.empty()) sink.report("config.source-date-epoch", Severity::error, "", 0, 0, loader.epoch.problem);
  if (!config.bare_workshop) {
    loader.load_pages(config.root / "content", "");
    loader.load_statics(config.root / "content" / "static", "", "static/");
    loader.load_data(config.root / "content" / "data");
  }
  for (const auto& w : config.workshops) {
    WorkshopSource ws{w.name, w.rel_dir, w.dir, {}, {}};
    ws.contentspec_file = w.rel_dir.empty() ? "contentspec.yaml" : w.rel_dir + "/contentspec.yaml";
    if (loader.refused_link(w.dir) || loader.refused_link(w.dir / "contentspec.yaml")) continue;
    ws.contentspec_text =
        loader.read_text(w.dir / "contentspec.yaml", limits::kDataFileBytes, "contentspec.yaml").value_or("");
    sink.remember_source(ws.contentspec_file, ws.contentspec_text);
    loader.load_pages(w.dir / "content", w.name);
    loader.load_statics(w.dir / "static", w.name, "static/");
    loader.load_statics(w.dir / "assets", w.name, "assets/");
    loader.sources.workshops.push_back(std::move(ws));
  }
  auto& sources = loader.sources;
  report_case_collisions(sources, sink);
  loader.fill_dates();
  auto head = split_lines(head_commit.get());  // "%ct" then "%H"
  sources.last_commit_time = head.size() >= 1 ? std::atol(std::string(head[0]).c_str()) : 0;
  sources.revision = head.size() >= 2 ? std::string(trim(head[1])) : "";
  sources.tree_modified = !trim(status.get()).empty();
  return std::move(loader.sources);
}

std::optional<std::string> reread_page_text(const ProjectConfig& config, const std::string& file, DiagnosticSink& sink) {
  auto abs = config.root / file;
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(abs, ec)) || !fs::is_regular_file(abs, ec)) return std::nullopt;
  return read_source_text(abs, file, limits::kPageBytes, "the page", sink);
}

std::string static_file_bytes(const StaticFile& file) {
  if (file.text) return *file.text;
  std::string error;
  auto bytes = read_file(file.abs, &error);
  if (!bytes) throw IoError("cannot read " + file.file + ": " + error);
  return std::move(*bytes);
}

}  // namespace opskit
