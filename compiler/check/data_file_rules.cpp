// The rules of the operating model's data files: the tooling map covers the sixteen areas, each
// RACI row has one Accountable, SLA/OLA targets are measurable, the framework has its SOPs, and
// every role named is defined.
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

// A role that signs off more than this share of activities is a bottleneck; below the minimum
// number of activities one role per row already exceeds the share, so the rule does not apply.
constexpr double kMaxAccountableShare = 0.30;
constexpr std::size_t kMinActivitiesForShare = 4;

class DataFileRules : CheckerBase {
 public:
  using CheckerBase::CheckerBase;

  void run() {
    check_tooling();
    check_raci();
    check_sla();
    check_framework();
    check_missing_roles_file();
  }

 private:
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
  }  void role_ref(const IdRef& ref, const std::string& what) {
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
  }};

}  // namespace

void check_data_files(const Model& model, const OperatingModel& om, DiagnosticSink& sink, sys_days today) {
  DataFileRules(model, om, sink, today).run();
}

}  // namespace opskit::om_rules
