#pragma once
// Tells the open pages that a new build is out: the builder publishes a generation, each
// server-sent-events connection waits for one newer than the one it last sent.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>

namespace opskit::serve {

class ReloadChannel {
 public:
  void publish(std::uint64_t generation);
  // Wakes every waiter for good (the server is stopping).
  void close();
  // The current generation once it differs from `seen`, or after `timeout` (then equal to
  // `seen`: time for a keep-alive); nullopt once closed.
  std::optional<std::uint64_t> wait(std::uint64_t seen, std::chrono::milliseconds timeout);

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t generation_ = 0;
  bool closed_ = false;
};

}  // namespace opskit::serve
