#pragma once
// The check stage, after rendering: every internal href, src and fragment in the output's HTML
// points at a file and an id that exist, so template links and raw HTML are covered too and
// nothing slips between resolve and emit.
#include <cstdint>
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

// Strings packed end to end in one buffer: a page's ids or references, read off its HTML on a
// render thread and kept until the check pools them (StringPool), at a few bytes of overhead each.
class PackedStrings {
 public:
  void push_back(std::string_view s);
  std::size_t size() const { return ends_.size(); }
  std::string_view operator[](std::size_t i) const;

 private:
  std::string bytes_;
  std::vector<std::uint32_t> ends_;
};

// What the check reads off one written HTML file: its path, the ids it defines, and its internal
// references (external ones are left out).
struct ScannedHtml {
  std::string path;
  PackedStrings ids;  // sorted, unique
  PackedStrings references;
};

// What the check keeps of a page once it is scanned, until finish(): its ids and references as
// numbers in the check's StringPool.
struct PooledHtml {
  std::string path;
  std::vector<StringPool::Id> ids;  // sorted (by number), unique
  std::vector<StringPool::Id> references;
};

// The check, fed file by file as an output is made, so that a page's HTML can be written or
// let go as soon as it is scanned; finish() checks every reference once all files are known.
class OutputLinkCheck {
 public:
  // Reads one HTML file's bytes; thread-safe.
  static ScannedHtml scan(std::string path, std::string_view html);
  // Every file of the output, HTML or not, is added once, in any order.
  void add_file(const std::string& path);
  // Adds the file too; its strings go into the check's pool (one thread at a time).
  void add_html(ScannedHtml page);
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
  std::vector<PooledHtml> pages_;
  StringPool strings_;
};

// The whole check over an output tree held in memory.
OutputCheckStats check_output_links(const OutputTree& tree, const std::string& output,
                                    const std::set<std::pair<std::string, std::string>>& already_reported,
                                    DiagnosticSink& sink, int jobs = 1);

}  // namespace opskit
