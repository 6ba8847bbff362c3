// `opskit verify` on arbitrary bytes: the input is written to a file and verified as a package.
// It must answer 0, 1 or 2, never throw, and never use more memory than its limits allow.
#include "verify/verify_package.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto zip = opskit::fuzz::scratch("verify") / "input.zip";
  opskit::fuzz::write_file(zip, opskit::fuzz::as_text(data, size));
  opskit::DiagnosticSink sink;
  int code = opskit::verify_package(zip, sink).code;
  if (code < 0 || code > 2) __builtin_trap();
  // A refused package says why: a failure without a finding would leave the user guessing.
  if (code != 0 && sink.count(opskit::Severity::error) == 0) __builtin_trap();
  return 0;
}
