#pragma once
// The orphan rule of issue 5: a page that nothing links to and that is not in the navigation
// cannot be reached by a reader; it is a warning (link.orphan).
#include "model/model.hpp"

namespace opskit {

// A page is in the navigation unless it or one of its navigation ancestors is `hidden`. A page
// out of the navigation that no other page links to (by any link form, in its own locale) is an
// orphan. The docs home page and the workshop roots (every locale) are never orphans.
void check_orphans(const Model& model, DiagnosticSink& sink);

}  // namespace opskit
