#include "render/theme.hpp"

#include <stdexcept>

#include "support/files.hpp"

#ifndef OPSKIT_DEFAULT_THEME_DIR
#define OPSKIT_DEFAULT_THEME_DIR ""
#endif

namespace opskit {
namespace fs = std::filesystem;

fs::path theme_dir_for(const fs::path& project_root) {
  if (fs::exists(project_root / "site-theme" / "templates" / "layout.mustache")) return project_root / "site-theme";
  return OPSKIT_DEFAULT_THEME_DIR;
}

std::optional<Theme> load_theme(const fs::path& dir, DiagnosticSink& sink) {
  Theme theme;
  theme.dir = dir;
  for (const char* name : {"layout", "page", "section", "404", "search"}) {
    auto path = dir / "templates" / (std::string(name) + ".mustache");
    auto text = read_file(path);
    if (!text) {
      sink.report("theme.missing", Severity::error, path.string(), 0, 0, "theme template not found");
      return std::nullopt;
    }
    kainjow::mustache::mustache check(*text);
    if (!check.is_valid()) {
      sink.report("theme.invalid", Severity::error, path.string(), 0, 0, "invalid template: " + check.error_message());
      return std::nullopt;
    }
    theme.templates[name] = std::move(*text);
  }
  return theme;
}

std::string Theme::render(const std::string& name, const TemplateData& data) const {
  auto& tmpl = parsed_[name];
  if (!tmpl) tmpl = std::make_shared<kainjow::mustache::mustache>(templates.at(name));
  auto out = tmpl->render(data);
  if (!tmpl->is_valid()) throw std::runtime_error("template " + name + ": " + tmpl->error_message());
  return out;
}

}  // namespace opskit
