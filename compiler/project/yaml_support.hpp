#pragma once
// Reading YAML with positions: every problem in a data file names its line and column.
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"

namespace opskit {

struct YamlDoc {
  std::string file;  // project-relative, for diagnostics
  YAML::Node root;
  int line_offset = 0;  // added to yaml-cpp's 0-based line (front matter starts below line 1)
};

// Parses `text`; on a syntax error reports `rule` with the parser's position and returns nullopt.
std::optional<YamlDoc> parse_yaml(const std::string& file, const std::string& text, DiagnosticSink& sink,
                                  const std::string& rule, int line_offset = 0);

int yaml_line(const YamlDoc& doc, const YAML::Node& node);
int yaml_column(const YAML::Node& node);

// Reports keys of `map` not in `known` as warnings naming the closest known key.
void warn_unknown_keys(const YamlDoc& doc, const YAML::Node& map, const std::vector<std::string>& known,
                       DiagnosticSink& sink, const std::string& rule, const std::string& where);

// Typed readers: report `rule` with position when the value has the wrong type.
std::optional<std::string> yaml_string(const YamlDoc& doc, const YAML::Node& map, const std::string& key,
                                       DiagnosticSink& sink, const std::string& rule, bool required = false);
std::optional<long> yaml_int(const YamlDoc& doc, const YAML::Node& map, const std::string& key,
                             DiagnosticSink& sink, const std::string& rule);
// An integer from `min` to `max` (both included); anything else is reported.
std::optional<long> yaml_int_in(const YamlDoc& doc, const YAML::Node& map, const std::string& key, long min, long max,
                                DiagnosticSink& sink, const std::string& rule);
std::optional<bool> yaml_bool(const YamlDoc& doc, const YAML::Node& map, const std::string& key,
                              DiagnosticSink& sink, const std::string& rule);
std::vector<std::string> yaml_string_list(const YamlDoc& doc, const YAML::Node& map, const std::string& key,
                                          DiagnosticSink& sink, const std::string& rule);
// The same readers for a value already found (a map read in one pass); nullptr: the key is absent.
std::optional<std::string> yaml_string_value(const YamlDoc& doc, const YAML::Node* node, const std::string& key,
                                             DiagnosticSink& sink, const std::string& rule);
std::optional<long> yaml_int_value(const YamlDoc& doc, const YAML::Node* node, const std::string& key,
                                   DiagnosticSink& sink, const std::string& rule);
std::optional<bool> yaml_bool_value(const YamlDoc& doc, const YAML::Node* node, const std::string& key,
                                    DiagnosticSink& sink, const std::string& rule);
std::vector<std::string> yaml_string_list_value(const YamlDoc& doc, const YAML::Node* node, const std::string& key,
                                                DiagnosticSink& sink, const std::string& rule);
void report_at(const YamlDoc& doc, const YAML::Node& node, DiagnosticSink& sink, const std::string& rule,
               Severity severity, const std::string& message);

}  // namespace opskit
