#pragma once
// Strings kept once each and named by number. The output link check holds every reference and id
// of every written page until the last page is known: on a 10,000-page site some 660,000
// references, of which about 51,000 differ (a page's navigation repeats its neighbours'), and
// 130,000 ids of a few dozen kinds. Kept end to end, page by page, they were the largest single
// item of a build's peak memory (55 MB of 330); pooled they take a few MB.
//
// Not thread-safe: one thread interns (the check pools a batch of pages while the next renders).
// Shared by the render threads behind locks, it made a 10,000-page check at --jobs 2 use 0.43 s
// more CPU than at --jobs 1 (0.16 s before the pool): cache lines passed between the cores.
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace opskit {

class StringPool {
 public:
  using Id = std::uint32_t;

  // The number of `text`, the same for equal strings. Numbers follow the order strings first
  // arrive in.
  Id intern(std::string_view text);
  std::optional<Id> find(std::string_view text) const;
  std::string_view operator[](Id id) const { return strings_[id]; }
  std::size_t size() const { return strings_.size(); }

 private:
  std::string_view keep(std::string_view text);  // a copy of `text` that lives as long as the pool

  std::unordered_map<std::string_view, Id> ids_;
  std::vector<std::string_view> strings_;        // by number
  std::vector<std::unique_ptr<char[]>> blocks_;  // where the strings' bytes live
  std::size_t block_size_ = 0, block_used_ = 0;  // the last block's
};

}  // namespace opskit
