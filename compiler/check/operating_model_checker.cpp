#include "check/operating_model_checker.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "support/strings.hpp"

namespace opskit::om_rules {




std::vector<std::string> area_ids() {
  std::vector<std::string> out;
  for (const auto& a : operational_areas()) out.push_back(a.id);
  return out;
}
std::vector<std::string> framework_ids() {
  std::vector<std::string> out;
  for (const auto& a : framework_areas()) out.push_back(a.id);
  return out;
}
bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}
std::string did_you_mean(std::string_view wanted, const std::vector<std::string>& candidates) {
  auto s = closest_match(wanted, candidates);
  return s.empty() ? std::string() : "; did you mean '" + s + "'?";
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      out.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(word);
  return out;
}

// A `##` heading names a required section when each word of the section's name starts a word of
// the heading: "Procedure: patch the fleet" is a Procedure, "Communications plan" a
// Communication plan, "Tools and special permissions" a Tools and permissions.
const Heading* find_section(const Page& page, std::string_view name) {
  auto wanted = words_of(name);
  for (const auto& h : page.body.headings) {
    if (h.level != 2) continue;
    auto have = words_of(h.text);
    bool all = std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
      return std::any_of(have.begin(), have.end(), [&](const std::string& x) { return starts_with(x, w); });
    });
    if (all) return &h;
  }
  return nullptr;
}

// The first file line after a section: the next heading of level 1 or 2 below it.
int section_end(const Page& page, const Heading& section) {
  int end = INT_MAX;
  for (const auto& h : page.body.headings)
    if (h.level <= 2 && h.line > section.line) end = std::min(end, h.line);
  return end;
}

// "1. step" or "2) step": digits, then '.' or ')', then a space or the line's end.
bool ordered_list_item(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
  std::size_t digits = i;
  while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
  if (i == digits || i >= line.size() || (line[i] != '.' && line[i] != ')')) return false;
  return i + 1 == line.size() || std::isspace(static_cast<unsigned char>(line[i + 1]));
}

// `text` is `prefix` followed by exactly `digits` decimal digits from `at`.
bool digits_at(std::string_view text, std::size_t at, std::size_t count) {
  if (text.size() < at + count) return false;
  for (std::size_t i = at; i < at + count; ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  return true;
}

// "OPS07-BP03" shape with any pillar prefix: PREFIX, two digits, "-BP", two digits.
bool practice_shape(std::string_view id, std::string_view prefix) {
  return id.size() == prefix.size() + 7 && starts_with(id, prefix) && digits_at(id, prefix.size(), 2) &&
         id.compare(prefix.size() + 2, 3, "-BP") == 0 && digits_at(id, prefix.size() + 5, 2);
}

bool has_ordered_list(const Page& page, const Heading& section) {
  auto lines = split_lines(*page.text);
  int end = std::min(section_end(page, section), static_cast<int>(lines.size()) + 1);
  std::string fence;
  for (int line = section.line + 1; line < end; ++line) {
    auto t = trim(lines[line - 1]);
    if (starts_with(t, "```") || starts_with(t, "~~~")) {
      auto marker = std::string(t.substr(0, 3));
      if (fence.empty()) fence = marker;
      else if (fence == marker) fence.clear();
      continue;
    }
    if (fence.empty() && ordered_list_item(lines[line - 1])) return true;
  }
  return false;
}

std::optional<sys_days> parse_date(std::string_view s) {
  std::string text(trim(s));
  if (text.size() != 10 || !digits_at(text, 0, 4) || text[4] != '-' || !digits_at(text, 5, 2) || text[7] != '-' ||
      !digits_at(text, 8, 2))
    return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{std::stoi(text.substr(0, 4))},
                                  std::chrono::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
                                  std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

std::string iso(sys_days d) {
  std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

CheckerBase::CheckerBase(const Model& model, const OperatingModel& om, DiagnosticSink& sink, sys_days today)
    : model_(model), om_(om), sink_(sink), today_(today), areas_(area_ids()), frameworks_(framework_ids()) {
  for (const auto& r : om.roles) role_ids_.push_back(r.id);
}

void CheckerBase::at(const std::string& rule, Severity s, const SourcePos& p, const std::string& message) {
  sink_.report(rule, s, p.file, p.line, p.column, message);
}

void CheckerBase::at_page(const std::string& rule, Severity s, const Page& page, const std::string& message) {
  sink_.report(rule, s, page.file, 1, 1, message);
}

void CheckerBase::at_key(const std::string& rule, Severity s, const Page& page, const std::string& key,
                         const std::string& message) {
  auto it = page.meta.key_positions.find(key);
  if (it == page.meta.key_positions.end()) return at_page(rule, s, page, message);
  sink_.report(rule, s, page.file, it->second.first, it->second.second, message);
}

}  // namespace opskit::om_rules
