// The directive scanner: ::leaf, :::container, :inline{attrs}, nesting, placeholders; and the
// :param/:assetUrl substitution that runs before it.
#include "fuzz_support.hpp"
#include "parse/directive_blocks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  opskit::DiagnosticSink sink;
  auto text = opskit::fuzz::as_text(data, size);
  static const std::map<std::string, std::string> params = {{"region", "us-east-1"}, {"name", "Lab"}};
  opskit::BodyText body{opskit::substitute_params(text, params, "content/page.md", 1, sink), 1};
  opskit::ParsedBody parsed;
  opskit::scan_directives(body, "content/page.md", parsed, sink);
  (void)sink.sorted();
  return 0;
}
