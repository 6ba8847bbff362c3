#include "emit/output_folder.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <set>
#include <unordered_set>

#include "emit/zip_archive.hpp"
#include "support/files.hpp"
#include "support/parallel.hpp"
#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;

namespace {

constexpr const char* kMarker = ".opskit-output";
constexpr const char* kLock = ".opskit-lock";
constexpr const char* kStaging = ".opskit-staging";
constexpr const char* kMarkerText =
    "This folder is written by opskit. Each build replaces site/, bundles/*.zip and packages/*.zip\n"
    "here (and nothing else); .opskit-lock keeps two builds apart.\n";

[[noreturn]] void fail(const fs::path& path, const std::string& what, int error) {
  throw IoError("cannot " + what + " " + path.string() + ": " + std::strerror(error));
}

[[noreturn]] void fail(const fs::path& path, const std::string& what, const std::error_code& ec) {
  throw IoError("cannot " + what + " " + path.string() + ": " + ec.message());
}

bool inside(const fs::path& path, const fs::path& folder) {
  auto rel = path.lexically_relative(folder);
  return !rel.empty() && *rel.begin() != "..";
}

void write_bytes(const fs::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) fail(path, "create", errno);
  if (!write_all(fd, bytes)) {
    int saved = errno;
    ::close(fd);
    fail(path, "write", saved);
  }
  if (::close(fd) != 0) fail(path, "write", errno);
}

// A leftover of a run that died before this one took the lock (older opskit versions staged
// beside the output).
bool leftover_name(const std::string& name) {
  return name.find(".opskit-new.") != std::string::npos || name.find(".opskit-old.") != std::string::npos ||
         name.find(".opskit-tmp-") != std::string::npos;
}

// The shape older opskit versions (before the marker) left: only site/ (with index.html),
// bundles/ and packages/ of zips. Such a folder is taken over.
bool older_opskit_output(const fs::path& out) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(out, ec)) {
    auto name = entry.path().filename().string();
    if (leftover_name(name) || name == kLock || name == kStaging) continue;
    if (!entry.is_directory(ec) || entry.is_symlink(ec)) return false;
    if (name == "site") {
      if (!fs::is_regular_file(entry.path() / "index.html", ec)) return false;
    } else if (name == "bundles" || name == "packages") {
      for (const auto& zip : fs::directory_iterator(entry.path(), ec))
        if (!leftover_name(zip.path().filename().string()) &&
            (zip.path().extension() != ".zip" || !zip.is_regular_file(ec)))
          return false;
    } else {
      return false;
    }
  }
  return !ec;
}

}  // namespace

std::string out_overlaps_sources(const fs::path& out, const std::vector<fs::path>& source_roots) {
  std::error_code ec;
  auto o = fs::weakly_canonical(out, ec);
  if (ec) o = out.lexically_normal();
  for (const auto& root : source_roots) {
    auto r = fs::weakly_canonical(root, ec);
    if (ec) r = root.lexically_normal();
    if (o == r) return "--out '" + out.string() + "' is the source folder " + r.string();
    if (inside(o, r)) return "--out '" + out.string() + "' lies inside the source folder " + r.string();
    if (inside(r, o)) return "--out '" + out.string() + "' holds the project's sources (" + r.string() + ")";
  }
  return {};
}

struct OutputFolder::Staging {
  std::mutex lock;
  std::unordered_set<std::string> folders;  // made under staging by stage_file(), as full paths
};

OutputFolder::OutputFolder(fs::path root, int lock_fd)
    : root_(std::move(root)), lock_fd_(lock_fd), staging_(std::make_unique<Staging>()) {}

OutputFolder::OutputFolder(OutputFolder&& other) noexcept
    : root_(std::move(other.root_)), lock_fd_(other.lock_fd_), staged_(std::move(other.staged_)),
      staging_(std::move(other.staging_)) {
  other.lock_fd_ = -1;
}

OutputFolder::~OutputFolder() {
  if (lock_fd_ < 0) return;
  std::error_code ignored;
  fs::remove_all(root_ / kStaging, ignored);  // an uncommitted run leaves nothing behind
  ::close(lock_fd_);                          // releases the lock
}

