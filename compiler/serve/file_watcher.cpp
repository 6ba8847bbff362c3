#include "serve/file_watcher.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace opskit::serve {
namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kDirMask = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY |
                                   IN_DELETE_SELF | IN_ONLYDIR;

// Waits for `fd` to be readable, or for the stop eventfd; -1 for ever. Returns 1 readable,
// 0 timed out, -1 stopped.
int wait_readable(int fd, int stop_fd, int timeout_ms) {
  pollfd fds[2] = {{fd, POLLIN, 0}, {stop_fd, POLLIN, 0}};
  for (;;) {
    int n = ::poll(fds, 2, timeout_ms);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::system_error(errno, std::generic_category(), "poll");
    if (fds[1].revents) return -1;
    return n == 0 ? 0 : 1;
  }
}

}  // namespace

bool is_scratch_name(const std::string& name) {
  if (name.empty() || name[0] == '.') return true;  // .x.swp, .#x (Emacs), .git, .DS_Store
  if (name.back() == '~') return true;
  if (name == "4913") return true;  // Vim's probe that the folder is writable
  auto ends = [&](const char* suffix) {
    auto n = std::strlen(suffix);
    return name.size() >= n && name.compare(name.size() - n, n, suffix) == 0;
  };
  return ends(".swp") || ends(".swx") || ends(".tmp");
}

FileWatcher::FileWatcher(const fs::path& root, std::chrono::milliseconds quiet) : root_(root), quiet_(quiet) {
  inotify_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotify_ < 0) throw std::system_error(errno, std::generic_category(), "inotify_init1");
  stop_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (stop_fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
  root_wd_ = ::inotify_add_watch(inotify_, root_.c_str(), kDirMask & ~IN_MODIFY);
  if (root_wd_ < 0) throw std::system_error(errno, std::generic_category(), "inotify_add_watch " + root_.string());
}

FileWatcher::~FileWatcher() {
  if (inotify_ >= 0) ::close(inotify_);
  if (stop_fd_ >= 0) ::close(stop_fd_);
}

void FileWatcher::watch_tree(const fs::path& path) {
  std::error_code ec;
  if (path.parent_path().lexically_normal() == root_.lexically_normal() ||
      fs::equivalent(path.parent_path(), root_, ec))
    root_names_.insert(path.filename().string());
  if (fs::is_directory(path, ec)) add_recursive(path);
  // A file (opskit.yaml) is seen through its folder's watch: root's, above.
}

void FileWatcher::add_recursive(const fs::path& dir) {
  int wd = ::inotify_add_watch(inotify_, dir.c_str(), kDirMask);
  if (wd < 0) return;  // gone already, or not a folder: its creation was an event, the rebuild says the rest
  dirs_[wd] = dir;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec) && !is_scratch_name(it->path().filename().string()))
      add_recursive(it->path());
  }
}

bool FileWatcher::drain() {
  bool changed = false;
  alignas(inotify_event) char buf[64 * 1024];
  for (;;) {
    ssize_t n = ::read(inotify_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EAGAIN: nothing more for now
    for (char* p = buf; p < buf + n;) {
      auto* e = reinterpret_cast<inotify_event*>(p);
      p += sizeof(inotify_event) + e->len;
      if (e->mask & IN_Q_OVERFLOW) {  // events were lost: rebuild, and pick up any new folders
        changed = true;
        changes_.everything = true;
        auto dirs = dirs_;
        for (const auto& [wd, dir] : dirs) add_recursive(dir);
        continue;
      }
      if (e->mask & IN_IGNORED) {
        dirs_.erase(e->wd);
        continue;
      }
      std::string name = e->len ? std::string(e->name) : std::string();
      bool new_dir = (e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO));
      if (e->wd == root_wd_) {
        if (!root_names_.count(name)) continue;
        changed = true;
        if (e->mask & IN_ISDIR) changes_.everything = true;
        else changes_.files.insert(root_ / name);
        if (new_dir) add_recursive(root_ / name);
        continue;
      }
      auto dir = dirs_.find(e->wd);
      if (dir == dirs_.end()) continue;
      if (e->mask & IN_DELETE_SELF) {
        changed = true;
        changes_.everything = true;
        continue;
      }
      if (is_scratch_name(name)) continue;
      changed = true;
      if (e->mask & IN_ISDIR) changes_.everything = true;
      else changes_.files.insert(dir->second / name);
      if (new_dir) add_recursive(dir->second / name);
    }
  }
  return changed;
}

FileWatcher::Wait FileWatcher::wait_for_event(std::chrono::milliseconds timeout) {
  using Clock = std::chrono::steady_clock;
  auto give_up = Clock::now() + timeout;
  for (;;) {
    int wait_ms = -1;
    if (timeout.count() >= 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(give_up - Clock::now());
      if (left.count() <= 0) return Wait::timed_out;
      wait_ms = static_cast<int>(left.count());
    }
    int r = wait_readable(inotify_, stop_fd_, wait_ms);
    if (r < 0) return Wait::stopped;
    if (r == 0) return Wait::timed_out;
    if (!drain()) continue;  // a scratch file, a folder that is not a source
    first_event_ = last_event_ = Clock::now();
    return Wait::changed;
  }
}

FileWatcher::Wait FileWatcher::settle() {
  using Clock = std::chrono::steady_clock;
  // Debounce: wait for quiet, but not for ever while something keeps writing. The quiet is
  // counted from the last event read, so that the caller's work since then counts towards it.
  auto deadline = first_event_ + std::chrono::seconds(1);
  for (;;) {
    auto now = Clock::now();
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(std::min(deadline, last_event_ + quiet_) - now);
    int r = wait_readable(inotify_, stop_fd_, static_cast<int>(std::max<long long>(left.count(), 0)));
    if (r < 0) return Wait::stopped;
    if (r == 0) return Wait::changed;
    drain();  // any event, a scratch file's too, means the writing goes on
    last_event_ = Clock::now();
    if (last_event_ >= deadline) return Wait::timed_out;
  }
}

bool FileWatcher::event_waiting() const {
  pollfd fd = {inotify_, POLLIN, 0};
  return ::poll(&fd, 1, 0) > 0;
}

FileWatcher::Changes FileWatcher::take_changes() {
  Changes out = std::move(changes_);
  changes_ = {};
  return out;
}

void FileWatcher::stop() {
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(stop_fd_, &one, sizeof one);
}

}  // namespace opskit::serve
