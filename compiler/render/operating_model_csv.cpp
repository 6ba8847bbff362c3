// The handover CSVs: the rows of ::raci, ::sla-table and ::tooling-matrix, for spreadsheets.
#include "render/operating_model_views.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

// RFC 4180: a field holding a comma, a quote or a line break is quoted, quotes doubled.
std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  return "\"" + replace_all(value, "\"", "\"\"") + "\"";
}

class CsvWriter {
 public:
  void row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) text_ += (i ? "," : "") + csv_field(fields[i]);
    text_ += "\r\n";
  }
  std::string text() const { return text_; }

 private:
  std::string text_;
};

std::string ids_text(const std::vector<IdRef>& refs) {
  std::vector<std::string> ids;
  for (const auto& r : refs)
    if (!r.id.empty()) ids.push_back(r.id);
  return join(ids, "; ");
}

std::string raci_csv(const OperatingModel& om) {
  CsvWriter csv;
  auto roles = raci_role_columns(om);
  std::vector<std::string> header = {"activity_id", "activity", "group"};
  for (const auto& id : roles) header.push_back(om.role_name(id));
  csv.row(header);
  for (const auto* a : raci_rows(om)) {
    std::vector<std::string> fields = {a->id, a->name, raci_group_name(a->group.id)};
    for (const auto& id : roles) fields.push_back(raci_letters(*a, id));
    csv.row(fields);
  }
  return csv.text();
}

std::string sla_csv(const OperatingModel& om) {
  CsvWriter csv;
  csv.row({"id", "type", "name", "service", "metric", "threshold", "target_percent", "window", "source", "owner",
           "breach_action", "supports"});
  for (const auto& t : om.targets)
    csv.row({t.id, t.type, t.name, t.service, t.metric, threshold_text(t),
             t.target_percent ? percent_text(*t.target_percent) : "", t.window, t.source,
             t.owner.id.empty() ? "" : om.role_name(t.owner.id), t.breach_action, t.supports.id});
  return csv.text();
}

std::string tooling_csv(const OperatingModel& om) {
  CsvWriter csv;
  std::vector<std::string> header = {"area_id", "area", "tools"};
  for (const auto& c : tooling_criteria()) header.push_back(c.id);
  for (const char* c : {"owner", "tooling_page", "runbooks", "sops"}) header.push_back(c);
  csv.row(header);
  for (const auto& area : om.tooling) {
    std::vector<std::string> fields = {area.id, area_display_name(area), tool_list_text(area)};
    for (const auto& c : tooling_criteria()) {
      auto it = area.criteria.find(c.id);
      fields.push_back(it == area.criteria.end() ? "" : std::string(trim(it->second)));
    }
    fields.push_back(area.owner.id.empty() ? "" : om.role_name(area.owner.id));
    fields.push_back(area.page.id);
    fields.push_back(ids_text(area.runbooks));
    fields.push_back(ids_text(area.sops));
    csv.row(fields);
  }
  return csv.text();
}

}  // namespace

std::map<std::string, std::string> operating_model_csv(const OperatingModel& om) {
  std::map<std::string, std::string> files;
  if (!om.raci_file.empty()) files["raci.csv"] = raci_csv(om);
  if (!om.sla_file.empty()) files["sla-ola.csv"] = sla_csv(om);
  if (!om.tooling_file.empty()) files["tooling-map.csv"] = tooling_csv(om);
  return files;
}

}  // namespace opskit
