// parallel_for: every index once, at most `jobs` threads in a loop, the lowest failing index's
// exception, nested loops, and helper threads kept from one call to the next.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/parallel.hpp"

using opskit::parallel_for;

TEST_CASE("parallel_for runs every index once for any number of jobs") {
  for (int jobs : {1, 2, 3, 4, 16})
    for (std::size_t n : {0, 1, 3, 1000}) {
      std::vector<std::atomic<int>> runs(n);
      parallel_for(n, jobs, [&](std::size_t i) { runs[i].fetch_add(1); });
      for (std::size_t i = 0; i < n; ++i) REQUIRE(runs[i].load() == 1);
    }
}

TEST_CASE("parallel_for runs a loop on at most jobs threads") {
  std::atomic<int> inside{0}, most{0};
  parallel_for(60, 3, [&](std::size_t) {
    int now = inside.fetch_add(1) + 1;
    for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    inside.fetch_sub(1);
  });
  CHECK(most.load() <= 3);
}

TEST_CASE("parallel_for rethrows the lowest failing index's exception once every index has run") {
  std::atomic<int> ran{0};
  try {
    parallel_for(200, 4, [&](std::size_t i) {
      ran.fetch_add(1);
      if (i == 150 || i == 40 || i == 199) throw std::runtime_error("index " + std::to_string(i));
    });
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "index 40");
  }
  CHECK(ran.load() == 200);
}

TEST_CASE("parallel_for loops nest") {
  std::vector<std::atomic<int>> runs(8 * 100);
  parallel_for(8, 3, [&](std::size_t outer) {
    parallel_for(100, 3, [&](std::size_t inner) { runs[outer * 100 + inner].fetch_add(1); });
  });
  for (auto& r : runs) REQUIRE(r.load() == 1);
}

TEST_CASE("parallel_for keeps its helper threads from one call to the next") {
  // Each thread that runs an item of these loops counts itself once (a new thread starts with
  // its thread_local mark unset). Helpers made per call would count up to two new threads a call,
  // 40 to 80 in all; kept helpers are at most as many as the most jobs any loop has asked for.
  static std::atomic<int> threads_seen{0};
  static thread_local const void* mark = nullptr;
  const int token = 0;
  for (int call = 0; call < 40; ++call)
    parallel_for(12, 3, [&](std::size_t) {
      if (mark != &token) {
        mark = &token;
        threads_seen.fetch_add(1);
      }
      std::this_thread::sleep_for(std::chrono::microseconds(300));
    });
  CHECK(threads_seen.load() < 40);
}

TEST_CASE("fault_in zeroes exactly the bytes it is given for any number of jobs") {
  // 5 MiB and a bit: three 2 MiB pieces, the last one short. The bytes around the range keep
  // their value.
  for (int jobs : {1, 2, 4}) {
    std::vector<unsigned char> memory((5u << 20) + 4099, 0xAB);
    opskit::fault_in(memory.data() + 1, memory.size() - 2, jobs);
    CHECK(memory.front() == 0xAB);
    CHECK(memory.back() == 0xAB);
    std::size_t zeros = 0;
    for (auto b : memory) zeros += b == 0;
    CHECK(zeros == memory.size() - 2);
  }
}
