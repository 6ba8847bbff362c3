#pragma once
// The site `opskit serve` shows: built in memory by the same stages as `opskit build` (drafts
// included). An edit that changes only the bodies of existing pages re-renders just those pages
// (and runs the checks again over the model kept in memory); anything else rebuilds the whole
// site. A build with content errors is still shown, with its problems; a build that cannot load
// the project at all keeps the last good files.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "pipeline/pipeline.hpp"
#include "serve/page_injection.hpp"

namespace opskit::serve {

struct ServedFile {
  std::string bytes;  // as built; HTML gets the reload script when it is sent (page_injection.hpp)
  std::string etag;
  std::string content_type;
  bool html = false;
};

// Site key ("runbooks/index.html") -> file.
using ServedFiles = std::map<std::string, std::shared_ptr<const ServedFile>>;

// One build as the server sees it; immutable once published, shared by the request threads.
// Files a build did not change are shared with the build before it, and so is the list of
// files when a build changed none (the search index brought up to date under the same build).
struct SiteSnapshot {
  std::uint64_t generation = 0;  // 1, 2, ...: the pages carry it, the events announce it
  std::shared_ptr<const ServedFiles> files = std::make_shared<ServedFiles>();  // never null
  bool built = false;  // false: no build has ever succeeded; `fallback` stands in for every page
  bool stale = false;  // this build failed; `files` are the last good build's
  std::string fallback;  // an HTML page with the live-reload script, for when nothing was built
  std::vector<Diagnostic> problems;
  std::string problems_json;  // /__opskit/problems
  std::string terminal_report;  // the problems as `opskit check` prints them
  std::string summary;  // "built 95 files in 310 ms: 0 error(s), 2 warning(s)"
};

class LiveSite {
 public:
  explicit LiveSite(RunOptions options, bool color_report);
  ~LiveSite();
  // Builds everything again and publishes the result; never throws (a failure becomes a problem).
  std::shared_ptr<const SiteSnapshot> rebuild();
  // A change the watcher saw (absolute paths; `everything`: it cannot say what changed), taken
  // while the burst it belongs to may go on, so that the work overlaps the watcher's quiet time.
  // When nothing but the bodies of pages changed (the same title, id, front matter and anchors,
  // so no other page's navigation or links change), the pages are re-parsed into the model and
  // re-rendered at once, not yet published; anything else marks the site for a rebuild. A page
  // read half-written is read again by publish_changes(). Never throws.
  void take_change(const std::set<std::filesystem::path>& changed, bool everything);
  // Once the burst is over: publishes the pages the changes taken since the last call updated,
  // or rebuilds everything, and passes each snapshot published to `announce` as soon as it is
  // out. A page update carries the page's own parse, link and render problems; the checks over
  // the whole model are left pending for run_pending_checks. True when it rebuilt everything.
  // Never throws.
  bool publish_changes(const std::function<void(const SiteSnapshot&)>& announce);
  // After a page update, when the author pauses: the search index, and the checks over the whole
  // model (cross-page rules); a new build is announced only when the checks find something else
  // than was shown (else the snapshot is replaced under the same build number: no page reloads).
  // `stop` is asked between the families of checks (at 10,000 pages they take a second or more):
  // true leaves them pending, so that a save made meanwhile is not kept waiting.
  bool checks_pending() const { return checks_pending_; }
  void run_pending_checks(const std::function<void(const SiteSnapshot&)>& announce,
                          const std::function<bool()>& stop = nullptr);
  std::shared_ptr<const SiteSnapshot> current() const;
  // The folders and files a change in which means a rebuild (the project's sources, its theme).
  std::vector<std::filesystem::path> watched_paths() const;

 private:
  struct Built;
  // Re-parses and re-renders the pages whose body alone changed, into staged_. `unchanged`: the
  // pages have the text the model has (saved again, or already staged), or the files are gone
  // scratch files; `other` (nothing touched) when the change is anything else.
  enum class Staging { staged, unchanged, other };
  Staging stage_page_edits(const std::set<std::filesystem::path>& changed);
  void publish(std::shared_ptr<SiteSnapshot> next, const DiagnosticSink& sink, const std::string& summary);

  RunOptions options_;
  bool color_report_;
  std::uint64_t generation_ = 0;
  // The last good build, kept for page updates and re-served (under a new generation) when a
  // later build fails. Null until a build succeeds.
  std::unique_ptr<Built> built_;
  bool last_build_ok_ = false;  // page updates need the last build to have loaded the project
  bool checks_pending_ = false;
  // The changes taken since the last publish_changes().
  struct Staged {
    std::shared_ptr<ServedFiles> files;  // the last build's, with the updated pages' HTML
    std::set<std::string> pages;         // their sources
    long long parse_ms = 0, render_ms = 0;
  };
  std::optional<Staged> staged_;
  std::set<std::filesystem::path> unsettled_;  // changed files to read again: not a page edit when read
  bool rebuild_needed_ = false;
  std::set<std::string> checked_files_;  // pages updated since the last whole check
  std::string script_;
  std::vector<std::filesystem::path> watched_;
  mutable std::mutex mutex_;
  std::shared_ptr<const SiteSnapshot> current_;
};

}  // namespace opskit::serve
