#include "project/config.hpp"

#include <algorithm>
#include <cctype>

#include "diagnostics/rule_levels.hpp"
#include "project/yaml_support.hpp"
#include "support/files.hpp"
#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;

namespace {

constexpr const char* kRule = "config.invalid";

// A value that becomes part of an output file's name: no separators, no "..", nothing a shell
// or a zip reader would read otherwise.
bool plain_name(const std::string& s) {
  if (s.empty() || s.size() > 100 || !std::isalnum(static_cast<unsigned char>(s[0]))) return false;
  if (s.find("..") != std::string::npos) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '+' || c == '_' || c == '-';
  });
}

std::vector<WorkshopRef> discover_workshops(const fs::path& root) {
  std::vector<WorkshopRef> out;
  auto dir = root / "workshops";
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_directory() && fs::exists(entry.path() / "contentspec.yaml"))
      out.push_back({entry.path().filename().string(), entry.path(),
                     "workshops/" + entry.path().filename().string()});
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.name < b.name; });
  return out;
}

void read_site(const YamlDoc& doc, const YAML::Node& site, ProjectConfig& config, DiagnosticSink& sink) {
  if (!site) return;
  if (!site.IsMap()) {
    report_at(doc, site, sink, kRule, Severity::error, "'site' must be a map");
    return;
  }
  warn_unknown_keys(doc, site, {"title", "base_url", "repository", "edit_branch", "locales", "default_locale"},
                    sink, "config.unknown-key", "site");
  if (auto v = yaml_string(doc, site, "title", sink, kRule)) config.title = *v;
  if (auto v = yaml_string(doc, site, "base_url", sink, kRule)) {
    config.base_url = *v;
    if (!ends_with(config.base_url, "/")) config.base_url += '/';
  }
  if (auto v = yaml_string(doc, site, "repository", sink, kRule)) config.repository_url = *v;
  if (auto v = yaml_string(doc, site, "edit_branch", sink, kRule)) config.edit_branch = *v;
  auto locales = yaml_string_list(doc, site, "locales", sink, kRule);
  if (!locales.empty()) config.locales = locales;
  config.default_locale = config.locales.front();
  if (auto v = yaml_string(doc, site, "default_locale", sink, kRule)) config.default_locale = *v;
}

void read_packages(const YamlDoc& doc, const YAML::Node& list, ProjectConfig& config, DiagnosticSink& sink) {
  if (!list) return;
  if (!list.IsSequence()) {
    report_at(doc, list, sink, kRule, Severity::error, "'packages' must be a list");
    return;
  }
  for (const auto& item : list) {
    if (!item.IsMap()) {
      report_at(doc, item, sink, kRule, Severity::error, "a package must be a map with name, audience, include");
      continue;
    }
    warn_unknown_keys(doc, item, {"name", "title", "audience", "include", "files"}, sink,
                      "config.unknown-key", "package");
    PackageSpec spec;
    spec.line = yaml_line(doc, item);
    spec.name = yaml_string(doc, item, "name", sink, kRule, true).value_or("");
    spec.audience = yaml_string(doc, item, "audience", sink, kRule, true).value_or("");
    spec.title = yaml_string(doc, item, "title", sink, kRule).value_or(spec.name);
    spec.include = yaml_string_list(doc, item, "include", sink, kRule);
    spec.files = yaml_string_list(doc, item, "files", sink, kRule);
    if (!spec.name.empty() && !plain_name(spec.name)) {
      report_at(doc, item["name"], sink, kRule, Severity::error,
                "package name '" + spec.name + "' names its file: use letters, digits, '.', '+', '_' and '-' only, "
                "starting with a letter or digit");
      continue;
    }
    for (const auto& other : config.packages)
      if (other.name == spec.name)
        report_at(doc, item["name"], sink, kRule, Severity::error,
                  "package name '" + spec.name + "' is used twice (first on line " + std::to_string(other.line) + ")");
    if (spec.include.empty())
      report_at(doc, item, sink, kRule, Severity::error, "package '" + spec.name + "' includes no pages");
    if (!spec.name.empty()) config.packages.push_back(spec);
  }
}

void read_links(const YamlDoc& doc, const YAML::Node& links, ProjectConfig& config, DiagnosticSink& sink) {
  if (!links) return;
  if (!links.IsMap()) {
    report_at(doc, links, sink, kRule, Severity::error, "'links' must be a map (allowed_schemes)");
    return;
  }
  warn_unknown_keys(doc, links, {"allowed_schemes"}, sink, "config.unknown-key", "links");
  for (const auto& scheme : yaml_string_list(doc, links, "allowed_schemes", sink, kRule)) {
    auto s = to_lower(scheme);
    if (!s.empty() && s.back() == ':') s.pop_back();
    bool word = !s.empty() && std::isalpha(static_cast<unsigned char>(s[0])) &&
                std::all_of(s.begin(), s.end(), [](char c) {
                  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
                });
    if (!word || s == "javascript" || s == "vbscript" || s == "data" || s == "file") {
      report_at(doc, links["allowed_schemes"], sink, kRule, Severity::error,
                "links.allowed_schemes: '" + scheme + "' cannot be allowed (it can run script or read local files)");
      continue;
    }
    config.allowed_schemes.push_back(s);
  }
}

}  // namespace

