#include "render/operating_model_views.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "resolve/link_target.hpp"
#include "support/strings.hpp"

namespace opskit {

using PageHref = std::function<std::string(const std::string&)>;

std::vector<const RaciActivity*> raci_rows(const OperatingModel& om) {
  std::vector<std::string> groups;
  for (const auto& a : om.activities)
    if (std::find(groups.begin(), groups.end(), a.group.id) == groups.end()) groups.push_back(a.group.id);
  std::vector<const RaciActivity*> rows;
  for (const auto& g : groups)
    for (const auto& a : om.activities)
      if (a.group.id == g) rows.push_back(&a);
  return rows;
}

std::vector<std::string> raci_role_columns(const OperatingModel& om) {
  std::set<std::string> used;
  for (const auto& a : om.activities)
    for (const auto& c : a.cells) used.insert(c.role.id);
  std::vector<std::string> out;
  for (const auto& r : om.roles)
    if (used.count(r.id)) out.push_back(r.id);
  for (const auto& a : om.activities)
    for (const auto& c : a.cells)
      if (!om.role(c.role.id) && std::find(out.begin(), out.end(), c.role.id) == out.end()) out.push_back(c.role.id);
  return out;
}

std::string raci_group_name(const std::string& group_id) {
  auto name = operational_area_name(group_id);
  if (name.empty()) name = framework_area_name(group_id);
  return name.empty() ? group_id : name;
}

std::string raci_letters(const RaciActivity& a, const std::string& role_id) {
  for (const auto& c : a.cells)
    if (c.role.id == role_id) return std::string(trim(c.letters));
  return {};
}

std::string percent_text(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", value);
  return buf;
}

std::string threshold_text(const SlaTarget& t) {
  const auto& th = t.threshold;
  if (!th.present) return {};
  std::vector<std::string> parts;
  if (!th.comparison.empty()) parts.push_back(th.comparison);
  if (!th.value_text.empty()) parts.push_back(std::string(trim(th.value_text)));
  if (!th.unit.empty()) parts.push_back(th.unit);
  return join(parts, " ");
}

std::string tool_list_text(const ToolingArea& area) {
  std::vector<std::string> parts;
  for (const auto& tool : area.tools) parts.push_back(tool.type.empty() ? tool.name : tool.name + " (" + tool.type + ")");
  return join(parts, "; ");
}

// What a reader sees for a tool's type (the data keeps the ids: aws-service, ...).
static std::string tool_type_label(const std::string& type) {
  if (type == "aws-service") return "AWS service";
  if (type == "marketplace") return "AWS Marketplace";
  if (type == "partner") return "Partner";
  if (type == "open-source") return "Open source";
  return type;
}

std::string area_display_name(const ToolingArea& area) {
  if (!area.name.empty()) return area.name;
  auto name = operational_area_name(area.id);
  return name.empty() ? area.id : name;
}

namespace {

std::string attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + html_escape(value) + "\"";
}

class ViewWriter {
 public:
  ViewWriter(const Model& model, const OperatingModel& om, const PageHref& href) : model_(model), om_(om), href_(href) {}

  std::string page_title(const std::string& id) const {
    auto it = model_.index.by_id.find(id);
    if (it == model_.index.by_id.end() || it->second.empty()) return id;
    int index = page_in_locale(model_, it->second, model_.config.default_locale);
    if (index < 0) return id;
    const auto& title = model_.pages[index].meta.title;
    return title.empty() ? id : title;
  }
  bool page_exists(const std::string& id, const std::string& kind) const {
    auto it = model_.index.by_id.find(id);
    if (it == model_.index.by_id.end() || it->second.empty()) return false;
    int index = page_in_locale(model_, it->second, model_.config.default_locale);
    return index >= 0 && (kind.empty() || model_.pages[index].meta.kind == kind);
  }

