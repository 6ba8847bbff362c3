#include "resolve/output_urls.hpp"

#include "support/files.hpp"
#include "support/strings.hpp"

namespace opskit {

std::string site_page_path(const Page& page) {
  // One allocation: this is asked for every link, sidebar entry and breadcrumb of every page.
  static constexpr std::string_view kWorkshops = "workshops/", kIndex = "index.html";
  std::string out;
  out.reserve(kWorkshops.size() + page.workshop.size() + page.locale.size() + page.path.size() + kIndex.size() + 3);
  if (!page.workshop.empty()) out.append(kWorkshops).append(page.workshop).append("/").append(page.locale).append("/");
  if (!page.path.empty()) {
    for (char c : page.path) out += ascii_lower(c);
    out += '/';
  }
  return out.append(kIndex);
}

std::vector<std::string> site_page_paths(const Model& model) {
  std::vector<std::string> paths;
  paths.reserve(model.pages.size());
  for (const auto& page : model.pages) paths.push_back(site_page_path(page));
  return paths;
}

std::string site_file_path(const std::string& workshop, const std::string& file_path) {
  std::string p = starts_with(file_path, "content/") ? file_path.substr(8) : file_path;
  return workshop.empty() ? p : "workshops/" + workshop + "/" + p;
}

std::string published_page_url(const Model& model, const Page& page, const std::string& anchor) {
  return model.config.base_url + site_page_path(page) + (anchor.empty() ? "" : "#" + anchor);
}

std::string published_file_url(const Model& model, const std::string& workshop, const std::string& file_path) {
  return model.config.base_url + site_file_path(workshop, file_path);
}

LinkUrl link_url(const Model& model, int from, const LinkRef& link, const OutputUrls& urls) {
  return link_url(model, from, link_target(model, from, link), link, urls);
}

LinkUrl link_url(const Model& model, int from, const LinkTarget& t, const LinkRef& link, const OutputUrls& urls) {
  switch (t.kind) {
    case LinkTarget::Kind::page:
      if (urls.has_page(t.page)) return {urls.page_link(from, t.page, t.query, t.anchor), false};
      return {published_page_url(model, model.pages[t.page], t.anchor), true};
    case LinkTarget::Kind::same_page: return {urls.fragment_link(from, t.anchor), false};
    case LinkTarget::Kind::file: {  // the resolver found the file in the index
      auto url = urls.file_link(from, t.workshop, t.file_path, link);
      if (!url) return {published_file_url(model, t.workshop, t.file_path), true};
      if (url->empty()) return {link.url, false};
      return {*url + t.query, false};
    }
    default: return {link.url, false};
  }
}

std::string SiteUrls::page_link(int from, int to, const std::string& query, const std::string& anchor) const {
  auto url = relative_url(paths_[static_cast<std::size_t>(from)], paths_[static_cast<std::size_t>(to)]);
  url.append(query);
  if (!anchor.empty()) url.append("#").append(anchor);
  return url;
}

std::string SiteUrls::fragment_link(int, const std::string& anchor) const { return anchor.empty() ? "" : "#" + anchor; }

std::optional<std::string> SiteUrls::file_link(int from, const std::string& workshop, const std::string& path,
                                               const LinkRef&) const {
  return relative_url(paths_[static_cast<std::size_t>(from)], site_file_path(workshop, path));
}

}  // namespace opskit
