#include "parse/values_data.hpp"

#include <cctype>

#include "support/strings.hpp"

namespace opskit {

namespace {

constexpr const char* kInvalid = "values.invalid";

const char* node_type(const YAML::Node& n) {
  if (n.IsMap()) return "a map";
  if (n.IsSequence()) return "a list";
  if (n.IsNull()) return "empty";
  return "a scalar";
}

// A key segment is what a page can write inside :value[...] without escaping: lower case,
// digits, '_' and '-'.
bool valid_segment(const std::string& s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (!(std::islower(c) || std::isdigit(c) || c == '_' || c == '-')) return false;
  return true;
}

SourcePos pos_of(const YamlDoc& doc, const YAML::Node& node) { return {doc.file, yaml_line(doc, node), yaml_column(node)}; }

void read_map(const YamlDoc& doc, const YAML::Node& map, const std::string& prefix, OperatingModel& om,
              DiagnosticSink& sink) {
  for (const auto& entry : map) {
    auto segment = entry.first.as<std::string>("");
    if (!valid_segment(segment)) {
      report_at(doc, entry.first, sink, kInvalid, Severity::error,
                "key '" + segment + "' may hold only lower-case letters, digits, '_' and '-'");
      continue;
    }
    auto key = prefix.empty() ? segment : prefix + "." + segment;
    if (prefix.empty() && segment == "tagging") {
      report_at(doc, entry.first, sink, kInvalid, Severity::error,
                "the tagging values come from content/data/tagging.yaml; define them there, not here");
      continue;
    }
    const auto& value = entry.second;
    if (value.IsMap()) {
      read_map(doc, value, key, om, sink);
    } else if (value.IsScalar() && !trim(value.Scalar()).empty()) {
      om.values[key] = {std::string(trim(value.Scalar())), pos_of(doc, value)};
    } else {
      // A page inserts the value as text: a list or an empty value has no one text to insert.
      report_at(doc, value.IsNull() ? entry.first : value, sink, kInvalid, Severity::error,
                "value '" + key + "' must be a text, a number or a map of values, not " + node_type(value));
    }
  }
}

}  // namespace

void read_values(const YamlDoc& doc, OperatingModel& om, DiagnosticSink& sink) {
  if (doc.root.IsNull()) return;  // an empty file defines no values
  if (!doc.root.IsMap()) {
    report_at(doc, doc.root, sink, kInvalid, Severity::error,
              std::string("expected a map of values, not ") + node_type(doc.root));
    return;
  }
  read_map(doc, doc.root, "", om, sink);
}

void add_tagging_values(const YamlDoc& doc, OperatingModel& om) {
  if (!doc.root.IsMap()) return;
  auto threshold = doc.root["untagged_spend_max_percent"];
  if (threshold && threshold.IsScalar() && !trim(threshold.Scalar()).empty())
    om.values["tagging.untagged_spend_max_percent"] = {std::string(trim(threshold.Scalar())), pos_of(doc, threshold)};
  std::vector<std::string> mandatory;
  SourcePos first;
  for (const auto& k : om.tag_keys)
    if (k.mandatory) {
      if (mandatory.empty()) first = k.pos;
      mandatory.push_back(k.key);
    }
  if (!mandatory.empty()) om.values["tagging.mandatory_keys"] = {join(mandatory, ", "), first};
}

}  // namespace opskit
