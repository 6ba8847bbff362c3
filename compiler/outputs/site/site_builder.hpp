#pragma once
// Renders the documentation site (or a package's offline site) into an output tree.
#include <functional>
#include <string>

#include "model/model.hpp"
#include "emit/output_tree.hpp"
#include "render/theme.hpp"

namespace opskit {

struct SiteOptions {
  std::function<bool(int)> included = [](int) { return true; };
  // Links to pages left out become absolute URLs on the published site, marked external.
  std::string site_title;
  bool write_sitemap = true;
  // Generated views (::raci, ::tooling-matrix, ...): HTML for a directive, "" when not a view.
  std::function<std::string(const Directive&, const Page&)> view_html;
};

// Where a page and a file live in the site, relative to its root.
std::string site_page_path(const Page& page);
std::string site_file_path(const std::string& workshop, const std::string& file_path);

// The URL of each of the page's links in a site where `included` pages are present.
struct ResolvedLinks {
  std::vector<std::string> urls;
  std::vector<bool> external;
};
ResolvedLinks site_link_urls(const Model& model, int page, const std::function<bool(int)>& included);

OutputTree build_site(const Model& model, const Theme& theme, const SiteOptions& options, DiagnosticSink& sink);

}  // namespace opskit
