#include "cli/allocator.hpp"

#include <cstdlib>

#ifdef OPSKIT_MIMALLOC
#include <mimalloc.h>
#endif

namespace opskit::cli {

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
    return "mimalloc " + std::to_string(v / 100) + "." + std::to_string(v / 10 % 10) + "." + std::to_string(v % 10);
  }
#endif
  return "not mimalloc (the C library's malloc, or one preloaded)";
}

}  // namespace opskit::cli
