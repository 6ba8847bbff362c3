// StringPool: equal strings get one number, different strings different ones, and each number
// reads back as its string (long ones, empty ones and many across blocks included).
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "support/string_pool.hpp"

using opskit::StringPool;

TEST_CASE("StringPool gives equal strings one number and different strings different ones") {
  StringPool pool;
  auto a = pool.intern("../../index.html");
  auto b = pool.intern(std::string("../../") + "index.html");  // equal bytes, another buffer
  auto c = pool.intern("../index.html");
  auto empty = pool.intern("");
  std::string long_one(600 * 1024, 'x');  // longer than a block
  auto big = pool.intern(long_one);
  CHECK(a == b);
  CHECK(a != c);
  CHECK(std::set<StringPool::Id>{a, c, empty, big}.size() == 4);
  CHECK(pool[a] == "../../index.html");
  CHECK(pool[c] == "../index.html");
  CHECK(pool[empty].empty());
  CHECK(pool[big] == long_one);
  CHECK(pool.find("../index.html") == c);
  CHECK(pool.find("") == empty);
  CHECK_FALSE(pool.find("index.html").has_value());
  CHECK(pool.size() == 4);
}

TEST_CASE("StringPool keeps 100000 strings across many blocks intact") {
  auto text = [](std::size_t i) { return "../../chapter-" + std::to_string(i % 997) + "/page-" + std::to_string(i) + ".html"; };
  StringPool pool;
  std::vector<StringPool::Id> ids;
  for (std::size_t i = 0; i < 100000; ++i) ids.push_back(pool.intern(text(i)));
  for (std::size_t i = 0; i < 100000; i += 7) REQUIRE(pool.intern(text(i)) == ids[i]);  // again: the same number
  REQUIRE(pool.size() == 100000);
  for (std::size_t i = 0; i < 100000; ++i) REQUIRE(pool[ids[i]] == text(i));
}
