#pragma once
// The operating-model rules: what a kit must contain (runbook, playbook and SOP sections, the
// sixteen areas in the tooling map, one Accountable per RACI row, measurable SLA/OLA targets,
// SOPs for the five framework areas, the Well-Architected OE areas covered). Every finding has a
// rule id of the registry (diagnostics/rule_registry.cpp, docs/rules.md) whose level opskit.yaml
// `rules:` can change; see docs/content-rules.md.
#include <chrono>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "diagnostics/diagnostic.hpp"
#include "parse/operating_model_data.hpp"

namespace opskit {

// Checks pages and data, comparing `last_reviewed` dates with the build date.
void check_operating_model(const Model& model, const OperatingModel& om, DiagnosticSink& sink);
void check_operating_model(const Model& model, const OperatingModel& om, DiagnosticSink& sink,
                           std::chrono::sys_days today);

// SOURCE_DATE_EPOCH when set (reproducible builds), else the system clock's today (UTC).
std::chrono::sys_days build_date();

}  // namespace opskit
