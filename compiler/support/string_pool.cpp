#include "support/string_pool.hpp"

#include <algorithm>
#include <cstring>
#include <functional>

namespace opskit {

namespace {
// Strings are copied into blocks of this size (a longer string gets a block of its own), so that
// 50,000 short strings are a few allocations rather than 50,000.
constexpr std::size_t kBlockBytes = 64 * 1024;
}  // namespace

std::string_view StringPool::Shard::keep(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() > block_size - block_used) {
    block_size = std::max(kBlockBytes, text.size());
    blocks.push_back(std::make_unique<char[]>(block_size));
    block_used = 0;
  }
  char* at = blocks.back().get() + block_used;
  std::memcpy(at, text.data(), text.size());
  block_used += text.size();
  return {at, text.size()};
}

StringPool::Id StringPool::intern(std::string_view text) {
  auto hash = std::hash<std::string_view>{}(text);
  auto shard_index = static_cast<Id>(hash & ((1u << kShardBits) - 1));
  Shard& shard = shards_[shard_index];
  std::lock_guard<std::mutex> hold(shard.lock);
  if (auto it = shard.ids.find(text); it != shard.ids.end()) return it->second;
  Id id = static_cast<Id>(shard.strings.size() << kShardBits) | shard_index;
  auto kept = shard.keep(text);
  shard.strings.push_back(kept);
  shard.ids.emplace(kept, id);
  return id;
}

std::optional<StringPool::Id> StringPool::find(std::string_view text) const {
  auto hash = std::hash<std::string_view>{}(text);
  const Shard& shard = shards_[hash & ((1u << kShardBits) - 1)];
  auto it = shard.ids.find(text);
  if (it == shard.ids.end()) return std::nullopt;
  return it->second;
}

std::string_view StringPool::operator[](Id id) const {
  return shards_[id & ((1u << kShardBits) - 1)].strings[id >> kShardBits];
}

std::size_t StringPool::size() const {
  std::size_t n = 0;
  for (const auto& shard : shards_) n += shard.strings.size();
  return n;
}

}  // namespace opskit
