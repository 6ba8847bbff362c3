#pragma once
// The emit stage: outputs are built in memory as a tree of files, then written atomically.
#include <filesystem>
#include <map>
#include <string>

namespace opskit {

struct OutputFile {
  std::string bytes;                  // content, when copy_from is empty
  std::filesystem::path copy_from;    // a source file copied as is
};

using OutputTree = std::map<std::string, OutputFile>;  // '/'-separated path -> file

std::string output_bytes(const OutputFile& file);

// Writes the tree into a temporary folder beside `destination`, then swaps it into place, so a
// reader sees the old output or the new one, never a mix; on failure the old output stays.
void write_tree_atomically(const OutputTree& tree, const std::filesystem::path& destination);

}  // namespace opskit
