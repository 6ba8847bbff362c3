#include "outputs/site/site_output.hpp"

#include <iterator>
#include <set>
#include <utility>

#include "check/output_links.hpp"
#include "outputs/site/site_builder.hpp"
#include "resolve/link_target.hpp"
#include "support/parallel.hpp"

namespace opskit {

namespace {

// Links whose problem the source check already reported, as the site writes them: the output
// check then reports only what slipped in between (templates, raw HTML). Pages are looked at on
// `jobs` threads.
std::set<std::pair<std::string, std::string>> reported_links(const Model& model, int jobs) {
  auto paths = site_page_paths(model);
  SiteUrls urls([](int) { return true; }, paths);
  std::vector<std::vector<std::pair<std::string, std::string>>> per_page(model.pages.size());
  parallel_for(model.pages.size(), jobs, [&](std::size_t p) {
    int i = static_cast<int>(p);
    const auto& links = model.pages[i].body.links;
    std::vector<std::size_t> broken;
    for (std::size_t k = 0; k < links.size(); ++k) {
      auto t = link_target(model, i, links[k]);
      if (t.kind == LinkTarget::Kind::unresolved ||
          ((t.kind == LinkTarget::Kind::page || t.kind == LinkTarget::Kind::same_page) && !t.anchor.empty() &&
           !model.index.anchors[t.page].count(t.anchor)))
        broken.push_back(k);
    }
    if (broken.empty()) return;  // the written URLs are needed only for the broken links' pages
    auto written = site_link_urls(model, i, urls).urls;
    for (auto k : broken) per_page[p].emplace_back(paths[p], written[k]);
  });
  std::set<std::pair<std::string, std::string>> out;
  for (auto& links : per_page) out.insert(std::make_move_iterator(links.begin()), std::make_move_iterator(links.end()));
  return out;
}

}  // namespace

OutputCheckStats check_site_output_links(const Model& model, const OutputTree& tree, DiagnosticSink& sink, int jobs) {
  return check_output_links(tree, "site", reported_links(model, jobs), sink, jobs);
}

RenderedOutput SiteOutput::render(const OutputInputs& inputs, DiagnosticSink& sink) const {
  // The pages are streamed: each is scanned for the link check and staged (or, in a check, let
  // go) as soon as it is rendered, so that the site's HTML is never all in memory.
  OutputLinkCheck check;
  SiteOptions site;
  site.view_html = inputs.view_html;
  site.jobs = inputs.jobs;
  site.page_check = &check;
  if (inputs.stage_file)
    site.write_page = [&](const std::string& path, std::string_view html) { inputs.stage_file(name(), path, html); };
  RenderedOutput out;
  out.tree = build_site(inputs.model, inputs.theme, site, sink);
  if (inputs.stage_file) out.staged_files = check.file_count();
  check.add_tree(out.tree, inputs.jobs);
  auto stats = check.finish("site", reported_links(inputs.model, inputs.jobs), sink, inputs.jobs);
  out.messages.push_back("output links checked: " + std::to_string(stats.references) + " in " +
                         std::to_string(stats.pages) + " HTML files (" + std::to_string(stats.fragments) +
                         " with fragments)");
  return out;
}

}  // namespace opskit