std::optional<ProjectConfig> load_project(const fs::path& root_in, DiagnosticSink& sink) {
  ProjectConfig config;
  std::error_code ec;
  config.root = fs::weakly_canonical(root_in, ec);
  if (ec || !fs::is_directory(config.root)) {
    sink.report(kRule, Severity::error, "", 0, 0, "project folder '" + root_in.string() + "' does not exist");
    return std::nullopt;
  }
  auto project_file = config.root / "opskit.yaml";
  if (!fs::exists(project_file)) {
    if (fs::exists(config.root / "contentspec.yaml")) {
      config.bare_workshop = true;
      config.title = config.root.filename().string();
      config.workshops.push_back({config.root.filename().string(), config.root, ""});
      return config;
    }
    sink.report(kRule, Severity::error, "", 0, 0,
                "no opskit.yaml (nor contentspec.yaml) in '" + config.root.string() + "'");
    return std::nullopt;
  }

  auto text = read_file(project_file).value_or("");
  sink.remember_source("opskit.yaml", text);
  auto errors_before = sink.count(Severity::error);
  auto doc = parse_yaml("opskit.yaml", text, sink, kRule);
  if (!doc) return std::nullopt;
  const auto& root = doc->root;
  if (root.IsNull()) return config;
  if (!root.IsMap()) {
    report_at(*doc, root, sink, kRule, Severity::error, "opskit.yaml must be a map of settings");
    return std::nullopt;
  }
  warn_unknown_keys(*doc, root,
                    {"site", "version", "markdown", "workshops", "rules", "review_period_days", "packages",
                     "external_links", "links"},
                    sink, "config.unknown-key", "opskit.yaml");
  read_site(*doc, root["site"], config, sink);
  if (auto v = yaml_string(*doc, root, "version", sink, kRule)) {
    if (plain_name(*v)) config.version = *v;
    else
      report_at(*doc, root["version"], sink, kRule, Severity::error,
                "version '" + *v + "' names the package files: use letters, digits, '.', '+', '_' and '-' only "
                "(such as 1.2.0), starting with a letter or digit");
  }
  if (auto md = root["markdown"]; md && !md.IsMap()) {
    report_at(*doc, md, sink, kRule, Severity::error, "'markdown' must be a map, such as 'markdown: {raw_html: false}'");
  } else if (md) {
    warn_unknown_keys(*doc, md, {"raw_html"}, sink, "config.unknown-key", "markdown");
    if (auto v = yaml_bool(*doc, md, "raw_html", sink, kRule)) config.allow_raw_html = *v;
  }
  read_links(*doc, root["links"], config, sink);
  if (auto v = yaml_int_in(*doc, root, "review_period_days", 1, 36500, sink, kRule))
    config.review_period_days = static_cast<int>(*v);

  auto available = discover_workshops(config.root);
  if (root["workshops"]) {
    for (const auto& name : yaml_string_list(*doc, root, "workshops", sink, kRule)) {
      auto it = std::find_if(available.begin(), available.end(), [&](auto& w) { return w.name == name; });
      if (it == available.end()) {
        report_at(*doc, root["workshops"], sink, kRule, Severity::error,
                  "workshop '" + name + "' not found: no workshops/" + name + "/contentspec.yaml");
      } else {
        config.workshops.push_back(*it);
      }
    }
  } else {
    config.workshops = available;
  }

  for (const auto& w : config.workshops)
    if (!plain_name(w.name))
      report_at(*doc, root, sink, kRule, Severity::error,
                "workshop folder 'workshops/" + w.name + "' names its bundle and URLs: rename it with letters, digits, "
                "'.', '_' and '-' only");
  if (auto rules = root["rules"]; rules) {
    if (!rules.IsMap()) {
      report_at(*doc, rules, sink, kRule, Severity::error, "'rules' must map rule ids to error, warning or off");
    } else {
      for (const auto& entry : rules) {
        // A misspelled id would silently change nothing: it is an error naming the closest id.
        auto id = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
        if (auto problem = unknown_rule_problem(id); !problem.empty()) {
          report_at(*doc, entry.first, sink, kRule, Severity::error, "rules: " + problem);
          continue;
        }
        auto level = entry.second.IsScalar() ? parse_rule_level(entry.second.Scalar()) : std::nullopt;
        if (!level) {
          report_at(*doc, entry.second, sink, kRule, Severity::error,
                    "rules: the level of '" + id + "' must be error, warning or off");
          continue;
        }
        config.rule_levels[id] = *level;
      }
    }
  }
  read_packages(*doc, root["packages"], config, sink);
  if (auto ext = root["external_links"]; ext && !ext.IsMap()) {
    report_at(*doc, ext, sink, kRule, Severity::error, "'external_links' must be a map (exclude, max_age_hours, deadline_seconds)");
  } else if (ext) {
    warn_unknown_keys(*doc, ext, {"exclude", "max_age_hours", "deadline_seconds"}, sink, "config.unknown-key",
                      "external_links");
    config.external_exclude = yaml_string_list(*doc, ext, "exclude", sink, kRule);
    if (auto v = yaml_int_in(*doc, ext, "max_age_hours", 0, 24 * 365, sink, kRule))
      config.external_max_age_hours = static_cast<int>(*v);
    if (auto v = yaml_int_in(*doc, ext, "deadline_seconds", 1, 24 * 3600, sink, kRule))
      config.external_deadline_seconds = static_cast<int>(*v);
  }
  if (sink.count(Severity::error) > errors_before) return std::nullopt;
  return config;
}

}  // namespace opskit