std::optional<OutputFolder> OutputFolder::open(const fs::path& out, std::string& refusal,
                                               const std::function<void(const std::string&)>& notice) {
  std::error_code ec;
  auto status = fs::symlink_status(out, ec);
  if (fs::is_symlink(status)) {
    refusal = "--out '" + out.string() + "' is a symbolic link; give the folder itself";
    return std::nullopt;
  }
  if (fs::exists(status) && !fs::is_directory(status)) {
    refusal = "--out '" + out.string() + "' exists and is not a folder";
    return std::nullopt;
  }
  fs::create_directories(out, ec);
  if (ec) fail(out, "create", ec);
  if (!fs::exists(out / kMarker)) {
    std::string first;
    for (const auto& entry : fs::directory_iterator(out, ec)) {
      first = entry.path().filename().string();
      break;
    }
    if (ec) fail(out, "list", ec);
    if (!first.empty() && !older_opskit_output(out)) {
      refusal = "--out '" + out.string() + "' is not empty and was not made by opskit (it has '" + first +
                "' and no " + kMarker + " file); opskit replaces only folders it made: choose a new or empty folder";
      return std::nullopt;
    }
    write_bytes(out / kMarker, kMarkerText);
  }
  int fd = ::open((out / kLock).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) fail(out / kLock, "open", errno);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) {
      int saved = errno;
      ::close(fd);
      fail(out / kLock, "lock", saved);
    }
    if (notice) notice("waiting for another opskit run that is writing into " + out.string());
    while (::flock(fd, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      ::close(fd);
      fail(out / kLock, "lock", saved);
    }
  }
  OutputFolder folder(out, fd);
  // With the lock held, whatever a run left is a dead run's.
  fs::remove_all(out / kStaging, ec);
  if (ec) fail(out / kStaging, "remove", ec);
  for (const auto& dir : {out, out / "bundles", out / "packages"}) {
    if (!fs::is_directory(fs::symlink_status(dir, ec))) continue;
    std::vector<fs::path> leftovers;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (leftover_name(entry.path().filename().string())) leftovers.push_back(entry.path());
    for (const auto& p : leftovers) fs::remove_all(p, ec);
  }
  return folder;
}

fs::path OutputFolder::staged_path(const std::string& rel) const {
  if (!is_safe_entry_name(rel) || rel == kMarker || rel == kLock || starts_with(rel, kStaging))
    throw IoError("refusing to write '" + rel + "': it would leave the output folder " + root_.string());
  return root_ / kStaging / rel;
}

void OutputFolder::stage_tree(const OutputTree& tree, const std::string& rel, int jobs) {
  // Every name is checked first, so that a bad one stages nothing; then the files are written on
  // `jobs` threads (a site is thousands of small files), each as stage_file() writes one.
  std::vector<const std::pair<const std::string, OutputFile>*> files;
  for (const auto& entry : tree) {
    if (!is_safe_entry_name(entry.first))
      throw IoError("refusing to write '" + entry.first + "': it would leave " + (root_ / rel).string());
    files.push_back(&entry);
  }
  parallel_for(files.size(), jobs, [&](std::size_t i) {
    const auto& [path, file] = *files[i];
    if (file.copy_from.empty()) stage_file(rel, path, file.in_memory());  // without output_bytes' copy
    else stage_file(rel, path, output_bytes(file));
  });
  std::lock_guard<std::mutex> hold(staging_->lock);
  note_staged(rel);  // an empty tree is an (empty) output too
  std::error_code ec;
  fs::create_directories(staged_path(rel), ec);
  if (ec) fail(staged_path(rel), "create", ec);
}

void OutputFolder::note_staged(const std::string& rel) {
  if (std::find(staged_.begin(), staged_.end(), rel) == staged_.end()) staged_.push_back(rel);
}

