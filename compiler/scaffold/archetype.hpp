#pragma once
// Archetypes, as Hugo's: the template a new page starts from. `archetypes/<kind>.md` in the
// project wins, then the project's own site-theme/, then opskit's theme (where render/theme.hpp
// finds it). Mustache, without HTML escaping: the output is Markdown and YAML, not HTML.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace opskit {

// The archetype file for `kind`, or nullopt when neither the project nor a theme has one.
std::optional<std::filesystem::path> find_archetype(const std::filesystem::path& project_root, const std::string& kind);

// Values a template may use; a key whose value is "" is false in {{#key}} sections.
using ArchetypeValues = std::map<std::string, std::string>;

// Renders the template; throws std::runtime_error with the Mustache error when it does not parse.
std::string render_archetype(const std::string& text, const ArchetypeValues& values);

// A YAML double-quoted scalar holding `text` exactly (titles may hold ':' or '#').
std::string yaml_quoted(const std::string& text);

}  // namespace opskit
