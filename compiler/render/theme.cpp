#include "render/theme.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>

#include "support/files.hpp"
#include "support/strings.hpp"

// Where opskit's own theme is, relative to the folder of the running binary once installed
// (CMake computes it from the install layout: bin/ -> share/opskit/site-theme).
#ifndef OPSKIT_INSTALLED_THEME_REL
#define OPSKIT_INSTALLED_THEME_REL "../share/opskit/site-theme"
#endif
// The build tree's binary (and the tests beside it) use the source tree's theme instead.
#ifndef OPSKIT_BUILD_DIR
#define OPSKIT_BUILD_DIR ""
#endif
#ifndef OPSKIT_SOURCE_THEME_DIR
#define OPSKIT_SOURCE_THEME_DIR ""
#endif

namespace opskit {
namespace fs = std::filesystem;

namespace {

bool is_theme(const fs::path& dir) {
  std::error_code ec;
  return !dir.empty() && fs::exists(dir / "templates" / "layout.mustache", ec);
}

// dir is the build folder or one inside it (for test and fuzz binaries in subfolders).
bool in_build_dir(const fs::path& dir, const fs::path& build) {
  if (dir.empty() || build.empty()) return false;
  std::error_code ec1, ec2;
  auto d = fs::weakly_canonical(dir, ec1), b = fs::weakly_canonical(build, ec2);
  if (ec1 || ec2) return false;
  auto rel = d.lexically_relative(b);
  return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

fs::path default_theme_dir() {
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  fs::path exe_dir = ec ? fs::path() : exe.parent_path();
  if (!exe_dir.empty()) {
    auto installed = (exe_dir / OPSKIT_INSTALLED_THEME_REL).lexically_normal();
    if (is_theme(installed)) return installed;
  }
  // Only a binary still in its build folder falls back to the source tree: an installed or
  // moved binary without its share/ folder reports a missing theme rather than reading a
  // checkout that happens to be on the machine.
  if (in_build_dir(exe_dir, OPSKIT_BUILD_DIR) && is_theme(OPSKIT_SOURCE_THEME_DIR)) return OPSKIT_SOURCE_THEME_DIR;
  return exe_dir.empty() ? fs::path(OPSKIT_INSTALLED_THEME_REL) : (exe_dir / OPSKIT_INSTALLED_THEME_REL).lexically_normal();
}

fs::path theme_dir_for(const fs::path& project_root) {
  if (fs::exists(project_root / "site-theme" / "templates" / "layout.mustache")) return project_root / "site-theme";
  return default_theme_dir();
}

std::optional<Theme> load_theme(const fs::path& dir, DiagnosticSink& sink) {
  static std::atomic<std::uint64_t> loads{0};
  Theme theme;
  theme.dir = dir;
  theme.generation = ++loads;
  // The site's templates come from the theme; the single-file documents' (a package's HTML, the
  // assessment report) from opskit's own theme when a project's theme does not restyle them.
  for (const char* name : {"layout", "page", "section", "404", "search", "package", "assessment"}) {
    auto path = dir / "templates" / (std::string(name) + ".mustache");
    bool own_fallback = std::string_view(name) == "package" || std::string_view(name) == "assessment";
    std::error_code ec;
    if (own_fallback && !fs::exists(path, ec)) path = default_theme_dir() / "templates" / (std::string(name) + ".mustache");
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
    theme.compiled.emplace(name, std::move(check));
    theme.templates[name] = std::move(*text);
  }
  for (const auto& base : {default_theme_dir(), dir}) {
    std::error_code ec;
    auto assets = base / "assets";
    for (fs::recursive_directory_iterator it(assets, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_directory(ec) && it->path().filename() == "vendor") {
        it.disable_recursion_pending();
        continue;
      }
      auto ext = it->path().extension();
      if (!it->is_regular_file(ec) || (ext != ".css" && ext != ".js")) continue;
      if (auto text = read_file(it->path()))
        theme.text_assets["assets/" + it->path().lexically_relative(assets).generic_string()] = std::move(*text);
    }
  }
  return theme;
}

std::optional<std::string> Theme::inline_asset(const std::string& path) const {
  auto it = text_assets.find(path);
  if (it == text_assets.end()) return std::nullopt;
  // "<\/" means the same as "</" inside the CSS and JavaScript strings, comments and regular
  // expressions where it can occur, and does not end the element the file is inlined in.
  const std::string& text = it->second;
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

std::string mustache_escape(const std::string& text) { return html_escape(text, true); }

void append(TemplateData& list, TemplateData item) {
  if (!list.is_list()) return;
  // list_value() is const only in its signature: the list is the data's own, allocated non-const.
  auto& items = const_cast<kainjow::mustache::list&>(list.list_value());
  if (items.size() == items.capacity()) {
    // kainjow's move constructor is not noexcept, so a growing std::vector would copy every item
    // already in the list, deeply (a sidebar's 25 objects, several times over): the items are
    // moved into the larger vector by hand instead, which needs no growth while it fills.
    kainjow::mustache::list larger;
    larger.reserve(std::max<std::size_t>(8, items.size() * 2));
    for (auto& moved : items) larger.push_back(std::move(moved));
    items.swap(larger);
  }
  items.push_back(std::move(item));
}

std::string Theme::render(const std::string& name, const TemplateData& data) const {
  // kainjow's render is not const (it records errors in the template), so each thread renders
  // with its own copy of the parsed templates, made once per thread and theme load rather than
  // once per page (copying the tree cost more than rendering it).
  thread_local std::uint64_t copies_of = 0;
  // Beside each copy, the size of what it wrote last: a page's HTML grows a line at a time, and
  // reserving about what the page before needed saves growing it a dozen times.
  struct Copy {
    kainjow::mustache::mustache parsed;
    std::size_t last_size = 0;
  };
  thread_local std::map<std::string, Copy> copies;
  if (copies_of != generation) {
    copies.clear();
    copies_of = generation;
  }
  auto it = copies.find(name);
  if (it == copies.end()) {
    it = copies.emplace(name, Copy{compiled.at(name)}).first;
    it->second.parsed.set_custom_escape(mustache_escape);
  }
  std::string out;
  out.reserve(it->second.last_size + it->second.last_size / 8);
  it->second.parsed.render(data, [&out](const std::string& text) { out += text; });
  it->second.last_size = out.size();
  if (!it->second.parsed.is_valid()) {
    auto message = "template " + name + ": " + it->second.parsed.error_message();
    copies.erase(it);  // a failed render leaves the copy in error; the next one starts afresh
    throw std::runtime_error(message);
  }
  return out;
}

}  // namespace opskit
