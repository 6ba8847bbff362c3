#include "support/string_pool.hpp"

#include <algorithm>
#include <cstring>

namespace opskit {

namespace {
// Strings are copied into blocks of this size (a longer string gets a block of its own), so that
// 50,000 short strings are a few allocations rather than 50,000.
constexpr std::size_t kBlockBytes = 256 * 1024;
}  // namespace

std::string_view StringPool::keep(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() > block_size_ - block_used_) {
    block_size_ = std::max(kBlockBytes, text.size());
    blocks_.push_back(std::unique_ptr<char[]>(new char[block_size_]));
    block_used_ = 0;
  }
  char* at = blocks_.back().get() + block_used_;
  std::memcpy(at, text.data(), text.size());
  block_used_ += text.size();
  return {at, text.size()};
}

StringPool::Id StringPool::intern(std::string_view text) {
  if (auto it = ids_.find(text); it != ids_.end()) return it->second;
  auto id = static_cast<Id>(strings_.size());
  auto kept = keep(text);
  strings_.push_back(kept);
  ids_.emplace(kept, id);
  return id;
}

std::optional<StringPool::Id> StringPool::find(std::string_view text) const {
  auto it = ids_.find(text);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

}  // namespace opskit
