// Front matter: YAML between --- or TOML between +++, split from the page body.
#include "fuzz_support.hpp"
#include "parse/front_matter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  opskit::DiagnosticSink sink;
  auto split = opskit::split_front_matter(opskit::fuzz::as_text(data, size), "content/page.md", sink);
  (void)split;
  (void)sink.sorted();
  return 0;
}
