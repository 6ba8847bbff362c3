#pragma once
// Renders the documentation site (or a package's offline site) into an output tree.
#include <functional>
#include <string>

#include "model/model.hpp"
#include "emit/output_tree.hpp"
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
};

// The URL of each of the page's links in a site where `included` pages are present.
struct ResolvedLinks {
  std::vector<std::string> urls;
  std::vector<bool> external;
};
ResolvedLinks site_link_urls(const Model& model, int page, const std::function<bool(int)>& included);

OutputTree build_site(const Model& model, const Theme& theme, const SiteOptions& options, DiagnosticSink& sink);

}  // namespace opskit
