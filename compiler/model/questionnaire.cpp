#include "model/questionnaire.hpp"

#include "model/operating_model.hpp"

namespace opskit {

std::string_view question_type_name(QuestionType type) {
  switch (type) {
    case QuestionType::single:
      return "single";
    case QuestionType::multiple:
      return "multiple";
    case QuestionType::scale:
      return "scale";
    case QuestionType::number:
      return "number";
    case QuestionType::text:
      return "text";
  }
  return "text";
}

std::string_view question_state_name(QuestionState state) {
  switch (state) {
    case QuestionState::current:
      return "current";
    case QuestionState::future:
      return "future";
    case QuestionState::both:
      return "both";
  }
  return "both";
}

std::vector<std::string> Question::state_keys() const {
  std::vector<std::string> keys;
  if (asks_current()) keys.push_back("current");
  if (asks_future()) keys.push_back("future");
  return keys;
}

const Question* Questionnaire::find(std::string_view id) const {
  for (const auto& section : sections)
    for (const auto& q : section.questions)
      if (q.id == id) return &q;
  return nullptr;
}

std::vector<std::string> Questionnaire::question_ids() const {
  std::vector<std::string> ids;
  for (const auto& section : sections)
    for (const auto& q : section.questions) ids.push_back(q.id);
  return ids;
}

const std::vector<std::string>& questionnaire_section_ids() {
  static const std::vector<std::string> ids = {"team-structure",      "business-directives",
                                               "practice-management", "service-management",
                                               "cost-governance",     "tagging",
                                               "platform-enablement", "tooling"};
  return ids;
}

// The sixteen areas are the operating model's own list; the questionnaire asks about the same.
const std::vector<OperationalArea>& questionnaire_areas() {
  static const std::vector<OperationalArea> areas = [] {
    std::vector<OperationalArea> out;
    for (const auto& area : operational_areas()) out.push_back({area.id, area.name});
    return out;
  }();
  return areas;
}

const std::vector<std::string>& questionnaire_informs_values() {
  static const std::vector<std::string> values = {"response-time", "level-of-support", "type-of-support"};
  return values;
}

}  // namespace opskit
