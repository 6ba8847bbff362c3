#pragma once
// The site's search index: one entry per page section (the intro, then each h2/h3 with its
// anchor), so that a result opens at the heading it matched. The index is a script
// (window.OPSKIT_SEARCH = [...]) because fetch() does not work from file://; past a few MB it
// is split into parts that search.js loads, all at once, on the first search.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "emit/output_tree.hpp"
#include "model/page.hpp"

namespace opskit {

class SearchIndex {
 public:
  // A part's size in bytes before the index is split (a few MB loads quickly from disk).
  static constexpr std::size_t kPartBytes = 3 * 1024 * 1024;
  explicit SearchIndex(std::size_t part_bytes = kPartBytes) : part_bytes_(part_bytes) {}

  // A page's entries: one JSON object per section, without its leading '{"i":N,'. body_html: the
  // rendered article; toc: its h2/h3 headings, whose ids appear in body_html. Thread-safe: pages'
  // entries can be made in parallel and added in order.
  using Entries = std::vector<std::string>;
  static Entries page_entries(const std::string& title, const std::string& url, const std::string& section,
                              const std::string& body_html, const std::vector<Heading>& toc);
  // Streaming, for a build that writes the site as it goes: the entries are not kept, each part
  // of the index is handed to `write_part` (its site path, its bytes) as soon as it is full, and
  // write() writes what is left. The files are the same as without streaming; replace_page()
  // is then not available.
  void stream_parts(std::function<void(const std::string& path, std::string bytes)> write_part);
  // Returns the page's slot, for replace_page (0 when streaming, which keeps no slots).
  std::size_t add_page(Entries entries);
  // The page in `slot` again, after an edit (opskit serve); the other pages' entries are kept.
  void replace_page(std::size_t slot, Entries entries);

  // Writes assets/search-index.js (and assets/search-index-N.js when split).
  void write(OutputTree& tree) const;

 private:
  // Cuts the index into parts as entries come, in id order: the one rule for where a part ends,
  // whether each part is handed over as it fills (streaming) or all are written by write().
  class Cutter {
   public:
    Cutter(std::size_t part_bytes, std::function<void(const std::string& path, std::string bytes)> write_part)
        : part_bytes_(part_bytes), write_part_(std::move(write_part)) {}
    void add(const std::string& entry);
    // Writes what is left into `tree`: the last part and assets/search-index.js, or the whole
    // index as that one file when it never filled a part.
    void finish(OutputTree& tree) const;

   private:
    std::size_t part_bytes_;
    std::function<void(const std::string&, std::string)> write_part_;
    std::string part_;                        // the part being filled
    std::vector<std::string> written_parts_;  // the parts handed over
    std::size_t next_id_ = 0;
  };
  std::size_t part_bytes_;
  std::vector<Entries> pages_;      // per page, in the order added (not when streaming)
  std::optional<Cutter> streaming_;
};

// Visible text of an HTML fragment, whitespace collapsed, the basic entities decoded.
std::string search_plain_text(const std::string& html);

}  // namespace opskit
