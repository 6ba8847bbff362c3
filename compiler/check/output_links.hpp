#pragma once
// The check stage, after rendering: every internal href, src and fragment in the output's HTML
// points at a file and an id that exist, so template links and raw HTML are covered too and
// nothing slips between resolve and emit.
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "emit/output_tree.hpp"
#include "support/string_pool.hpp"

namespace opskit {

struct OutputCheckStats {
  std::size_t pages = 0, references = 0, fragments = 0;
};

// What the check keeps of one written HTML file: its path, the ids it defines, and its internal
// references (external ones are left out), the last two as numbers in the check's StringPool.
struct ScannedHtml {
  std::string path;
  std::vector<StringPool::Id> ids;  // sorted (by number), unique
  std::vector<StringPool::Id> references;
};

// The check, fed file by file as an output is made, so that a page's HTML can be written or
// let go as soon as it is scanned; finish() checks every reference once all files are known.
class OutputLinkCheck {
 public:
  // Reads one HTML file's bytes; thread-safe (its strings go into this check's pool).
  ScannedHtml scan(std::string path, std::string_view html);
  // Every file of the output, HTML or not, is added once, in any order.
  void add_file(const std::string& path);
  void add_html(ScannedHtml page);  // adds the file too
  // Adds every file of `tree`, scanning its HTML (copied files are read from disk) on `jobs` threads.
  void add_tree(const OutputTree& tree, int jobs);
  std::size_t file_count() const { return files_.size(); }
  // `output` names the output in messages ("site", "package operations-team"). `already_reported`
  // holds (html path, reference) pairs whose problem was reported against the source. Problems
  // are reported in path order, the same for any `jobs` and any order of adding.
  OutputCheckStats finish(const std::string& output, const std::set<std::pair<std::string, std::string>>& already_reported,
                          DiagnosticSink& sink, int jobs);

 private:
  std::vector<std::string> files_;
  std::vector<ScannedHtml> pages_;
  StringPool strings_;  // the pages' ids and references
};

// The whole check over an output tree held in memory.
OutputCheckStats check_output_links(const OutputTree& tree, const std::string& output,
                                    const std::set<std::pair<std::string, std::string>>& already_reported,
                                    DiagnosticSink& sink, int jobs = 1);

}  // namespace opskit
