#pragma once
// Deterministic zips (libzip): entries sorted by path, one fixed timestamp, fixed permissions,
// no extra fields, one compression level. The same tree gives the same bytes.
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

// Writes `tree` as a zip at `path` atomically (temporary file, then rename).
void write_zip(const OutputTree& tree, const std::filesystem::path& path, std::int64_t timestamp);

}  // namespace opskit
