#pragma once
// The operating model's structured data (content/data/*.yaml): roles, tooling map, RACI, SLA/OLA
// catalogue and framework areas, each item keeping where it was written. The schemas are in
// docs/data-schemas.md. A project without these files (a bare workshop) gets an empty model.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"

namespace opskit {

struct SourcePos {
  std::string file;
  int line = 0, column = 0;
};

// A reference to a page or role id, written at `pos`.
struct IdRef {
  std::string id;
  SourcePos pos;
};

struct Role {
  std::string id, name, description;
  SourcePos pos, id_pos;
};

struct Tool {
  std::string name, type;  // type: aws-service | marketplace | partner | open-source
  SourcePos pos;
  // `closed_to_new_customers: YYYY-MM-DD`: AWS no longer onboards new customers since that date.
  // `mentions`: how pages name the tool (role names such as "Incident Manager" excluded);
  // `alternatives`: the open paths a page must also name when it names the tool.
  std::string closed_since;
  std::vector<std::string> mentions, alternatives;
};

// One key of the tagging standard (content/data/tagging.yaml); keys are case-sensitive.
struct TagKey {
  std::string key;
  bool mandatory = false;
  SourcePos pos;
};

struct ToolingArea {
  std::string id, name;
  IdRef owner;  // role id
  IdRef page;   // page id of the area's tooling page (may be empty)
  std::vector<Tool> tools;
  std::map<std::string, std::string> criteria;  // criterion key -> answer, as written
  std::map<std::string, SourcePos> criterion_pos;
  std::vector<IdRef> runbooks, sops;
  SourcePos pos, id_pos, criteria_pos, runbooks_pos, tools_pos;  // *_pos of a list: its key
  std::set<std::string> invalid;  // keys already reported as malformed
};

struct RaciCell {
  IdRef role;
  std::string letters;
  SourcePos letters_pos;
};

struct RaciActivity {
  std::string id, name;
  IdRef group;  // an operational area id or a framework area id
  std::vector<RaciCell> cells;
  SourcePos pos, id_pos, raci_pos;
  std::set<std::string> invalid;
};

struct SlaThreshold {
  bool present = false, is_map = false;
  std::optional<double> value;
  std::string value_text, unit, comparison;
  SourcePos pos, value_pos, unit_pos, comparison_pos;
};

struct SlaTarget {
  std::string id, type, name, service, metric, window, source, breach_action;
  IdRef owner, supports;
  SlaThreshold threshold;
  std::optional<double> target_percent;
  SourcePos pos, id_pos, type_pos, target_percent_pos;
  std::map<std::string, SourcePos> field_pos;  // key -> position of the key
  std::set<std::string> invalid;
};

// One shared value: a name, a cadence or a timing that pages insert with :value[key] instead of
// writing it, so it is written once. Keys are dotted paths ("change.calendar"); most come from
// content/data/values.yaml, the tagging ones ("tagging.untagged_spend_max_percent") from tagging.yaml.
struct SharedValue {
  std::string text;
  SourcePos pos;
};

struct FrameworkArea {
  std::string id, name, purpose;
  std::vector<IdRef> roles, sops;
  SourcePos pos, id_pos, sops_pos;
};

struct OperatingModel {
  // Which files the project has (empty: none); the rules about a file run only when it exists.
  std::string roles_file, tooling_file, raci_file, sla_file, framework_file, tagging_file, values_file;
  SourcePos tooling_areas_pos, framework_areas_pos, raci_activities_pos;

  std::vector<Role> roles;
  std::vector<ToolingArea> tooling;
  std::vector<RaciActivity> activities;
  std::vector<SlaTarget> targets;
  std::vector<FrameworkArea> framework;
  std::vector<TagKey> tag_keys;
  std::map<std::string, SharedValue> values;  // key -> value, for :value[key]

  bool has_any_data() const;
  const Role* role(std::string_view id) const;
  const ToolingArea* tooling_area(std::string_view id) const;
  const SlaTarget* target(std::string_view id) const;
  const FrameworkArea* framework_area(std::string_view id) const;
  const SharedValue* value(std::string_view key) const;  // nullptr when no data file defines it
  // "Cloud Operations Engineer" for a defined role, else the id as written.
  std::string role_name(std::string_view id) const;
};

// The fixed vocabularies of docs/content-rules.md and docs/data-schemas.md, in display order.
struct NamedId {
  const char* id;
  const char* name;
};
const std::vector<NamedId>& operational_areas();       // the sixteen
const std::vector<NamedId>& framework_areas();         // the five
const std::vector<NamedId>& tooling_criteria();        // the seven selection criteria
const std::vector<std::string>& tool_types();
std::string operational_area_name(std::string_view id);  // "" when unknown
std::string framework_area_name(std::string_view id);    // "" when unknown

// Well-Architected Operational Excellence: the four areas and the best practices of OPS01..OPS11
// (framework version of 2024-06-27 and later).
struct OeArea {
  const char* name;
  int first_question, last_question;
};
const std::vector<OeArea>& oe_areas();
int oe_best_practice_count(int question);  // OPS01 -> 6; 0 outside OPS01..OPS11
// The area ("Prepare") of a valid id ("OPS07-BP03"); "" when the id is not in the pillar.
std::string oe_area_of(std::string_view practice_id);

}  // namespace opskit
