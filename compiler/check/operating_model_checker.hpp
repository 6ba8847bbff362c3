#pragma once
// What the operating-model rules share: their inputs, how they report, and small readers of
// pages (sections, ordered lists, dates). page_kind_rules.cpp checks the pages of each kind,
// data_file_rules.cpp the data files; operating_model_rules.cpp runs both.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "model/model.hpp"
#include "model/operating_model.hpp"

namespace opskit::om_rules {

using std::chrono::sys_days;

std::vector<std::string> area_ids();
std::vector<std::string> framework_ids();
bool contains(const std::vector<std::string>& list, std::string_view value);
std::string did_you_mean(std::string_view wanted, const std::vector<std::string>& candidates);
std::vector<std::string> words_of(std::string_view text);
const Heading* find_section(const Page& page, std::string_view name);
int section_end(const Page& page, const Heading& section);
bool ordered_list_item(std::string_view line);
bool digits_at(std::string_view text, std::size_t at, std::size_t count);
bool practice_shape(std::string_view id, std::string_view prefix);
bool has_ordered_list(const Page& page, const Heading& section);
std::optional<sys_days> parse_date(std::string_view s);
std::string iso(sys_days d);

class CheckerBase {
 public:
  CheckerBase(const Model& model, const OperatingModel& om, DiagnosticSink& sink, sys_days today);

 protected:
  const Model& model_;
  const OperatingModel& om_;
  DiagnosticSink& sink_;
  sys_days today_;
  std::vector<std::string> areas_, frameworks_, role_ids_;

  void at(const std::string& rule, Severity s, const SourcePos& p, const std::string& message);
  void at_page(const std::string& rule, Severity s, const Page& page, const std::string& message);
  void at_key(const std::string& rule, Severity s, const Page& page, const std::string& key, const std::string& message);
};

// The rules of pages by kind (runbook, playbook, SOP) and the Well-Architected references.
void check_page_kinds(const Model& model, const OperatingModel& om, DiagnosticSink& sink, sys_days today);
// The rules of the data files (tooling map, RACI, SLA/OLA, framework, roles).
void check_data_files(const Model& model, const OperatingModel& om, DiagnosticSink& sink, sys_days today);

}  // namespace opskit::om_rules
