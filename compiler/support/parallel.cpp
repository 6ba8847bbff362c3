#include "support/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace opskit {

int default_jobs() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

namespace {

// One call of parallel_for: its indexes are taken one at a time by the calling thread and by the
// helpers that join it while it is open. The caller closes it once every index is taken and waits
// for the helpers inside it, so nothing touches `body` after parallel_for returns.
struct Loop {
  Loop(std::size_t count, const std::function<void(std::size_t)>& work) : n(count), body(work), failed_index(count) {}

  void run() {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        body(i);
      } catch (...) {
        std::lock_guard hold(lock);
        if (i < failed_index) {
          failed_index = i;
          failure = std::current_exception();
        }
      }
    }
  }

  // A helper's way in: false once the caller has closed the loop.
  bool join() {
    std::lock_guard hold(lock);
    if (closed) return false;
    ++active;
    return true;
  }
  void leave() {
    std::lock_guard hold(lock);
    if (--active == 0) helpers_gone.notify_all();
  }
  void close_and_wait() {
    std::unique_lock hold(lock);
    closed = true;
    helpers_gone.wait(hold, [this] { return active == 0; });
  }

  const std::size_t n;
  const std::function<void(std::size_t)>& body;
  std::atomic<std::size_t> next{0};
  std::mutex lock;
  std::condition_variable helpers_gone;
  int active = 0;
  bool closed = false;
  std::size_t failed_index;
  std::exception_ptr failure;
};

// The helper threads, made when a loop first asks for that many and kept for the process's life.
// A thread per call was what parallel_for did before: a 10,000-page build made 173 of them (the
// site and the zips go in batches), each with a new stack and a new, empty allocator heap whose
// pages the kernel then had to fault in and clear.
class HelperPool {
 public:
  static HelperPool& instance() {
    static HelperPool pool;
    return pool;
  }

  // Offers the loop to `helpers` threads; it runs on the calling thread whether or not they come
  // (a helper busy in another loop, a nested call among them, takes the offer when it is free).
  void offer(const std::shared_ptr<Loop>& loop, std::size_t helpers) {
    {
      std::lock_guard hold(lock_);
      while (threads_.size() < helpers) threads_.emplace_back([this] { serve(); });
      for (std::size_t k = 0; k < helpers; ++k) offers_.push_back(loop);
    }
    if (helpers == 1) wake_.notify_one();
    else wake_.notify_all();
  }

  ~HelperPool() {
    {
      std::lock_guard hold(lock_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }

 private:
  HelperPool() = default;

  void serve() {
    for (;;) {
      std::shared_ptr<Loop> loop;
      {
        std::unique_lock hold(lock_);
        wake_.wait(hold, [this] { return stopping_ || !offers_.empty(); });
        if (stopping_) return;
        loop = std::move(offers_.front());
        offers_.pop_front();
      }
      if (!loop->join()) continue;  // the caller finished it already
      loop->run();
      loop->leave();
    }
  }

  std::mutex lock_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Loop>> offers_;
  std::vector<std::thread> threads_;
  bool stopping_ = false;
};

}  // namespace

void parallel_for(std::size_t n, int jobs, const std::function<void(std::size_t)>& body) {
  std::size_t threads = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(jobs, 1)));
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) body(i);
    return;
  }
  auto loop = std::make_shared<Loop>(n, body);
  HelperPool::instance().offer(loop, threads - 1);
  loop->run();
  loop->close_and_wait();
  if (loop->failure) std::rethrow_exception(loop->failure);
}

void fault_in(void* memory, std::size_t bytes, int jobs) {
  constexpr std::size_t kPiece = std::size_t{2} << 20;
  auto* start = static_cast<unsigned char*>(memory);
  parallel_for((bytes + kPiece - 1) / kPiece, jobs,
               [&](std::size_t k) { std::memset(start + k * kPiece, 0, std::min(kPiece, bytes - k * kPiece)); });
}

}  // namespace opskit