  // A link to a page when it is in this output, else its title as text.
  std::string page_link(const std::string& id, const std::string& text = "") const {
    auto label = text.empty() ? page_title(id) : text;
    auto url = href_ ? href_(id) : std::string();
    if (url.empty()) return html_escape(label);
    return "<a" + attr("href", url) + ">" + html_escape(label) + "</a>";
  }
  std::string page_links(const std::vector<IdRef>& refs) const {
    std::string out;
    for (const auto& r : refs) {
      if (r.id.empty()) continue;
      out += (out.empty() ? "" : "<br>") + page_link(r.id);
    }
    return out;
  }
  std::string role_cell(const std::string& id) const {
    if (id.empty()) return {};
    const auto* role = om_.role(id);
    if (!role) return html_escape(id);
    return "<span" + attr("title", role->description) + ">" + html_escape(role->name.empty() ? id : role->name) +
           "</span>";
  }

  static std::string open_table(const std::string& view, const std::string& caption = "") {
    return "<div class=\"table-scroll\"><table class=\"data-table " + view + "\">" +
           (caption.empty() ? "" : "<caption>" + html_escape(caption) + "</caption>") + "\n";
  }
  static std::string close_table() { return "</tbody></table></div>\n"; }
  static std::string head(const std::vector<std::string>& columns) {
    std::string out = "<thead><tr>";
    for (const auto& c : columns) out += "<th scope=\"col\">" + html_escape(c) + "</th>";
    return out + "</tr></thead>\n<tbody>\n";
  }
  static std::string td(const std::string& html, const std::string& cls = "") {
    return "<td" + (cls.empty() ? "" : attr("class", cls)) + ">" + html + "</td>";
  }

  std::string tooling_matrix(const Directive& d) const {
    auto only = d.attrs.get("area");
    std::vector<std::string> columns = {"Area", "Tools"};
    for (const auto& c : tooling_criteria()) columns.push_back(c.name);
    for (const char* c : {"Owner", "Runbooks", "SOPs"}) columns.push_back(c);
    std::string html = open_table("tooling-matrix") + head(columns);
    for (const auto& area : om_.tooling) {
      if (!only.empty() && area.id != only) continue;
      std::string row = "<tr><th scope=\"row\">";
      row += area.page.id.empty() ? html_escape(area_display_name(area)) : page_link(area.page.id, area_display_name(area));
      row += "</th>";
      std::string tools;
      for (const auto& tool : area.tools)
        tools += "<li>" + html_escape(tool.name) +
                 (tool.type.empty() ? "" : " <span" + attr("class", "tool-type tool-type-" + tool.type) + ">" +
                                               html_escape(tool_type_label(tool.type)) + "</span>") + "</li>";
      row += td(tools.empty() ? "" : "<ul class=\"tool-list\">" + tools + "</ul>");
      for (const auto& c : tooling_criteria()) {
        auto it = area.criteria.find(c.id);
        row += td(it == area.criteria.end() ? "" : html_escape(trim(it->second)));
      }
      row += td(role_cell(area.owner.id)) + td(page_links(area.runbooks)) + td(page_links(area.sops));
      html += row + "</tr>\n";
    }
    return html + close_table();
  }

  std::string raci(const Directive& d) const {
    auto only = d.attrs.get("group");
    auto roles = raci_role_columns(om_);
    std::string html = open_table("raci") + "<thead><tr><th scope=\"col\">Activity</th>";
    for (const auto& id : roles) {
      const auto* role = om_.role(id);
      html += "<th scope=\"col\"" + (role ? attr("title", role->description) : std::string()) + ">" +
              html_escape(role && !role->name.empty() ? role->name : id) + "</th>";
    }
    html += "</tr></thead>\n<tbody>\n";
    std::string group;
    bool first = true;
    for (const auto* a : raci_rows(om_)) {
      if (!only.empty() && a->group.id != only) continue;
      if (first || a->group.id != group) {
        group = a->group.id;
        first = false;
        html += "<tr class=\"group\"><th scope=\"colgroup\"" + attr("colspan", std::to_string(roles.size() + 1)) + ">" +
                html_escape(raci_group_name(group)) + "</th></tr>\n";
      }
      html += "<tr><th scope=\"row\">" + html_escape(a->name.empty() ? a->id : a->name) + "</th>";
      for (const auto& id : roles) {
        auto letters = raci_letters(*a, id);
        html += letters.empty() ? "<td></td>" : td(html_escape(letters), "raci-" + letters.substr(0, 1));
      }
      html += "</tr>\n";
    }
    return html + close_table();
  }

