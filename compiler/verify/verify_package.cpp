#include "verify/verify_package.hpp"

#include <sys/stat.h>
#include <zip.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "emit/zip_archive.hpp"
#include "support/sha256.hpp"
#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kChunk = 64 * 1024;
constexpr std::size_t kMaxSchemaMessages = 50;

std::string libzip_error(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

std::string human_size(std::uint64_t bytes) {
  char buffer[64];
  if (bytes >= (std::uint64_t(1) << 30))
    std::snprintf(buffer, sizeof buffer, "%.1f GiB", static_cast<double>(bytes) / double(std::uint64_t(1) << 30));
  else if (bytes >= (std::uint64_t(1) << 20))
    std::snprintf(buffer, sizeof buffer, "%.1f MiB", static_cast<double>(bytes) / double(std::uint64_t(1) << 20));
  else
    std::snprintf(buffer, sizeof buffer, "%llu bytes", static_cast<unsigned long long>(bytes));
  return buffer;
}

struct Archive {
  zip_t* zip = nullptr;
  ~Archive() {
    if (zip) zip_discard(zip);
  }
};

struct Entry {
  zip_uint64_t index = 0;
  std::string name;
  std::uint64_t size = 0;       // uncompressed, as the central directory claims
  std::uint64_t comp_size = 0;
  bool directory = false;
};

// What an entry's Unix mode says it is, when it is not a regular file or a folder ("" when fine).
std::string non_regular_kind(zip_t* zip, const Entry& e) {
  zip_uint8_t opsys = 0;
  zip_uint32_t attributes = 0;
  if (zip_file_get_external_attributes(zip, e.index, 0, &opsys, &attributes) != 0) return "";
  if (opsys != ZIP_OPSYS_UNIX) return "";
  auto type = (attributes >> 16) & S_IFMT;
  if (type == 0 || type == S_IFREG) return "";
  if (type == S_IFDIR && e.directory) return "";
  switch (type) {
    case S_IFLNK: return "a symbolic link";
    case S_IFDIR: return "a folder without a trailing '/'";
    case S_IFCHR: return "a character device";
    case S_IFBLK: return "a block device";
    case S_IFIFO: return "a named pipe";
    case S_IFSOCK: return "a socket";
    default: return "not a regular file";
  }
}

// Streams one entry in chunks into `consume`; never reads more than the size the central
// directory claims (already capped). Returns "" or why the entry cannot be read.
template <typename Consume>
std::string stream_entry(zip_t* zip, const Entry& e, std::vector<char>& buffer, Consume&& consume) {
  zip_file_t* file = zip_fopen_index(zip, e.index, 0);
  if (!file) return zip_strerror(zip);
  std::uint64_t total = 0;
  std::string problem;
  for (;;) {
    zip_int64_t got = zip_fread(file, buffer.data(), buffer.size());
    if (got < 0) {
      problem = zip_file_strerror(file);
      break;
    }
    if (got == 0) break;
    total += static_cast<std::uint64_t>(got);
    if (total > e.size) {
      problem = "inflates to more than the " + std::to_string(e.size) + " bytes its header claims";
      break;
    }
    consume(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
  }
  zip_fclose(file);
  if (problem.empty() && total != e.size)
    problem = "holds " + std::to_string(total) + " bytes, its header claims " + std::to_string(e.size);
  return problem;
}

bool is_sha256_hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

struct ListedFile {
  std::string path;
  std::uint64_t size = 0;
  std::string sha256;  // lower case
};

struct ManifestInfo {
  std::string package, version;
  std::vector<ListedFile> files;
};

// The manifest's schema: {"package": str, "version": str, "files": [{"path": str, "size": uint,
// "sha256": 64 hex}, ...]}; other keys are free. Problems go to `problems`, one message each.
ManifestInfo check_manifest_schema(const nlohmann::json& m, std::vector<std::string>& problems) {
  ManifestInfo info;
  auto problem = [&](const std::string& text) { problems.push_back("manifest.json: " + text); };
  if (!m.is_object()) {
    problem(std::string("must be a JSON object, not ") + m.type_name());
    return info;
  }
  for (const char* key : {"package", "version"}) {
    auto it = m.find(key);
    if (it == m.end()) problem(std::string("'") + key + "' is missing");
    else if (!it->is_string()) problem(std::string("'") + key + "' must be a string, not " + it->type_name());
    else (std::string(key) == "package" ? info.package : info.version) = it->get<std::string>();
  }
  auto files = m.find("files");
  if (files == m.end()) {
    problem("'files' is missing");
    return info;
  }
  if (!files->is_array()) {
    problem(std::string("'files' must be an array, not ") + files->type_name());
    return info;
  }
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < files->size(); ++i) {
    const auto& f = (*files)[i];
    auto at = "files[" + std::to_string(i) + "]";
    if (!f.is_object()) {
      problem(at + " must be an object, not " + f.type_name());
      continue;
    }
    ListedFile listed;
    bool good = true;
    auto path = f.find("path");
    if (path == f.end() || !path->is_string()) {
      problem(at + ".path must be a string" + (path == f.end() ? " (missing)" : std::string(", not ") + path->type_name()));
      good = false;
    } else {
      listed.path = path->get<std::string>();
      if (!is_safe_entry_name(listed.path)) {
        problem(at + ".path '" + listed.path + "' is not a relative path inside the package");
        good = false;
      } else if (auto [it, fresh] = seen.emplace(listed.path, i); !fresh) {
        problem(at + ".path '" + listed.path + "' is listed twice (also files[" + std::to_string(it->second) + "])");
        good = false;
      }
    }
    auto size = f.find("size");
    if (size == f.end() || !size->is_number_unsigned()) {
      problem(at + ".size must be an unsigned integer" +
              (size == f.end() ? " (missing)" : ", not " + size->dump().substr(0, 40)));
      good = false;
    } else {
      listed.size = size->get<std::uint64_t>();
    }
    auto sha = f.find("sha256");
    if (sha == f.end() || !sha->is_string() || !is_sha256_hex(sha->get<std::string>())) {
      problem(at + ".sha256 must be a string of 64 hexadecimal digits" +
              (sha == f.end() ? " (missing)" : ", not " + sha->dump().substr(0, 80)));
      good = false;
    } else {
      listed.sha256 = to_lower(sha->get<std::string>());
    }
    if (good) info.files.push_back(std::move(listed));
  }
  return info;
}

int verify(const fs::path& path, std::ostream& out, const VerifyLimits& limits) {
  const std::string where = path.string();
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    out << where << ": cannot read: " << (ec ? ec.message() : "no such file") << "\n";
    return 2;
  }
  if (fs::is_directory(status)) {
    out << where << ": is a folder, not a zip\n";
    return 2;
  }
  // Not ZIP_CHECKCONS here: it refuses duplicate names with a bare "File already exists". The
  // consistency check runs below, once names are known to be unique.
  Archive archive;
  int error = 0;
  archive.zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (!archive.zip) {
    out << where << ": not a readable zip: " << libzip_error(error) << "\n";
    return 2;
  }
  zip_t* zip = archive.zip;

  std::vector<std::string> problems;
  auto refuse = [&]() {
    for (const auto& p : problems) out << p << "\n";
    out << where << ": refused (" << problems.size() << " problem(s)); nothing was read from its entries\n";
    return 1;
  };

  zip_int64_t count = zip_get_num_entries(zip, 0);
  if (count < 0 || static_cast<std::uint64_t>(count) > limits.max_entries) {
    out << where << ": holds " << count << " entries, more than the " << limits.max_entries << " allowed; refused\n";
    return 1;
  }
  // Pass 1: the central directory only. Nothing is inflated until every entry passes.
  std::vector<Entry> entries;
  std::map<std::string, int> name_count;
  std::uint64_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME) ||
        !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE)) {
      problems.push_back("entry #" + std::to_string(i) + ": unreadable header: " + zip_strerror(zip));
      continue;
    }
    Entry e;
    e.index = static_cast<zip_uint64_t>(i);
    e.name = st.name;
    e.size = st.size;
    e.comp_size = st.comp_size;
    e.directory = ends_with(e.name, "/");
    if (!is_safe_entry_name(e.directory ? e.name.substr(0, e.name.size() - 1) : e.name)) {
      problems.push_back(where + ": entry '" + e.name + "' would be written outside the package folder; refused");
      continue;
    }
    if (++name_count[e.name] == 2)
      problems.push_back(where + ": entry '" + e.name +
                         "' appears more than once in the zip (unzip tools disagree on which copy wins); refused");
    if (auto kind = non_regular_kind(zip, e); !kind.empty()) {
      problems.push_back(where + ": entry '" + e.name + "' is " + kind + ", not a regular file; refused");
      continue;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      problems.push_back(where + ": entry '" + e.name + "' is encrypted; refused");
      continue;
    }
    if (e.directory) continue;
    if (e.size > limits.ratio_floor && e.size / std::max<std::uint64_t>(e.comp_size, 1) > limits.max_ratio) {
      problems.push_back(where + ": entry '" + e.name + "' would inflate from " + human_size(e.comp_size) + " to " +
                         human_size(e.size) + " (more than " + std::to_string(limits.max_ratio) +
                         " times): a zip bomb; refused");
      continue;
    }
    total += std::min<std::uint64_t>(e.size, limits.max_total_size + 1);  // no overflow
    entries.push_back(std::move(e));
  }
  if (total > limits.max_total_size)
    problems.push_back(where + ": entries would inflate to more than " + human_size(limits.max_total_size) +
                       " (the most a package may hold); refused");
  if (!problems.empty()) return refuse();
  {
    Archive checked;
    checked.zip = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!checked.zip) {
      out << where << ": inconsistent zip (local headers disagree with the central directory): "
          << libzip_error(error) << "; refused\n";
      return 1;
    }
  }

  // The manifest: bounded in size, parsed, and its schema checked before anything is compared.
  std::vector<char> buffer(kChunk);
  const Entry* manifest_entry = nullptr;
  for (const auto& e : entries)
    if (e.name == "manifest.json") manifest_entry = &e;
  if (!manifest_entry) {
    out << where << ": no manifest.json: not an opskit package\n";
    return 2;
  }
  if (manifest_entry->size > limits.max_manifest_size) {
    out << where << ": manifest.json is " << human_size(manifest_entry->size) << ", more than the "
        << human_size(limits.max_manifest_size) << " allowed; refused\n";
    return 1;
  }
  std::string manifest_text;
  if (auto problem = stream_entry(zip, *manifest_entry, buffer, [&](std::string_view piece) { manifest_text += piece; });
      !problem.empty()) {
    out << "manifest.json: damaged: " << problem << "\n" << where << ": refused\n";
    return 1;
  }
  nlohmann::json manifest;
  try {
    manifest = nlohmann::json::parse(manifest_text);
  } catch (const nlohmann::json::exception& e) {
    out << where << ": manifest.json is not valid JSON: " << e.what() << "\n";
    return 1;
  }
  auto info = check_manifest_schema(manifest, problems);
  manifest = nullptr;
  manifest_text.clear();
  manifest_text.shrink_to_fit();
  if (!problems.empty()) {
    for (std::size_t i = 0; i < problems.size() && i < kMaxSchemaMessages; ++i) out << problems[i] << "\n";
    if (problems.size() > kMaxSchemaMessages)
      out << "manifest.json: ... and " << problems.size() - kMaxSchemaMessages << " more problem(s)\n";
    out << where << ": manifest.json does not have the shape opskit writes; refused\n";
    return 1;
  }

  // Pass 2: stream and hash every file entry.
  struct Actual {
    std::uint64_t size = 0;
    std::string sha256;
    std::string damaged;
  };
  std::map<std::string, Actual> actual;
  for (const auto& e : entries) {
    if (&e == manifest_entry) continue;
    Sha256 hash;
    Actual a;
    a.damaged = stream_entry(zip, e, buffer, [&](std::string_view piece) {
      hash.update(piece);
      a.size += piece.size();
    });
    a.sha256 = hash.hex();
    actual.emplace(e.name, std::move(a));
  }

  int differences = 0;
  std::map<std::string, bool> listed;
  for (const auto& f : info.files) {
    listed[f.path] = true;
    auto it = actual.find(f.path);
    if (it == actual.end()) {
      out << f.path << ": missing (listed in the manifest)\n";
      ++differences;
    } else if (!it->second.damaged.empty()) {
      out << f.path << ": damaged: " << it->second.damaged << "\n";
      ++differences;
    } else if (it->second.size != f.size || it->second.sha256 != f.sha256) {
      out << f.path << ": changed (" << it->second.size << " bytes, SHA-256 " << it->second.sha256
          << "; manifest says " << f.size << " bytes, " << f.sha256 << ")\n";
      ++differences;
    }
  }
  for (const auto& [name, a] : actual)
    if (!listed.count(name)) {
      out << name << ": extra file, not in the manifest\n";
      ++differences;
    }
  if (differences) {
    out << where << ": " << differences << " difference(s) from the manifest\n";
    return 1;
  }
  out << where << ": OK, " << info.files.size() << " files match the manifest (" << info.package << " "
      << info.version << ")\n";
  return 0;
}

}  // namespace

int verify_package(const fs::path& path, std::ostream& out, const VerifyLimits& limits) {
  try {
    return verify(path, out, limits);
  } catch (const std::bad_alloc&) {
    out << path.string() << ": out of memory while verifying; refused\n";
    return 2;
  } catch (const std::exception& e) {
    out << path.string() << ": cannot verify: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace opskit
