#pragma once
// 404.html is served by web servers for a missing URL at any depth (/runbooks/no-such-page/),
// where the theme's relative URLs ({{root}}assets/...) would point into a folder that does not
// exist. This sets the page's root so that its styles, scripts and links still work.
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "model/project_config.hpp"

namespace opskit {

// With a real site.base_url the root is that absolute URL. Without one (opskit's placeholder is
// under .invalid, which never resolves) "find_root" holds an inline script that sets a <base>
// for the site root, found from the site's top-level folders (`page_paths`, relative to the
// root) in the requested path, else from the root the site's pages remember, else "/".
void set_not_found_root(kainjow::mustache::data& d, const ProjectConfig& config,
                        const std::vector<std::string>& page_paths);

}  // namespace opskit
