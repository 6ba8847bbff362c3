#pragma once
// The site theme: Mustache templates and assets in site-theme/. No C++ knows about layout.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <kainjow/mustache.hpp>

#include "diagnostics/diagnostic.hpp"

namespace opskit {

using TemplateData = kainjow::mustache::data;

// kainjow's set() and push_back() copy the value they are given, deeply (a sidebar's list of
// objects, a page's HTML); a page's data is built from these instead, which move it in.
inline void put(TemplateData& object, const std::string& key, TemplateData value) { object[key] = std::move(value); }
void append(TemplateData& list, TemplateData item);

// What {{name}} writes for a value, the templates' escape: kainjow's own, byte for byte (& < > " '
// as &amp; &lt; &gt; &quot; &apos;), but html_escape's, which copies the runs between those bytes
// whole; kainjow's appends a byte at a time, which was a fifth of a page's template rendering.
std::string mustache_escape(const std::string& text);

// Loaded once, before any rendering, and read-only after: render() is const and safe to call
// from several threads at once.
struct Theme {
  std::filesystem::path dir;
  std::map<std::string, std::string> templates;  // "layout" -> source
  // Every template parsed when the theme is loaded (parsing costs more than rendering).
  std::map<std::string, kainjow::mustache::mustache> compiled;
  // The theme's stylesheets and scripts (assets/**/*.css and *.js, not assets/vendor/), by path
  // ("assets/js/site.js"), read when the theme is loaded, for templates that inline them: opskit's
  // own theme's, overridden file by file by the project's theme.
  std::map<std::string, std::string> text_assets;
  // Which load this is: each thread keeps its own working copy of the parsed templates per load.
  std::uint64_t generation = 0;
  // A stylesheet or script of text_assets made safe inside <style> or <script> ("</script" and
  // "</style", any case, become "<\/..."); nullopt when the theme has no such file.
  std::optional<std::string> inline_asset(const std::string& path) const;
  // Throws std::out_of_range for a template the theme does not have.
  std::string render(const std::string& name, const TemplateData& data) const;
};

// opskit's own theme: <binary's folder>/../share/opskit/site-theme when installed (so a moved
// install tree still finds it), else, for the binary in its build folder, the source tree's.
std::filesystem::path default_theme_dir();
// The project's site-theme/ when it has one, else opskit's own.
std::filesystem::path theme_dir_for(const std::filesystem::path& project_root);
std::optional<Theme> load_theme(const std::filesystem::path& dir, DiagnosticSink& sink);

}  // namespace opskit