void OutputFolder::stage_file(const std::string& rel, const std::string& path, std::string_view bytes) {
  if (!is_safe_entry_name(path))
    throw IoError("refusing to write '" + path + "': it would leave " + (root_ / rel).string());
  auto target = (staged_path(rel) / path).string();
  const auto staging = (root_ / kStaging).string();
  // The folders between the staging folder (itself included) and the file that are not known to
  // be made yet, nearest first. Looked up under the lock; made outside it, parents first, so that
  // one thread's mkdir does not hold up the others (a site has a folder per page). Two threads
  // making the same folder is fine: mkdir is atomic, and EEXIST means it is there.
  std::vector<std::string> missing;
  {
    std::lock_guard<std::mutex> hold(staging_->lock);
    note_staged(rel);
    for (auto slash = target.rfind('/'); slash != std::string::npos && slash >= staging.size(); slash = target.rfind('/', slash - 1)) {
      std::string parent = target.substr(0, slash);
      if (staging_->folders.count(parent)) break;
      missing.push_back(std::move(parent));
      if (slash == staging.size()) break;  // the staging folder itself
    }
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it)
    if (::mkdir(it->c_str(), 0755) != 0 && errno != EEXIST) fail(*it, "create", errno);
  if (!missing.empty()) {
    std::lock_guard<std::mutex> hold(staging_->lock);
    for (auto& folder : missing) staging_->folders.insert(std::move(folder));
  }
  write_bytes(target, bytes);
}

void OutputFolder::stage_zip(const OutputTree& tree, const std::string& rel, std::int64_t timestamp, int jobs) {
  auto path = staged_path(rel);
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) fail(path.parent_path(), "create", ec);
  try {
    write_zip(tree, path, timestamp, jobs);
  } catch (const std::exception& e) {
    throw IoError((root_ / rel).string() + ": " + e.what());
  }
  std::lock_guard<std::mutex> hold(staging_->lock);
  note_staged(rel);
}

namespace {

// Removes `dir` and everything in it, its subfolders shared out over `jobs` threads: the folders
// of a level deep enough to have several per thread (a site's sections) are removed at once.
// Errors are ignored, as for fs::remove_all with an error code: what stays is removed next run.
void remove_tree(const fs::path& dir, int jobs) {
  std::vector<fs::path> level{dir};
  for (int depth = 0; jobs > 1 && depth < 8 && level.size() < 16 * static_cast<std::size_t>(jobs); ++depth) {
    std::vector<fs::path> below;
    for (const auto& folder : level) {
      std::error_code ec;
      for (const auto& entry : fs::directory_iterator(folder, ec))
        if (entry.is_directory(ec) && !entry.is_symlink(ec)) below.push_back(entry.path());
    }
    if (below.empty()) break;
    level = std::move(below);
  }
  if (level.size() > 1)
    parallel_for(level.size(), jobs, [&](std::size_t i) {
      std::error_code ignored;
      fs::remove_all(level[i], ignored);
    });
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

}  // namespace

void OutputFolder::commit(int jobs) {
  std::error_code ec;
  // Folders first, so that nothing is moved unless every move can happen.
  for (const auto& rel : staged_) {
    auto parent = (root_ / rel).parent_path();
    fs::create_directories(parent, ec);
    if (ec) fail(parent, "create", ec);
  }
  for (const auto& rel : staged_) {
    auto from = root_ / kStaging / rel;
    auto to = root_ / rel;
    bool folder = fs::is_directory(fs::symlink_status(from, ec));
    auto to_status = fs::symlink_status(to, ec);
    if (folder && fs::exists(to_status)) {
      // Swap both names in one step: readers see the old site or the new one, never none.
      if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_EXCHANGE) != 0) {
        if (errno != EINVAL && errno != ENOSYS) fail(to, "replace", errno);
        auto old = from;
        old += ".old";
        if (::rename(to.c_str(), old.c_str()) != 0) fail(to, "move aside", errno);
        if (::rename(from.c_str(), to.c_str()) != 0) fail(to, "replace", errno);
      }
    } else if (::rename(from.c_str(), to.c_str()) != 0) {
      fail(to, "replace", errno);
    }
  }
  staged_.clear();
  remove_tree(root_ / kStaging, jobs);  // the previous outputs, now in staging
}

}  // namespace opskit
