#include "verify/package_zip.hpp"

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>

#include "emit/zip_archive.hpp"
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

// What an entry's Unix mode says it is, when it is not a regular file or a folder ("" when fine).
std::string non_regular_kind(zip_t* zip, const PackageEntry& e) {
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

bool is_sha256_hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

PackageManifest check_manifest_schema(const nlohmann::json& m, std::vector<std::string>& problems) {
  PackageManifest info;
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
    ManifestFile listed;
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

}  // namespace

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

PackageZip::PackageZip(zip_t* zip, std::string where, VerifyLimits limits)
    : zip_(zip), where_(std::move(where)), limits_(limits), buffer_(kChunk) {}

PackageZip::~PackageZip() {
  if (zip_) zip_discard(zip_);
}

Diagnostic package_problem(std::string file, std::string rule, std::string message) {
  Diagnostic d;
  d.file = std::move(file);
  d.rule = std::move(rule);
  d.message = std::move(message);
  return d;
}

Diagnostic PackageZip::problem(std::string rule, std::string message) const {
  return package_problem(where_, std::move(rule), std::move(message));
}

PackageZip::Opened PackageZip::open(const fs::path& path, const VerifyLimits& limits) {
  Opened result;
  const std::string where = path.string();
  auto fail = [&](Outcome outcome, const char* rule, std::string message) {
    result.outcome = outcome;
    result.problems.push_back(package_problem(where, rule, message));
    result.summary = where + ": refused: " + message;
    return std::move(result);
  };
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return fail(Outcome::unusable, "verify.unreadable", "cannot read: " + (ec ? ec.message() : std::string("no such file")));
  if (fs::is_directory(status)) return fail(Outcome::unusable, "verify.unreadable", "is a folder, not a zip");
  // Not ZIP_CHECKCONS here: it refuses duplicate names with a bare "File already exists". The
  // consistency check runs below, once names are known to be unique.
  int error = 0;
  zip_t* raw = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (!raw) return fail(Outcome::unusable, "verify.unreadable", "not a readable zip: " + libzip_error(error));
  std::unique_ptr<PackageZip> package(new PackageZip(raw, where, limits));
  zip_t* zip = raw;

  zip_int64_t count = zip_get_num_entries(zip, 0);
  if (count < 0 || static_cast<std::uint64_t>(count) > limits.max_entries)
    return fail(Outcome::bad, "verify.limit", "holds " + std::to_string(count) + " entries, more than the " +
                                                  std::to_string(limits.max_entries) + " allowed; refused");
  // The central directory only. Nothing is inflated until every entry passes.
  auto& problems = result.problems;
  auto refuse = [&](const char* rule, std::string message) { problems.push_back(package_problem(where, rule, std::move(message))); };
  std::map<std::string, int> name_count;
  std::uint64_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME) ||
        !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE)) {
      refuse("verify.inconsistent", "entry #" + std::to_string(i) + ": unreadable header: " + zip_strerror(zip));
      continue;
    }
    PackageEntry e;
    e.index = static_cast<zip_uint64_t>(i);
    e.name = st.name;
    e.size = st.size;
    e.comp_size = st.comp_size;
    e.directory = ends_with(e.name, "/");
    if (!is_safe_entry_name(e.directory ? e.name.substr(0, e.name.size() - 1) : e.name)) {
      refuse("verify.unsafe-entry", "entry '" + e.name + "' would be written outside the package folder; refused");
      continue;
    }
    if (++name_count[e.name] == 2)
      refuse("verify.duplicate-entry",
             "entry '" + e.name + "' appears more than once in the zip (unzip tools disagree on which copy wins); refused");
    if (auto kind = non_regular_kind(zip, e); !kind.empty()) {
      refuse("verify.not-regular", "entry '" + e.name + "' is " + kind + ", not a regular file; refused");
      continue;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      refuse("verify.encrypted", "entry '" + e.name + "' is encrypted; refused");
      continue;
    }
    if (e.directory) continue;
    if (e.size > limits.ratio_floor && e.size / std::max<std::uint64_t>(e.comp_size, 1) > limits.max_ratio) {
      refuse("verify.zip-bomb", "entry '" + e.name + "' would inflate from " + human_size(e.comp_size) + " to " +
                                    human_size(e.size) + " (more than " + std::to_string(limits.max_ratio) +
                                    " times): a zip bomb; refused");
      continue;
    }
    total += std::min<std::uint64_t>(e.size, limits.max_total_size + 1);  // no overflow
    package->entries_.push_back(std::move(e));
  }
  if (total > limits.max_total_size)
    refuse("verify.limit", "entries would inflate to more than " + human_size(limits.max_total_size) +
                               " (the most a package may hold); refused");
  if (!problems.empty()) {
    result.outcome = Outcome::bad;
    result.summary = where + ": refused (" + std::to_string(problems.size()) +
                     " problem(s)); nothing was read from its entries";
    return result;
  }
  zip_t* checked = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!checked)
    return fail(Outcome::bad, "verify.inconsistent",
                "inconsistent zip (local headers disagree with the central directory): " + libzip_error(error) +
                    "; refused");
  zip_discard(checked);
  result.zip = std::move(package);
  result.outcome = Outcome::ok;
  return result;
}

