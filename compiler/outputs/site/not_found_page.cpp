#include "outputs/site/not_found_page.hpp"

#include <set>

#include "support/strings.hpp"

namespace opskit {

namespace {

// Runs in <head> before the stylesheets, so the <base> it sets applies to every URL after it.
// The page is written with <base href="about:blank">, against which no relative URL resolves, so
// that the browser's preload scanner does not fetch the assets from the wrong folder before the
// script has run. From file:// the page is opened at its own place in the site: no <base>.
constexpr const char* kFindRoot = R"(<base href="about:blank">
<script>(function () {
  var l = window.location, b = document.querySelector('base'), top = TOP_FOLDERS, seg = l.pathname.split('/'), root = null, i, r;
  if (!/^https?:$/.test(l.protocol)) { b.parentNode.removeChild(b); return; }
  for (i = 1; i < seg.length - 1 && root === null; i++) if (top.indexOf(seg[i]) !== -1) root = seg.slice(0, i).join('/') + '/';
  if (root === null) { try { r = window.localStorage.getItem('opskit-root'); if (r && l.href.indexOf(r) === 0) root = r; } catch (e) {} }
  b.setAttribute('href', root === null ? '/' : root);
})();</script>
)";

}  // namespace

void set_not_found_root(kainjow::mustache::data& d, const ProjectConfig& config,
                        const std::vector<std::string>& page_paths) {
  const auto& base = config.base_url;
  if (!base.empty() && base.find(".invalid/") == std::string::npos) {
    d.set("root", base);
    d.set("home_href", base + "index.html");
    return;
  }
  std::set<std::string> folders{"assets"};
  for (const auto& p : page_paths)
    if (auto slash = p.find('/'); slash != std::string::npos) folders.insert(p.substr(0, slash));
  std::string list = "[";
  for (const auto& f : folders) list += (list.size() > 1 ? ",\"" : "\"") + replace_all(json_escape(f), "<", "\\u003c") + "\"";
  d.set("find_root", replace_all(kFindRoot, "TOP_FOLDERS", list + "]"));
}

}  // namespace opskit
