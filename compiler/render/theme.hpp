#pragma once
// The site theme: Mustache templates and assets in site-theme/. No C++ knows about layout.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <kainjow/mustache.hpp>

#include "diagnostics/diagnostic.hpp"

namespace opskit {

using TemplateData = kainjow::mustache::data;

struct Theme {
  std::filesystem::path dir;
  std::map<std::string, std::string> templates;  // "layout" -> source
  std::string render(const std::string& name, const TemplateData& data) const;

 private:
  // Parsing a template costs more than rendering it: each is parsed once per run.
  mutable std::map<std::string, std::shared_ptr<kainjow::mustache::mustache>> parsed_;
};

// opskit's own theme: <binary's folder>/../share/opskit/site-theme when installed (so a moved
// install tree still finds it), else, for the binary in its build folder, the source tree's.
std::filesystem::path default_theme_dir();
// The project's site-theme/ when it has one, else opskit's own.
std::filesystem::path theme_dir_for(const std::filesystem::path& project_root);
std::optional<Theme> load_theme(const std::filesystem::path& dir, DiagnosticSink& sink);

}  // namespace opskit
