#pragma once
// SHA-256, for package manifests and finding keys. OpenSSL's libcrypto computes it: it uses the
// processor's SHA instructions where there are any (about 7 times the speed of the plain C
// implementation opskit had, which was a tenth of `opskit check`'s CPU on the shipped kit).
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header

namespace opskit {

// Incremental: update() with any number of pieces, then hex() once.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  std::string hex();  // finishes the digest; the object is then spent

 private:
  evp_md_ctx_st* context_;
};

std::string sha256_hex(std::string_view data);

}  // namespace opskit
