#include "check/operating_model_rules.hpp"

#include "check/consistency_rules.hpp"
#include "check/operating_model_checker.hpp"
#include "check/value_rules.hpp"
#include "support/source_date_epoch.hpp"

namespace opskit {

using std::chrono::sys_days;

sys_days build_date() {
  if (auto seconds = read_source_date_epoch().seconds)
    return std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{*seconds}});
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

void check_operating_model(const Model& model, const OperatingModel& om, DiagnosticSink& sink) {
  check_operating_model(model, om, sink, build_date());
}

void check_operating_model(const Model& model, const OperatingModel& om, DiagnosticSink& sink, sys_days today) {
  om_rules::check_page_kinds(model, om, sink, today);
  om_rules::check_data_files(model, om, sink, today);
  check_consistency(model, om, sink, today);
  check_value_directives(model, om, sink);
}

}  // namespace opskit
