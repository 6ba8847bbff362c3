#include "model/operating_model.hpp"

#include <algorithm>
#include <cctype>

#include "support/strings.hpp"

namespace opskit {

namespace {

std::string name_in(const std::vector<NamedId>& list, std::string_view id) {
  for (const auto& item : list)
    if (id == item.id) return item.name;
  return {};
}

}  // namespace

const std::vector<NamedId>& operational_areas() {
  static const std::vector<NamedId> areas = {
      {"monitoring-event-management", "Monitoring & Event Management"},
      {"patch-management", "Patch Management"},
      {"logging", "Logging"},
      {"backup-continuity", "Backup / Continuity Management"},
      {"deployment-cicd", "Deployment (CI/CD)"},
      {"ami-management", "AMI Management"},
      {"tag-management", "Tag Management"},
      {"automation", "Automation"},
      {"inventory-management", "Inventory Management"},
      {"service-incident-management", "Service / Incident Management"},
      {"service-catalogue", "Service Catalogue"},
      {"financial-management", "Financial Management"},
      {"configuration-management", "Configuration Management"},
      {"change-management", "Change Management"},
      {"account-user-management", "Account and User Management"},
      {"license-management", "License Management"},
  };
  return areas;
}

const std::vector<NamedId>& framework_areas() {
  static const std::vector<NamedId> areas = {
      {"operations-leadership", "Operations Leadership"},
      {"cost-governance", "Cost and Governance"},
      {"service-management", "Service Management"},
      {"cloud-operations", "Cloud Operations"},
      {"platform-enablement", "Platform Enablement"},
  };
  return areas;
}

const std::vector<NamedId>& tooling_criteria() {
  static const std::vector<NamedId> criteria = {
      {"deployment", "Deployment option"},  {"approach", "AWS service or Marketplace"},
      {"environments", "Environments and platforms"}, {"scalability", "Scalability"},
      {"licensing", "Licensing"},           {"updates", "Tool updates and patching"},
      {"governance", "Governance"},
  };
  return criteria;
}

const std::vector<std::string>& tool_types() {
  static const std::vector<std::string> types = {"aws-service", "marketplace", "partner", "open-source"};
  return types;
}

std::string operational_area_name(std::string_view id) { return name_in(operational_areas(), id); }
std::string framework_area_name(std::string_view id) { return name_in(framework_areas(), id); }

const std::vector<OeArea>& oe_areas() {
  static const std::vector<OeArea> areas = {
      {"Organization", 1, 3}, {"Prepare", 4, 7}, {"Operate", 8, 10}, {"Evolve", 11, 11}};
  return areas;
}

int oe_best_practice_count(int question) {
  // Best practices per question, OPS01..OPS11, as published in the Operational Excellence pillar
  // since the 2024-06-27 framework update (OPS01 has 6 since BP07 merged into BP06; OPS02 has 6
  // since "team members know what they are responsible for" was folded in; OPS03 has 7).
  static const int counts[] = {6, 6, 7, 5, 10, 4, 6, 5, 3, 7, 9};
  return question >= 1 && question <= 11 ? counts[question - 1] : 0;
}

std::string oe_area_of(std::string_view id) {
  // OPSnn-BPnn, exactly.
  if (id.size() != 10 || id.substr(0, 3) != "OPS" || id.substr(5, 3) != "-BP") return {};
  auto digits = [](std::string_view s) {
    return s.size() == 2 && std::isdigit(static_cast<unsigned char>(s[0])) &&
           std::isdigit(static_cast<unsigned char>(s[1]));
  };
  if (!digits(id.substr(3, 2)) || !digits(id.substr(8, 2))) return {};
  int question = (id[3] - '0') * 10 + (id[4] - '0');
  int practice = (id[8] - '0') * 10 + (id[9] - '0');
  if (practice < 1 || practice > oe_best_practice_count(question)) return {};
  for (const auto& area : oe_areas())
    if (question >= area.first_question && question <= area.last_question) return area.name;
  return {};
}

bool OperatingModel::has_any_data() const {
  return !roles_file.empty() || !tooling_file.empty() || !raci_file.empty() || !sla_file.empty() ||
         !framework_file.empty();
}

const Role* OperatingModel::role(std::string_view id) const {
  for (const auto& r : roles)
    if (r.id == id) return &r;
  return nullptr;
}
const ToolingArea* OperatingModel::tooling_area(std::string_view id) const {
  for (const auto& a : tooling)
    if (a.id == id) return &a;
  return nullptr;
}
const SlaTarget* OperatingModel::target(std::string_view id) const {
  for (const auto& t : targets)
    if (t.id == id) return &t;
  return nullptr;
}
const FrameworkArea* OperatingModel::framework_area(std::string_view id) const {
  for (const auto& a : framework)
    if (a.id == id) return &a;
  return nullptr;
}

const SharedValue* OperatingModel::value(std::string_view key) const {
  auto it = values.find(std::string(key));
  return it == values.end() ? nullptr : &it->second;
}

std::string OperatingModel::role_name(std::string_view id) const {
  const auto* r = role(id);
  return r && !r->name.empty() ? r->name : std::string(id);
}

}  // namespace opskit
