#pragma once
// Renders the documentation site (or a package's offline site) into an output tree.
#include <functional>
#include <memory>
#include <string>

#include "check/output_links.hpp"
#include "emit/output_tree.hpp"
#include "outputs/site/search_index.hpp"
#include "model/model.hpp"
#include "render/theme.hpp"
#include "resolve/output_urls.hpp"

namespace opskit {

struct SiteOptions {
  std::function<bool(int)> included = [](int) { return true; };
  // Links to pages left out become absolute URLs on the published site, marked external.
  std::string site_title;
  bool write_sitemap = true;
  int jobs = 1;  // threads for rendering pages; the tree is the same for any number
  // Generated views (::raci, ::tooling-matrix, ...): HTML for a directive, "" when not a view.
  // Links in a view go through the output's OutputUrls, as the page's own links do.
  std::function<std::string(const Directive&, int page, const OutputUrls&)> view_html;
  // Streaming, so that the site's HTML is not all held at once: when `page_check` is set, each
  // rendered page leaves the tree as soon as it is made. It is scanned into page_check, then
  // handed to `write_page` (called on the render threads) when that is set, or let go (a check
  // writes nothing). The returned tree then holds every other file.
  OutputLinkCheck* page_check = nullptr;
  std::function<void(const std::string& path, std::string_view html)> write_page;
  // Where the search index is cut into parts (SearchIndex); smaller only in tests.
  std::size_t search_part_bytes = SearchIndex::kPartBytes;
};

// The URL of each of the page's links in a site where `included` pages are present.
struct ResolvedLinks {
  std::vector<std::string> urls;
  std::vector<bool> external;
};
ResolvedLinks site_link_urls(const Model& model, int page, const SiteUrls& urls);

OutputTree build_site(const Model& model, const Theme& theme, const SiteOptions& options, DiagnosticSink& sink);

class SiteBuilder;
// The site of `opskit serve`: built whole once, then page by page as pages are edited. The model
// and the theme must outlive it. Navigation is computed once, so a page may be re-rendered only
// while its title, id, weight, anchors and other navigation fields stay what they were (the
// caller checks; anything else is a new IncrementalSite).
class IncrementalSite {
 public:
  IncrementalSite(const Model& model, const Theme& theme, SiteOptions options);
  ~IncrementalSite();
  IncrementalSite(const IncrementalSite&) = delete;
  IncrementalSite& operator=(const IncrementalSite&) = delete;
  // Every file of the site, as build_site() writes them.
  OutputTree build(DiagnosticSink& sink);
  // The page's HTML (its key is site_page_path), from the model's current text of the page; its
  // search entries are replaced too.
  std::string rerender_page(int page, DiagnosticSink& sink);
  // The search index files (assets/search-index*.js), from the entries as they are now.
  void write_search_index(OutputTree& tree) const;

 private:
  std::unique_ptr<SiteBuilder> builder_;
};

}  // namespace opskit
