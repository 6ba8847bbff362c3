#pragma once
// Runs the parse stage alone on one page body, and reads the directive tree it made.
#include <string>

#include "diagnostics/diagnostic.hpp"
#include "model/page.hpp"

namespace opskit::test {

Page parse_body(const std::string& body, DiagnosticSink& sink);

// The index of the first directive called `name`, -1 when there is none.
int directive_index(const Page& page, const std::string& name);

// The name of the directive whose body (or label) holds the first directive called `name`;
// "" when it stands at the page's top level, "?" when there is no such directive.
std::string parent_name(const Page& page, const std::string& name);

}  // namespace opskit::test
