#include "serve/reload_channel.hpp"

namespace opskit::serve {

void ReloadChannel::publish(std::uint64_t generation) {
  {
    std::lock_guard lock(mutex_);
    generation_ = generation;
  }
  changed_.notify_all();
}

void ReloadChannel::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

std::optional<std::uint64_t> ReloadChannel::wait(std::uint64_t seen, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return closed_ || generation_ != seen; });
  if (closed_) return std::nullopt;
  return generation_;
}

}  // namespace opskit::serve
