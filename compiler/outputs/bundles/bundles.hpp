#pragma once
// Workshop Studio bundles: each workshop as a zip of contentspec.yaml, content/, static/ and
// assets/, laid out as its repository; links to the docs site rewritten to absolute URLs.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "emit/output_tree.hpp"
#include "model/model.hpp"
#include "outputs/common/output.hpp"

namespace opskit {

// The newest commit time when the project is a git checkout (the same on every clone), else the
// newest source file's modification time.
std::int64_t default_source_epoch(const Model& model);

// Pages' texts are made on `jobs` threads; the zips are the same for any number.
std::vector<PlannedZip> plan_bundles(const Model& model, const std::vector<std::string>& only, DiagnosticSink& sink,
                                     int jobs = 1);

// The page's Markdown as the bundle carries it: xref and .md links rewritten for Workshop Studio.
std::string bundle_page_text(const Model& model, int page);
// The same, or nullopt when nothing is rewritten (the bundle then carries the source text itself).
std::optional<std::string> rewritten_bundle_page_text(const Model& model, int page);

// The bundles output: one zip per workshop (or per name in `only`).
class BundlesOutput : public Output {
 public:
  std::string name() const override { return "bundles"; }
  std::string description() const override { return "Workshop Studio bundles, one zip per workshop"; }
  bool needs_workshop_rules() const override { return true; }
  RenderedOutput render(const OutputInputs& inputs, DiagnosticSink& sink) const override {
    return {{}, plan_bundles(inputs.model, inputs.only, sink, inputs.jobs), {}};
  }
};

}  // namespace opskit
