#include "check/operating_model_rules.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "check/consistency_rules.hpp"
#include "resolve/link_target.hpp"
#include "support/source_date_epoch.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

using std::chrono::sys_days;

// A role that signs off more than this share of activities is a bottleneck; below the minimum
// number of activities one role per row already exceeds the share, so the rule does not apply.
constexpr double kMaxAccountableShare = 0.30;
constexpr std::size_t kMinActivitiesForShare = 4;

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
  auto lines = split_lines(page.text);
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

class Checker {
 public:
  Checker(const Model& model, const OperatingModel& om, DiagnosticSink& sink, sys_days today)
      : model_(model), om_(om), sink_(sink), today_(today), areas_(area_ids()), frameworks_(framework_ids()) {
    for (const auto& r : om.roles) role_ids_.push_back(r.id);
  }

  void run() {
    for (int i = 0; i < static_cast<int>(model_.pages.size()); ++i) check_page(i);
    check_tooling();
    check_raci();
    check_sla();
    check_framework();
    check_missing_roles_file();
    check_wa_coverage();
  }

 private:
  const Model& model_;
  const OperatingModel& om_;
  DiagnosticSink& sink_;
  sys_days today_;
  std::vector<std::string> areas_, frameworks_, role_ids_;

  void at(const std::string& rule, Severity s, const SourcePos& p, const std::string& message) {
    sink_.report(rule, s, p.file, p.line, p.column, message);
  }
  void at_page(const std::string& rule, Severity s, const Page& page, const std::string& message) {
    sink_.report(rule, s, page.file, 1, 1, message);
  }
  void at_key(const std::string& rule, Severity s, const Page& page, const std::string& key, const std::string& message) {
    auto it = page.meta.key_positions.find(key);
    if (it == page.meta.key_positions.end()) return at_page(rule, s, page, message);
    sink_.report(rule, s, page.file, it->second.first, it->second.second, message);
  }

  // ---- pages --------------------------------------------------------------------------------

  void check_page(int index) {
    const Page& page = model_.pages[index];
    const auto& kind = page.meta.kind;
    if (kind == "runbook") check_runbook(page);
    else if (kind == "playbook") check_playbook(index);
    else if (kind == "sop") check_sop(page);
    else if (kind == "tooling") check_area_key(page, "tooling.unknown-area", "tooling page", false);
    check_wa_ids(page);
  }

  void require_sections(const Page& page, const std::string& rule, Severity s, const std::string& what,
                        const std::vector<std::string>& names) {
    for (const auto& name : names)
      if (!find_section(page, name))
        at_page(rule, s, page, what + " has no '## " + name + "' section");
  }

  void check_owner(const Page& page, const std::string& rule, const std::string& what) {
    if (trim(page.meta.owner).empty()) {
      at_page(rule, Severity::error, page, what + " has no 'owner' (the owning role)");
      return;
    }
    if (om_.roles_file.empty() || om_.role(page.meta.owner)) return;
    // A page may name its owning role by name ("Change Manager") as well as by id.
    auto wanted = to_lower(trim(page.meta.owner));
    for (const auto& role : om_.roles)
      if (to_lower(role.name) == wanted) return;
    at_key(rule, Severity::error, page, "owner",
           "owner '" + page.meta.owner + "' is not a role in " + om_.roles_file + did_you_mean(page.meta.owner, role_ids_));
  }

  void check_area_key(const Page& page, const std::string& rule, const std::string& what, bool required) {
    const auto& area = page.meta.area;
    if (area.empty()) {
      if (required) at_page(rule, Severity::error, page, what + " has no 'area' (one of the sixteen operational areas)");
      return;
    }
    if (contains(areas_, area)) return;
    at_key(rule, Severity::error, page, "area",
           "area '" + area + "' is not one of the sixteen operational areas" + did_you_mean(area, areas_));
  }

