#pragma once
// The check stage for Workshop Studio repositories: what would make Workshop Studio reject a
// bundle or render it wrongly is found here, with file, line and column.
#include "model/model.hpp"

namespace opskit {

void check_workshops(const Model& model, DiagnosticSink& sink);

// Names that break on another file system or in S3: returns the reason, or "" when fine.
std::string unportable_name_reason(const std::string& path);

}  // namespace opskit
