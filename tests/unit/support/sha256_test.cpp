// Package manifests carry each file's SHA-256, and `opskit verify` compares against them: the
// digest must be the standard one (FIPS 180-4's examples), however the bytes are fed in.
#include <catch2/catch.hpp>

#include <string>

#include "support/sha256.hpp"

using namespace opskit;

TEST_CASE("sha256_hex gives FIPS 180-4's digests", "[support][sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  std::string with_nul("a\0b", 3);  // a string_view's bytes, not a C string's
  CHECK(sha256_hex(with_nul) != sha256_hex("a"));
}

TEST_CASE("Sha256 fed in pieces gives the one-call digest", "[support][sha256]") {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += static_cast<char>(i * 31 % 256);
  auto whole = sha256_hex(text);
  for (std::size_t piece : {1u, 63u, 64u, 65u, 1000u}) {
    Sha256 hash;
    for (std::size_t at = 0; at < text.size(); at += piece) hash.update(std::string_view(text).substr(at, piece));
    CHECK(hash.hex() == whole);
  }
}
