#include "support/files.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <sstream>
#include <stdexcept>
#include <unistd.h>
#include <algorithm>
#include <vector>

#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;

namespace {

// Reads what is left of `fd` into `bytes` (which holds `expected` bytes' room); false with errno.
bool read_to_end(int fd, std::string& bytes, std::size_t expected) {
  bytes.resize(expected + 1);  // one byte more: a file that grew since fstat is read whole
  std::size_t used = 0;
  for (;;) {
    if (used == bytes.size()) bytes.resize(bytes.size() * 2 + (1 << 16));
    auto n = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  bytes.resize(used);
  return true;
}

}  // namespace

LimitedRead read_file_limited(const fs::path& path, std::size_t limit) {
  LimitedRead result;
  auto fail = [&]() {
    result.error = std::strerror(errno);
    return std::move(result);
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail();
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int saved = errno;
    ::close(fd);
    errno = saved;
    return fail();
  }
  result.mtime = static_cast<long>(st.st_mtime);
  result.size = S_ISREG(st.st_mode) && st.st_size > 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
  if (result.size > limit) {
    ::close(fd);
    result.too_large = true;
    return result;
  }
  std::string bytes;
  if (!read_to_end(fd, bytes, static_cast<std::size_t>(result.size))) {
    int saved = errno;
    ::close(fd);
    errno = saved;
    return fail();
  }
  ::close(fd);
  result.bytes = std::move(bytes);
  return result;
}

std::optional<std::string> read_file(const fs::path& path, std::string* error) {
  auto read = read_file_limited(path, static_cast<std::size_t>(-1));
  if (!read.bytes && error) *error = read.error;
  return std::move(read.bytes);
}

bool write_all(int fd, std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

void write_file_atomic(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) throw IoError("cannot create " + path.parent_path().string() + ": " + ec.message());
  fs::path temp = path;
  temp += ".opskit-tmp-" + std::to_string(::getpid());
  auto fail = [&](const char* what) {
    auto message = std::string("cannot ") + what + " " + path.string() + ": " + std::strerror(errno);
    fs::remove(temp, ec);
    throw IoError(message);
  };
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("write");
  if (!write_all(fd, bytes)) {
    int saved = errno;
    ::close(fd);
    errno = saved;
    fail("write");
  }
  if (::close(fd) != 0) fail("write");
  if (::rename(temp.c_str(), path.c_str()) != 0) fail("replace");
}

std::string relative_generic(const fs::path& path, const fs::path& base) {
  // The common case, a path found by listing `base`, without lexically_relative's component
  // lists (this runs for every file of a 10,000-page kit, on one thread).
  const auto& p = path.native();
  const auto& b = base.native();
  if (!b.empty() && b.back() != '/' && p.size() > b.size() + 1 && p.compare(0, b.size(), b) == 0 && p[b.size()] == '/' &&
      p.find("/.", b.size()) == std::string::npos && p.find("//", b.size()) == std::string::npos)
    return p.substr(b.size() + 1);
  return path.lexically_relative(base).generic_string();
}

bool path_less(const fs::path& a, const fs::path& b) {
  // std::filesystem::path's order compares component by component; the same order on the whole
  // string is had by ranking the separator below every other byte.
  const auto& x = a.native();
  const auto& y = b.native();
  std::size_t n = std::min(x.size(), y.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (x[i] == y[i]) continue;
    if (x[i] == '/') return true;
    if (y[i] == '/') return false;
    return static_cast<unsigned char>(x[i]) < static_cast<unsigned char>(y[i]);
  }
  return x.size() < y.size();
}

std::string relative_url(std::string_view from_file, std::string_view to_file) {
  // By parts ("a/b/index.html": a, b, index.html), without splitting either path into strings:
  // this runs for every link of every page. The parts the two paths share in front (never the
  // target's last) are left out; each of the rest of `from`'s folders is a "../".
  auto from_folders = static_cast<std::size_t>(std::count(from_file.begin(), from_file.end(), '/'));
  auto to_parts = static_cast<std::size_t>(std::count(to_file.begin(), to_file.end(), '/')) + 1;
  std::size_t common = 0, from_at = 0, to_at = 0;  // where part `common` begins in each
  while (common < from_folders && common + 1 < to_parts) {
    auto from_end = from_file.find('/', from_at), to_end = to_file.find('/', to_at);
    if (from_file.substr(from_at, from_end - from_at) != to_file.substr(to_at, to_end - to_at)) break;
    from_at = from_end + 1;
    to_at = to_end + 1;
    ++common;
  }
  std::string out;
  out.reserve(3 * (from_folders - common) + (to_file.size() - to_at));
  for (std::size_t i = common; i < from_folders; ++i) out += "../";
  return out.append(to_file.substr(to_at));
}

namespace {

// True when no part of `path` is empty, "." or "..": it is its own normal form. Most links are,
// and normalize_path was a few per cent of a build (every link is resolved several times).
bool already_normal(std::string_view path) {
  for (std::size_t start = 0;;) {
    auto slash = path.find('/', start);
    auto part = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

}  // namespace

std::optional<std::string> normalize_path(std::string_view path) {
  if (path.empty() || already_normal(path)) return std::string(path);
  // Built in place: a ".." takes the last part back off the output (no list of parts to grow).
  std::string out;
  out.reserve(path.size());
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = std::min(path.find('/', start), path.size());
    auto part = path.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (out.empty()) return std::nullopt;
      auto last = out.rfind('/');
      out.resize(last == std::string::npos ? 0 : last);
    } else {
      if (!out.empty()) out += '/';
      out += part;
    }
  }
  return out;
}

std::optional<std::string> resolve_relative(std::string_view folder, std::string_view relative) {
  return FolderResolver(folder).resolve(relative);
}

FolderResolver::FolderResolver(std::string_view folder)
    : folder_(folder),
      folder_normal_(folder.empty() || (folder.back() == '/' && already_normal(folder.substr(0, folder.size() - 1)))) {}

std::optional<std::string> FolderResolver::resolve(std::string_view relative) const {
  std::string_view rest = relative;
  std::size_t up = 0;
  while (starts_with(rest, "../")) {
    rest.remove_prefix(3);
    ++up;
  }
  if (rest.empty() || !folder_normal_ || !already_normal(rest)) {
    std::string joined(folder_);
    return normalize_path(joined.append(relative));
  }
  std::string_view folder = folder_;
  for (; up > 0; --up) {  // each "../" takes the folder's last part off
    if (folder.empty()) return std::nullopt;
    folder.remove_suffix(1);
    auto slash = folder.rfind('/');
    folder = slash == std::string_view::npos ? std::string_view() : folder.substr(0, slash + 1);
  }
  std::string out;
  out.reserve(folder.size() + rest.size());
  return out.append(folder).append(rest);
}

}  // namespace opskit
