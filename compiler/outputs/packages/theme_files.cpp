#include "outputs/packages/theme_files.hpp"

#include <filesystem>

#include "support/files.hpp"
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
  fs::path dir = theme.dir;
  return TemplateData(kainjow::mustache::lambda2(
      [dir, &missing](const std::string& text, const kainjow::mustache::renderer&) -> std::string {
        std::string name(trim(text));
        if (is_asset_path(name)) {
          for (const auto& base : {dir, default_theme_dir()})
            if (auto bytes = read_file(base / name)) return inline_safe(*bytes);
        }
        missing.push_back(name);
        return {};
      }));
}

}  // namespace opskit