  // `missing_rule` is empty when the date is optional. The ids are written out whole so that the
  // registry test finds them in the sources.
  void check_review_date(const Page& page, const std::string& missing_rule, const std::string& stale_rule) {
    const auto& written = page.meta.last_reviewed;
    if (trim(written).empty()) {
      if (!missing_rule.empty())
        at_page(missing_rule, Severity::warning, page,
                "no 'last_reviewed' date (YYYY-MM-DD): nobody can tell whether this is still current");
      return;
    }
    auto date = parse_date(written);
    if (!date) {
      at_key("review.invalid-date", Severity::error, page, "last_reviewed",
             "last_reviewed '" + written + "' is not a date YYYY-MM-DD");
      return;
    }
    int period = model_.config.review_period_days;
    if (period <= 0) return;
    auto age = (today_ - *date).count();
    if (age > period)
      at_key(stale_rule, Severity::warning, page, "last_reviewed",
             "last reviewed " + std::string(trim(written)) + ", " + std::to_string(age) + " days before " + iso(today_) +
                 "; review_period_days is " + std::to_string(period));
  }

  void check_runbook(const Page& page) {
    check_owner(page, "runbook.owner", "runbook");
    check_area_key(page, "runbook.unknown-area", "runbook", true);
    check_review_date(page, "runbook.last-reviewed", "runbook.stale");
    require_sections(page, "runbook.missing-section", Severity::error, "runbook",
                     {"Purpose and outcome", "Tools and permissions", "Procedure", "Error handling and escalation",
                      "Validation"});
    if (const auto* procedure = find_section(page, "Procedure"); procedure && !has_ordered_list(page, *procedure))
      sink_.report("runbook.no-numbered-steps", Severity::error, page.file, procedure->line, procedure->column,
                   "the Procedure section has no numbered steps (an ordered list: '1. ...')");
    if (!find_section(page, "Trigger"))
      at_page("runbook.trigger", Severity::warning, page, "runbook has no '## Trigger' section (when to run it)");
    if (!find_section(page, "Rollback"))
      at_page("runbook.rollback", Severity::warning, page, "runbook has no '## Rollback' section");
    bool key = !trim(page.meta.automation).empty();
    bool section = find_section(page, "Automation") != nullptr;
    if (!key || !section) {
      std::string missing = !key && !section ? "no 'automation' front matter key and no '## Automation' section"
                            : !key           ? "no 'automation' front matter key"
                                             : "no '## Automation' section";
      at_page("runbook.automation", Severity::warning, page,
              "runbook has " + missing + " (the Systems Manager Automation document or script that implements it)");
    }
  }

  void check_playbook(int index) {
    const Page& page = model_.pages[index];
    check_owner(page, "playbook.owner", "playbook");
    check_area_key(page, "playbook.unknown-area", "playbook", false);
    require_sections(page, "playbook.missing-section", Severity::error, "playbook",
                     {"Investigation", "Stakeholders", "Communication plan", "Runbooks"});
    const auto* runbooks = find_section(page, "Runbooks");
    if (!runbooks) return;
    int end = section_end(page, *runbooks);
    for (const auto& link : page.body.links) {
      if (link.line <= runbooks->line || link.line >= end) continue;
      if (link.kind != LinkKind::link && link.kind != LinkKind::directive) continue;
      auto target = resolve_link(model_, index, link.url);
      if (target.kind == LinkTarget::Kind::page && target.page >= 0 && model_.pages[target.page].meta.kind == "runbook")
        return;
    }
    sink_.report("playbook.no-runbook-link", Severity::error, page.file, runbooks->line, runbooks->column,
                 "the Runbooks section links no page of kind runbook (the runbooks this playbook hands over to)");
  }

  void check_sop(const Page& page) {
    check_owner(page, "sop.owner", "SOP");
    const auto& area = page.meta.framework_area;
    if (trim(area).empty())
      at_page("sop.framework-area", Severity::error, page, "SOP has no 'framework_area' (one of the five framework areas)");
    else if (!contains(frameworks_, area))
      at_key("sop.framework-area", Severity::error, page, "framework_area",
             "framework_area '" + area + "' is not one of " + join(frameworks_, ", ") + did_you_mean(area, frameworks_));
    check_review_date(page, "", "sop.stale");
    require_sections(page, "sop.missing-section", Severity::error, "SOP",
                     {"Purpose", "Scope", "Roles", "Procedure", "Records", "Review cadence"});
  }