  std::string sla_table(const Directive& d) const {
    auto only = d.attrs.get("type");
    std::string html = open_table("sla-table") + head({"Target", "Type", "Service", "Metric", "Threshold", "Window",
                                                        "Source", "Owner", "Breach action", "Supports"});
    for (const auto& t : om_.targets) {
      if (!only.empty() && t.type != only) continue;
      std::string threshold = html_escape(threshold_text(t));
      if (t.target_percent)
        threshold += " <span class=\"target-percent\">(" + html_escape(percent_text(*t.target_percent)) + "% of events)</span>";
      std::string supports;
      if (!t.supports.id.empty()) {
        const auto* sla = om_.target(t.supports.id);
        supports = html_escape(sla && !sla->name.empty() ? sla->name : t.supports.id);
      }
      html += "<tr><th scope=\"row\">" + html_escape(t.name.empty() ? t.id : t.name) + "</th>" +
              td(html_escape(to_upper_ascii(t.type))) + td(html_escape(t.service)) + td(html_escape(t.metric)) +
              td(threshold) + td(html_escape(t.window)) + td(html_escape(t.source)) + td(role_cell(t.owner.id)) +
              td(html_escape(t.breach_action)) + td(supports) + "</tr>\n";
    }
    return html + close_table();
  }

  std::string framework() const {
    std::string html = open_table("framework") + head({"Area", "Purpose", "Roles", "SOPs"});
    for (const auto& a : om_.framework) {
      std::string roles;
      for (const auto& r : a.roles) roles += (roles.empty() ? "" : "<br>") + role_cell(r.id);
      auto name = !a.name.empty() ? a.name : framework_area_name(a.id);
      html += "<tr><th scope=\"row\">" + html_escape(name.empty() ? a.id : name) + "</th>" +
              td(html_escape(trim(a.purpose))) + td(roles) + td(page_links(a.sops)) + "</tr>\n";
    }
    return html + close_table();
  }

  std::string coverage() const {
    return coverage_areas() + coverage_framework() + coverage_oe();
  }

 private:
  const Model& model_;
  const OperatingModel& om_;
  const PageHref& href_;

  static std::string to_upper_ascii(std::string s) {
    for (auto& c : s)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
  }

  static std::string mark(bool ok, const std::string& detail = "") {
    return ok ? td("<span class=\"mark\" aria-label=\"present\">✓</span>" + (detail.empty() ? "" : " " + detail), "covered")
              : td("<span class=\"mark\" aria-label=\"missing\">✗</span>", "missing");
  }

  std::string links_of(const std::vector<std::string>& ids) const {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + page_link(id);
    return out;
  }