const PackageEntry* PackageZip::find(std::string_view name) const {
  for (const auto& e : entries_)
    if (e.name == name) return &e;
  return nullptr;
}

std::string PackageZip::stream(const PackageEntry& e, const std::function<void(std::string_view)>& consume) const {
  zip_file_t* file = zip_fopen_index(zip_, e.index, 0);
  if (!file) return zip_strerror(zip_);
  std::uint64_t total = 0;
  std::string problem;
  for (;;) {
    zip_int64_t got = zip_fread(file, buffer_.data(), buffer_.size());
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
    consume(std::string_view(buffer_.data(), static_cast<std::size_t>(got)));
  }
  zip_fclose(file);
  if (problem.empty() && total != e.size)
    problem = "holds " + std::to_string(total) + " bytes, its header claims " + std::to_string(e.size);
  return problem;
}

std::optional<std::string> PackageZip::read(const PackageEntry& e, std::uint64_t max_size, std::string& problem) const {
  if (e.size > max_size) {
    problem = e.name + " is " + human_size(e.size) + ", more than the " + human_size(max_size) + " allowed";
    return std::nullopt;
  }
  std::string text;
  problem = stream(e, [&](std::string_view piece) { text += piece; });
  if (!problem.empty()) {
    problem = e.name + ": damaged: " + problem;
    return std::nullopt;
  }
  return text;
}

std::optional<PackageManifest> PackageZip::manifest(std::vector<Diagnostic>& problems, Outcome& outcome) const {
  outcome = Outcome::bad;
  const PackageEntry* entry = find("manifest.json");
  if (!entry) {
    outcome = Outcome::unusable;
    problems.push_back(problem("verify.no-manifest", "no manifest.json: not an opskit package"));
    return std::nullopt;
  }
  if (entry->size > limits_.max_manifest_size) {
    problems.push_back(problem("verify.limit", "manifest.json is " + human_size(entry->size) + ", more than the " +
                                                   human_size(limits_.max_manifest_size) + " allowed; refused"));
    return std::nullopt;
  }
  std::string text;
  if (auto problem = stream(*entry, [&](std::string_view piece) { text += piece; }); !problem.empty()) {
    problems.push_back(this->problem("verify.damaged", "manifest.json: damaged: " + problem + "; refused"));
    return std::nullopt;
  }
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    problems.push_back(problem("verify.manifest-invalid", std::string("manifest.json is not valid JSON: ") + e.what()));
    return std::nullopt;
  }
  std::vector<std::string> schema;
  auto info = check_manifest_schema(json, schema);
  if (!schema.empty()) {
    for (std::size_t i = 0; i < schema.size() && i < kMaxSchemaMessages; ++i)
      problems.push_back(problem("verify.manifest-invalid", schema[i]));
    if (schema.size() > kMaxSchemaMessages)
      problems.push_back(problem("verify.manifest-invalid", "manifest.json: ... and " +
                                                                std::to_string(schema.size() - kMaxSchemaMessages) +
                                                                " more problem(s)"));
    problems.push_back(problem("verify.manifest-invalid", "manifest.json does not have the shape opskit writes; refused"));
    return std::nullopt;
  }
  outcome = Outcome::ok;
  return info;
}

}  // namespace opskit
