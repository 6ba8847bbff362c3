#include "index/symbols.hpp"

#include "support/parallel.hpp"
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

namespace {

// The lookup tables by id, file and path, in page order (the first page of an id keeps it).
void index_pages(const std::vector<Page>& pages, SymbolIndex& index, DiagnosticSink& sink) {
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
  }
  for (const auto& [id, list] : index.by_id) index.ids.push_back(id);
}

}  // namespace

SymbolIndex build_index(const std::vector<Page>& pages, const std::vector<StaticFile>& statics, DiagnosticSink& sink,
                        int jobs) {
  SymbolIndex index;
  index.anchors.resize(pages.size());
  // Task 0 fills the tables (one thread: they are shared) while the others gather the pages'
  // anchors; run one after the other, the two were 60-80 ms of a 10,000-page build with one core
  // idle. Each reports into a sink of its own, absorbed in page order: the report is the same for
  // any number of jobs (the findings of one rule keep their order).
  DiagnosticSink table_sink;
  std::vector<DiagnosticSink> anchor_sinks(pages.size());
  parallel_for(pages.size() + 1, jobs, [&](std::size_t task) {
    if (task == 0) return index_pages(pages, index, table_sink);
    index.anchors[task - 1] = page_anchors(pages[task - 1], anchor_sinks[task - 1]);
  });
  sink.absorb(table_sink);
  for (const auto& anchor_sink : anchor_sinks) sink.absorb(anchor_sink);
  for (std::size_t s = 0; s < statics.size(); ++s)
    index.files.emplace(collection_key(statics[s].workshop, statics[s].path), static_cast<int>(s));
  return index;
}

}  // namespace opskit
