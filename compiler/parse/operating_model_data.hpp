#pragma once
// Reads the operating model's data files (content/data/*.yaml) into model/operating_model.hpp's
// types, reporting every problem with file, line and column.
#include "diagnostics/diagnostic.hpp"
#include "model/model.hpp"
#include "model/operating_model.hpp"

namespace opskit {

OperatingModel load_operating_model(const Model& model, DiagnosticSink& sink);

}  // namespace opskit