  // Where `id` is written in the page's `wa:` list; the key when it cannot be found.
  std::pair<int, int> wa_position(const Page& page, const std::string& id) {
    auto it = page.meta.key_positions.find("wa");
    if (it == page.meta.key_positions.end()) return {1, 1};
    auto lines = split_lines(page.text);
    for (int line = it->second.first; line <= static_cast<int>(lines.size()) && line < it->second.first + 60; ++line) {
      const auto& text = lines[line - 1];
      if (line > it->second.first && (trim(text) == "---" || trim(text) == "+++")) break;
      for (auto col = text.find(id); col != std::string::npos; col = text.find(id, col + 1)) {
        bool starts = col == 0 || !std::isalnum(static_cast<unsigned char>(text[col - 1]));
        auto after = col + id.size();
        bool ends = after >= text.size() ||
                    !(std::isalnum(static_cast<unsigned char>(text[after])) || text[after] == '_' || text[after] == '-');
        if (starts && ends) return {line, static_cast<int>(col) + 1};
      }
    }
    return it->second;
  }

  void check_wa_ids(const Page& page) {
    for (const auto& raw : page.meta.wa) {
      std::string id(trim(raw));
      bool other_pillar = false;
      for (const char* pillar : {"SEC", "REL", "PERF", "COST", "SUS"}) other_pillar = other_pillar || practice_shape(id, pillar);
      if (!oe_area_of(id).empty() || other_pillar) continue;
      std::string why;
      if (practice_shape(id, "OPS")) {
        auto question = id.substr(3, 2);
        int n = oe_best_practice_count(std::stoi(question));
        why = n == 0 ? "there are questions OPS01 to OPS11 only"
                     : "OPS" + question + " has best practices BP01 to BP" + (n < 10 ? "0" : "") + std::to_string(n);
      } else {
        why = "expected an id such as OPS07-BP03";
      }
      auto [line, column] = wa_position(page, raw);
      sink_.report("wa.unknown-practice", Severity::error, page.file, line, column,
                   "'" + id + "' is not a Well-Architected Operational Excellence best practice: " + why);
    }
  }

  void check_wa_coverage() {
    std::set<std::string> covered;
    bool declared = false;
    for (const auto& page : model_.pages)
      for (const auto& id : page.meta.wa) {
        declared = true;
        auto area = oe_area_of(trim(id));
        if (!area.empty()) covered.insert(area);
      }
    if (!declared && !om_.has_any_data()) return;  // not an operating-model kit
    auto question = [](int q) { return std::string("OPS") + (q < 10 ? "0" : "") + std::to_string(q); };
    for (const auto& area : oe_areas()) {
      if (covered.count(area.name)) continue;
      auto questions = area.first_question == area.last_question
                           ? question(area.first_question)
                           : question(area.first_question) + " to " + question(area.last_question);
      sink_.report("wa.area-uncovered", Severity::error, "", 0, 0,
                   std::string("no page addresses the Well-Architected Operational Excellence area ") + area.name +
                       " (" + questions + "): list the best practices a page addresses in its 'wa:'");
    }
  }

  // ---- data ---------------------------------------------------------------------------------

  // The page of `id` in the default locale, or nullptr (reported as data.unknown-page).
  const Page* page_ref(const IdRef& ref, const std::string& kind, const std::string& what) {
    auto it = model_.index.by_id.find(ref.id);
    if (it == model_.index.by_id.end() || it->second.empty()) {
      at("data.unknown-page", Severity::error, ref.pos,
         what + " '" + ref.id + "' is not a page id" + did_you_mean(ref.id, model_.index.ids));
      return nullptr;
    }
    int index = page_in_locale(model_, it->second, model_.config.default_locale);
    if (index < 0) return nullptr;
    const Page& page = model_.pages[index];
    if (!kind.empty() && page.meta.kind != kind)
      at("data.page-kind", Severity::error, ref.pos,
         what + " '" + ref.id + "' is a page of kind " + page.meta.kind + ", expected kind " + kind);
    return &page;
  }

  void role_ref(const IdRef& ref, const std::string& what) {
    if (ref.id.empty() || om_.roles_file.empty() || om_.role(ref.id)) return;
    at("data.unknown-role", Severity::error, ref.pos,
       what + " '" + ref.id + "' is not a role in " + om_.roles_file + did_you_mean(ref.id, role_ids_));
  }

