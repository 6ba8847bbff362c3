#include "project/yaml_support.hpp"

#include <algorithm>
#include <map>

#include "support/strings.hpp"

namespace opskit {

namespace {

// yaml-cpp keeps both entries of a key written twice and answers lookups with the first: the
// second value would be lost without a word.
void report_duplicate_keys(const YamlDoc& doc, DiagnosticSink& sink) {
  std::vector<YAML::Node> pending{doc.root};
  while (!pending.empty()) {
    YAML::Node node = pending.back();
    pending.pop_back();
    if (node.IsSequence()) {
      for (const auto& item : node) pending.push_back(item);
    } else if (node.IsMap()) {
      std::map<std::string, YAML::Node> seen;
      for (const auto& entry : node) {
        pending.push_back(entry.second);
        if (!entry.first.IsScalar()) continue;
        auto [it, inserted] = seen.emplace(entry.first.Scalar(), entry.first);
        if (!inserted)
          report_at(doc, entry.first, sink, "yaml.duplicate-key", Severity::error,
                    "key '" + entry.first.Scalar() + "' is written twice (first on line " +
                        std::to_string(yaml_line(doc, it->second)) + "); only the first value would be read");
      }
    }
  }
}

}  // namespace

std::optional<YamlDoc> parse_yaml(const std::string& file, const std::string& text, DiagnosticSink& sink,
                                  const std::string& rule, int line_offset) {
  try {
    YamlDoc doc{file, YAML::Load(text), line_offset};
    report_duplicate_keys(doc, sink);
    return doc;
  } catch (const YAML::Exception& e) {
    sink.report(rule, Severity::error, file, e.mark.line + 1 + line_offset, e.mark.column + 1,
                "invalid YAML: " + e.msg);
    return std::nullopt;
  }
}

int yaml_line(const YamlDoc& doc, const YAML::Node& node) {
  auto mark = node.Mark();
  return mark.line < 0 ? 0 : mark.line + 1 + doc.line_offset;
}
int yaml_column(const YAML::Node& node) {
  auto mark = node.Mark();
  return mark.column < 0 ? 0 : mark.column + 1;
}

void report_at(const YamlDoc& doc, const YAML::Node& node, DiagnosticSink& sink, const std::string& rule,
               Severity severity, const std::string& message) {
  sink.report(rule, severity, doc.file, yaml_line(doc, node), yaml_column(node), message);
}

void warn_unknown_keys(const YamlDoc& doc, const YAML::Node& map, const std::vector<std::string>& known,
                       DiagnosticSink& sink, const std::string& rule, const std::string& where) {
  if (!map.IsMap()) return;
  for (const auto& entry : map) {
    auto key = entry.first.as<std::string>("");
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    auto suggestion = closest_match(key, known);
    std::string message = "unknown key '" + key + "' in " + where;
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    report_at(doc, entry.first, sink, rule, Severity::warning, message);
  }
}

namespace {
const char* type_name(const YAML::Node& n) {
  if (n.IsMap()) return "a map";
  if (n.IsSequence()) return "a list";
  if (n.IsNull()) return "empty";
  return "a scalar";
}
}  // namespace

std::optional<std::string> yaml_string(const YamlDoc& doc, const YAML::Node& map, const std::string& key,
                                       DiagnosticSink& sink, const std::string& rule, bool required) {
  if (!map.IsMap()) return std::nullopt;
  auto node = map[key];
  if (!node && required) report_at(doc, map, sink, rule, Severity::error, "missing required key '" + key + "'");
  return yaml_string_value(doc, node ? &node : nullptr, key, sink, rule);
}

std::optional<std::string> yaml_string_value(const YamlDoc& doc, const YAML::Node* node, const std::string& key,
                                             DiagnosticSink& sink, const std::string& rule) {
  if (node == nullptr) return std::nullopt;
  if (!node->IsScalar()) {
    report_at(doc, *node, sink, rule, Severity::error, "'" + key + "' must be a string, not " + type_name(*node));
    return std::nullopt;
  }
  return node->Scalar();
}

std::optional<long> yaml_int(const YamlDoc& doc, const YAML::Node& map, const std::string& key,
                             DiagnosticSink& sink, const std::string& rule) {
  if (!map.IsMap()) return std::nullopt;
  auto node = map[key];
  return yaml_int_value(doc, node ? &node : nullptr, key, sink, rule);
}

std::optional<long> yaml_int_value(const YamlDoc& doc, const YAML::Node* node, const std::string& key,
                                   DiagnosticSink& sink, const std::string& rule) {
  if (node == nullptr || node->IsNull()) return std::nullopt;
  try {
    if (!node->IsScalar()) throw YAML::BadConversion(node->Mark());
    return node->as<long>();
  } catch (const YAML::Exception&) {
    report_at(doc, *node, sink, rule, Severity::error, "'" + key + "' must be an integer");
    return std::nullopt;
  }
}

std::optional<long> yaml_int_in(const YamlDoc& doc, const YAML::Node& map, const std::string& key, long min, long max,
                                DiagnosticSink& sink, const std::string& rule) {
  auto value = yaml_int(doc, map, key, sink, rule);
  if (value && (*value < min || *value > max)) {
    report_at(doc, map[key], sink, rule, Severity::error,
              "'" + key + "' must be from " + std::to_string(min) + " to " + std::to_string(max) + ", not " +
                  std::to_string(*value));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> yaml_bool(const YamlDoc& doc, const YAML::Node& map, const std::string& key,
                              DiagnosticSink& sink, const std::string& rule) {
  if (!map.IsMap()) return std::nullopt;
  auto node = map[key];
  return yaml_bool_value(doc, node ? &node : nullptr, key, sink, rule);
}

std::optional<bool> yaml_bool_value(const YamlDoc& doc, const YAML::Node* node, const std::string& key,
                                    DiagnosticSink& sink, const std::string& rule) {
  if (node == nullptr || node->IsNull()) return std::nullopt;
  try {
    if (!node->IsScalar()) throw YAML::BadConversion(node->Mark());
    return node->as<bool>();
  } catch (const YAML::Exception&) {
    report_at(doc, *node, sink, rule, Severity::error, "'" + key + "' must be true or false");
    return std::nullopt;
  }
}

std::vector<std::string> yaml_string_list(const YamlDoc& doc, const YAML::Node& map, const std::string& key,
                                          DiagnosticSink& sink, const std::string& rule) {
  if (!map.IsMap()) return {};
  auto node = map[key];
  return yaml_string_list_value(doc, node ? &node : nullptr, key, sink, rule);
}

std::vector<std::string> yaml_string_list_value(const YamlDoc& doc, const YAML::Node* node, const std::string& key,
                                                DiagnosticSink& sink, const std::string& rule) {
  std::vector<std::string> out;
  if (node == nullptr || node->IsNull()) return out;
  if (node->IsScalar()) {  // a single value where a list is expected is read as a list of one
    out.push_back(node->Scalar());
    return out;
  }
  if (!node->IsSequence()) {
    report_at(doc, *node, sink, rule, Severity::error, "'" + key + "' must be a list of strings");
    return out;
  }
  for (const auto& item : *node) {
    if (!item.IsScalar()) {
      report_at(doc, item, sink, rule, Severity::error, "items of '" + key + "' must be strings");
      continue;
    }
    out.push_back(item.Scalar());
  }
  return out;
}

}  // namespace opskit
