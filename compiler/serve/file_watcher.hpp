#pragma once
// Waits for the project's sources to change (inotify): folders are watched with everything under
// them, folders created later included. A burst of events (an editor's write-temp-then-rename, a
// "save all", a git checkout) is one change: it ends when the folders stay quiet for a moment.
// The caller may work while the burst goes on: wait_for_event() returns at its first event,
// settle() when it is over.
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace opskit::serve {

class FileWatcher {
 public:
  // `root`'s own entries are watched (opskit.yaml, contentspec.yaml, a content/ created later),
  // not its subfolders; watch_tree() adds those.
  FileWatcher(const std::filesystem::path& root, std::chrono::milliseconds quiet);
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  // Watches a folder and all under it (a file: its folder's entries, filtered to that file
  // name); a path that does not exist yet is remembered and picked up when it appears in root.
  void watch_tree(const std::filesystem::path& path);
  enum class Wait { changed, timed_out, stopped };
  // Blocks until a change begins (its first events are read; take_changes() has them), or
  // `timeout` passes (-1: for ever), or stop() is called.
  Wait wait_for_event(std::chrono::milliseconds timeout = std::chrono::milliseconds(-1));
  // Blocks until the change that wait_for_event() saw begin is over: `quiet` without an event
  // since the last one read (however long ago that was), or a second since the first, so that
  // a file written non-stop still gets shown. Events read meanwhile are added to take_changes().
  // Returns changed (quiet), timed_out (the second is up, the writing goes on) or stopped.
  Wait settle();
  // From any thread (the one that handles signals): makes wait_for_event() and settle() return
  // stopped.
  void stop();
  // What changed since the last call: the files (absolute paths) events named, and whether
  // something happened that names no file (a folder created or removed, events lost), which
  // means everything may have changed.
  struct Changes {
    std::set<std::filesystem::path> files;
    bool everything = false;
  };
  Changes take_changes();
  bool has_changes() const { return changes_.everything || !changes_.files.empty(); }
  // Has an event arrived that wait_for_event() has not read yet? Does not wait.
  bool event_waiting() const;

 private:
  void add_recursive(const std::filesystem::path& dir);
  // Reads the pending events; true when one of them is a change of a source.
  bool drain();

  std::filesystem::path root_;
  std::chrono::milliseconds quiet_;
  int inotify_ = -1;
  int stop_fd_ = -1;  // an eventfd stop() writes to
  std::map<int, std::filesystem::path> dirs_;  // watch descriptor -> folder
  int root_wd_ = -1;
  std::set<std::string> root_names_;  // the entries of root that are sources (others: README.md, build/)
  Changes changes_;
  std::chrono::steady_clock::time_point first_event_, last_event_;  // of the change going on
};

// Is this file name an editor's or the system's scratch file (.x.swp, x~, .#x, 4913)?
bool is_scratch_name(const std::string& name);

}  // namespace opskit::serve
