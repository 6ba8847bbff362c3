#pragma once
// The load stage: finds every source under content/ and workshops/*/, reads each file once.
// Nothing after this stage reads source files from disk.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "model/project_config.hpp"
#include "model/sources.hpp"

namespace opskit {

Sources load_sources(const ProjectConfig& config, DiagnosticSink& sink);

}  // namespace opskit
