#include "emit/zip_archive.hpp"

#include <zip.h>

#include <cstdlib>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <unistd.h>

#include "emit/zip_writer.hpp"
#include "support/source_date_epoch.hpp"
#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;

std::int64_t zip_timestamp(std::int64_t fallback) {
  // The same reading as the load stage's (which reports a bad value): one rule for the variable.
  std::int64_t t = read_source_date_epoch().seconds.value_or(fallback);
  constexpr std::int64_t k1980 = 315532800;  // 1980-01-01T00:00:00Z
  return t < k1980 ? k1980 : t;
}

bool is_safe_entry_name(const std::string& name) {
  if (name.empty() || name[0] == '/' || name.find('\\') != std::string::npos) return false;
  if (name.size() > 1 && name[1] == ':') return false;  // a drive letter
  for (const auto& part : split(name, '/'))
    if (part.empty() || part == "." || part == "..") return false;
  return true;
}

void write_zip_with_libzip(const OutputTree& tree, const fs::path& path, std::int64_t timestamp) {
  // libzip turns times into DOS times through the local time zone: pin it so every machine agrees.
  // (setenv is not safe beside other threads: only this path, taken for ZIP64 archives, calls it.)
  setenv("TZ", "UTC", 1);
  tzset();
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!archive) throw std::runtime_error("cannot create " + path.string());
  // Buffers must live until zip_close writes them: the tree's own bytes do (they are not copied);
  // files copied from disk are read into `buffers`.
  std::vector<std::unique_ptr<std::string>> buffers;
  try {
    for (const auto& [name, file] : tree) {
      if (!file.copy_from.empty()) buffers.push_back(std::make_unique<std::string>(output_bytes(file)));
      std::string_view bytes = file.copy_from.empty() ? file.in_memory() : std::string_view(*buffers.back());
      zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
      if (!source) throw std::runtime_error("cannot add " + name);
      zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
      if (index < 0) {
        zip_source_free(source);
        throw std::runtime_error("cannot add " + name + ": " + zip_strerror(archive));
      }
      auto i = static_cast<zip_uint64_t>(index);
      zip_set_file_compression(archive, i, ZIP_CM_DEFLATE, 9);
      zip_file_set_mtime(archive, i, static_cast<time_t>(timestamp), 0);
      zip_file_set_external_attributes(archive, i, 0, ZIP_OPSYS_UNIX, (0100644u) << 16);
    }
    if (zip_close(archive) != 0) throw std::runtime_error(std::string("cannot write zip: ") + zip_strerror(archive));
  } catch (...) {
    zip_discard(archive);
    throw;
  }
}

void write_zip(const OutputTree& tree, const fs::path& path, std::int64_t timestamp, int jobs) {
  for (const auto& [name, file] : tree)
    if (!is_safe_entry_name(name)) throw std::runtime_error("unsafe zip entry name '" + name + "'");
  fs::create_directories(path.parent_path());
  fs::path temp = path;
  temp += ".opskit-tmp-" + std::to_string(::getpid());
  fs::remove(temp);
  try {
    if (needs_zip64(tree)) write_zip_with_libzip(tree, temp, timestamp);
    else write_zip_deflated(tree, temp, timestamp, jobs);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw;
  }
  fs::rename(temp, path);
}

}  // namespace opskit
