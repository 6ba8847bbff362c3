#pragma once
// The index stage: the symbol table of pages, anchors and static files that links resolve against.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "model/page.hpp"
#include "model/sources.hpp"
#include "model/symbol_index.hpp"

namespace opskit {

// The anchors a link may name on `page`: heading ids, raw HTML ids, directive ids (a heading id
// used twice is index.duplicate-anchor).
std::set<std::string> page_anchors(const Page& page, DiagnosticSink& sink);
// The pages' anchors are gathered on `jobs` threads, beside the lookup tables.
SymbolIndex build_index(const std::vector<Page>& pages, const std::vector<StaticFile>& statics, DiagnosticSink& sink,
                        int jobs = 1);

}  // namespace opskit
