#pragma once
// Opening a handover package without trusting it: shared by `opskit verify` and `opskit diff`.
// The central directory is checked before anything is inflated (safe, unique names; regular,
// unencrypted files; sizes and compression ratios capped), entries are streamed in bounded
// chunks, and the manifest's schema is checked before any of it is used.
#include <zip.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "verify/verify_package.hpp"

namespace opskit {

struct PackageEntry {
  zip_uint64_t index = 0;
  std::string name;
  std::uint64_t size = 0;  // uncompressed, as the central directory claims (already capped)
  std::uint64_t comp_size = 0;
  bool directory = false;
};

struct ManifestFile {
  std::string path;
  std::uint64_t size = 0;
  std::string sha256;  // lower case
};

struct PackageManifest {
  std::string package, version;
  std::vector<ManifestFile> files;
};

// A package zip whose central directory passed every check. Not copyable: it owns the zip.
class PackageZip {
 public:
  enum class Outcome { ok, bad, unusable };  // verify's exit codes 0, 1, 2
  struct Opened;

  // Opens `path`; on failure the problems say why (each a diagnostic with a verify.* rule, on the
  // zip's path) and the outcome is bad or unusable.
  static Opened open(const std::filesystem::path& path, const VerifyLimits& limits);

  PackageZip(const PackageZip&) = delete;
  PackageZip& operator=(const PackageZip&) = delete;
  ~PackageZip();

  const std::vector<PackageEntry>& entries() const { return entries_; }
  const PackageEntry* find(std::string_view name) const;
  // Streams one entry in chunks; returns "" or why it cannot be read (damaged, larger than claimed).
  std::string stream(const PackageEntry& entry, const std::function<void(std::string_view)>& consume) const;
  // The whole entry, when it is at most `max_size` bytes; nullopt with `problem` set otherwise.
  std::optional<std::string> read(const PackageEntry& entry, std::uint64_t max_size, std::string& problem) const;
  // Reads, parses and schema-checks manifest.json: {"package": str, "version": str, "files":
  // [{"path": str, "size": uint, "sha256": 64 hex}, ...]}; other keys are free.
  std::optional<PackageManifest> manifest(std::vector<Diagnostic>& problems, Outcome& outcome) const;
  // A problem of this zip: an error on its path, under a verify.* rule.
  Diagnostic problem(std::string rule, std::string message) const;

 private:
  PackageZip(zip_t* zip, std::string where, VerifyLimits limits);
  zip_t* zip_;
  std::string where_;
  VerifyLimits limits_;
  std::vector<PackageEntry> entries_;
  mutable std::vector<char> buffer_;
};

struct PackageZip::Opened {
  std::unique_ptr<PackageZip> zip;  // null unless outcome is ok
  Outcome outcome = Outcome::unusable;
  std::vector<Diagnostic> problems;
  std::string summary;  // one line for people when the zip is refused ("" when it opened)
};

// An error on `file` under `rule`, without a position (a zip has no lines).
Diagnostic package_problem(std::string file, std::string rule, std::string message);

std::string human_size(std::uint64_t bytes);

}  // namespace opskit
