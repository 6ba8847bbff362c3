// The questionnaire as files for a handover package: CSV for spreadsheets, JSON for tools.
#include <nlohmann/json.hpp>

#include "render/questionnaire_form.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

// RFC 4180: a field holding a comma, a quote or a line break is quoted, quotes doubled.
std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  return "\"" + replace_all(value, "\"", "\"\"") + "\"";
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string row;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) row += ',';
    row += csv_field(fields[i]);
  }
  return row + "\r\n";
}

// What a respondent may answer, as one cell: the options, or the scale with its two ends.
std::string answer_choices(const Question& q) {
  if (q.is_choice()) return join(q.options, " | ");
  if (q.type != QuestionType::scale) return {};
  std::vector<std::string> points;
  for (int v = q.scale.min; v <= q.scale.max; ++v) {
    auto point = std::to_string(v);
    if (v == q.scale.min && !q.scale.low.empty()) point += " = " + q.scale.low;
    if (v == q.scale.max && !q.scale.high.empty()) point += " = " + q.scale.high;
    points.push_back(point);
  }
  return join(points, " | ");
}

std::string questionnaire_csv(const Questionnaire& q) {
  std::string csv = csv_row({"section", "id", "text", "type", "options", "state", "informs", "area"});
  for (const auto& section : q.sections)
    for (const auto& question : section.questions)
      csv += csv_row({section.id, question.id, question.text, std::string(question_type_name(question.type)),
                      answer_choices(question), std::string(question_state_name(question.state)), question.informs,
                      question.area});
  return csv;
}

std::string questionnaire_json(const Questionnaire& q) {
  using Json = nlohmann::ordered_json;
  Json sections = Json::array();
  for (const auto& section : q.sections) {
    Json questions = Json::array();
    for (const auto& question : section.questions) {
      Json item;
      item["id"] = question.id;
      item["text"] = question.text;
      if (!question.help.empty()) item["help"] = question.help;
      item["type"] = std::string(question_type_name(question.type));
      if (question.is_choice()) item["options"] = question.options;
      if (question.type == QuestionType::scale)
        item["scale"] = {{"min", question.scale.min},
                         {"max", question.scale.max},
                         {"low", question.scale.low},
                         {"high", question.scale.high}};
      if (!question.unit.empty()) item["unit"] = question.unit;
      item["state"] = std::string(question_state_name(question.state));
      if (!question.informs.empty()) item["informs"] = question.informs;
      if (!question.area.empty()) item["area"] = question.area;
      questions.push_back(std::move(item));
    }
    sections.push_back({{"id", section.id}, {"title", section.title}, {"questions", std::move(questions)}});
  }
  Json doc;
  doc["version"] = q.version;
  doc["title"] = q.title;
  doc["sections"] = std::move(sections);
  return doc.dump(2) + "\n";
}

}  // namespace

std::map<std::string, std::string> questionnaire_exports(const Questionnaire& q) {
  return {{"questionnaire.csv", questionnaire_csv(q)}, {"questionnaire.json", questionnaire_json(q)}};
}

}  // namespace opskit
