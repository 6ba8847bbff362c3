#include "diff/package_diff.hpp"

#include <map>
#include <memory>
#include <new>
#include <set>
#include <vector>

#include "diff/csv_table.hpp"
#include "diff/page_html.hpp"
#include "support/sha256.hpp"
#include "support/strings.hpp"
#include "verify/package_zip.hpp"

namespace opskit {
namespace fs = std::filesystem;

namespace {

// A zip opened as `opskit verify` opens it; the zip stays open for the reads the comparison makes.
std::optional<PackageContents> open_package(const fs::path& path, const PackageDiffLimits& limits,
                                            DiagnosticSink& sink) {
  auto opened = PackageZip::open(path, limits.zip);
  for (auto& d : opened.problems) sink.report(std::move(d));
  if (!opened.zip) return std::nullopt;
  std::vector<Diagnostic> problems;
  auto outcome = PackageZip::Outcome::ok;
  auto manifest = opened.zip->manifest(problems, outcome);
  for (auto& d : problems) sink.report(std::move(d));
  if (!manifest) return std::nullopt;
  PackageContents contents;
  contents.package = manifest->package;
  contents.version = manifest->version;
  for (auto& f : manifest->files) contents.files[f.path] = {f.size, f.sha256};
  std::shared_ptr<PackageZip> zip = std::move(opened.zip);
  auto label = manifest->package + " " + manifest->version;
  auto max_size = limits.max_page_size;
  contents.read = [zip, label, max_size](const std::string& name, DiagnosticSink& sink) -> std::optional<std::string> {
    const auto* entry = zip->find(name);
    if (!entry) {
      sink.report(zip->problem("verify.missing-file", name + ": listed in the manifest of " + label +
                                                          " but not in the zip (opskit verify says more)"));
      return std::nullopt;
    }
    std::string problem;
    auto text = zip->read(*entry, max_size, problem);
    if (!text) sink.report(zip->problem("verify.damaged", problem));
    return text;
  };
  return contents;
}

// "site/runbooks/patch/index.html" -> "runbooks/patch"; "site/index.html" -> "index"; else "".
std::string page_id(const std::string& path) {
  if (path == "site/index.html") return "index";
  if (!starts_with(path, "site/") || !ends_with(path, "/index.html")) return "";
  return path.substr(5, path.size() - 5 - 11);
}

// Files whose changes are reported file by file: what the receiver uses beside the pages. The
// single-file edition, README.txt and the site's assets and search index follow from the pages.
bool listed_as_file(const std::string& path, const std::string& package) {
  if (path == "manifest.json" || path == "README.txt" || path == package + ".html") return false;
  if (starts_with(path, "site/")) return starts_with(path, "site/static/");
  return true;
}

class Differ {
 public:
  Differ(const PackageContents& before, const PackageContents& after) : before_(before), after_(after) {}

  std::optional<std::string> run(DiagnosticSink& sink) {
    std::set<std::string> paths;
    for (const auto& [p, f] : before_.files) paths.insert(p);
    for (const auto& [p, f] : after_.files) paths.insert(p);
    for (const auto& path : paths) {
      auto a = before_.files.find(path);
      auto b = after_.files.find(path);
      const PackageFile* was = a == before_.files.end() ? nullptr : &a->second;
      const PackageFile* is = b == after_.files.end() ? nullptr : &b->second;
      if (was && is && was->sha256 == is->sha256 && was->size == is->size) continue;
      if (!classify(path, was, is, sink)) return std::nullopt;
    }
    return report();
  }

 private:
  const PackageContents& before_;
  const PackageContents& after_;
  std::vector<std::string> added_, removed_, changed_, data_, files_;

  static std::optional<std::string> read(const PackageContents& package, const std::string& path, DiagnosticSink& sink) {
    if (!package.read) {
      sink.report(package_problem(package.package + " " + package.version, "verify.damaged",
                                  path + ": cannot be read"));
      return std::nullopt;
    }
    return package.read(path, sink);
  }

  static std::string page_line(const std::string& id, const std::string& title) {
    return "`" + id + "`" + (title.empty() ? "" : ": " + title);
  }

