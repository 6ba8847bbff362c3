#pragma once
// The project after the load, parse and index stages: what every output is made from.
#include <map>
#include <string>
#include <vector>

#include "model/page.hpp"
#include "model/project_config.hpp"
#include "model/sources.hpp"
#include "model/symbol_index.hpp"

namespace opskit {

struct WorkshopInfo {
  std::string name, rel_dir, contentspec_file;
  std::string default_locale = "en-US";
  std::vector<std::string> locales = {"en-US"};
  std::map<std::string, std::string> params;
};

struct Model {
  ProjectConfig config;
  Sources sources;
  std::vector<WorkshopInfo> workshops;
  std::vector<Page> pages;
  SymbolIndex index;

  const WorkshopInfo* workshop(const std::string& name) const;
  std::string default_locale(const std::string& workshop) const;
};

// The locale code a page suffix names ("en" -> "en-US"), matching the full code first, then the
// language subtag; "" when it names none.
std::string locale_for_suffix(const std::string& suffix, const std::vector<std::string>& locales);

}  // namespace opskit
