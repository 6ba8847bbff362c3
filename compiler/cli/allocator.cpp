#include "cli/allocator.hpp"

#include <cstdlib>

#ifdef OPSKIT_MIMALLOC
#include <mimalloc.h>
#endif

namespace opskit::cli {

void tune_allocator() {
#ifdef OPSKIT_MIMALLOC
  // A build of 10,000 pages touches some 300 MB: in 4 KiB pages that is about 90,000 page faults
  // and as many TLB entries. Transparent huge pages (2 MiB), which Debian's kernel gives to memory
  // that asks for them (madvise), took that build to 26,000-46,000 faults and its CPU time down by
  // about a fifth (--jobs 1, 6.7 -> 5.2 s) for 3-4 % more peak memory (README, Performance).
  // MIMALLOC_LARGE_OS_PAGES=0 turns it off.
  // Set before the first allocation of any size that reaches the OS: mimalloc reads it there.
  if (!std::getenv("MIMALLOC_LARGE_OS_PAGES")) mi_option_enable(mi_option_large_os_pages);
  // mimalloc commits the first segment of each thread page by page, on demand (for short-lived
  // threads); those 4 KiB pieces get no huge page, and on the virtual machine this was measured on a
  // 4 KiB fault costs up to about 12 us. opskit's threads live as long as the process
  // (support/parallel), so every segment made from here on is committed whole (the main thread's
  // first, made by static initialisers before main, stays as it was): a 10,000-page build at
  // --jobs 2 went from about 24,700 page faults to 9,000, its wall and CPU time down 5-12 % in two
  // of three comparisons and level in the third (README, Performance), for 4-5 MB more peak memory.
  // MIMALLOC_EAGER_COMMIT_DELAY overrides it.
  if (!std::getenv("MIMALLOC_EAGER_COMMIT_DELAY")) mi_option_set(mi_option_eager_commit_delay, 0);
#endif
}

std::string allocator_name() {
#ifdef OPSKIT_MIMALLOC
  // Linked is not the same as in use: mimalloc replaces malloc only if the dynamic linker finds it
  // before the C library. Ask it whether a block from plain malloc is its own.
  // (The block is written first: GCC warns that an untouched one "may be used uninitialized".)
  auto* block = static_cast<char*>(std::malloc(64));
  if (block) block[0] = 0;
  bool ours = block && mi_is_in_heap_region(block);
  std::free(block);
  if (ours) {
    int v = mi_version();  // 209 for 2.0.9
    return "mimalloc " + std::to_string(v / 100) + "." + std::to_string(v / 10 % 10) + "." + std::to_string(v % 10) +
           (mi_option_is_enabled(mi_option_large_os_pages) ? " (2 MiB pages where the kernel allows)" : "");
  }
#endif
  return "not mimalloc (the C library's malloc, or one preloaded)";
}

}  // namespace opskit::cli
