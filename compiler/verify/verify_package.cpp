#include "verify/verify_package.hpp"

#include <map>
#include <new>
#include <string>
#include <string_view>

#include "support/sha256.hpp"
#include "verify/package_zip.hpp"

namespace opskit {
namespace fs = std::filesystem;

namespace {

int exit_code(PackageZip::Outcome outcome) {
  return outcome == PackageZip::Outcome::ok ? 0 : outcome == PackageZip::Outcome::bad ? 1 : 2;
}

VerifyResult verify(const fs::path& path, DiagnosticSink& sink, const VerifyLimits& limits) {
  const std::string where = path.string();
  auto opened = PackageZip::open(path, limits);
  for (auto& d : opened.problems) sink.report(std::move(d));
  if (!opened.zip) return {exit_code(opened.outcome), opened.summary};
  const PackageZip& zip = *opened.zip;

  // The manifest: bounded in size, parsed, and its schema checked before anything is compared.
  std::vector<Diagnostic> problems;
  auto outcome = PackageZip::Outcome::ok;
  auto info = zip.manifest(problems, outcome);
  for (auto& d : problems) sink.report(std::move(d));
  if (!info) return {exit_code(outcome), where + ": refused: the manifest cannot be used"};

  // Stream and hash every file entry.
  struct Actual {
    std::uint64_t size = 0;
    std::string sha256;
    std::string damaged;
  };
  std::map<std::string, Actual> actual;
  for (const auto& e : zip.entries()) {
    if (e.directory || e.name == "manifest.json") continue;
    Sha256 hash;
    Actual a;
    a.damaged = zip.stream(e, [&](std::string_view piece) {
      hash.update(piece);
      a.size += piece.size();
    });
    a.sha256 = hash.hex();
    actual.emplace(e.name, std::move(a));
  }

  int differences = 0;
  std::map<std::string, bool> listed;
  for (const auto& f : info->files) {
    listed[f.path] = true;
    auto it = actual.find(f.path);
    if (it == actual.end()) {
      sink.report(zip.problem("verify.missing-file", f.path + ": missing (listed in the manifest)"));
      ++differences;
    } else if (!it->second.damaged.empty()) {
      sink.report(zip.problem("verify.damaged", f.path + ": damaged: " + it->second.damaged));
      ++differences;
    } else if (it->second.size != f.size || it->second.sha256 != f.sha256) {
      sink.report(zip.problem("verify.changed-file", f.path + ": changed (" + std::to_string(it->second.size) +
                                                         " bytes, SHA-256 " + it->second.sha256 + "; manifest says " +
                                                         std::to_string(f.size) + " bytes, " + f.sha256 + ")"));
      ++differences;
    }
  }
  for (const auto& [name, a] : actual)
    if (!listed.count(name)) {
      sink.report(zip.problem("verify.extra-file", name + ": extra file, not in the manifest"));
      ++differences;
    }
  if (differences) return {1, where + ": " + std::to_string(differences) + " difference(s) from the manifest"};
  return {0, where + ": OK, " + std::to_string(info->files.size()) + " files match the manifest (" + info->package +
                 " " + info->version + ")"};
}

}  // namespace

VerifyResult verify_package(const fs::path& path, DiagnosticSink& sink, const VerifyLimits& limits) {
  try {
    return verify(path, sink, limits);
  } catch (const std::bad_alloc&) {
    sink.report(package_problem(path.string(), "internal.error", "out of memory while verifying; refused"));
    return {2, path.string() + ": refused: out of memory"};
  } catch (const std::exception& e) {
    sink.report(package_problem(path.string(), "internal.error", std::string("cannot verify: ") + e.what()));
    return {2, path.string() + ": cannot verify"};
  }
}

}  // namespace opskit