  void check_tooling() {
    if (om_.tooling_file.empty()) return;
    std::set<std::string> present;
    for (const auto& area : om_.tooling) {
      present.insert(area.id);
      if (!contains(areas_, area.id))
        at("tooling.unknown-area", Severity::error, area.id_pos,
           "'" + area.id + "' is not one of the sixteen operational areas" + did_you_mean(area.id, areas_));
      check_criteria(area);
      if (area.tools.empty() && !area.invalid.count("tools"))
        at("tooling.no-tool", Severity::error, area.tools_pos,
           "area '" + area.id + "' names no tool (the AWS services or partner tools chosen for it)");
      if (area.owner.id.empty()) {
        if (!area.invalid.count("owner"))
          at("tooling.owner", Severity::error, area.owner.pos, "area '" + area.id + "' has no 'owner' (a role id)");
      } else {
        role_ref(area.owner, "owner");
      }
      if (!area.page.id.empty()) page_ref(area.page, "tooling", "page");
      bool operated = false;
      for (const auto& ref : area.runbooks)
        if (const auto* p = page_ref(ref, "runbook", "runbook"); p && p->meta.kind == "runbook") operated = true;
      for (const auto& ref : area.sops) page_ref(ref, "sop", "SOP");
      for (const auto& page : model_.pages)
        if (page.meta.kind == "runbook" && page.meta.area == area.id) operated = true;
      if (!operated)
        at("tooling.no-runbook", Severity::error, area.runbooks_pos,
           "no runbook operates area '" + area.id + "': list one under 'runbooks' or give a runbook 'area: " + area.id + "'");
    }
    for (const auto& a : operational_areas())
      if (!present.count(a.id))
        at("tooling.area-missing", Severity::error, om_.tooling_areas_pos,
           std::string("the tooling map has no entry for the operational area '") + a.id + "' (" + a.name + ")");
  }

  void check_criteria(const ToolingArea& area) {
    if (area.invalid.count("criteria")) return;
    bool any = !area.criterion_pos.empty() || !area.criteria.empty();
    if (!any) {
      std::vector<std::string> names;
      for (const auto& c : tooling_criteria()) names.push_back(c.id);
      at("tooling.criterion-missing", Severity::error, area.criteria_pos,
         "area '" + area.id + "' answers none of the seven selection criteria (" + join(names, ", ") + ")");
      return;
    }
    for (const auto& c : tooling_criteria()) {
      if (area.invalid.count(std::string("criteria.") + c.id)) continue;
      auto it = area.criteria.find(c.id);
      if (it != area.criteria.end() && !trim(it->second).empty()) continue;
      auto pos = area.criterion_pos.count(c.id) ? area.criterion_pos.at(c.id) : area.criteria_pos;
      at("tooling.criterion-missing", Severity::error, pos,
         "area '" + area.id + "' does not answer the criterion '" + c.id + "' (" + c.name + ")");
    }
  }

