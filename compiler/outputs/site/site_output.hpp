#pragma once
// The site output: the documentation site, rendered, then its written HTML link-checked.
#include "check/output_links.hpp"
#include "outputs/common/output.hpp"

namespace opskit {

class SiteOutput : public Output {
 public:
  std::string name() const override { return "site"; }
  std::string description() const override { return "the static documentation site"; }
  RenderedOutput render(const OutputInputs& inputs, DiagnosticSink& sink) const override;
};

// The written site's links, checked as SiteOutput::render checks them (links whose problem the
// source check already reported are not reported again); for `opskit serve`, which renders itself.
OutputCheckStats check_site_output_links(const Model& model, const OutputTree& tree, DiagnosticSink& sink, int jobs);

}  // namespace opskit
