#pragma once
// The theme files a single-file document carries inside it. The theme's package.mustache names
// them ({{#theme_file}}assets/js/site.js{{/theme_file}}), so which styles and scripts a package's
// HTML holds is a theme decision (site-theme/CONTRACT.md) and no C++ holds any CSS or JS.
#include <string>
#include <vector>

#include "render/theme.hpp"

namespace opskit {

// A Mustache section lambda replaced by the named theme file (a stylesheet or script under
// assets/, as Theme::text_assets holds it: the project theme's, else opskit's own), made safe
// inside <style> and <script>. A name outside assets/ or a file neither theme has gives nothing
// and is added to `missing`.
TemplateData theme_file_lambda(const Theme& theme, std::vector<std::string>& missing);

}  // namespace opskit
