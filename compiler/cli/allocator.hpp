#pragma once
// The memory allocator the opskit binary runs with, as `opskit --version` reports it.
#include <string>

namespace opskit::cli {

// "mimalloc 2.0.9" when the build linked mimalloc (OPSKIT_MIMALLOC) and it really serves malloc
// in this process; otherwise "not mimalloc (...)" (sanitized builds, OPSKIT_MIMALLOC=OFF, LD_PRELOAD).
std::string allocator_name();

}  // namespace opskit::cli
