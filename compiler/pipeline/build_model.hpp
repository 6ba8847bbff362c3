#pragma once
// The load, parse and index stages in order: the Model every check and output reads.
#include <functional>
#include <string>

#include "diagnostics/diagnostic.hpp"
#include "model/model.hpp"
#include "model/project_config.hpp"

namespace opskit {

// Called after each step with its name, so that -v can time the steps ("read the sources").
using StageLap = std::function<void(const std::string& step)>;
// Calls `lap` with `step` when one was given.
inline void lap_step(const StageLap& lap, const std::string& step) {
  if (lap) lap(step);
}

struct ModelOptions {
  bool include_drafts = false;
  int jobs = 1;  // threads for parsing pages (--jobs)
  bool read_git = true;  // load_sources' read_git
  StageLap lap;          // may be empty
};

Model build_model(ProjectConfig config, const ModelOptions& options, DiagnosticSink& sink);

}  // namespace opskit