  void check_raci() {
    if (om_.raci_file.empty()) return;
    std::vector<std::string> groups = areas_;
    groups.insert(groups.end(), frameworks_.begin(), frameworks_.end());
    std::map<std::string, std::vector<const RaciCell*>> accountable;  // role -> its A cells
    for (const auto& a : om_.activities) {
      if (!a.group.id.empty() && !contains(groups, a.group.id))
        at("raci.unknown-group", Severity::error, a.group.pos,
           "group '" + a.group.id + "' is neither an operational area nor a framework area" + did_you_mean(a.group.id, groups));
      if (a.invalid.count("raci")) continue;
      std::vector<const RaciCell*> as;
      bool responsible = false;
      for (const auto& cell : a.cells) {
        if (!om_.roles_file.empty() && !om_.role(cell.role.id))
          at("raci.unknown-role", Severity::error, cell.role.pos,
             "role '" + cell.role.id + "' is not defined in " + om_.roles_file + did_you_mean(cell.role.id, role_ids_));
        std::string bad;
        std::set<char> letters;
        for (char c : cell.letters) {
          if (c == ' ' || c == ',' || c == '/' || c == '+') continue;
          if (c == 'R' || c == 'A' || c == 'C' || c == 'I') letters.insert(c);
          else bad += c;
        }
        if (!bad.empty() || letters.empty())
          at("raci.letter", Severity::error, cell.letters_pos,
             "'" + cell.letters + "' for role '" + cell.role.id + "': use the letters R, A, C and I only" +
                 (bad.find_first_of("raci") != std::string::npos ? " (upper case)" : ""));
        if (letters.count('A')) as.push_back(&cell);
        if (letters.count('R')) responsible = true;
      }
      if (as.empty())
        at("raci.accountable", Severity::error, a.raci_pos,
           "activity '" + a.id + "' has no Accountable role (exactly one A per activity)");
      else if (as.size() > 1)
        at("raci.accountable", Severity::error, as[1]->role.pos,
           "activity '" + a.id + "' has " + std::to_string(as.size()) + " Accountable roles (" + as[0]->role.id + ", " +
               as[1]->role.id + (as.size() > 2 ? ", ..." : "") + "); exactly one A per activity");
      if (!responsible)
        at("raci.responsible", Severity::error, a.raci_pos,
           "activity '" + a.id + "' has no Responsible role (at least one R per activity)");
      for (const auto* cell : as) accountable[cell->role.id].push_back(cell);
    }
    auto total = om_.activities.size();
    if (total < kMinActivitiesForShare) return;
    for (const auto& [role, cells] : accountable) {
      double share = static_cast<double>(cells.size()) / static_cast<double>(total);
      if (share <= kMaxAccountableShare) continue;
      at("raci.accountable-share", Severity::warning, cells.front()->role.pos,
         "role '" + role + "' is Accountable for " + std::to_string(cells.size()) + " of " + std::to_string(total) +
             " activities (" + std::to_string(static_cast<int>(std::lround(share * 100))) +
             "%); more than 30% makes one role the bottleneck for sign-off");
    }
  }

  void check_sla() {
    if (om_.sla_file.empty()) return;
    for (const auto& t : om_.targets) {
      auto field_at = [&](const std::string& key) {
        return t.field_pos.count(key) ? t.field_pos.at(key) : t.id_pos;
      };
      auto require = [&](const std::string& key, const std::string& value, const std::string& meaning) {
        if (t.invalid.count(key) || !trim(value).empty()) return;
        at("sla.field-missing", Severity::error, field_at(key),
           "target '" + t.id + "' has no '" + key + "' (" + meaning + "); a target must be measurable");
      };
      require("metric", t.metric, "what is measured");
      require("window", t.window, "the measurement window");
      require("source", t.source, "where the measurement comes from");
      require("owner", t.owner.id, "the role that owns the target");
      require("breach_action", t.breach_action, "what happens when it is missed");
      if (!t.threshold.present)
        at("sla.field-missing", Severity::error, field_at("threshold"),
           "target '" + t.id + "' has no 'threshold' ({value, unit, comparison}); a target must be measurable");
      else
        check_threshold(t);
      if (t.target_percent && (*t.target_percent <= 0 || *t.target_percent > 100))
        at("sla.threshold", Severity::error, t.target_percent_pos,
           "target_percent of '" + t.id + "' must be a share above 0 and at most 100");
      else if (t.invalid.count("target_percent"))
        at("sla.threshold", Severity::error, t.target_percent_pos,
           "target_percent of '" + t.id + "' must be a number (the share of events meeting the threshold)");
      role_ref(t.owner, "owner");
      check_supports(t);
    }
  }

  void check_threshold(const SlaTarget& t) {
    const auto& th = t.threshold;
    if (!th.is_map) {
      at("sla.threshold", Severity::error, th.pos,
         "threshold" + (th.value_text.empty() ? std::string() : " '" + th.value_text + "'") + " of '" + t.id +
             "' must be a map {value: <number>, unit: <unit>, comparison: <=}");
      return;
    }
    if (!th.value)
      at("sla.threshold", Severity::error, th.value_pos,
         "the threshold of '" + t.id + "' needs a numeric 'value'" +
             (th.value_text.empty() ? std::string() : ", not '" + th.value_text + "'"));
    if (th.unit.empty())
      at("sla.threshold", Severity::error, th.unit_pos,
         "the threshold of '" + t.id + "' needs a 'unit' (minutes, hours, percent, ...)");
    static const std::vector<std::string> comparisons = {"<", "<=", ">", ">=", "=", "=="};
    if (!th.comparison.empty() && !contains(comparisons, th.comparison))
      at("sla.threshold", Severity::error, th.comparison_pos,
         "comparison '" + th.comparison + "' of '" + t.id + "' must be one of " + join(comparisons, " "));
  }

