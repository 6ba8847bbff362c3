#include "parse/front_matter.hpp"

#include <algorithm>

#include "project/yaml_support.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

const std::vector<std::string> kKnownKeys = {
    "title", "weight", "id", "kind", "area", "framework_area", "owner", "last_reviewed", "automation", "tags",
    "wa", "hidden", "draft", "linkTitle", "menuTitle", "description", "chapter", "disableToc", "pre", "date"};

const std::vector<std::string> kKinds = {"page", "lab", "runbook", "playbook", "sop", "tooling",
                                         "assessment", "raci", "sla", "gameday"};

// The text's lines, each ending in "\n" (what joining split_lines() with newlines gives).
std::string lines_with_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 1);
  LineReader lines(text);
  std::string_view line;
  while (lines.next(line)) out.append(line).push_back('\n');
  return out;
}

// TOML front matter as seen in Workshop Studio (`key = value` lines) read as YAML, line for line,
// so positions stay right.
std::string toml_as_yaml(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    auto t = trim(line);
    auto eq = line.find('=');
    if (t.empty() || t[0] == '#' || t[0] == '[' || eq == std::string::npos) {
      out += "\n";
      continue;
    }
    auto key = std::string(trim(std::string_view(line).substr(0, eq)));
    auto value = std::string(trim(std::string_view(line).substr(eq + 1)));
    if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'')  // TOML literal string
      value = "'" + replace_all(value.substr(1, value.size() - 2), "'", "''") + "'";
    out += key + ": " + value + "\n";
  }
  return out;
}

// Reads the known keys; returns whether there is a 'title'. The map is walked once: yaml-cpp finds
// a key by walking the map and converting every key on the way, and this asks for twenty.
bool read_keys(const YamlDoc& doc, FrontMatter& fm, DiagnosticSink& sink) {
  const auto& root = doc.root;
  std::vector<std::pair<std::string, YAML::Node>> values;  // in the file's order; the first of a key counts
  for (const auto& entry : root) {
    auto key = entry.first.as<std::string>("");
    fm.key_positions[key] = {yaml_line(doc, entry.first), yaml_column(entry.first)};
    values.emplace_back(std::move(key), entry.second);
  }
  auto value_of = [&values](std::string_view key) -> const YAML::Node* {
    for (const auto& [name, value] : values)
      if (name == key) return &value;
    return nullptr;
  };
  warn_unknown_keys(doc, root, kKnownKeys, sink, "frontmatter.unknown-key", "front matter");
  const std::string rule = "frontmatter.type";
  const YAML::Node* title = value_of("title");
  if (title != nullptr) {
    fm.title_line = yaml_line(doc, *title);
    fm.title_column = yaml_column(*title);
    if (!title->IsScalar() || title->Scalar().empty())
      report_at(doc, *title, sink, rule, Severity::error, "'title' must be a non-empty string");
    else
      fm.title = title->Scalar();
  }
  fm.weight = yaml_int_value(doc, value_of("weight"), "weight", sink, rule);
  auto str = [&](const char* key, std::string& into) {
    if (auto v = yaml_string_value(doc, value_of(key), key, sink, rule)) into = *v;
  };
  str("id", fm.id);
  str("kind", fm.kind);
  str("area", fm.area);
  str("framework_area", fm.framework_area);
  str("owner", fm.owner);
  str("last_reviewed", fm.last_reviewed);
  str("automation", fm.automation);
  str("description", fm.description);
  str("linkTitle", fm.link_title);
  str("menuTitle", fm.menu_title);
  str("pre", fm.pre);
  str("date", fm.date);
  auto flag = [&](const char* key, bool& into) {
    if (auto v = yaml_bool_value(doc, value_of(key), key, sink, rule)) into = *v;
  };
  flag("hidden", fm.hidden);
  flag("draft", fm.draft);
  flag("chapter", fm.chapter);
  flag("disableToc", fm.disable_toc);
  fm.tags = yaml_string_list_value(doc, value_of("tags"), "tags", sink, rule);
  fm.wa = yaml_string_list_value(doc, value_of("wa"), "wa", sink, rule);
  // Without a 'kind' key the kind stays "page", a known one.
  const YAML::Node* kind = value_of("kind");
  if (kind != nullptr && std::find(kKinds.begin(), kKinds.end(), fm.kind) == kKinds.end()) {
    auto suggestion = closest_match(fm.kind, kKinds);
    report_at(doc, *kind, sink, "frontmatter.kind", Severity::error,
              "unknown kind '" + fm.kind + "'" + (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?"));
    fm.kind = "page";
  }
  return title != nullptr;
}

}  // namespace

SplitPage split_front_matter(const std::string& text_in, const std::string& file, DiagnosticSink& sink) {
  SplitPage out;
  std::string_view text = text_in;
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);  // a BOM is tolerated
  // Only the lines up to the closing fence are read one by one; the body is taken whole.
  LineReader lines(text);
  std::string_view line;
  int index = -1;  // 0-based line number of `line`
  bool any = false;
  while (lines.next(line)) {
    ++index;
    if (!trim(line).empty()) {
      any = true;
      break;
    }
  }
  std::string fence = any ? std::string(trim(line)) : "";
  if (fence != "---" && fence != "+++") {
    out.body = {std::string(text), 1};
    sink.report("frontmatter.missing", Severity::warning, file, 1, 1,
                "page has no front matter; its title comes from the first heading or the file name");
    return out;
  }
  int open_line = index + 1;
  int open_column = static_cast<int>(line.find_first_not_of(" \t")) + 1;
  std::vector<std::string> block;
  bool closed = false;
  while (lines.next(line)) {
    ++index;
    if (trim(line) == fence) {
      closed = true;
      break;
    }
    block.emplace_back(line);
  }
  if (!closed) {
    sink.report("frontmatter.unclosed", Severity::error, file, open_line, open_column,
                "front matter opened with '" + fence + "' is never closed");
    std::string rest;
    for (const auto& l : block) rest += l + "\n";
    out.body = {rest, open_line + 1};
    return out;
  }
  out.meta.present = true;
  out.meta.title_line = open_line;
  out.meta.title_column = open_column;
  std::string yaml_text;
  if (fence == "+++") {
    yaml_text = toml_as_yaml(block);
  } else {
    for (const auto& l : block) yaml_text += l + "\n";
  }
  out.body = {lines_with_newlines(lines.rest()), index + 2};

  auto doc = parse_yaml(file, yaml_text, sink, "frontmatter.invalid", open_line);
  if (!doc) return out;
  if (doc->root.IsNull()) {
    sink.report("frontmatter.missing-title", Severity::error, file, open_line, open_column,
                "front matter has no 'title'");
    return out;
  }
  if (!doc->root.IsMap()) {
    report_at(*doc, doc->root, sink, "frontmatter.invalid", Severity::error, "front matter must be a map of keys");
    return out;
  }
  if (!read_keys(*doc, out.meta, sink))
    sink.report("frontmatter.missing-title", Severity::error, file, open_line, open_column,
                "front matter has no 'title'");
  return out;
}

}  // namespace opskit
