// opskit.yaml: the project file, read from a scratch project folder.
#include "fuzz_support.hpp"
#include "project/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& root = opskit::fuzz::scratch("opskit-yaml");
  opskit::fuzz::write_file(root / "opskit.yaml", opskit::fuzz::as_text(data, size));
  opskit::DiagnosticSink sink;
  auto config = opskit::load_project(root, sink);
  (void)config;
  (void)sink.sorted();
  return 0;
}