  std::string coverage_areas() const {
    std::string html = open_table("coverage coverage-areas", "Operational areas") +
                       head({"Area", "Tooling page", "Runbook", "SOP", "RACI activity"});
    for (const auto& area : operational_areas()) {
      const auto* entry = om_.tooling_area(area.id);
      std::vector<std::string> tooling, runbooks, sops;
      auto add = [](std::vector<std::string>& list, const std::string& id) {
        if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
      };
      if (entry && !entry->page.id.empty() && page_exists(entry->page.id, "tooling")) add(tooling, entry->page.id);
      if (entry) {
        for (const auto& r : entry->runbooks)
          if (page_exists(r.id, "runbook")) add(runbooks, r.id);
        for (const auto& s : entry->sops)
          if (page_exists(s.id, "sop")) add(sops, s.id);
      }
      for (const auto& page : model_.pages) {
        if (page.meta.area != area.id || page.locale != model_.default_locale(page.workshop)) continue;
        if (page.meta.kind == "tooling") add(tooling, page.id);
        if (page.meta.kind == "runbook") add(runbooks, page.id);
      }
      int activities = 0;
      for (const auto& a : om_.activities)
        if (a.group.id == area.id) ++activities;
      html += "<tr><th scope=\"row\">" + html_escape(area.name) + "</th>" + mark(!tooling.empty(), links_of(tooling)) +
              mark(!runbooks.empty(), links_of(runbooks)) + mark(!sops.empty(), links_of(sops)) +
              mark(activities > 0, activities > 0 ? std::to_string(activities) : "") + "</tr>\n";
    }
    return html + close_table();
  }

  std::string coverage_framework() const {
    std::string html = open_table("coverage coverage-framework", "Framework areas") + head({"Framework area", "SOPs"});
    for (const auto& area : framework_areas()) {
      std::vector<std::string> sops;
      if (const auto* entry = om_.framework_area(area.id))
        for (const auto& s : entry->sops)
          if (page_exists(s.id, "sop") && std::find(sops.begin(), sops.end(), s.id) == sops.end()) sops.push_back(s.id);
      html += "<tr><th scope=\"row\">" + html_escape(area.name) + "</th>" + mark(!sops.empty(), links_of(sops)) + "</tr>\n";
    }
    return html + close_table();
  }

  std::string coverage_oe() const {
    std::map<std::string, std::set<std::string>> addressed;  // area -> best practice ids
    for (const auto& page : model_.pages)
      for (const auto& raw : page.meta.wa) {
        std::string id(trim(raw));
        auto area = oe_area_of(id);
        if (!area.empty()) addressed[area].insert(id);
      }
    std::string html = open_table("coverage coverage-oe", "Well-Architected Operational Excellence") +
                       head({"Area", "Questions", "Best practices addressed"});
    for (const auto& area : oe_areas()) {
      int total = 0;
      for (int q = area.first_question; q <= area.last_question; ++q) total += oe_best_practice_count(q);
      char questions[32];
      if (area.first_question == area.last_question)
        std::snprintf(questions, sizeof questions, "OPS%02d", area.first_question);
      else
        std::snprintf(questions, sizeof questions, "OPS%02d–OPS%02d", area.first_question, area.last_question);
      const auto& ids = addressed[area.name];
      std::string detail = std::to_string(ids.size()) + " of " + std::to_string(total);
      if (!ids.empty()) detail += ": " + html_escape(join(std::vector<std::string>(ids.begin(), ids.end()), ", "));
      html += "<tr><th scope=\"row\">" + html_escape(area.name) + "</th>" + td(html_escape(questions)) +
              mark(!ids.empty(), detail) + "</tr>\n";
    }
    return html + close_table();
  }
};

}  // namespace

std::string shared_value_html(const OperatingModel& om, const Directive& d) {
  const auto* value = om.value(trim(d.label));
  // An unknown key stays visible as written; the check stage reports it (value.unknown).
  if (!value) return "<span class=\"directive-unknown\">" + html_escape(d.source) + "</span>";
  auto text = html_escape(value->text);
  return d.attrs.flag("code") ? "<code>" + text + "</code>" : text;
}

std::string render_operating_model_view(const Model& model, const OperatingModel& om, const Directive& d,
                                        const PageHref& page_href) {
  ViewWriter w(model, om, page_href);
  if (d.name == "tooling-matrix") return w.tooling_matrix(d);
  if (d.name == "raci") return w.raci(d);
  if (d.name == "sla-table") return w.sla_table(d);
  if (d.name == "framework") return w.framework();
  if (d.name == "coverage") return w.coverage();
  if (d.name == "value") return shared_value_html(om, d);
  return {};
}

}  // namespace opskit
