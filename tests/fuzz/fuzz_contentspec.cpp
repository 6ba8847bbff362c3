// contentspec.yaml: a bare Workshop Studio repository (contentspec.yaml and one page), loaded
// as a project, modelled (locales, params), and checked with Workshop Studio's rules.
#include "model/model.hpp"
#include "pipeline/build_model.hpp"
#include "check/workshop_rules.hpp"
#include "fuzz_support.hpp"
#include "project/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& root = opskit::fuzz::scratch("contentspec");
  static const bool page_written = [&] {
    opskit::fuzz::write_file(root / "content/index.en.md", "---\ntitle: Lab\n---\n# Lab\n\nRegion :param{key=region}.\n");
    return true;
  }();
  (void)page_written;
  opskit::fuzz::write_file(root / "contentspec.yaml", opskit::fuzz::as_text(data, size));
  opskit::DiagnosticSink sink;
  auto config = opskit::load_project(root, sink);
  if (!config) return 0;
  auto model = opskit::build_model(std::move(*config), opskit::ModelOptions{}, sink);
  opskit::check_workshops(model, sink);
  (void)sink.sorted();
  return 0;
}
