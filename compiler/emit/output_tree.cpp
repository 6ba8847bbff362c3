#include "emit/output_tree.hpp"

#include <fstream>
#include <stdexcept>
#include <unistd.h>

#include "support/files.hpp"

namespace opskit {
namespace fs = std::filesystem;

std::string output_bytes(const OutputFile& file) {
  if (file.copy_from.empty()) return file.bytes;
  auto bytes = read_file(file.copy_from);
  if (!bytes) throw std::runtime_error("cannot read " + file.copy_from.string());
  return *bytes;
}

void write_tree_atomically(const OutputTree& tree, const fs::path& destination) {
  auto parent = destination.parent_path();
  if (!parent.empty()) fs::create_directories(parent);
  auto suffix = "." + std::to_string(::getpid());
  fs::path temp = destination;
  temp += ".opskit-new" + suffix;
  fs::path old = destination;
  old += ".opskit-old" + suffix;
  fs::remove_all(temp);
  try {
    for (const auto& [path, file] : tree) {
      auto target = temp / path;
      fs::create_directories(target.parent_path());
      if (!file.copy_from.empty()) {
        fs::copy_file(file.copy_from, target, fs::copy_options::overwrite_existing);
      } else {
        std::ofstream out(target, std::ios::binary);
        out.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
        if (!out) throw std::runtime_error("cannot write " + target.string());
      }
    }
    bool had_old = fs::exists(destination);
    if (had_old) fs::rename(destination, old);
    fs::rename(temp, destination);
    if (had_old) fs::remove_all(old);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(temp, ignored);
    if (!fs::exists(destination) && fs::exists(old)) fs::rename(old, destination, ignored);
    throw;
  }
}

}  // namespace opskit
