#include "parse/questionnaire_data.hpp"

#include "parse/operating_model_data.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "project/yaml_support.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

const std::vector<std::string> kRootKeys = {"version", "title", "sections"};
const std::vector<std::string> kSectionKeys = {"id", "title", "questions"};
const std::vector<std::string> kQuestionKeys = {"id",    "text", "help",  "type",    "options",
                                                "scale", "unit", "state", "informs", "area"};
const std::vector<std::string> kScaleKeys = {"min", "max", "low", "high"};
const std::vector<std::string> kTypes = {"single", "multiple", "scale", "number", "text"};
const std::vector<std::string> kStates = {"current", "future", "both"};

constexpr const char* kInvalid = "questionnaire.invalid";
constexpr const char* kUnknownKey = "questionnaire.unknown-key";

std::string did_you_mean(const std::string& wanted, const std::vector<std::string>& candidates) {
  auto suggestion = closest_match(wanted, candidates);
  return suggestion.empty() ? std::string() : "; did you mean '" + suggestion + "'?";
}

std::string one_of(const std::vector<std::string>& values) { return "one of " + join(values, ", "); }

bool contains(const std::vector<std::string>& values, const std::string& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

std::vector<std::string> area_ids() {
  std::vector<std::string> ids;
  for (const auto& a : questionnaire_areas()) ids.push_back(a.id);
  return ids;
}

// Ids become form field names, HTML ids, JSON keys and CSV cells: keep them plain.
bool valid_id(const std::string& id) {
  auto plain = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  return !id.empty() && plain(id[0]) &&
         std::all_of(id.begin(), id.end(), [&](char c) { return plain(c) || c == '_' || c == '-'; });
}

class Reader {
 public:
  Reader(const YamlDoc& doc, DiagnosticSink& sink) : doc_(doc), sink_(sink) {}

  Questionnaire read() {
    Questionnaire q;
    q.file = doc_.file;
    const auto& root = doc_.root;
    q.line = std::max(1, yaml_line(doc_, root));
    q.column = std::max(1, yaml_column(root));
    if (!root.IsMap()) {
      sink_.report(kInvalid, Severity::error, doc_.file, q.line, q.column,
                   "the questionnaire must be a map with version, title and sections");
      return q;
    }
    warn_unknown_keys(doc_, root, kRootKeys, sink_, kUnknownKey, "the questionnaire");
    q.version = std::string(trim(yaml_string(doc_, root, "version", sink_, kInvalid, true).value_or("")));
    if (root["version"] && root["version"].IsScalar() && q.version.empty())
      error(root["version"], kInvalid, "'version' must not be empty");
    q.title = yaml_string(doc_, root, "title", sink_, kInvalid, true).value_or("");
    auto sections = root["sections"];
    if (!sections) {
      error(root, kInvalid, "missing required key 'sections'");
      return q;
    }
    if (!sections.IsSequence()) {
      error(sections, kInvalid, "'sections' must be a list");
      return q;
    }
    std::map<std::string, int> section_lines;
    std::optional<YAML::Node> tooling;
    for (const auto& node : sections) {
      auto section = read_section(node, section_lines);
      if (!section) continue;
      if (section->id == "tooling" && !tooling) tooling = static_cast<const YAML::Node&>(node);
      q.sections.push_back(std::move(*section));
    }
    for (const auto& id : questionnaire_section_ids())
      if (!section_lines.count(id))
        warning(sections, "questionnaire.missing-section",
                "no section '" + id + "' (the assessment covers " + join(questionnaire_section_ids(), ", ") + ")");
    if (tooling) check_area_coverage(*tooling, q);
    return q;
  }

 private:
  const YamlDoc& doc_;
  DiagnosticSink& sink_;
  std::map<std::string, int> question_lines_;

  void error(const YAML::Node& node, const std::string& rule, const std::string& message) {
    report_at(doc_, node, sink_, rule, Severity::error, message);
  }
  void warning(const YAML::Node& node, const std::string& rule, const std::string& message) {
    report_at(doc_, node, sink_, rule, Severity::warning, message);
  }

  std::optional<QuestionnaireSection> read_section(const YAML::Node& node, std::map<std::string, int>& seen) {
    if (!node.IsMap()) {
      error(node, kInvalid, "a section must be a map with id, title and questions");
      return std::nullopt;
    }
    warn_unknown_keys(doc_, node, kSectionKeys, sink_, kUnknownKey, "a section");
    QuestionnaireSection section;
    section.line = yaml_line(doc_, node);
    section.column = yaml_column(node);
    section.id = yaml_string(doc_, node, "id", sink_, kInvalid, true).value_or("");
    section.title = yaml_string(doc_, node, "title", sink_, kInvalid, true).value_or(section.id);
    if (!section.id.empty()) {
      if (!contains(questionnaire_section_ids(), section.id))
        error(node["id"], "questionnaire.unknown-section",
              "unknown section id '" + section.id + "' (" + one_of(questionnaire_section_ids()) + ")" +
                  did_you_mean(section.id, questionnaire_section_ids()));
      if (auto it = seen.find(section.id); it != seen.end())
        error(node["id"], "questionnaire.duplicate-section",
              "duplicate section id '" + section.id + "' (first at line " + std::to_string(it->second) + ")");
      else
        seen[section.id] = section.line;
    }
    auto questions = node["questions"];
    if (!questions) {
      error(node, kInvalid, "missing required key 'questions'");
      return section;
    }
    if (!questions.IsSequence()) {
      error(questions, kInvalid, "'questions' must be a list");
      return section;
    }
    if (questions.size() == 0)
      warning(questions, "questionnaire.empty-section", "section '" + section.id + "' has no questions");
    for (const auto& qnode : questions)
      if (auto q = read_question(qnode, section.id)) section.questions.push_back(std::move(*q));
    return section;
  }

  std::optional<Question> read_question(const YAML::Node& node, const std::string& section_id) {
    if (!node.IsMap()) {
      error(node, kInvalid, "a question must be a map with id, text, type and state");
      return std::nullopt;
    }
    warn_unknown_keys(doc_, node, kQuestionKeys, sink_, kUnknownKey, "a question");
    Question q;
    q.section = section_id;
    q.line = yaml_line(doc_, node);
    q.column = yaml_column(node);
    q.id = yaml_string(doc_, node, "id", sink_, kInvalid, true).value_or("");
    bool keep = !q.id.empty();
    if (!q.id.empty() && !valid_id(q.id)) {
      error(node["id"], "questionnaire.bad-id",
            "question id '" + q.id +
                "' may hold only letters, digits, '-' and '_' (it names form fields and "
                "JSON keys)");
      keep = false;
    }
    if (keep) {
      if (auto it = question_lines_.find(q.id); it != question_lines_.end()) {
        error(node["id"], "questionnaire.duplicate-id",
              "duplicate question id '" + q.id + "' (first at line " + std::to_string(it->second) + ")");
        keep = false;
      } else {
        question_lines_[q.id] = q.line;
      }
    }
    q.text = yaml_string(doc_, node, "text", sink_, kInvalid, true).value_or("");
    q.help = yaml_string(doc_, node, "help", sink_, kInvalid).value_or("");
    if (!read_type(node, q)) keep = false;
    read_state(node, q);
    read_options(node, q);
    read_scale(node, q);
    q.unit = yaml_string(doc_, node, "unit", sink_, kInvalid).value_or("");
    if (!q.unit.empty() && q.type != QuestionType::number)
      warning(node["unit"], "questionnaire.misplaced-key", "'unit' applies to type number only; ignored");
    if (auto informs = yaml_string(doc_, node, "informs", sink_, kInvalid)) {
      if (contains(questionnaire_informs_values(), *informs))
        q.informs = *informs;
      else
        error(node["informs"], "questionnaire.unknown-informs",
              "unknown informs value '" + *informs + "' (" + one_of(questionnaire_informs_values()) + ")" +
                  did_you_mean(*informs, questionnaire_informs_values()));
    }
    read_area(node, q);
    if (!keep) return std::nullopt;
    return q;
  }

  bool read_type(const YAML::Node& node, Question& q) {
    auto type = node["type"];
    if (!type) {
      error(node, "questionnaire.unknown-type", "question '" + q.id + "' has no 'type' (" + one_of(kTypes) + ")");
      return false;
    }
    auto name = type.IsScalar() ? type.Scalar() : std::string();
    auto it = std::find(kTypes.begin(), kTypes.end(), name);
    if (it == kTypes.end()) {
      error(type, "questionnaire.unknown-type",
            "unknown question type '" + name + "' (" + one_of(kTypes) + ")" + did_you_mean(name, kTypes));
      return false;
    }
    q.type = static_cast<QuestionType>(it - kTypes.begin());
    return true;
  }

  void read_state(const YAML::Node& node, Question& q) {
    auto state = node["state"];
    if (!state) {
      error(node, "questionnaire.bad-state", "question '" + q.id + "' has no 'state' (" + one_of(kStates) + ")");
      return;
    }
    auto name = state.IsScalar() ? state.Scalar() : std::string();
    auto it = std::find(kStates.begin(), kStates.end(), name);
    if (it == kStates.end()) {
      error(state, "questionnaire.bad-state",
            "bad state '" + name + "' (" + one_of(kStates) + ")" + did_you_mean(name, kStates));
      return;
    }
    q.state = static_cast<QuestionState>(it - kStates.begin());
  }

  void read_options(const YAML::Node& node, Question& q) {
    auto options = node["options"];
    if (!q.is_choice()) {
      if (options)
        warning(options, "questionnaire.misplaced-key",
                "'options' applies to types single and multiple only; ignored for type " +
                    std::string(question_type_name(q.type)));
      return;
    }
    if (!options || options.IsNull() || (options.IsSequence() && options.size() == 0)) {
      error(options ? options : node, "questionnaire.missing-options",
            "question '" + q.id + "' of type " + std::string(question_type_name(q.type)) + " needs 'options'");
      return;
    }
    if (!options.IsSequence()) {
      error(options, kInvalid, "'options' must be a list of strings");
      return;
    }
    std::set<std::string> seen;
    for (const auto& option : options) {
      if (!option.IsScalar()) {
        error(option, kInvalid, "items of 'options' must be strings");
        continue;
      }
      auto text = std::string(trim(option.Scalar()));
      if (text.empty()) {
        error(option, "questionnaire.bad-option", "an option must not be empty");
        continue;
      }
      if (text.find(" | ") != std::string::npos || text.find('\n') != std::string::npos) {
        error(option, "questionnaire.bad-option",
              "option '" + text + "' must not contain ' | ' or a line break (they separate options in CSV files)");
        continue;
      }
      if (!seen.insert(text).second) {
        error(option, "questionnaire.duplicate-option", "duplicate option '" + text + "' in question '" + q.id + "'");
        continue;
      }
      q.options.push_back(text);
    }
  }

  void read_scale(const YAML::Node& node, Question& q) {
    auto scale = node["scale"];
    if (q.type != QuestionType::scale) {
      if (scale) warning(scale, "questionnaire.misplaced-key", "'scale' applies to type scale only; ignored");
      return;
    }
    if (!scale || !scale.IsMap()) {
      error(scale ? scale : node, "questionnaire.bad-scale",
            "question '" + q.id + "' of type scale needs 'scale: {min: 1, max: 5, low: ..., high: ...}'");
      return;
    }
    warn_unknown_keys(doc_, scale, kScaleKeys, sink_, kUnknownKey, "a scale");
    auto min = yaml_int(doc_, scale, "min", sink_, "questionnaire.bad-scale");
    auto max = yaml_int(doc_, scale, "max", sink_, "questionnaire.bad-scale");
    if (min) q.scale.min = static_cast<int>(*min);
    if (max) q.scale.max = static_cast<int>(*max);
    if (q.scale.min >= q.scale.max || q.scale.max - q.scale.min > 10) {
      error(scale, "questionnaire.bad-scale",
            "scale of question '" + q.id + "' runs from " + std::to_string(q.scale.min) + " to " +
                std::to_string(q.scale.max) + "; min must be below max, at most 10 steps apart");
      q.scale = QuestionScale{};
    }
    q.scale.low = yaml_string(doc_, scale, "low", sink_, "questionnaire.bad-scale", true).value_or("");
    q.scale.high = yaml_string(doc_, scale, "high", sink_, "questionnaire.bad-scale", true).value_or("");
  }

  void read_area(const YAML::Node& node, Question& q) {
    auto area = yaml_string(doc_, node, "area", sink_, kInvalid);
    static const auto ids = area_ids();
    if (q.section != "tooling") {
      if (area)
        warning(node["area"], "questionnaire.area-outside-tooling",
                "'area' belongs to questions of the tooling section; question '" + q.id + "' is in section '" +
                    q.section + "'");
      if (area && contains(ids, *area)) q.area = *area;
      return;
    }
    if (!area || area->empty()) {
      error(node, "questionnaire.missing-area",
            "tooling question '" + q.id + "' needs 'area:' naming one of the sixteen operational areas");
      return;
    }
    if (!contains(ids, *area)) {
      error(node["area"], "questionnaire.unknown-area",
            "unknown area id '" + *area + "' (the sixteen area ids are in docs/content-rules.md)" +
                did_you_mean(*area, ids));
      return;
    }
    q.area = *area;
  }

  void check_area_coverage(const YAML::Node& tooling, const Questionnaire& q) {
    std::set<std::string> covered;
    for (const auto& section : q.sections)
      if (section.id == "tooling")
        for (const auto& question : section.questions)
          if (!question.area.empty()) covered.insert(question.area);
    std::vector<std::string> missing;
    for (const auto& a : questionnaire_areas())
      if (!covered.count(a.id)) missing.push_back(a.id);
    if (!missing.empty())
      warning(tooling, "questionnaire.area-uncovered",
              "the tooling section asks nothing about " + std::to_string(missing.size()) +
                  " of the sixteen areas: " + join(missing, ", "));
  }
};

}  // namespace

std::optional<Questionnaire> parse_questionnaire(const std::string& file, const std::string& text,
                                                 DiagnosticSink& sink) {
  auto doc = parse_yaml(file, text, sink, "questionnaire.invalid-yaml");
  if (!doc) return std::nullopt;
  return Reader(*doc, sink).read();
}

std::optional<Questionnaire> load_questionnaire(const Model& model, DiagnosticSink& sink) {
  for (const auto& data : model.sources.data)
    if (data.name == "questionnaire") return parse_questionnaire(data.file, data.text, sink);
  return std::nullopt;
}

}  // namespace opskit
