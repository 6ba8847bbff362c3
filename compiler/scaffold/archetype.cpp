#include "scaffold/archetype.hpp"

#include <kainjow/mustache.hpp>

#include <cstdio>
#include <stdexcept>

#include "render/theme.hpp"

namespace opskit {
namespace fs = std::filesystem;

std::optional<fs::path> find_archetype(const fs::path& project_root, const std::string& kind) {
  auto name = kind + ".md";
  std::error_code ec;
  for (const auto& dir : {project_root / "archetypes", theme_dir_for(project_root) / "archetypes",
                          default_theme_dir() / "archetypes"})
    if (fs::is_regular_file(dir / name, ec)) return dir / name;
  return std::nullopt;
}

std::string render_archetype(const std::string& text, const ArchetypeValues& values) {
  kainjow::mustache::mustache tmpl{text};
  if (!tmpl.is_valid()) throw std::runtime_error(tmpl.error_message());
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  kainjow::mustache::data data;
  for (const auto& [key, value] : values)
    data.set(key, value.empty() ? kainjow::mustache::data(false) : kainjow::mustache::data(value));
  auto out = tmpl.render(data);
  if (!tmpl.is_valid()) throw std::runtime_error(tmpl.error_message());
  return out;
}

std::string yaml_quoted(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace opskit
