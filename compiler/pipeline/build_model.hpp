#pragma once
// The load, parse and index stages in order: the Model every check and output reads.
#include "diagnostics/diagnostic.hpp"
#include "model/model.hpp"
#include "model/project_config.hpp"

namespace opskit {

struct ModelOptions {
  bool include_drafts = false;
  int jobs = 1;  // threads for parsing pages (--jobs)
  bool read_git = true;  // load_sources' read_git
};

Model build_model(ProjectConfig config, const ModelOptions& options, DiagnosticSink& sink);

}  // namespace opskit
