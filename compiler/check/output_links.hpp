#pragma once
// The check stage, after rendering: every internal href, src and fragment in the output's HTML
// points at a file and an id that exist, so template links and raw HTML are covered too and
// nothing slips between resolve and emit.
#include <set>
#include <string>
#include <utility>

#include "diagnostics/diagnostic.hpp"
#include "emit/output_tree.hpp"

namespace opskit {

struct OutputCheckStats {
  std::size_t pages = 0, references = 0, fragments = 0;
};

// `output` names the output in messages ("site", "package operations-team"). `already_reported`
// holds (html path, reference) pairs whose problem was reported against the source.
OutputCheckStats check_output_links(const OutputTree& tree, const std::string& output,
                                    const std::set<std::pair<std::string, std::string>>& already_reported,
                                    DiagnosticSink& sink, int jobs = 1);

}  // namespace opskit
