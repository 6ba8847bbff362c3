#pragma once
// Rules that keep the kit telling one story (issue 19): an owner holds A or R in its area's RACI,
// tag keys are keys of the tagging standard, a tool closed to new customers is never the only
// path, and every Sources section can be followed and carries the date each source was checked.
// Rule ids and levels are listed in the rule registry (diagnostics/rule_registry.cpp, docs/rules.md).
#include <chrono>

#include "model/model.hpp"
#include "diagnostics/diagnostic.hpp"
#include "parse/operating_model_data.hpp"

namespace opskit {

void check_consistency(const Model& model, const OperatingModel& om, DiagnosticSink& sink,
                       std::chrono::sys_days today);

}  // namespace opskit
