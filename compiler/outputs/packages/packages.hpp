#pragma once
// Handover packages: a versioned zip an operations team opens offline (`opskit verify` checks
// one: build/verify_package.hpp).
#include <filesystem>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "outputs/bundles/bundles.hpp"
#include "outputs/site/site_builder.hpp"
#include "render/theme.hpp"

namespace opskit {

// Does a page id match a package's include pattern? "runbooks/*" = direct children,
// "runbooks/**" = the section and everything under it, otherwise exact (or fnmatch glob).
bool package_includes(const std::string& pattern, const std::string& page_id);

struct PackageInputs {
  std::map<std::string, std::string> data_files;  // "raci.csv" -> bytes, placed under data/
  std::function<std::string(const Directive&, const Page&, const std::function<bool(int)>&)> view_html;
};

std::vector<PlannedZip> plan_packages(const Model& model, const Theme& theme, const PackageInputs& inputs,
                                      const std::vector<std::string>& only, DiagnosticSink& sink);

}  // namespace opskit
