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

int verify(const fs::path& path, std::ostream& out, const VerifyLimits& limits) {
  const std::string where = path.string();
  auto opened = PackageZip::open(path, limits);
  for (const auto& m : opened.messages) out << m << "\n";
  if (!opened.zip) return exit_code(opened.outcome);
  const PackageZip& zip = *opened.zip;

  // The manifest: bounded in size, parsed, and its schema checked before anything is compared.
  std::vector<std::string> problems;
  auto outcome = PackageZip::Outcome::ok;
  auto info = zip.manifest(problems, outcome);
  for (const auto& p : problems) out << p << "\n";
  if (!info) return exit_code(outcome);

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
  out << where << ": OK, " << info->files.size() << " files match the manifest (" << info->package << " "
      << info->version << ")\n";
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
