#include "parse/operating_model_data.hpp"

#include <algorithm>
#include <cctype>

#include "parse/values_data.hpp"
#include "project/yaml_support.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

constexpr const char* kInvalid = "data.invalid";
constexpr const char* kMissing = "data.missing-field";
constexpr const char* kUnknownKey = "data.unknown-key";
constexpr const char* kDuplicate = "data.duplicate-id";

std::vector<std::string> ids_of(const std::vector<NamedId>& list) {
  std::vector<std::string> out;
  for (const auto& item : list) out.push_back(item.id);
  return out;
}


const char* node_type(const YAML::Node& n) {
  if (n.IsMap()) return "a map";
  if (n.IsSequence()) return "a list";
  if (n.IsNull()) return "empty";
  return "a scalar";
}

// Reads one data file, reporting every problem with its position.
class DataReader {
 public:
  DataReader(const YamlDoc& doc, DiagnosticSink& sink) : doc_(doc), sink_(sink) {}

  SourcePos pos(const YAML::Node& node) const { return {doc_.file, yaml_line(doc_, node), yaml_column(node)}; }

  // Where `key` is written in `map`; the map's own position when it is absent.
  SourcePos key_pos(const YAML::Node& map, const std::string& key) const {
    if (map.IsMap())
      for (const auto& entry : map)
        if (entry.first.as<std::string>("") == key) return pos(entry.first);
    return pos(map);
  }

  SourcePos id_pos(const YAML::Node& item) const { return item["id"] ? pos(item["id"]) : pos(item); }

  void error(const YAML::Node& node, const std::string& rule, const std::string& message) const {
    report_at(doc_, node, sink_, rule, Severity::error, message);
  }

  void unknown_keys(const YAML::Node& map, const std::vector<std::string>& known, const std::string& where) const {
    warn_unknown_keys(doc_, map, known, sink_, kUnknownKey, where);
  }

  // The list under `key` of the file's root map; reports a missing or malformed list.
  YAML::Node root_list(const std::string& key, const std::vector<std::string>& known_root, SourcePos& key_position) const {
    const auto& root = doc_.root;
    if (root.IsNull()) {
      sink_.report(kInvalid, Severity::error, doc_.file, 1, 1, "the file is empty; expected '" + key + ":' with a list");
      return {};
    }
    if (!root.IsMap()) {
      error(root, kInvalid, "expected a map with '" + key + ":', not " + node_type(root));
      return {};
    }
    unknown_keys(root, known_root, doc_.file);
    key_position = key_pos(root, key);
    auto list = root[key];
    if (!list) {
      error(root, kMissing, "missing '" + key + ":' (a list)");
      return {};
    }
    if (list.IsNull()) return {};
    if (!list.IsSequence()) {
      error(list, kInvalid, "'" + key + "' must be a list, not " + node_type(list));
      return {};
    }
    return list;
  }

  // A string value: absent or empty (`key:`) gives nullopt without a report, the rules decide
  // whether it was required; a list or map is reported and marked invalid.
  std::optional<std::string> str(const YAML::Node& map, const std::string& key, std::set<std::string>* invalid = nullptr) const {
    auto node = map[key];
    if (!node || node.IsNull()) return std::nullopt;
    if (!node.IsScalar()) {
      error(node, kInvalid, "'" + key + "' must be a string, not " + node_type(node));
      if (invalid) invalid->insert(key);
      return std::nullopt;
    }
    return node.Scalar();
  }

  // A required string; reports `kMissing` at the item when absent or blank.
  std::string required(const YAML::Node& map, const std::string& key, const std::string& what) const {
    auto value = str(map, key);
    if (!value && map[key] && !map[key].IsNull()) return {};  // malformed: already reported
    if (!value || trim(*value).empty()) {
      error(map, kMissing, what + " has no '" + key + "'");
      return {};
    }
    return *value;
  }

  IdRef id_ref(const YAML::Node& map, const std::string& key, std::set<std::string>* invalid = nullptr) const {
    IdRef ref;
    if (auto value = str(map, key, invalid)) {
      ref.id = std::string(trim(*value));
      ref.pos = pos(map[key]);
    } else {
      ref.pos = key_pos(map, key);
    }
    return ref;
  }

  // A list of ids; one id written as a scalar is read as a list of one.
  std::vector<IdRef> id_list(const YAML::Node& map, const std::string& key) const {
    std::vector<IdRef> out;
    auto node = map[key];
    if (!node || node.IsNull()) return out;
    if (node.IsScalar()) {
      out.push_back({std::string(trim(node.Scalar())), pos(node)});
      return out;
    }
    if (!node.IsSequence()) {
      error(node, kInvalid, "'" + key + "' must be a list of ids, not " + node_type(node));
      return out;
    }
    for (const auto& item : node) {
      if (!item.IsScalar()) {
        error(item, kInvalid, "items of '" + key + "' must be ids (strings), not " + node_type(item));
        continue;
      }
      out.push_back({std::string(trim(item.Scalar())), pos(item)});
    }
    return out;
  }

