#pragma once
// Handover packages: a versioned zip an operations team opens offline (`opskit verify` checks
// one: verify/verify_package.hpp).
#include <filesystem>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "outputs/bundles/bundles.hpp"
#include "outputs/common/output.hpp"
#include "outputs/site/site_builder.hpp"
#include "render/theme.hpp"

namespace opskit {

// Does a page id match a package's include pattern? "runbooks/*" = direct children,
// "runbooks/**" = the section and everything under it, otherwise exact (or fnmatch glob).
bool package_includes(const std::string& pattern, const std::string& page_id);

struct PackageInputs {
  std::map<std::string, std::string> data_files;  // "raci.csv" -> bytes, placed under data/
  // The generated views for a page of an output (links through that output's OutputUrls).
  std::function<std::string(const Directive&, int page, const OutputUrls&)> view_html;
  // Previous versions of packages: each gives the package of its name a CHANGES.md.
  std::vector<std::filesystem::path> since;
  int jobs = 1;  // threads for rendering the package's pages and hashing its files (--jobs)
};

std::vector<PlannedZip> plan_packages(const Model& model, const Theme& theme, const PackageInputs& inputs,
                                      const std::vector<std::string>& only, DiagnosticSink& sink);

// The packages output: one versioned zip per package of opskit.yaml (or per name in `only`).
class PackagesOutput : public Output {
 public:
  std::string name() const override { return "packages"; }
  std::string description() const override { return "handover packages, one versioned zip per package"; }
  RenderedOutput render(const OutputInputs& inputs, DiagnosticSink& sink) const override {
    PackageInputs package{inputs.data_files, inputs.view_html, inputs.since, inputs.jobs};
    return {{}, plan_packages(inputs.model, inputs.theme, package, inputs.only, sink), {}};
  }
};

}  // namespace opskit
