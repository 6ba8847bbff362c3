#include "index/symbols.hpp"

#include "support/strings.hpp"

namespace opskit {


std::set<std::string> page_anchors(const Page& page, DiagnosticSink& sink) {
  std::set<std::string> anchors;
  for (const auto& h : page.body.headings) {
    if (!anchors.insert(h.id).second)
      sink.report("index.duplicate-anchor", Severity::warning, page.file, h.line, h.column,
                  "anchor '#" + h.id + "' is defined twice on this page");
  }
  for (const auto& id : page.body.raw_ids) anchors.insert(id);
  for (const auto& d : page.body.directives)
    if (!d.attrs.id.empty()) anchors.insert(d.attrs.id);
  return anchors;
}

SymbolIndex build_index(const std::vector<Page>& pages, const std::vector<StaticFile>& statics, DiagnosticSink& sink) {
  SymbolIndex index;
  index.anchors.resize(pages.size());
  std::map<std::pair<std::string, std::string>, int> first_by_id_locale;
  for (int i = 0; i < static_cast<int>(pages.size()); ++i) {
    const Page& page = pages[i];
    auto [it, inserted] = first_by_id_locale.emplace(std::make_pair(page.id, page.locale), i);
    if (!inserted) {
      const Page& first = pages[it->second];
      auto pos = page.meta.key_positions.count("id") ? page.meta.key_positions.at("id") : std::make_pair(1, 1);
      sink.report("index.duplicate-id", Severity::error, page.file, pos.first, pos.second,
                  "page id '" + page.id + "' is already used by " + first.file);
    } else {
      index.by_id[page.id].push_back(i);
      index.by_id_folded[to_lower(page.id)].push_back(i);
    }
    // A page whose id is taken is still a page: links by path and file, and its anchors, resolve
    // (one error for the id, not one more for every link to the page).
    index.by_file[page.file] = i;
    index.by_path[collection_key(page.workshop, page.path)].push_back(i);
    // Two pages whose paths differ only in case are load.case-collision; the first one wins here.
    index.by_file_folded.emplace(to_lower(page.file), i);
    index.by_path_folded[collection_key(page.workshop, to_lower(page.path))].push_back(i);
    index.anchors[i] = page_anchors(page, sink);
  }
  for (const auto& [id, list] : index.by_id) index.ids.push_back(id);
  for (std::size_t s = 0; s < statics.size(); ++s)
    index.files.emplace(collection_key(statics[s].workshop, statics[s].path), static_cast<int>(s));
  return index;
}

}  // namespace opskit
