#pragma once
// The generated views of the operating model (::tooling-matrix, ::raci, ::sla-table, ::framework,
// ::coverage, :value) and their CSV counterparts for handover packages. Views and CSVs take their rows
// from the same functions, so both carry the same rows in the same order.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "parse/operating_model_data.hpp"
#include "model/page.hpp"

namespace opskit {

// HTML for a view directive, "" for any other directive. `page_href(id)` is the URL of a page
// relative to the page being rendered, "" when the page is not in this output (then plain text).
// Optional filters: ::tooling-matrix{area=ID}, ::raci{group=ID}, ::sla-table{type=sla|ola}.
std::string render_operating_model_view(const Model& model, const OperatingModel& om, const Directive& d,
                                        const std::function<std::string(const std::string& page_id)>& page_href);

// :value[key] (and :value[key]{code}): the shared value, HTML-escaped; an unknown key shows the
// directive as written.
std::string shared_value_html(const OperatingModel& om, const Directive& d);

// raci.csv, sla-ola.csv and tooling-map.csv (RFC 4180: header row, quoted fields where needed,
// CRLF line ends), one entry per data file the project has.
std::map<std::string, std::string> operating_model_csv(const OperatingModel& om);

// The rows both outputs share.
std::vector<const RaciActivity*> raci_rows(const OperatingModel& om);  // grouped, groups in first-use order
std::vector<std::string> raci_role_columns(const OperatingModel& om);   // roles.yaml order, then undefined ones
std::string raci_group_name(const std::string& group_id);
std::string raci_letters(const RaciActivity& a, const std::string& role_id);
std::string threshold_text(const SlaTarget& t);  // "<= 15 minutes"
std::string percent_text(double value);          // "95", "99.9"
std::string tool_list_text(const ToolingArea& area);  // "Name (type); Name (type)"
std::string area_display_name(const ToolingArea& area);

}  // namespace opskit
