#pragma once
// The emit stage: outputs are built in memory as a tree of files, then written atomically
// (emit/output_folder.hpp).
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "support/shared_text.hpp"

namespace opskit {

struct OutputFile {
  std::string bytes;                  // content, when neither `shared` nor copy_from is set
  // Content held elsewhere and not copied: a page's Markdown that a bundle carries unchanged is
  // its source text (a 10,000-page workshop's bundle would otherwise hold a second 54 MB).
  SharedText shared;
  std::filesystem::path copy_from;    // a source file copied as is
  // The project-relative source this file was built from (a page's Markdown, a static file), ""
  // for files made from many (navigation, search index) or from the theme. `opskit serve` and
  // anything else that must know what an edit touches reads it here.
  std::string source;

  // The content when it is in memory (copy_from empty): `shared`'s or `bytes`.
  std::string_view in_memory() const { return shared ? std::string_view(*shared) : std::string_view(bytes); }
};

using OutputTree = std::map<std::string, OutputFile>;  // '/'-separated path -> file

// The file's bytes (read from copy_from when set); throws IoError when that cannot be read.
std::string output_bytes(const OutputFile& file);

}  // namespace opskit
