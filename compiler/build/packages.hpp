#pragma once
// Handover packages: a versioned zip an operations team opens offline, and `opskit verify`.
#include <filesystem>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "build/bundles.hpp"
#include "render/site_builder.hpp"
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

// Checks a package against its manifest; prints findings; returns 0 when it matches, 1 when
// anything differs, 2 when the file is not a package.
int verify_package(const std::filesystem::path& zip, std::ostream& out);

}  // namespace opskit