  void check_supports(const SlaTarget& t) {
    if (t.type != "ola" || t.invalid.count("supports")) return;
    if (t.supports.id.empty()) {
      at("ola.supports", Severity::error, t.id_pos, "OLA '" + t.id + "' names no SLA it 'supports'");
      return;
    }
    const auto* sla = om_.target(t.supports.id);
    if (!sla) {
      std::vector<std::string> slas;
      for (const auto& other : om_.targets)
        if (other.type == "sla") slas.push_back(other.id);
      at("ola.supports", Severity::error, t.supports.pos,
         "OLA '" + t.id + "' supports '" + t.supports.id + "', which is not an SLA in " + om_.sla_file +
             did_you_mean(t.supports.id, slas));
    } else if (sla->type != "sla") {
      at("ola.supports", Severity::error, t.supports.pos,
         "OLA '" + t.id + "' supports '" + t.supports.id + "', which is an " + sla->type + ", not an SLA");
    }
  }

  void check_framework() {
    if (om_.framework_file.empty()) return;
    std::set<std::string> present;
    for (const auto& a : om_.framework) {
      present.insert(a.id);
      if (!contains(frameworks_, a.id))
        at("framework.unknown-area", Severity::error, a.id_pos,
           "'" + a.id + "' is not one of the five framework areas" + did_you_mean(a.id, frameworks_));
      for (const auto& r : a.roles) role_ref(r, "role");
      bool has_sop = false;
      for (const auto& ref : a.sops)
        if (const auto* p = page_ref(ref, "sop", "SOP"); p && p->meta.kind == "sop") has_sop = true;
      if (!has_sop)
        at("framework.no-sop", Severity::error, a.sops_pos,
           "framework area '" + a.id + "' has no SOP (list at least one page of kind sop under 'sops')");
    }
    for (const auto& a : framework_areas())
      if (!present.count(a.id))
        at("framework.area-missing", Severity::error, om_.framework_areas_pos,
           std::string("framework.yaml has no entry for the framework area '") + a.id + "' (" + a.name + ")");
  }

  // Role ids are checked against roles.yaml; without it every data file naming roles is unchecked.
  void check_missing_roles_file() {
    if (!om_.roles_file.empty()) return;
    auto missing = [&](const std::string& file, bool names_roles) {
      if (file.empty() || !names_roles) return;
      sink_.report("data.missing-file", Severity::error, file, 1, 1,
                   "this file names roles, but content/data/roles.yaml does not exist to define them");
    };
    missing(om_.raci_file, !om_.activities.empty());
    missing(om_.tooling_file, std::any_of(om_.tooling.begin(), om_.tooling.end(),
                                          [](const ToolingArea& a) { return !a.owner.id.empty(); }));
    missing(om_.sla_file, std::any_of(om_.targets.begin(), om_.targets.end(),
                                      [](const SlaTarget& t) { return !t.owner.id.empty(); }));
    missing(om_.framework_file, std::any_of(om_.framework.begin(), om_.framework.end(),
                                            [](const FrameworkArea& a) { return !a.roles.empty(); }));
  }
};

}  // namespace

sys_days build_date() {
  if (auto seconds = read_source_date_epoch().seconds)
    return std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{*seconds}});
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

void check_operating_model(const Model& model, const OperatingModel& om, DiagnosticSink& sink) {
  check_operating_model(model, om, sink, build_date());
}

void check_operating_model(const Model& model, const OperatingModel& om, DiagnosticSink& sink, sys_days today) {
  Checker(model, om, sink, today).run();
  check_consistency(model, om, sink, today);
}

}  // namespace opskit
