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

// "</script" or "</style" would end the element the file is inlined in; "<\/" means the same
// inside the CSS and JavaScript strings, comments and regular expressions where it can occur.
std::string inline_safe(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '/') {
      auto rest = to_lower(std::string_view(text).substr(i + 2, 6));
      if (starts_with(rest, "script") || starts_with(rest, "style")) {
        out += "<\\/";
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace

TemplateData theme_file_lambda(const Theme& theme, std::vector<std::string>& missing) {
  // The files were read with the theme (render/theme.cpp): rendering reads none.
  const auto* assets = &theme.text_assets;
  return TemplateData(kainjow::mustache::lambda2(
      [assets, &missing](const std::string& text, const kainjow::mustache::renderer&) -> std::string {
        std::string name(trim(text));
        if (is_asset_path(name)) {
          auto it = assets->find(fs::path(name).lexically_normal().generic_string());
          if (it != assets->end()) return inline_safe(it->second);
        }
        missing.push_back(name);
        return {};
      }));
}

}  // namespace opskit
