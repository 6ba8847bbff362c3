#pragma once
// The site output: the documentation site, rendered, then its written HTML link-checked.
#include "outputs/common/output.hpp"

namespace opskit {

class SiteOutput : public Output {
 public:
  std::string name() const override { return "site"; }
  std::string description() const override { return "the static documentation site"; }
  RenderedOutput render(const OutputInputs& inputs, DiagnosticSink& sink) const override;
};

}  // namespace opskit
