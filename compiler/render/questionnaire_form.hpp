#pragma once
// The questionnaire as the site shows it (the `::questionnaire` view) and as packages carry it.
// site-theme/assets/js/questionnaire.js brings the form to life; the HTML works without it.
#include <map>
#include <string>

#include "diagnostics/diagnostic.hpp"
#include "model/page.hpp"
#include "parse/questionnaire_data.hpp"

namespace opskit {

// An accessible form: one fieldset per section with a progress bar, one control (or radio or
// checkbox group) per answer slot, named "<question id>.current" / "<question id>.future".
std::string render_questionnaire_form(const Questionnaire& q);

// The `::questionnaire` view on `page`: the form, or, when the project has no questionnaire
// (`q` null), a visible note and a questionnaire.missing warning at the directive.
std::string questionnaire_view(const Questionnaire* q, const Page& page, const Directive& directive,
                               DiagnosticSink& sink);

// The files a handover package carries: "questionnaire.csv" (one row per question, RFC 4180,
// CRLF line ends) and "questionnaire.json" (the questionnaire as data).
std::map<std::string, std::string> questionnaire_exports(const Questionnaire& q);

}  // namespace opskit
