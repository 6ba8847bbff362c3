#include "scaffold/scaffold_files.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

#include "support/files.hpp"
#include "support/source_date_epoch.hpp"
#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;

namespace {

bool usable_name(const std::string& part) {
  if (part.empty() || part == "." || part == "..") return false;
  for (unsigned char c : part)
    if (c < 0x20 || c == 0x7f || c == '\\' || c == ':' || c == '#' || c == '?' || c == '%' || c == '*' || c == '"' ||
        c == '<' || c == '>' || c == '|')
      return false;
  return part.front() != '.';
}

// "a/b/index.en.md" -> "index"; "b.md" -> "b": the name without ".md" and a locale suffix.
std::string stem_of(const std::string& name) {
  std::string stem = ends_with(name, ".md") ? name.substr(0, name.size() - 3) : name;
  auto dot = stem.find('.');
  return dot == std::string::npos ? stem : stem.substr(0, dot);
}

}  // namespace

std::optional<std::string> page_file_for(const std::string& kind, const std::string& path, std::string& why) {
  if (path.empty() || path.front() == '/' || path.find('\\') != std::string::npos) {
    why = "PATH must be a relative path inside the project";
    return std::nullopt;
  }
  std::string p = path;
  while (ends_with(p, "/")) p.pop_back();
  auto parts = split(p, '/');
  for (const auto& part : parts)
    if (!usable_name(part)) {
      why = part == ".." ? "PATH may not contain '..': pages are written inside the project"
                         : "PATH has a part opskit would not read as a page ('" + part + "')";
      return std::nullopt;
    }
  if (parts.empty()) {
    why = "PATH is empty";
    return std::nullopt;
  }
  if (parts[0] == "workshops") {
    if (parts.size() < 4 || parts[2] != "content") {
      why = "a page in a workshop goes under workshops/<name>/content/";
      return std::nullopt;
    }
  } else if (parts[0] != "content") {
    parts.insert(parts.begin(), "content");
  }
  std::string file = join(parts, "/");
  if (!ends_with(file, ".md")) file += kind == "lab" ? "/index.en.md" : ".md";
  if (parts.size() < 2 && !ends_with(file, "/index.en.md")) {
    why = "PATH names no page under content/";
    return std::nullopt;
  }
  return file;
}

std::string page_id_for(const std::string& file) {
  std::string rest = file, prefix;
  if (starts_with(rest, "workshops/")) {
    auto parts = split(rest, '/');
    prefix = parts[1];
    rest = join(std::vector<std::string>(parts.begin() + 3, parts.end()), "/");
  } else if (starts_with(rest, "content/")) {
    rest = rest.substr(8);
  }
  auto slash = rest.find_last_of('/');
  std::string folder = slash == std::string::npos ? "" : rest.substr(0, slash);
  std::string stem = stem_of(slash == std::string::npos ? rest : rest.substr(slash + 1));
  std::string id = stem == "index" ? folder : (folder.empty() ? stem : folder + "/" + stem);
  if (!prefix.empty()) return id.empty() ? prefix : prefix + "/" + id;
  return id.empty() ? "index" : id;
}

std::string title_from_file(const std::string& file) {
  auto parts = split(file, '/');
  std::string name = stem_of(parts.back());
  if (name == "index" && parts.size() >= 2) name = parts[parts.size() - 2];
  if (name == "content" && parts.size() >= 3) name = parts[parts.size() - 3];
  std::string title;
  for (char c : name) title += (c == '-' || c == '_') ? ' ' : c;
  title = std::string(trim(title));
  if (!title.empty() && title[0] >= 'a' && title[0] <= 'z') title[0] = static_cast<char>(title[0] - 'a' + 'A');
  return title.empty() ? "New page" : title;
}

std::string today_iso() {
  auto epoch = read_source_date_epoch();
  std::time_t t = epoch.seconds ? static_cast<std::time_t>(*epoch.seconds)
                                : std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[48];  // room for any int, though a year has four digits
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

std::string write_new_files(const fs::path& root, const std::map<std::string, std::string>& files) {
  std::error_code ec;
  auto base = fs::weakly_canonical(root, ec);
  if (ec) return "cannot resolve '" + root.string() + "': " + ec.message();
  for (const auto& [rel, bytes] : files) {
    auto target = base / rel;
    if (fs::exists(fs::symlink_status(target, ec)))
      return rel + " already exists; opskit new never overwrites a file (remove it or choose another PATH)";
    auto resolved = fs::weakly_canonical(target, ec);
    auto inside = resolved.lexically_relative(base);
    if (ec || inside.empty() || *inside.begin() == "..")
      return rel + " would be written outside the project folder '" + base.string() + "' (through a symbolic link)";
  }
  for (const auto& [rel, bytes] : files) {
    auto target = base / rel;
    fs::create_directories(target.parent_path(), ec);
    if (ec) throw IoError("cannot create '" + target.parent_path().string() + "': " + ec.message());
    write_file_atomic(target, bytes);
  }
  return "";
}

}  // namespace opskit
