#pragma once
// The one place that turns a resolved link into the URL it has in an output. Each output says
// where it puts pages and files (an OutputUrls); link_url does the rest the same way for all:
// anchors, queries, pages the output leaves out (they point at the published site, marked
// external) and files it does not carry.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "resolve/link_target.hpp"

namespace opskit {

// Where a page and a static file live in the published site, relative to its root. Page URLs are
// lower case, as Hugo and Workshop Studio publish them; the locale keeps its form ("en-US").
std::string site_page_path(const Page& page);
// site_page_path of every page of the model, by page index: made once per output, since a page's
// links, sidebar, breadcrumbs and pager each need the paths of the pages they name.
std::vector<std::string> site_page_paths(const Model& model);
std::string site_file_path(const std::string& workshop, const std::string& file_path);
// The same, as absolute URLs under the project's base_url.
std::string published_page_url(const Model& model, const Page& page, const std::string& anchor = "");
std::string published_file_url(const Model& model, const std::string& workshop, const std::string& file_path);

class OutputUrls {
 public:
  virtual ~OutputUrls() = default;
  // Is the page in this output? Links to other pages go to the published site.
  virtual bool has_page(int page) const = 0;
  // The link from `from` to page `to` of this output; `query` ("?x=y") and `anchor` may be empty.
  virtual std::string page_link(int from, int to, const std::string& query, const std::string& anchor) const = 0;
  // A link within page `from` to its `anchor` (empty: the page's top).
  virtual std::string fragment_link(int from, const std::string& anchor) const = 0;
  // The link to a static file (`workshop`'s collection, `path` as "static/x.png") from `from`;
  // nullopt when the output does not carry it (the link then goes to the published site) and ""
  // to leave the link as written.
  virtual std::optional<std::string> file_link(int from, const std::string& workshop, const std::string& path,
                                               const LinkRef& link) const = 0;
};

struct LinkUrl {
  std::string url;
  bool external = false;  // leaves the output (a page or file on the published site)
};

// The URL of `link` of page `from` in the output `urls` describes.
LinkUrl link_url(const Model& model, int from, const LinkRef& link, const OutputUrls& urls);
// The same for a link already resolved (`written` is returned for links that stay as written).
LinkUrl link_url(const Model& model, int from, const LinkTarget& target, const LinkRef& link, const OutputUrls& urls);

// The site's layout: every page at site_page_path, links relative to the linking page.
class SiteUrls : public OutputUrls {
 public:
  // `paths`: site_page_paths(model), which must outlive this.
  SiteUrls(std::function<bool(int)> included, const std::vector<std::string>& paths)
      : included_(std::move(included)), paths_(paths) {}
  bool has_page(int page) const override { return included_(page); }
  std::string page_link(int from, int to, const std::string& query, const std::string& anchor) const override;
  std::string fragment_link(int from, const std::string& anchor) const override;
  std::optional<std::string> file_link(int from, const std::string& workshop, const std::string& path,
                                       const LinkRef& link) const override;

 private:
  std::function<bool(int)> included_;
  const std::vector<std::string>& paths_;
};

}  // namespace opskit
