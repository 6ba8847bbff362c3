#include "outputs/packages/theme_files.hpp"

#include <filesystem>

#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;

namespace {

// Only files the theme publishes anyway (assets/**): a template cannot pull in anything else.
bool is_asset_path(const std::string& name) {
  fs::path p(name);
  if (p.is_absolute() || !starts_with(name, "assets/")) return false;
  for (const auto& part : p)
    if (part == "..") return false;
  return true;
}

}  // namespace

TemplateData theme_file_lambda(const Theme& theme, std::vector<std::string>& missing) {
  // The files were read with the theme (render/theme.cpp): rendering reads none.
  return TemplateData(kainjow::mustache::lambda2(
      [&theme, &missing](const std::string& text, const kainjow::mustache::renderer&) -> std::string {
        std::string name(trim(text));
        if (is_asset_path(name))
          if (auto inlined = theme.inline_asset(fs::path(name).lexically_normal().generic_string())) return *inlined;
        missing.push_back(name);
        return {};
      }));
}

}  // namespace opskit
