#pragma once
// `opskit verify`: checks a handover package against its manifest without trusting it. Entries
// are streamed and hashed in chunks, never held whole; sizes and compression ratios are capped
// from the central directory before anything is inflated (and again while inflating); only
// regular files with safe, unique names are accepted.
#include <cstdint>
#include <filesystem>
#include <string>

#include "diagnostics/diagnostic.hpp"

namespace opskit {

struct VerifyLimits {
  std::uint64_t max_total_size = std::uint64_t(2) << 30;   // all entries, uncompressed
  std::uint64_t max_entries = 100000;
  std::uint64_t max_manifest_size = std::uint64_t(64) << 20;
  // An entry larger than ratio_floor may not inflate to more than max_ratio times its
  // compressed size (deflate reaches ~1000:1 on zeros; real pages and data stay far below 100:1).
  std::uint64_t max_ratio = 200;
  std::uint64_t ratio_floor = std::uint64_t(1) << 20;
};

struct VerifyResult {
  // 0 when the package matches its manifest, 1 when the package is bad (differences, unsafe or
  // non-regular entries, duplicates, a zip bomb, a manifest of the wrong shape, damaged data),
  // 2 when the input is unusable (missing, unreadable, not a zip, no manifest.json).
  int code = 2;
  std::string summary;  // one line for people: "pkg.zip: OK, 12 files match ...", or why not
};

// Reports every finding into `sink` (rules verify.*, on the zip's path; the message names the
// entry), as every other command reports, so --format json and sarif work for verify too.
// Never throws.
VerifyResult verify_package(const std::filesystem::path& zip, DiagnosticSink& sink, const VerifyLimits& limits = {});

}  // namespace opskit