  bool classify(const std::string& path, const PackageFile* was, const PackageFile* is, DiagnosticSink& sink) {
    if (auto id = page_id(path); !id.empty()) {
      std::optional<std::string> old_html, new_html;
      if (was && !(old_html = read(before_, path, sink))) return false;
      if (is && !(new_html = read(after_, path, sink))) return false;
      auto old_page = old_html ? read_page_html(*old_html) : PageContent{};
      auto new_page = new_html ? read_page_html(*new_html) : PageContent{};
      if (!was) added_.push_back(page_line(id, new_page.title));
      else if (!is) removed_.push_back(page_line(id, old_page.title));
      else describe_page_change(id, old_page, new_page);
      return true;
    }
    if (starts_with(path, "data/") && ends_with(path, ".csv") && was && is) {
      auto old_csv = read(before_, path, sink);
      auto new_csv = read(after_, path, sink);
      if (!old_csv || !new_csv) return false;
      for (const auto& line : describe_csv_changes(parse_csv(*old_csv), parse_csv(*new_csv)))
        data_.push_back("`" + path + "`, " + line);
      return true;
    }
    if (!listed_as_file(path, after_.package)) return true;
    files_.push_back(std::string(!was ? "added" : !is ? "removed" : "changed") + ": `" + path + "`");
    return true;
  }

  void describe_page_change(const std::string& id, const PageContent& before, const PageContent& after) {
    std::vector<std::string> details;
    if (before.title != after.title) details.push_back("title: " + before.title + " → " + after.title);
    std::map<std::string, std::string> old_sections;
    std::vector<std::string> old_order;
    for (const auto& s : before.sections)
      if (old_sections.emplace(s.heading, s.html).second) old_order.push_back(s.heading);
    std::set<std::string> seen;
    for (const auto& s : after.sections) {
      if (!seen.insert(s.heading).second) continue;
      auto name = s.heading.empty() ? std::string("introduction") : "section '" + s.heading + "'";
      auto old = old_sections.find(s.heading);
      if (old == old_sections.end()) details.push_back(name + " added");
      else if (old->second != s.html)
        details.push_back(name + " changed");
    }
    for (const auto& heading : old_order)
      if (!seen.count(heading)) details.push_back("section '" + heading + "' removed");
    // The article is the same: only the navigation or the layout around it moved.
    if (details.empty()) return;
    std::string line = page_line(id, after.title);
    for (const auto& d : details) line += "\n  - " + d;
    changed_.push_back(line);
  }

  std::string report() const {
    std::string md = "# Changes in " + after_.package + " from " + before_.version + " to " +
                     after_.version + "\n";
    if (before_.package != after_.package)
      md += "\nThe packages have different names: " + before_.package + " and " + after_.package + ".\n";
    auto section = [&](const std::string& heading, const std::vector<std::string>& lines) {
      if (lines.empty()) return;
      md += "\n## " + heading + " (" + std::to_string(lines.size()) + ")\n\n";
      for (const auto& line : lines) md += "- " + line + "\n";
    };
    section("Pages added", added_);
    section("Pages removed", removed_);
    section("Pages changed", changed_);
    section("Data changed", data_);
    section("Files", files_);
    if (added_.empty() && removed_.empty() && changed_.empty() && data_.empty() && files_.empty())
      md += "\nNo changes.\n";
    return md;
  }
};

}  // namespace

std::optional<std::string> describe_changes(const PackageContents& before, const PackageContents& after,
                                            DiagnosticSink& sink) {
  return Differ(before, after).run(sink);
}

PackageContents package_contents(const std::string& package, const std::string& version,
                                 std::map<std::string, std::string> files) {
  PackageContents contents;
  contents.package = package;
  contents.version = version;
  for (const auto& [path, bytes] : files) contents.files[path] = {bytes.size(), sha256_hex(bytes)};
  auto shared = std::make_shared<const std::map<std::string, std::string>>(std::move(files));
  contents.read = [shared, package](const std::string& path, DiagnosticSink& sink) -> std::optional<std::string> {
    auto it = shared->find(path);
    if (it == shared->end()) {
      sink.report(package_problem(package, "verify.missing-file", path + ": not in the package"));
      return std::nullopt;
    }
    return it->second;
  };
  return contents;
}

std::optional<PackageContents> read_package_contents(const fs::path& zip, DiagnosticSink& sink,
                                                     const PackageDiffLimits& limits) {
  try {
    return open_package(zip, limits, sink);
  } catch (const std::bad_alloc&) {
    sink.report(package_problem(zip.string(), "internal.error", "out of memory while reading it"));
    return std::nullopt;
  }
}

std::optional<std::string> diff_packages(const fs::path& old_zip, const fs::path& new_zip, DiagnosticSink& sink,
                                         const PackageDiffLimits& limits) {
  try {
    auto before = open_package(old_zip, limits, sink);
    if (!before) return std::nullopt;
    auto after = open_package(new_zip, limits, sink);
    if (!after) return std::nullopt;
    return describe_changes(*before, *after, sink);
  } catch (const std::bad_alloc&) {
    sink.report(package_problem(new_zip.string(), "internal.error",
                                "out of memory while comparing it with " + old_zip.string()));
    return std::nullopt;
  }
}

}  // namespace opskit
