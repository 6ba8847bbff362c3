#pragma once
// The site `opskit serve` shows: built in memory by the same stages as `opskit build` (drafts
// included), rebuilt whole on every change. A build with content errors is still shown, with its
// problems; a build that cannot load the project at all keeps the last good files.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "pipeline/pipeline.hpp"

namespace opskit::serve {

struct ServedFile {
  std::string bytes;
  std::string etag;
  std::string content_type;
};

// One build as the server sees it; immutable once published, shared by the request threads.
struct SiteSnapshot {
  std::uint64_t generation = 0;  // 1, 2, ...: the pages carry it, the events announce it
  std::map<std::string, ServedFile> files;  // site key ("runbooks/index.html") -> file, HTML with the script
  bool built = false;  // false: no build has ever succeeded; `fallback` stands in for every page
  bool stale = false;  // this build failed; `files` are the last good build's
  std::string fallback;  // an HTML page with the live-reload script, for when nothing was built
  std::vector<Diagnostic> problems;
  std::string problems_json;  // /__opskit/problems
  std::string terminal_report;  // the problems as `opskit check` prints them
  std::string summary;  // "built 95 files in 310 ms: 0 error(s), 2 warning(s)"
};

// Where the injected script is served from (a key no built site uses).
inline constexpr const char* kScriptKey = "__opskit/live-reload.js";

class LiveSite {
 public:
  explicit LiveSite(RunOptions options, bool color_report);
  // Builds again and publishes the result; never throws (a failure becomes a problem).
  std::shared_ptr<const SiteSnapshot> rebuild();
  std::shared_ptr<const SiteSnapshot> current() const;
  // The folders and files a change in which means a rebuild (the project's sources, its theme).
  std::vector<std::filesystem::path> watched_paths() const;

 private:
  RunOptions options_;
  bool color_report_;
  std::uint64_t generation_ = 0;
  // The last good build before the script was injected: a failed build re-serves it under its
  // own generation (a page that kept the old one would reload forever).
  std::map<std::string, std::string> last_good_;
  std::string script_;
  std::vector<std::filesystem::path> watched_;
  mutable std::mutex mutex_;
  std::shared_ptr<const SiteSnapshot> current_;
};

}  // namespace opskit::serve
