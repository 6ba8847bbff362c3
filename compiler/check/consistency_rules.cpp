#include "check/consistency_rules.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdio>
#include <optional>
#include <regex>
#include <set>

#include "check/operating_model_checker.hpp"
#include "support/files.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

using std::chrono::sys_days;
using om_rules::iso;
using om_rules::parse_date;


bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// The first YYYY-MM-DD date at or after `from` that is a real day; its offset in `at`.
std::optional<sys_days> find_date(std::string_view text, std::size_t from, std::size_t* at) {
  for (std::size_t i = from; i + 10 <= text.size(); ++i) {
    if (i > 0 && is_digit(text[i - 1])) continue;
    auto s = text.substr(i, 10);
    if (i + 10 < text.size() && is_digit(text[i + 10])) continue;
    auto day = parse_date(s);  // YYYY-MM-DD and a real day, as front matter dates are read
    if (!day) continue;
    if (at) *at = i;
    return day;
  }
  return std::nullopt;
}

// A fenced code block (``` or ~~~) or a Workshop Studio `:::code` directive, which ends at `:::`.
bool fence_line(std::string_view line, std::string& fence) {
  auto t = trim(line);
  if (fence.empty() && starts_with(t, ":::code")) {
    fence = ":::";
    return true;
  }
  if (fence == ":::") {
    if (t == ":::") fence.clear();
    return t == ":::";
  }
  if (!(starts_with(t, "```") || starts_with(t, "~~~"))) return false;
  auto marker = std::string(t.substr(0, 3));
  if (fence.empty()) fence = marker;
  else if (fence == marker) fence.clear();
  return true;
}

// "- item", "* item", "+ item", "1. item": the column (0-based) where the item's text starts.
std::optional<std::size_t> list_item(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i > 3 || i >= line.size()) return std::nullopt;
  if ((line[i] == '-' || line[i] == '*' || line[i] == '+') && i + 1 < line.size() && line[i + 1] == ' ') return i + 2;
  std::size_t d = i;
  while (d < line.size() && is_digit(line[d])) ++d;
  if (d > i && d + 1 < line.size() && (line[d] == '.' || line[d] == ')') && line[d + 1] == ' ') return d + 2;
  return std::nullopt;
}

// One tag key written in a snippet: where, and the key as written.
struct TagUse {
  int line, column;
  std::string key;
};

bool next_has_value(const std::vector<std::string>& lines, std::size_t i, const char* value_key) {
  if (lines[i].find(value_key) != std::string::npos) return true;
  for (std::size_t j = i + 1; j < lines.size() && j < i + 3; ++j) {
    if (trim(lines[j]).empty()) continue;
    return lines[j].find(value_key) != std::string::npos;
  }
  return false;
}

// `Key:` belongs to a tag list when its line or the parent it is nested in (the closest line
// above with less indentation, climbing over bare `{`, `[` and `-`) names tags: `Tags:`,
// `"Tags": [`, `TagSpecifications`.
bool in_tag_list(const std::vector<std::string>& lines, std::size_t i) {
  auto names_tags = [](const std::string& l) { return l.find("Tags") != std::string::npos || l.find("tags") != std::string::npos; };
  if (names_tags(lines[i])) return true;
  auto cur = lines[i].find_first_not_of(' ');
  if (cur == std::string::npos) return false;
  bool dash = lines[i][cur] == '-';
  for (std::size_t j = i; j-- > 0 && j + 16 > i;) {
    auto f = lines[j].find_first_not_of(' ');
    if (f == std::string::npos) continue;
    bool parent = f < cur || (f == cur && dash && lines[j][f] != '-');
    if (!parent) continue;
    auto t = trim(lines[j]);
    if (t == "{" || t == "[" || t == "-" || t == "- {" || t == "[{" || t == "{[") {
      cur = f;
      dash = lines[j][f] == '-';
      continue;
    }
    return names_tags(lines[j]);
  }
  return false;
}

