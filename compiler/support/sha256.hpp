#pragma once
// SHA-256 (FIPS 180-4), for package manifests: small enough to keep rather than pull in a
// crypto library for one digest.
#include <string>
#include <string_view>

namespace opskit {
std::string sha256_hex(std::string_view data);
}
