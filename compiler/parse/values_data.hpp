#pragma once
// The shared values that pages insert with :value[key] (issue 19: a value is written once):
// content/data/values.yaml, a tree of maps whose leaves are the values, read into dotted keys
// ("change.calendar"), and the values the tagging standard (tagging.yaml) holds.
#include "diagnostics/diagnostic.hpp"
#include "model/operating_model.hpp"
#include "project/yaml_support.hpp"

namespace opskit {

// Reads values.yaml into om.values, reporting values.invalid with file, line and column.
void read_values(const YamlDoc& doc, OperatingModel& om, DiagnosticSink& sink);

// tagging.untagged_spend_max_percent and tagging.mandatory_keys, from tagging.yaml once its keys
// are in om.tag_keys.
void add_tagging_values(const YamlDoc& doc, OperatingModel& om);

}  // namespace opskit
