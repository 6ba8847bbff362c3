#pragma once
// content/data/questionnaire.yaml: the assessment questionnaire, read and validated with line
// and column (schema: docs/data-schemas.md). The form, the exports and `opskit assess` use it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>


namespace opskit {

enum class QuestionType { single, multiple, scale, number, text };
enum class QuestionState { current, future, both };

std::string_view question_type_name(QuestionType type);
std::string_view question_state_name(QuestionState state);

struct QuestionScale {
  int min = 1;
  int max = 5;
  std::string low, high;  // what the two ends mean
};

struct Question {
  std::string id;
  std::string text;
  std::string help;  // may be empty
  QuestionType type = QuestionType::text;
  std::vector<std::string> options;  // single and multiple only
  QuestionScale scale;               // scale only
  std::string unit;                  // number only, may be empty
  QuestionState state = QuestionState::both;
  std::string informs;  // "", response-time, level-of-support, type-of-support
  std::string area;     // tooling questions: one of the sixteen area ids
  std::string section;  // id of the section holding the question
  int line = 0, column = 0;

  bool asks_current() const { return state != QuestionState::future; }
  bool asks_future() const { return state != QuestionState::current; }
  bool is_choice() const { return type == QuestionType::single || type == QuestionType::multiple; }
  // The answer slots the question has, in order: {"current"}, {"future"} or {"current", "future"}.
  std::vector<std::string> state_keys() const;
};

struct QuestionnaireSection {
  std::string id, title;
  std::vector<Question> questions;
  int line = 0, column = 0;
};

struct Questionnaire {
  std::string file;  // project-relative, for diagnostics
  std::string version, title;
  std::vector<QuestionnaireSection> sections;
  int line = 0, column = 0;

  const Question* find(std::string_view id) const;
  std::vector<std::string> question_ids() const;  // in file order
};

// The section ids the schema allows, in their documented order.
const std::vector<std::string>& questionnaire_section_ids();
// The sixteen operational areas: id and display name (docs/content-rules.md), in order.
struct OperationalArea {
  std::string id, name;
};
const std::vector<OperationalArea>& questionnaire_areas();
// The support-plan criteria a question may inform.
const std::vector<std::string>& questionnaire_informs_values();

}  // namespace opskit
