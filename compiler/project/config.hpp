#pragma once
// opskit.yaml: the project file. A folder with only a contentspec.yaml is a bare Workshop Studio
// repository and gets a project of that one workshop with defaults.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "model/project_config.hpp"

namespace opskit {

// Reads opskit.yaml under `root` (or the bare contentspec.yaml case). Returns nullopt on a
// configuration error (already reported: exit code 2).
std::optional<ProjectConfig> load_project(const std::filesystem::path& root, DiagnosticSink& sink);

}  // namespace opskit
