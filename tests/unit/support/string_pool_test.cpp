// StringPool: equal strings get one number however many threads intern them at once, different
// strings different numbers, and each number reads back as its string (long ones and empty ones
// included).
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "support/parallel.hpp"
#include "support/string_pool.hpp"

using opskit::StringPool;

TEST_CASE("StringPool gives equal strings one number and different strings different ones") {
  StringPool pool;
  auto a = pool.intern("../../index.html");
  auto b = pool.intern(std::string("../../") + "index.html");  // equal bytes, another buffer
  auto c = pool.intern("../index.html");
  auto empty = pool.intern("");
  std::string long_one(200 * 1024, 'x');  // longer than a block
  auto big = pool.intern(long_one);
  CHECK(a == b);
  CHECK(a != c);
  CHECK(std::set<StringPool::Id>{a, c, empty, big}.size() == 4);
  CHECK(pool[a] == "../../index.html");
  CHECK(pool[c] == "../index.html");
  CHECK(pool[empty].empty());
  CHECK(pool[big] == long_one);
  CHECK(pool.find("../index.html") == c);
  CHECK_FALSE(pool.find("index.html").has_value());
  CHECK(pool.size() == 4);
}

TEST_CASE("StringPool interns from several threads at once without losing or doubling a string") {
  // 4 threads each intern the same 20,000 strings (in different orders): every thread must see
  // the same number for a string, and the pool must hold each once, its bytes intact.
  constexpr std::size_t kStrings = 20000;
  auto text = [](std::size_t i) { return "../../chapter-" + std::to_string(i % 997) + "/page-" + std::to_string(i) + ".html"; };
  StringPool pool;
  std::vector<std::vector<StringPool::Id>> seen(4, std::vector<StringPool::Id>(kStrings));
  opskit::parallel_for(4, 4, [&](std::size_t t) {
    for (std::size_t k = 0; k < kStrings; ++k) {
      std::size_t i = t % 2 == 0 ? k : kStrings - 1 - k;
      seen[t][i] = pool.intern(text(i));
    }
  });
  REQUIRE(pool.size() == kStrings);
  std::set<StringPool::Id> distinct;
  for (std::size_t i = 0; i < kStrings; ++i) {
    for (std::size_t t = 1; t < 4; ++t) REQUIRE(seen[t][i] == seen[0][i]);
    REQUIRE(pool[seen[0][i]] == text(i));
    distinct.insert(seen[0][i]);
  }
  CHECK(distinct.size() == kStrings);
}