  std::optional<double> number(const YAML::Node& node) const {
    if (!node || !node.IsScalar()) return std::nullopt;
    try {
      return node.as<double>();
    } catch (const YAML::Exception&) {
      return std::nullopt;
    }
  }

  // Reports the second and later items with an id already seen in this list.
  void check_duplicate(std::set<std::string>& seen, const std::string& id, const YAML::Node& item,
                       const std::string& what) const {
    if (id.empty()) return;
    if (!seen.insert(id).second) error(item["id"] ? item["id"] : item, kDuplicate, what + " '" + id + "' is defined twice");
  }

  const YamlDoc& doc() const { return doc_; }

 private:
  const YamlDoc& doc_;
  DiagnosticSink& sink_;
};

bool is_item_map(const DataReader& r, const YAML::Node& item, const std::string& what) {
  if (item.IsMap()) return true;
  r.error(item, kInvalid, what + " must be a map, not " + node_type(item));
  return false;
}

void read_roles(const DataReader& r, OperatingModel& om) {
  SourcePos list_pos;
  auto list = r.root_list("roles", {"roles"}, list_pos);
  std::set<std::string> seen;
  for (const auto& item : list) {
    if (!is_item_map(r, item, "a role")) continue;
    r.unknown_keys(item, {"id", "name", "description"}, "a role");
    Role role;
    role.pos = r.pos(item);
    role.id = r.required(item, "id", "a role");
    role.id_pos = r.id_pos(item);
    role.name = r.required(item, "name", "role '" + role.id + "'");
    role.description = r.required(item, "description", "role '" + role.id + "'");
    r.check_duplicate(seen, role.id, item, "role");
    if (!role.id.empty()) om.roles.push_back(std::move(role));
  }
}

