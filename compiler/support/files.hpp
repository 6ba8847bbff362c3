#pragma once
// File-system helpers: every write in opskit is atomic (temporary file, then rename).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace opskit {

// A file system failure, with the path and the system's message: reported to the user (exit 2),
// never an internal error.
class IoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes every byte to `fd` (retrying short writes and EINTR); false with errno set on failure.
bool write_all(int fd, std::string_view bytes);

// The file's bytes; nullopt when it cannot be read, with the system's reason in `error`.
std::optional<std::string> read_file(const std::filesystem::path& path, std::string* error = nullptr);

// What read_file_limited found about the one file it opened.
struct LimitedRead {
  std::optional<std::string> bytes;  // nullopt when not read (too large, or an error)
  std::uint64_t size = 0;            // as fstat gave it
  long mtime = 0;                    // modification time, seconds since the epoch
  bool too_large = false;            // size > limit: not read
  std::string error;                 // the system's reason when it could not be opened or read
};
// Opens the file once and asks the descriptor for its size and time: a stat by path for each
// question would walk the path again (three system calls per source file at 10,000 pages).
LimitedRead read_file_limited(const std::filesystem::path& path, std::size_t limit);
// Writes `bytes` to a temporary file beside `path`, then renames it into place.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);
// A path as a string with '/' separators, relative to `base`.
std::string relative_generic(const std::filesystem::path& path, const std::filesystem::path& base);
// std::filesystem::path's order (component by component) for paths without "." or ".." parts or
// doubled separators, as a directory listing gives them, without building component lists.
bool path_less(const std::filesystem::path& a, const std::filesystem::path& b);
// "a/b/c/index.html" seen from "a/x/index.html" is "../b/c/index.html".
std::string relative_url(std::string_view from_file, std::string_view to_file);
// Joins and normalises a '/' path: "a/b/../c" -> "a/c"; returns nullopt when it leaves the root.
std::optional<std::string> normalize_path(std::string_view path);
// normalize_path(folder + relative), where `folder` is "" or ends with '/': what a relative URL
// written in a file of `folder` points at. Most such URLs are a run of "../" and then a normal
// path; those take a short way (no parts to walk), the rest normalize_path's.
std::optional<std::string> resolve_relative(std::string_view folder, std::string_view relative);
// resolve_relative for the URLs of one file: the folder's own form is judged once rather than for
// each URL (a page's sixty-odd references share it). `folder` must outlive the resolver.
class FolderResolver {
 public:
  explicit FolderResolver(std::string_view folder);
  std::optional<std::string> resolve(std::string_view relative) const;

 private:
  std::string_view folder_;
  bool folder_normal_;
};

}  // namespace opskit