// Tag keys in YAML/CloudFormation `Tags` lists (`Key: X` with a `Value:`), JSON (`"Key": "X"`
// with a `"Value"`), the CLI (`Key=X,Value=`), filters (`tag:X`), IAM condition keys
// (`aws:ResourceTag/X`, `aws:RequestTag/X`), the Config rule required-tags parameters
// (`tag1Key: X`) and tag policies (`"tag_key": {"@@assign": "X"}`). `lines[i]` is file line
// `first_line + i`.
std::vector<TagUse> tag_keys_in(const std::vector<std::string>& lines, int first_line) {
  static const std::regex yaml_key(R"((^|[\s{,\-])Key:[ \t]*["']?([A-Za-z0-9_.:/=+@\-]+))");
  static const std::regex json_key(R"("Key"\s*:\s*"([^"]+)\")");
  static const std::regex cli_key(R"((^|[\s,])Key=([^,\s"']+),Value=)");
  static const std::regex filter_key(R"((^|[^A-Za-z0-9_:])tag:([A-Za-z0-9_.:+@\-]+))");
  static const std::regex iam_key(R"(aws:(Resource|Request)Tag/([A-Za-z0-9_.:+@\-]+))");
  static const std::regex config_key(R"(tag[1-6]Key[\\"']*\s*[:=]\s*[\\"']*([A-Za-z0-9_.:/+@\-]+))");
  static const std::regex policy_key(R"("tag_key"\s*:\s*\{\s*"@@assign"\s*:\s*"([^"]+)\")");
  std::vector<TagUse> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    if (line.find("Key") == std::string::npos && line.find("tag") == std::string::npos &&
        line.find("Tag") == std::string::npos)
      continue;
    auto add = [&](const std::smatch& m, int group) {
      auto key = m[group].str();
      while (!key.empty() && key.back() == ':') key.pop_back();  // `aws:ResourceTag/Owner: x` in YAML
      if (!key.empty()) out.push_back({first_line + static_cast<int>(i), static_cast<int>(m.position(group)) + 1, key});
    };
    // Each pattern runs only on lines holding the text it cannot match without (std::regex is
    // slow, and most lines of a template that mention a tag match one pattern or none).
    auto each = [&](const std::regex& re, int group, std::string_view needs, auto&& accept) {
      if (line.find(needs) == std::string::npos) return;
      for (std::sregex_iterator it(line.begin(), line.end(), re), end; it != end; ++it)
        if (accept()) add(*it, group);
    };
    each(yaml_key, 2, "Key:", [&] { return next_has_value(lines, i, "Value:") && in_tag_list(lines, i); });
    each(json_key, 1, "\"Key\"", [&] { return next_has_value(lines, i, "\"Value\"") && in_tag_list(lines, i); });
    // `Key=X,Value=Y` is a tag only after --tags (not --provisioning-parameters or --filters).
    bool cli_tags = line.find("-tag") != std::string::npos ||
                    (i > 0 && lines[i - 1].find("-tag") != std::string::npos && trim(lines[i - 1]).ends_with("\\"));
    if (cli_tags) each(cli_key, 2, "Key=", [] { return true; });
    // `tag:X` as a filter name; `tag:GetResources` and the other tag: IAM actions are not keys.
    each(filter_key, 2, "tag:", [&] { return line.find("Name") != std::string::npos || line.find("Key") != std::string::npos; });
    each(iam_key, 2, "Tag/", [] { return true; });
    if (line.find("tag") != std::string::npos) each(config_key, 1, "Key", [] { return true; });
    each(policy_key, 1, "\"tag_key\"", [] { return true; });
  }
  return out;
}

bool template_file(const std::string& path) {
  auto lower = to_lower(path);
  for (const char* ext : {".yaml", ".yml", ".json", ".template"})
    if (lower.size() > std::string_view(ext).size() && lower.compare(lower.size() - std::string_view(ext).size(),
                                                                     std::string_view::npos, ext) == 0)
      return true;
  return false;
}

class Consistency {
 public:
  Consistency(const Model& model, const OperatingModel& om, DiagnosticSink& sink, sys_days today)
      : model_(model), om_(om), sink_(sink), today_(today) {}

  void run() {
    for (const auto& page : model_.pages) {
      check_owner_accountable(page);
      check_sources(page);
      check_page_tags(page);
      check_closed_tools(page);
    }
    check_template_tags();
    check_sla_sources();
  }

 private:
  const Model& model_;
  const OperatingModel& om_;
  DiagnosticSink& sink_;
  sys_days today_;

  // ---- raci.owner-accountable ---------------------------------------------------------------

  std::string role_id(std::string_view owner) const {
    auto wanted = std::string(trim(owner));
    if (om_.role(wanted)) return wanted;
    for (const auto& r : om_.roles)
      if (to_lower(r.name) == to_lower(wanted)) return r.id;
    return {};
  }

  void check_owner_accountable(const Page& page) {
    const auto& kind = page.meta.kind;
    if (om_.raci_file.empty() || om_.roles_file.empty()) return;
    if (kind != "runbook" && kind != "sop" && kind != "playbook" && kind != "gameday") return;
    auto owner = role_id(page.meta.owner);
    if (owner.empty()) return;  // no owner, or not a role: runbook.owner and friends report it
    std::string area = kind == "sop" ? page.meta.framework_area
                                     : (!trim(page.meta.area).empty() ? page.meta.area : page.meta.framework_area);
    area = std::string(trim(area));
    // No area, or one that is not an area id (the page's own rules report that).
    if (operational_area_name(area).empty() && framework_area_name(area).empty()) return;
    std::set<std::string> holders;
    bool rows = false;
    for (const auto& a : om_.activities) {
      if (a.group.id != area) continue;
      rows = true;
      for (const auto& cell : a.cells) {
        if (cell.letters.find_first_of("AR") == std::string::npos) continue;
        if (cell.role.id == owner) return;
        holders.insert(cell.role.id);
      }
    }
    auto it = page.meta.key_positions.find("owner");
    int line = it == page.meta.key_positions.end() ? 1 : it->second.first;
    int column = it == page.meta.key_positions.end() ? 1 : it->second.second;
    std::string message =
        rows ? "owner '" + owner + "' holds no A or R in any RACI row of area '" + area + "' (" + om_.raci_file +
                   "); roles with A or R there: " + join(std::vector<std::string>(holders.begin(), holders.end()), ", ")
             : "owner '" + owner + "' cannot hold A or R for area '" + area + "': " + om_.raci_file +
                   " has no activity in that group";
    sink_.report("raci.owner-accountable", Severity::error, page.file, line, column, message);
  }

  // ---- sources.* ----------------------------------------------------------------------------

  void check_sources(const Page& page) {
    const Heading* section = nullptr;
    for (const auto& h : page.body.headings)
      if (h.level == 2 && starts_with(to_lower(trim(h.text)), "sources")) {
        section = &h;
        break;
      }
    if (!section) return;
    int end = INT_MAX;
    for (const auto& h : page.body.headings)
      if (h.level <= 2 && h.line > section->line) end = std::min(end, h.line);
    auto lines = split_lines(*page.text);
    end = std::min(end, static_cast<int>(lines.size()) + 1);
    bool url = false;
    // Items: a list item and its continuation lines (or a paragraph when the section has no list).
    struct Item {
      int line, column;
      std::string text;
    };
    std::vector<Item> items;
    std::string fence;
    bool in_item = false;
    for (int n = section->line + 1; n < end; ++n) {
      const auto& text = lines[n - 1];
      if (fence_line(text, fence) || !fence.empty()) {
        in_item = false;
        continue;
      }
      if (text.find("http://") != std::string::npos || text.find("https://") != std::string::npos) url = true;
      if (trim(text).empty()) {
        in_item = false;
        continue;
      }
      if (auto col = list_item(text)) {
        items.push_back({n, static_cast<int>(*col) + 1, text});
        in_item = true;
      } else if (in_item) {
        items.back().text += "\n" + text;
      } else if (!starts_with(trim(text), "<!--")) {
        auto first = text.find_first_not_of(' ');
        items.push_back({n, static_cast<int>(first) + 1, text});
        in_item = true;
      }
    }
    if (!url)
      sink_.report("sources.missing-url", Severity::error, page.file, section->line, section->column,
                   "the Sources section has no URL: give at least one address a reader can follow");
    int period = model_.config.review_period_days;
    for (const auto& item : items) {
      std::optional<sys_days> checked;
      std::size_t from = 0, at = 0;
      while (auto d = find_date(item.text, from, &at)) {  // the last date of the item: when it was checked
        checked = d;
        from = at + 10;
      }
      if (!checked) {
        sink_.report("sources.undated", Severity::error, page.file, item.line, item.column,
                     "this source carries no date (YYYY-MM-DD) saying when it was checked");
        continue;
      }
      if (period <= 0) continue;
      auto age = (today_ - *checked).count();
      if (age > period)
        sink_.report("sources.stale", Severity::warning, page.file, item.line, item.column,
                     "this source was checked " + iso(*checked) + ", " + std::to_string(age) + " days before " +
                         iso(today_) + "; review_period_days is " + std::to_string(period));
    }
  }

  // ---- tagging.unknown-key ------------------------------------------------------------------

  void check_tag_uses(const std::string& file, const std::vector<TagUse>& uses) {
    for (const auto& use : uses) {
      if (starts_with(use.key, "aws:")) continue;  // AWS's own tags (aws:cloudformation:stack-name)
      if (std::any_of(om_.tag_keys.begin(), om_.tag_keys.end(), [&](const TagKey& k) { return k.key == use.key; }))
        continue;
      std::string hint;
      for (const auto& k : om_.tag_keys)
        if (to_lower(k.key) == to_lower(use.key)) hint = "; did you mean '" + k.key + "'? (keys are case-sensitive)";
      if (hint.empty()) {
        std::vector<std::string> keys;
        for (const auto& k : om_.tag_keys) keys.push_back(k.key);
        auto s = closest_match(use.key, keys);
        hint = s.empty() ? "; the standard's keys are " + join(keys, ", ") : "; did you mean '" + s + "'?";
      }
      sink_.report("tagging.unknown-key", Severity::error, file, use.line, use.column,
                   "tag key '" + use.key + "' is not a key of the tagging standard (" + om_.tagging_file + ")" + hint);
    }
  }

  void check_page_tags(const Page& page) {
    if (om_.tagging_file.empty()) return;
    auto lines = split_lines(*page.text);
    std::string fence;
    std::vector<std::string> block;
    int block_start = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      bool was_open = !fence.empty();
      if (fence_line(lines[i], fence)) {
        if (was_open && fence.empty()) check_tag_uses(page.file, tag_keys_in(block, block_start));
        block.clear();
        block_start = static_cast<int>(i) + 2;
        continue;
      }
      if (!fence.empty()) block.push_back(lines[i]);
    }
  }

  void check_template_tags() {
    if (om_.tagging_file.empty()) return;
    for (const auto& file : model_.sources.statics) {
      if (!template_file(file.path)) continue;
      if (!file.text) continue;  // too large to read (load/limits.hpp)
      check_tag_uses(file.file, tag_keys_in(split_lines(*file.text), 1));
    }
  }

  // ---- tooling.closed-only-path -------------------------------------------------------------

  struct Mention {
    std::size_t at;
    const Tool* tool;
    std::string text;
  };

  std::optional<Mention> closed_only(std::string_view text) const {
    for (const auto& area : om_.tooling)
      for (const auto& tool : area.tools) {
        if (trim(tool.closed_since).empty()) continue;
        std::optional<Mention> first;
        for (const auto& m : tool.mentions) {
          if (m.empty()) continue;
          auto at = text.find(m);
          if (at != std::string_view::npos && (!first || at < first->at)) first = Mention{at, &tool, m};
        }
        if (!first) continue;
        auto lower = to_lower(text);
        bool alternative = std::any_of(tool.alternatives.begin(), tool.alternatives.end(), [&](const std::string& a) {
          return !a.empty() && lower.find(to_lower(a)) != std::string::npos;
        });
        if (!alternative) return first;
      }
    return std::nullopt;
  }

  std::string closed_message(const std::string& what, const Mention& m) const {
    return what + " names '" + m.text + "' (" + m.tool->name + "), closed to new customers since " +
           std::string(trim(m.tool->closed_since)) + " (" + om_.tooling_file + "), and no path open to them (" +
           join(m.tool->alternatives, ", ") + ")";
  }

  void check_closed_tools(const Page& page) {
    if (om_.tooling_file.empty()) return;
    const auto& kind = page.meta.kind;
    if (kind != "sop" && kind != "runbook") return;
    auto m = closed_only(*page.text);
    if (!m) return;
    int line = 1 + static_cast<int>(std::count(page.text->begin(), page.text->begin() + static_cast<long>(m->at), '\n'));
    auto line_start = page.text->rfind('\n', m->at == 0 ? 0 : m->at - 1);
    int column = static_cast<int>(m->at - (line_start == std::string::npos || m->at == 0 ? 0 : line_start + 1)) + 1;
    if (m->at == 0) column = 1;
    sink_.report("tooling.closed-only-path", Severity::error, page.file, line, column,
                 closed_message(std::string(kind == "sop" ? "this SOP" : "this runbook"), *m));
  }

  void check_sla_sources() {
    if (om_.tooling_file.empty()) return;
    for (const auto& t : om_.targets) {
      auto m = closed_only(t.source);
      if (!m) continue;
      auto pos = t.field_pos.count("source") ? t.field_pos.at("source") : t.id_pos;
      sink_.report("tooling.closed-only-path", Severity::error, pos.file, pos.line, pos.column,
                   closed_message("the measurement source of '" + t.id + "'", *m));
    }
  }
};

}  // namespace

void check_consistency(const Model& model, const OperatingModel& om, DiagnosticSink& sink, sys_days today) {
  Consistency(model, om, sink, today).run();
}

}  // namespace opskit
