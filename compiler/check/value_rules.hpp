#pragma once
// value.unknown: every :value[key] in a page names a value a data file defines (values.yaml, or
// tagging.yaml for tagging.*), so a page never ships a placeholder instead of the value.
#include "diagnostics/diagnostic.hpp"
#include "model/model.hpp"
#include "model/operating_model.hpp"

namespace opskit {

void check_value_directives(const Model& model, const OperatingModel& om, DiagnosticSink& sink);

}  // namespace opskit
