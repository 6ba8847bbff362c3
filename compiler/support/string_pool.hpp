#pragma once
// Strings kept once each and named by number. The output link check holds every reference and id
// of every written page until the last page is known: on a 10,000-page site some 660,000
// references, of which about 51,000 differ (a page's navigation repeats its neighbours'), and
// 130,000 ids of a few dozen kinds. Kept end to end, page by page, they were the largest single
// item of a build's peak memory (55 MB of 330); pooled they take a few MB.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace opskit {

class StringPool {
 public:
  using Id = std::uint32_t;

  // The number of `text`, the same for equal strings however many threads intern at once (one of
  // sixteen locks, chosen by the string's hash, is held while it is looked up or added). Which
  // number a string gets depends on the order strings arrive in: compare numbers, never sort or
  // print them.
  Id intern(std::string_view text);

  // For reading once interning is over: not thread-safe against intern().
  std::optional<Id> find(std::string_view text) const;
  std::string_view operator[](Id id) const;
  std::size_t size() const;  // distinct strings held

 private:
  static constexpr unsigned kShardBits = 4;
  struct Shard {
    std::mutex lock;
    std::unordered_map<std::string_view, Id> ids;
    std::vector<std::string_view> strings;          // by the id's local part
    std::vector<std::unique_ptr<char[]>> blocks;    // where the strings' bytes live
    std::size_t block_size = 0, block_used = 0;     // the last block's
    std::string_view keep(std::string_view text);   // a copy of `text` that lives as long as the pool
  };
  Shard shards_[1u << kShardBits];
};

}  // namespace opskit
