#pragma once
// The project file's settings (opskit.yaml), as the project stage reads them.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"

namespace opskit {

struct WorkshopRef {
  std::string name;             // folder name, used in ids and URLs
  std::filesystem::path dir;    // absolute
  std::string rel_dir;          // project-relative ("workshops/x", or "" for a bare repository)
};

struct PackageSpec {
  std::string name;
  std::string title;
  std::string audience;
  std::vector<std::string> include;  // page ids or globs ("runbooks/*", "framework/**")
  std::vector<std::string> files;    // extra project files or globs
  int line = 0;
};

struct ProjectConfig {
  std::filesystem::path root;
  bool bare_workshop = false;
  std::string title = "Operating-model kit";
  std::string base_url = "https://example.invalid/";  // always ends in '/'
  std::string repository_url;  // edit links when set
  std::string edit_branch = "main";
  std::string version = "0.0.0";
  std::string default_locale = "en-US";
  std::vector<std::string> locales = {"en-US"};
  bool allow_raw_html = true;
  // URL schemes allowed in links beyond http, https and mailto (links.allowed_schemes); never
  // javascript, vbscript, data or file.
  std::vector<std::string> allowed_schemes;
  int review_period_days = 180;
  std::vector<WorkshopRef> workshops;
  std::vector<PackageSpec> packages;
  std::map<std::string, RuleLevel> rule_levels;
  std::vector<std::string> external_exclude;  // URL prefixes never checked
  int external_max_age_hours = 24;
  int external_deadline_seconds = 300;  // check --external gives up on what is left after this
};

}  // namespace opskit
