#include "check/orphans.hpp"

#include <vector>

#include "render/navigation.hpp"
#include "resolve/link_target.hpp"

namespace opskit {

void check_orphans(const Model& model, DiagnosticSink& sink) {
  const int count = static_cast<int>(model.pages.size());
  std::vector<bool> linked(model.pages.size(), false);
  for (int i = 0; i < count; ++i) {
    for (const auto& link : model.pages[i].body.links) {
      auto t = link_target(model, i, link);
      if (t.kind == LinkTarget::Kind::page && t.page != i) linked[t.page] = true;
    }
  }
  auto nav = build_navigation(model, [](int) { return true; });
  for (int i = 0; i < count; ++i) {
    const Page& page = model.pages[i];
    if (page.path.empty() || linked[i]) continue;  // a collection's root, or reachable by a link
    std::string message;
    if (page.meta.hidden) {
      message = "page '" + page.id + "' is hidden from the navigation and no page links to it";
    } else {
      // Nearest first. The docs home hides nothing: its children are the top level of the site.
      auto ancestors = nav.ancestors(i);
      for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it) {
        int a = *it;
        if (model.pages[a].workshop.empty() && model.pages[a].path.empty()) continue;
        if (model.pages[a].meta.hidden) {
          message = "page '" + page.id + "' is not in the navigation (its ancestor '" + model.pages[a].id +
                    "' is hidden) and no page links to it";
          break;
        }
      }
    }
    if (message.empty()) continue;
    auto pos = page.meta.hidden && page.meta.key_positions.count("hidden") ? page.meta.key_positions.at("hidden")
                                                                            : std::make_pair(1, 1);
    sink.report("link.orphan", Severity::warning, page.file, pos.first, pos.second, message);
  }
}

}  // namespace opskit