void read_tools(const DataReader& r, const YAML::Node& item, ToolingArea& area) {
  auto tools = item["tools"];
  area.tools_pos = r.key_pos(item, "tools");
  if (!tools || tools.IsNull()) return;
  if (!tools.IsSequence()) {
    r.error(tools, kInvalid, "'tools' must be a list of {name, type}, not " + std::string(node_type(tools)));
    area.invalid.insert("tools");
    return;
  }
  for (const auto& t : tools) {
    if (!is_item_map(r, t, "a tool")) continue;
    r.unknown_keys(t, {"name", "type", "closed_to_new_customers", "mentions", "alternatives"}, "a tool");
    Tool tool;
    tool.pos = r.pos(t);
    tool.closed_since = r.str(t, "closed_to_new_customers").value_or("");
    for (const auto& ref : r.id_list(t, "mentions")) tool.mentions.push_back(ref.id);
    for (const auto& ref : r.id_list(t, "alternatives")) tool.alternatives.push_back(ref.id);
    tool.name = r.required(t, "name", "a tool of area '" + area.id + "'");
    tool.type = r.required(t, "type", "tool '" + tool.name + "'");
    const auto& types = tool_types();
    if (!tool.type.empty() && std::find(types.begin(), types.end(), tool.type) == types.end()) {
      auto suggestion = closest_match(tool.type, types);
      r.error(t["type"], kInvalid,
              "tool type '" + tool.type + "' is not one of " + join(types, ", ") +
                  (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?"));
    }
    if (!tool.name.empty()) area.tools.push_back(std::move(tool));
  }
}

void read_criteria(const DataReader& r, const YAML::Node& item, ToolingArea& area) {
  area.criteria_pos = r.key_pos(item, "criteria");
  auto criteria = item["criteria"];
  if (!criteria || criteria.IsNull()) return;
  if (!criteria.IsMap()) {
    r.error(criteria, kInvalid, "'criteria' must be a map of the seven criteria, not " + std::string(node_type(criteria)));
    area.invalid.insert("criteria");
    return;
  }
  r.unknown_keys(criteria, ids_of(tooling_criteria()), "criteria");
  for (const auto& c : tooling_criteria()) {
    std::set<std::string> invalid;
    if (auto value = r.str(criteria, c.id, &invalid)) {
      area.criteria[c.id] = *value;
      area.criterion_pos[c.id] = r.key_pos(criteria, c.id);
    } else if (!invalid.empty()) {
      area.invalid.insert(std::string("criteria.") + c.id);
    } else if (criteria[c.id]) {
      area.criterion_pos[c.id] = r.key_pos(criteria, c.id);
    }
  }
}

void read_tooling(const DataReader& r, OperatingModel& om) {
  auto list = r.root_list("areas", {"areas"}, om.tooling_areas_pos);
  std::set<std::string> seen;
  for (const auto& item : list) {
    if (!is_item_map(r, item, "an area")) continue;
    r.unknown_keys(item, {"id", "name", "owner", "page", "tools", "criteria", "runbooks", "sops"}, "a tooling area");
    ToolingArea area;
    area.pos = r.pos(item);
    area.id = r.required(item, "id", "an area");
    area.id_pos = r.id_pos(item);
    area.name = r.str(item, "name", &area.invalid).value_or("");
    area.owner = r.id_ref(item, "owner", &area.invalid);
    area.page = r.id_ref(item, "page", &area.invalid);
    read_tools(r, item, area);
    read_criteria(r, item, area);
    area.runbooks_pos = r.key_pos(item, "runbooks");
    area.runbooks = r.id_list(item, "runbooks");
    area.sops = r.id_list(item, "sops");
    r.check_duplicate(seen, area.id, item, "area");
    if (!area.id.empty()) om.tooling.push_back(std::move(area));
  }
}

void read_raci(const DataReader& r, OperatingModel& om) {
  auto list = r.root_list("activities", {"activities"}, om.raci_activities_pos);
  std::set<std::string> seen;
  for (const auto& item : list) {
    if (!is_item_map(r, item, "an activity")) continue;
    r.unknown_keys(item, {"id", "name", "group", "raci"}, "an activity");
    RaciActivity a;
    a.pos = r.pos(item);
    a.id = r.required(item, "id", "an activity");
    a.id_pos = r.id_pos(item);
    a.name = r.required(item, "name", "activity '" + a.id + "'");
    a.group = r.id_ref(item, "group", &a.invalid);
    if (a.group.id.empty() && !a.invalid.count("group")) r.error(item, kMissing, "activity '" + a.id + "' has no 'group'");
    a.raci_pos = r.key_pos(item, "raci");
    auto raci = item["raci"];
    if (raci && !raci.IsNull() && !raci.IsMap()) {
      r.error(raci, kInvalid, "'raci' must map role ids to letters, not " + std::string(node_type(raci)));
      a.invalid.insert("raci");
    } else if (raci && raci.IsMap()) {
      for (const auto& entry : raci) {
        RaciCell cell;
        cell.role = {entry.first.as<std::string>(""), r.pos(entry.first)};
        cell.letters_pos = r.pos(entry.second);
        if (entry.second.IsScalar()) {
          cell.letters = entry.second.Scalar();
        } else if (!entry.second.IsNull()) {
          r.error(entry.second, kInvalid, "letters for '" + cell.role.id + "' must be a string such as R or A");
          continue;
        }
        a.cells.push_back(std::move(cell));
      }
    }
    r.check_duplicate(seen, a.id, item, "activity");
    if (!a.id.empty()) om.activities.push_back(std::move(a));
  }
}

void read_threshold(const DataReader& r, const YAML::Node& node, SlaThreshold& t) {
  if (!node || node.IsNull()) return;
  t.present = true;
  t.pos = r.pos(node);
  if (!node.IsMap()) {
    if (node.IsScalar()) t.value_text = node.Scalar();
    return;
  }
  t.is_map = true;
  r.unknown_keys(node, {"value", "unit", "comparison"}, "threshold");
  if (auto v = node["value"]; v && !v.IsNull()) {
    t.value_pos = r.pos(v);
    t.value_text = v.IsScalar() ? v.Scalar() : std::string();
    t.value = r.number(v);
  } else {
    t.value_pos = t.pos;
  }
  if (auto u = node["unit"]; u && u.IsScalar()) {
    t.unit = std::string(trim(u.Scalar()));
    t.unit_pos = r.pos(u);
  } else {
    t.unit_pos = u && !u.IsNull() ? r.pos(u) : t.pos;
  }
  if (auto c = node["comparison"]; c && c.IsScalar()) {
    t.comparison = std::string(trim(c.Scalar()));
    t.comparison_pos = r.pos(c);
  }
}

void read_sla(const DataReader& r, OperatingModel& om) {
  SourcePos list_pos;
  auto list = r.root_list("targets", {"targets"}, list_pos);
  std::set<std::string> seen;
  for (const auto& item : list) {
    if (!is_item_map(r, item, "a target")) continue;
    r.unknown_keys(item,
                   {"id", "type", "name", "service", "metric", "threshold", "target_percent", "window", "source",
                    "owner", "breach_action", "supports"},
                   "an SLA/OLA target");
    SlaTarget t;
    t.pos = r.pos(item);
    t.id = r.required(item, "id", "a target");
    t.id_pos = r.id_pos(item);
    for (const auto& entry : item) t.field_pos[entry.first.as<std::string>("")] = r.pos(entry.first);
    t.type = std::string(trim(r.str(item, "type", &t.invalid).value_or("")));
    t.type_pos = item["type"] ? r.pos(item["type"]) : t.pos;
    if (t.type.empty() && !t.invalid.count("type")) {
      r.error(item, kMissing, "target '" + t.id + "' has no 'type' (sla or ola)");
    } else if (!t.type.empty() && t.type != "sla" && t.type != "ola") {
      r.error(item["type"], kInvalid, "type '" + t.type + "' must be sla or ola");
      t.invalid.insert("type");
    }
    t.name = r.str(item, "name", &t.invalid).value_or("");
    t.service = r.str(item, "service", &t.invalid).value_or("");
    t.metric = r.str(item, "metric", &t.invalid).value_or("");
    t.window = r.str(item, "window", &t.invalid).value_or("");
    t.source = r.str(item, "source", &t.invalid).value_or("");
    t.breach_action = r.str(item, "breach_action", &t.invalid).value_or("");
    t.owner = r.id_ref(item, "owner", &t.invalid);
    t.supports = r.id_ref(item, "supports", &t.invalid);
    read_threshold(r, item["threshold"], t.threshold);
    if (auto p = item["target_percent"]; p && !p.IsNull()) {
      t.target_percent_pos = r.pos(p);
      t.target_percent = r.number(p);
      if (!t.target_percent) t.invalid.insert("target_percent");
    }
    r.check_duplicate(seen, t.id, item, "target");
    if (!t.id.empty()) om.targets.push_back(std::move(t));
  }
}

void read_framework(const DataReader& r, OperatingModel& om) {
  auto list = r.root_list("areas", {"areas"}, om.framework_areas_pos);
  std::set<std::string> seen;
  for (const auto& item : list) {
    if (!is_item_map(r, item, "a framework area")) continue;
    r.unknown_keys(item, {"id", "name", "purpose", "roles", "sops"}, "a framework area");
    FrameworkArea a;
    a.pos = r.pos(item);
    a.id = r.required(item, "id", "a framework area");
    a.id_pos = r.id_pos(item);
    a.name = r.str(item, "name").value_or("");
    a.purpose = r.required(item, "purpose", "framework area '" + a.id + "'");
    a.roles = r.id_list(item, "roles");
    a.sops_pos = r.key_pos(item, "sops");
    a.sops = r.id_list(item, "sops");
    r.check_duplicate(seen, a.id, item, "framework area");
    if (!a.id.empty()) om.framework.push_back(std::move(a));
  }
}

// content/data/tagging.yaml: the tagging standard, `keys:` a list of {key, mandatory, purpose, values}.
void read_tagging(const DataReader& r, OperatingModel& om) {
  SourcePos keys_pos;
  auto list = r.root_list("keys", {"keys", "untagged_spend_max_percent"}, keys_pos);
  std::set<std::string> seen;
  for (const auto& item : list) {
    if (!is_item_map(r, item, "a tag key")) continue;
    r.unknown_keys(item, {"key", "mandatory", "purpose", "values"}, "a tag key");
    TagKey k;
    k.pos = item["key"] ? r.pos(item["key"]) : r.pos(item);
    k.key = r.required(item, "key", "a tag key");
    k.mandatory = r.str(item, "mandatory").value_or("") == "true";
    if (!k.key.empty() && !seen.insert(k.key).second) {
      r.error(item["key"], kDuplicate, "tag key '" + k.key + "' is defined twice");
      continue;
    }
    if (!k.key.empty()) om.tag_keys.push_back(std::move(k));
  }
  add_tagging_values(r.doc(), om);  // the threshold and the mandatory keys, for :value[tagging.*]
}

}  // namespace

OperatingModel load_operating_model(const Model& model, DiagnosticSink& sink) {
  OperatingModel om;
  for (const auto& data : model.sources.data) {
    using Reader = void (*)(const DataReader&, OperatingModel&);
    Reader read = nullptr;
    std::string* file = nullptr;
    if (data.name == "roles") read = read_roles, file = &om.roles_file;
    else if (data.name == "tooling-map") read = read_tooling, file = &om.tooling_file;
    else if (data.name == "raci") read = read_raci, file = &om.raci_file;
    else if (data.name == "sla") read = read_sla, file = &om.sla_file;
    else if (data.name == "framework") read = read_framework, file = &om.framework_file;
    else if (data.name == "tagging") read = read_tagging, file = &om.tagging_file;
    if (data.name == "values") {  // shared values: parse/values_data.cpp
      om.values_file = data.file;
      if (auto doc = parse_yaml(data.file, data.text, sink, "values.invalid")) read_values(*doc, om, sink);
      continue;
    }
    if (!read) continue;  // other data files (the questionnaire) have their own readers
    *file = data.file;
    auto doc = parse_yaml(data.file, data.text, sink, kInvalid);
    if (!doc) continue;
    read(DataReader(*doc, sink), om);
  }
  return om;
}

}  // namespace opskit
