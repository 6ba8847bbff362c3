#include "emit/output_tree.hpp"

#include "support/files.hpp"

namespace opskit {

std::string output_bytes(const OutputFile& file) {
  if (file.copy_from.empty()) return std::string(file.in_memory());
  std::string error;
  auto bytes = read_file(file.copy_from, &error);
  if (!bytes) throw IoError("cannot read " + file.copy_from.string() + ": " + error);
  return *bytes;
}

}  // namespace opskit
