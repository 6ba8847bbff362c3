#pragma once
// The emit stage: outputs are built in memory as a tree of files, then written atomically
// (emit/output_folder.hpp).
#include <filesystem>
#include <map>
#include <string>

namespace opskit {

struct OutputFile {
  std::string bytes;                  // content, when copy_from is empty
  std::filesystem::path copy_from;    // a source file copied as is
  // The project-relative source this file was built from (a page's Markdown, a static file), ""
  // for files made from many (navigation, search index) or from the theme. `opskit serve` and
  // anything else that must know what an edit touches reads it here.
  std::string source;
};

using OutputTree = std::map<std::string, OutputFile>;  // '/'-separated path -> file

// The file's bytes (read from copy_from when set); throws IoError when that cannot be read.
std::string output_bytes(const OutputFile& file);

}  // namespace opskit
