#pragma once
// `opskit diff OLD.zip NEW.zip`: what changed between two handover packages, as Markdown. Both
// zips are opened as `opskit verify` opens them (verify/package_zip.hpp): bad or hostile zips
// are refused with a message, never read further. The manifests' SHA-256 say what changed;
// only pages and data files that changed are read.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "diagnostics/diagnostic.hpp"
#include "verify/verify_package.hpp"

namespace opskit {

struct PackageDiffLimits {
  VerifyLimits zip;
  std::uint64_t max_page_size = std::uint64_t(16) << 20;  // a page or data file read to compare it
};

struct PackageFile {
  std::uint64_t size = 0;
  std::string sha256;
};

// One side of a comparison: a package's name, version and files with their hashes, and how to
// read a file (nullopt, with the reason reported into `sink`, when it cannot be).
struct PackageContents {
  std::string package, version;
  std::map<std::string, PackageFile> files;
  std::function<std::optional<std::string>(const std::string& path, DiagnosticSink& sink)> read;
};

// A package zip, opened and checked as `opskit verify` does; nullopt with the reasons in `sink`
// (rules verify.*, on the zip's path).
std::optional<PackageContents> read_package_contents(const std::filesystem::path& zip, DiagnosticSink& sink,
                                                     const PackageDiffLimits& limits = {});
// A package still in memory (path -> bytes), for writing a CHANGES.md into the package being
// built from a comparison with the previous one.
PackageContents package_contents(const std::string& package, const std::string& version,
                                 std::map<std::string, std::string> files);

// The Markdown report of what changed from `before` to `after`; nullopt when a file that changed
// cannot be read (the reasons went to `sink`).
std::optional<std::string> describe_changes(const PackageContents& before, const PackageContents& after,
                                            DiagnosticSink& sink);

// The Markdown report; nullopt when either zip cannot be used (the reasons went to `sink`).
std::optional<std::string> diff_packages(const std::filesystem::path& old_zip, const std::filesystem::path& new_zip,
                                         DiagnosticSink& sink, const PackageDiffLimits& limits = {});

}  // namespace opskit
