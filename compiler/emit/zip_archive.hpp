#pragma once
// Deterministic zips: entries sorted by path, one fixed timestamp, fixed permissions, no extra
// fields, deflate level 9. The same tree gives the same bytes.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "emit/output_tree.hpp"

namespace opskit {

// SOURCE_DATE_EPOCH when set, else `fallback`; clamped to 1980-01-01 (the zip format's epoch).
std::int64_t zip_timestamp(std::int64_t fallback);

// A name a zip may hold: relative, '/'-separated, no "..", no backslash, no empty segment.
bool is_safe_entry_name(const std::string& name);

// Writes `tree` as a zip at `path` atomically (temporary file, then rename), deflating entries on
// `jobs` threads (emit/zip_writer); an archive too large for the classic format goes to libzip,
// which writes ZIP64, on this thread. Throws std::runtime_error on an unsafe name or a failed write.
void write_zip(const OutputTree& tree, const std::filesystem::path& path, std::int64_t timestamp, int jobs = 1);

// libzip's writer: ZIP64 archives, and the reference the unit tests hold opskit's writer to.
// Sets TZ=UTC for the process (libzip converts times through the local zone): not thread-safe.
void write_zip_with_libzip(const OutputTree& tree, const std::filesystem::path& path, std::int64_t timestamp);

}  // namespace opskit
