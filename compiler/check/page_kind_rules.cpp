// The rules of pages by kind: runbooks, playbooks and SOPs have their sections, owners, areas
// and review dates; Well-Architected references are well formed and cover the OE areas.
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

#include "resolve/link_target.hpp"
#include "support/strings.hpp"

namespace opskit::om_rules {

namespace {

class PageKindRules : CheckerBase {
 public:
  using CheckerBase::CheckerBase;

  void run() {
    for (int i = 0; i < static_cast<int>(model_.pages.size()); ++i) check_page(i);
    check_wa_coverage();
  }

 private:
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
      auto target = link_target(model_, index, link);
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
    auto lines = split_lines(*page.text);
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


};

}  // namespace

void check_page_kinds(const Model& model, const OperatingModel& om, DiagnosticSink& sink, sys_days today) {
  PageKindRules(model, om, sink, today).run();
}

}  // namespace opskit::om_rules
