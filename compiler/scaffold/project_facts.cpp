#include "scaffold/project_facts.hpp"

#include "model/operating_model.hpp"
#include "parse/operating_model_data.hpp"
#include "pipeline/build_model.hpp"
#include "project/config.hpp"

namespace opskit {
namespace fs = std::filesystem;

ProjectFacts read_project_facts(const fs::path& root) {
  ProjectFacts facts;
  DiagnosticSink quiet;  // the project's own problems are `opskit check`'s to report
  auto config = load_project(root, quiet);
  if (!config) return facts;
  auto model = build_model(std::move(*config), ModelOptions{}, quiet);
  auto om = load_operating_model(model, quiet);
  for (const auto& role : om.roles) facts.roles.push_back(role.id);
  for (const auto& activity : om.activities)
    for (const auto& cell : activity.cells)
      if (cell.letters.find_first_of("AR") != std::string::npos && !cell.role.id.empty())
        facts.accountable.push_back({activity.group.id, cell.role.id});
  for (const auto& page : model.pages)
    if (page.workshop.empty() && page.meta.kind == "runbook")
      facts.runbooks.push_back({page.id, page.meta.title, page.meta.area});
  return facts;
}

OwnerAndArea choose_owner_and_area(const ProjectFacts& facts, OwnerAndArea wanted, bool framework) {
  auto fits = [&](const std::string& group) {
    return framework ? !framework_area_name(group).empty() : !operational_area_name(group).empty();
  };
  if (wanted.owner.empty() || wanted.area.empty())
    for (const auto& a : facts.accountable) {
      if (!fits(a.group)) continue;
      if (!wanted.owner.empty() && a.role != wanted.owner) continue;
      if (!wanted.area.empty() && a.group != wanted.area) continue;
      return {a.role, a.group};
    }
  // No RACI row to follow: the project's first role, and a default area.
  if (wanted.owner.empty()) wanted.owner = facts.roles.empty() ? "cloud-operations-engineer" : facts.roles.front();
  if (wanted.area.empty()) wanted.area = framework ? "cloud-operations" : "service-incident-management";
  return wanted;
}

}  // namespace opskit
