#pragma once
// The memory allocator the opskit binary runs with, as `opskit --version` reports it.
#include <string>

namespace opskit::cli {

// "mimalloc 2.0.9" when the build linked mimalloc (OPSKIT_MIMALLOC) and it really serves malloc
// in this process; otherwise "not mimalloc (...)" (sanitized builds, OPSKIT_MIMALLOC=OFF, LD_PRELOAD).
std::string allocator_name();

// Asks mimalloc for 2 MiB pages (transparent huge pages) unless MIMALLOC_LARGE_OS_PAGES says
// otherwise; a no-op without mimalloc. Called first thing in main.
void tune_allocator();

}  // namespace opskit::cli
