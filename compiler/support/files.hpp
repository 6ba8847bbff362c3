#pragma once
// File-system helpers: every write in opskit is atomic (temporary file, then rename).
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

}  // namespace opskit
