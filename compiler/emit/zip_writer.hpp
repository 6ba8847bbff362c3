#pragma once
// opskit's own zip writer: entries deflated on `jobs` threads (zlib, level 9), then written in
// order. Byte for byte what libzip writes for the same entries and settings (a unit test holds
// the two side by side), without ZIP64: write_zip sends archives that need it to libzip.
#include <cstdint>
#include <filesystem>
#include <string>

#include "emit/output_tree.hpp"

namespace opskit {

// True when `tree` could pass a limit of the classic zip format (65,535 entries, 4 GiB for a
// size or an offset), counting generously: deflate may add a little to incompressible data.
bool needs_zip64(const OutputTree& tree);

// Writes `tree` (names already checked, no ZIP64 needed) to `path`, which it creates or
// truncates. Throws std::runtime_error when a file cannot be read or written.
void write_zip_deflated(const OutputTree& tree, const std::filesystem::path& path, std::int64_t timestamp, int jobs);

}  // namespace opskit
