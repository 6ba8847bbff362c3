#include "support/sha256.hpp"

#include <openssl/evp.h>

#include <new>
#include <stdexcept>

namespace opskit {

namespace {

std::string to_hex(const unsigned char* digest, unsigned length) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned i = 0; i < length; ++i) {
    out += digits[digest[i] >> 4];
    out += digits[digest[i] & 15];
  }
  return out;
}

// libcrypto fails only when it cannot allocate (or is built without SHA-256, which Debian's is not).
void require(int ok) {
  if (ok != 1) throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
}

}  // namespace

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  if (!context_) throw std::bad_alloc();
  require(EVP_DigestInit_ex(context_, EVP_sha256(), nullptr));
}

Sha256::~Sha256() { EVP_MD_CTX_free(context_); }

void Sha256::update(std::string_view data) { require(EVP_DigestUpdate(context_, data.data(), data.size())); }

std::string Sha256::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  require(EVP_DigestFinal_ex(context_, digest, &length));
  return to_hex(digest, length);
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  require(EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr));
  return to_hex(digest, length);
}

}  // namespace opskit
