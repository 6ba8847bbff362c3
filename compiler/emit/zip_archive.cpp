#include "emit/zip_archive.hpp"

#include <zip.h>

#include <cstdlib>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <unistd.h>

#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;

std::int64_t zip_timestamp(std::int64_t fallback) {
  std::int64_t t = fallback;
  if (const char* env = std::getenv("SOURCE_DATE_EPOCH"); env && *env) t = std::atoll(env);
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

void write_zip(const OutputTree& tree, const fs::path& path, std::int64_t timestamp) {
  // libzip turns times into DOS times through the local time zone: pin it so every machine agrees.
  setenv("TZ", "UTC", 1);
  tzset();
  fs::create_directories(path.parent_path());
  fs::path temp = path;
  temp += ".opskit-tmp-" + std::to_string(::getpid());
  fs::remove(temp);
  int error = 0;
  zip_t* archive = zip_open(temp.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!archive) throw std::runtime_error("cannot create " + temp.string());
  // Buffers must live until zip_close writes them.
  std::vector<std::unique_ptr<std::string>> buffers;
  try {
    for (const auto& [name, file] : tree) {
      if (!is_safe_entry_name(name)) throw std::runtime_error("unsafe zip entry name '" + name + "'");
      buffers.push_back(std::make_unique<std::string>(output_bytes(file)));
      const auto& bytes = *buffers.back();
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
    fs::remove(temp);
    throw;
  }
  fs::rename(temp, path);
}

std::optional<std::vector<ZipEntry>> read_zip(const fs::path& path, std::string& error_message) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!archive) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    error_message = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    return std::nullopt;
  }
  std::vector<ZipEntry> entries;
  zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
    ZipEntry entry;
    entry.name = st.name;
    entry.is_directory = ends_with(entry.name, "/");
    if (!entry.is_directory) {
      zip_file_t* f = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
      if (!f) {
        error_message = "cannot read entry " + entry.name;
        zip_discard(archive);
        return std::nullopt;
      }
      entry.bytes.resize(st.size);
      zip_int64_t got = st.size ? zip_fread(f, entry.bytes.data(), st.size) : 0;
      zip_fclose(f);
      if (got != static_cast<zip_int64_t>(st.size)) {
        error_message = "entry " + entry.name + " is damaged";
        zip_discard(archive);
        return std::nullopt;
      }
    }
    entries.push_back(std::move(entry));
  }
  zip_discard(archive);
  return entries;
}

}  // namespace opskit
