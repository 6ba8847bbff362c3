#pragma once
// SHA-256 (FIPS 180-4), for package manifests: small enough to keep rather than pull in a
// crypto library for one digest.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace opskit {

// Incremental: update() with any number of pieces, then hex() once.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  std::string hex();  // finishes the digest; the object is then spent

 private:
  std::array<std::uint32_t, 8> h_;
  unsigned char block_[64];
  std::size_t used_ = 0;       // bytes waiting in block_
  std::uint64_t length_ = 0;   // bytes hashed so far
};

std::string sha256_hex(std::string_view data);

}  // namespace opskit
