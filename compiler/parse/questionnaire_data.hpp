#pragma once
// Reads content/data/questionnaire.yaml into model/questionnaire.hpp's types, with line and column.
#include <optional>
#include <string>

#include "diagnostics/diagnostic.hpp"
#include "model/model.hpp"
#include "model/questionnaire.hpp"

namespace opskit {

// Reads the data file named "questionnaire" from model.sources.data; nullopt when the project
// has none (or it is not valid YAML). Every problem is reported with file:line:column under a
// `questionnaire.*` rule; a questionnaire with errors is still returned as far as it could be read.
std::optional<Questionnaire> load_questionnaire(const Model& model, DiagnosticSink& sink);
// The same, from a file's text (tests and tools).
std::optional<Questionnaire> parse_questionnaire(const std::string& file, const std::string& text,
                                                 DiagnosticSink& sink);

}  // namespace opskit
