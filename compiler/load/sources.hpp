#pragma once
// The load stage: finds every source under content/ and workshops/*/, reads each file once.
// Nothing after this stage reads source files from disk.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "model/project_config.hpp"
#include "model/sources.hpp"

namespace opskit {

// `read_git`: false asks git nothing (no commit dates, revision or modified flag: pages are dated
// by SOURCE_DATE_EPOCH or their mtime); `opskit check`, which reports nothing that depends on them.
// `jobs`: threads reading the pages.
Sources load_sources(const ProjectConfig& config, DiagnosticSink& sink, bool read_git = true, int jobs = 1);
// One page's text again (`opskit serve`, after the page was saved), read as load_sources reads
// it: nullopt when it is no longer a regular file or is too large, invalid UTF-8 reported and
// replaced. `file` is project-relative.
std::optional<std::string> reread_page_text(const ProjectConfig& config, const std::string& file, DiagnosticSink& sink);

// A static file's bytes, for an output that embeds it (a package's data: images): the one way
// outside this stage to read a source. Its text when the load stage already read it. Throws
// IoError when the file cannot be read.
std::string static_file_bytes(const StaticFile& file);

}  // namespace opskit
