#include "assess/assess.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

#include "pipeline/build_model.hpp"
#include "emit/output_folder.hpp"
#include "project/config.hpp"
#include "load/limits.hpp"
#include "parse/markdown.hpp"
#include "render/theme.hpp"
#include "support/files.hpp"
#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;
using Json = nlohmann::json;

const AnswerValue& Answers::get(const std::string& question, const std::string& state) const {
  static const AnswerValue none;
  auto it = by_question.find(question);
  return it == by_question.end() ? none : it->second.get(state);
}

bool answered(const AnswerValue& value) {
  if (std::holds_alternative<std::monostate>(value)) return false;
  if (auto s = std::get_if<std::string>(&value)) return !trim(*s).empty();
  if (auto c = std::get_if<std::vector<std::string>>(&value)) return !c->empty();
  return true;
}

namespace {

// ------------------------------------------------------------------ JSON paths and positions

bool plain_key(const std::string& key) {
  if (key.empty()) return false;
  for (char c : key)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  return true;
}

std::string json_child(const std::string& parent, const std::string& key) {
  if (!plain_key(key)) return parent + "[" + Json(key).dump() + "]";
  return parent.empty() ? key : parent + "." + key;
}

std::string json_index(const std::string& parent, std::size_t i) { return parent + "[" + std::to_string(i) + "]"; }

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Line and column of every key and value of a JSON text, by JSON path. nlohmann keeps no
// positions, so this second, tolerant scan of the (already validated) text finds them.
class JsonLocator {
 public:
  explicit JsonLocator(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    value("");
  }

  std::pair<int, int> line_col(std::size_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    auto line = static_cast<std::size_t>(it - line_starts_.begin());
    return {static_cast<int>(line), static_cast<int>(offset - line_starts_[line - 1] + 1)};
  }
  std::pair<int, int> value_at(const std::string& path) const {
    auto it = values_.find(path);
    return it == values_.end() ? std::pair<int, int>{1, 1} : line_col(it->second);
  }
  std::pair<int, int> key_at(const std::string& path) const {
    auto it = keys_.find(path);
    return it == keys_.end() ? value_at(path) : line_col(it->second);
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::vector<std::size_t> line_starts_;
  std::map<std::string, std::size_t> values_, keys_;

  bool more() const { return pos_ < text_.size(); }
  char peek() const { return more() ? text_[pos_] : '\0'; }
  void skip_space() {
    while (more() && std::strchr(" \t\r\n", text_[pos_]) && text_[pos_] != '\0') ++pos_;
  }

  unsigned hex4() {
    unsigned v = 0;
    for (int i = 0; i < 4 && more(); ++i, ++pos_) {
      char c = text_[pos_];
      v = v * 16 +
          static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10));
    }
    return v;
  }

  std::string string_token() {
    std::string out;
    ++pos_;  // the opening quote
    while (more() && text_[pos_] != '"') {
      char c = text_[pos_++];
      if (c != '\\' || !more()) {
        out += c;
        continue;
      }
      char e = text_[pos_++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && peek() == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] == 'u') {
            pos_ += 2;
            unsigned low = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default:
          out += e;
      }
    }
    if (more()) ++pos_;  // the closing quote
    return out;
  }

  void value(const std::string& path) {
    skip_space();
    if (!more() || depth_ > 256) return;
    values_[path] = pos_;
    char c = peek();
    ++depth_;
    if (c == '{') {
      ++pos_;
      while (true) {
        skip_space();
        if (peek() != '"') break;
        std::size_t key_pos = pos_;
        auto child = json_child(path, string_token());
        keys_[child] = key_pos;
        skip_space();
        if (peek() == ':') ++pos_;
        value(child);
        skip_space();
        if (peek() != ',') break;
        ++pos_;
      }
      if (peek() == '}') ++pos_;
    } else if (c == '[') {
      ++pos_;
      skip_space();
      for (std::size_t i = 0; more() && peek() != ']'; ++i) {
        std::size_t before = pos_;
        value(json_index(path, i));
        skip_space();
        if (peek() == ',')
          ++pos_;
        else if (pos_ == before)
          break;
        else if (peek() != ']')
          break;
      }
      if (peek() == ']') ++pos_;
    } else if (c == '"') {
      string_token();
    } else {
      while (more() && !std::strchr(",]} \t\r\n", text_[pos_])) ++pos_;
    }
    --depth_;
  }
};

// nlohmann's parse_error gives the byte offset (1-based) where parsing stopped.
std::pair<int, int> error_position(const std::string& text, std::size_t byte) {
  std::size_t offset = byte == 0 ? 0 : std::min(byte - 1, text.size());
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return {line, static_cast<int>(offset - line_start + 1)};
}

std::string parse_error_message(const std::string& what) {
  // "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error ..." -> "syntax error ..."
  auto colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

std::string format_number(double v) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(v);
}

// ------------------------------------------------------------------ reading answers

// "a string", "a number", "a list", ... for messages.
std::string json_kind(const Json& v) {
  if (v.is_string()) return "a string";
  if (v.is_number()) return "a number";
  if (v.is_array()) return "a list";
  if (v.is_object()) return "an object";
  if (v.is_boolean()) return "true or false";
  return "null";
}

const std::vector<std::string> kTopKeys = {"questionnaire_version", "answers", "exported_at", "questionnaire_title"};

class AnswerReader {
 public:
  AnswerReader(const Questionnaire& q, const std::string& file, const std::string& text, DiagnosticSink& sink)
      : q_(q), file_(file), text_(text), sink_(sink) {}

  std::optional<Answers> read() {
    Json doc;
    try {
      doc = Json::parse(text_);
    } catch (const Json::parse_error& e) {
      auto [line, column] = error_position(text_, e.byte);
      sink_.report("answers.invalid-json", Severity::error, file_, line, column,
                   "invalid JSON: " + parse_error_message(e.what()));
      return std::nullopt;
    } catch (const Json::exception& e) {
      // A number too large for a double (1e400): the message quotes it; point at it.
      std::string what = e.what();
      auto open = what.find('\''), close = what.rfind('\'');
      auto token = open != std::string::npos && close > open ? what.substr(open + 1, close - open - 1) : std::string();
      auto at = token.empty() ? std::string::npos : text_.find(token);
      auto [line, column] = at == std::string::npos ? std::pair{1, 1} : error_position(text_, at + 1);
      sink_.report("answers.invalid-json", Severity::error, file_, line, column,
                   token.empty() ? "invalid JSON: a value opskit cannot read"
                                 : "the number " + token + " is too large to read");
      return std::nullopt;
    }
    locator_.emplace(text_);
    if (!doc.is_object()) {
      report("answers.wrong-type", "", false,
             "the answers file must be a JSON object {\"questionnaire_version\": ..., \"answers\": {...}}, not " +
                 json_kind(doc));
      return std::nullopt;
    }
    Answers answers;
    answers.file = file_;
    for (const auto& [key, value] : doc.items()) {
      (void)value;
      if (std::find(kTopKeys.begin(), kTopKeys.end(), key) == kTopKeys.end()) {
        auto suggestion = closest_match(key, kTopKeys);
        report("answers.unknown-key", json_child("", key), true,
               "unknown key '" + key + "'" + (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?"),
               Severity::warning);
      }
    }
    read_version(doc, answers);
    if (doc.contains("exported_at") && doc["exported_at"].is_string())
      answers.exported_at = doc["exported_at"].get<std::string>();
    if (!doc.contains("answers")) {
      report("answers.wrong-type", "", false,
             "no 'answers' object: expected {\"answers\": {\"<question id>\": "
             "{\"current\": ..., \"future\": ...}}}");
      return answers;
    }
    const auto& all = doc["answers"];
    if (!all.is_object()) {
      report("answers.wrong-type", "answers", false,
             "answers must be an object keyed by question id, not " + json_kind(all));
      return answers;
    }
    auto ids = q_.question_ids();
    for (const auto& [id, value] : all.items()) {
      auto path = json_child("answers", id);
      const Question* question = q_.find(id);
      if (!question) {
        auto suggestion = closest_match(id, ids);
        report("answers.unknown-question", path, true,
               path + ": questionnaire version " + q_.version + " has no question '" + id + "'" +
                   (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?"));
        continue;
      }
      read_question(*question, value, path, answers.by_question[id]);
    }
    return answers;
  }

 private:
  const Questionnaire& q_;
  const std::string& file_;
  const std::string& text_;
  DiagnosticSink& sink_;
  std::optional<JsonLocator> locator_;

  void report(const std::string& rule, const std::string& path, bool at_key, const std::string& message,
              Severity severity = Severity::error) {
    auto [line, column] = !locator_ ? std::pair<int, int>{1, 1}
                          : at_key  ? locator_->key_at(path)
                                    : locator_->value_at(path);
    sink_.report(rule, severity, file_, line, column, message);
  }

  void read_version(const Json& doc, Answers& answers) {
    if (!doc.contains("questionnaire_version")) {
      report("answers.version-mismatch", "", false,
             "no 'questionnaire_version': the answers must name the questionnaire version they answer (this kit's "
             "is \"" +
                 q_.version + "\")");
      return;
    }
    const auto& v = doc["questionnaire_version"];
    if (!v.is_string()) {
      report("answers.wrong-type", "questionnaire_version", false,
             "questionnaire_version must be a string such as \"" + q_.version + "\", not " + json_kind(v));
      return;
    }
    answers.questionnaire_version = v.get<std::string>();
    if (answers.questionnaire_version != q_.version)
      report("answers.version-mismatch", "questionnaire_version", false,
             "questionnaire_version: the answers are for questionnaire version \"" + answers.questionnaire_version +
                 "\", but this kit's questionnaire is version \"" + q_.version + "\"");
  }

  void read_question(const Question& question, const Json& value, const std::string& path, QuestionAnswer& into) {
    auto keys = question.state_keys();
    auto expected = "{" +
                    join(
                        [&] {
                          std::vector<std::string> parts;
                          for (const auto& k : keys) parts.push_back("\"" + k + "\": ...");
                          return parts;
                        }(),
                        ", ") +
                    "}";
    if (value.is_null()) return;
    if (!value.is_object()) {
      report("answers.wrong-type", path, false, path + " must be an object " + expected + ", not " + json_kind(value));
      return;
    }
    for (const auto& [state, answer] : value.items()) {
      auto state_path = json_child(path, state);
      if (std::find(keys.begin(), keys.end(), state) == keys.end()) {
        bool known = state == "current" || state == "future";
        report("answers.unexpected-state", state_path, true,
               state_path + ": " +
                   (known ? "question '" + question.id + "' asks for the " + join(keys, " and ") + " state only"
                          : "unknown key '" + state + "'; expected " + expected));
        continue;
      }
      (state == "current" ? into.current : into.future) = read_value(question, answer, state_path);
    }
  }

  AnswerValue read_value(const Question& question, const Json& v, const std::string& path) {
    if (v.is_null()) return {};
    auto wrong = [&](const std::string& wanted, const std::string& hint = "") {
      report("answers.wrong-type", path, false,
             path + " must be " + wanted + ", not " + json_kind(v) + " (question '" + question.id + "' is of type " +
                 std::string(question_type_name(question.type)) + hint + ")");
      return AnswerValue{};
    };
    switch (question.type) {
      case QuestionType::single: {
        if (!v.is_string()) return wrong("a string, one of the options");
        auto s = v.get<std::string>();
        if (trim(s).empty()) return {};
        return check_option(question, s, path) ? AnswerValue{s} : AnswerValue{};
      }
      case QuestionType::multiple: {
        if (!v.is_array()) return wrong("a list of strings, each one of the options");
        std::set<std::string> chosen;
        for (std::size_t i = 0; i < v.size(); ++i) {
          auto item_path = json_index(path, i);
          if (!v[i].is_string()) {
            report("answers.wrong-type", item_path, false,
                   item_path + " must be a string, one of the options, not " + json_kind(v[i]));
            continue;
          }
          auto s = v[i].get<std::string>();
          if (check_option(question, s, item_path)) chosen.insert(s);
        }
        std::vector<std::string> ordered;  // in the questionnaire's order, whatever the file's
        for (const auto& option : question.options)
          if (chosen.count(option)) ordered.push_back(option);
        return ordered;
      }
      case QuestionType::scale: {
        std::string s;
        if (v.is_number_integer())
          s = std::to_string(v.get<long long>());
        else if (v.is_string())
          s = std::string(trim(v.get<std::string>()));
        else
          return wrong("a string \"" + std::to_string(question.scale.min) + "\" to \"" +
                       std::to_string(question.scale.max) + "\"");
        if (s.empty()) return {};
        int n = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
        if (ec != std::errc() || end != s.data() + s.size() || n < question.scale.min || n > question.scale.max) {
          report("answers.not-an-option", path, false,
                 path + ": '" + s + "' is not on the scale of question '" + question.id + "' (" +
                     std::to_string(question.scale.min) + " to " + std::to_string(question.scale.max) + ")");
          return {};
        }
        return std::to_string(n);
      }
      case QuestionType::number: {
        if (v.is_number()) return v.get<double>();
        if (v.is_string()) {
          auto s = std::string(trim(v.get<std::string>()));
          if (s.empty()) return {};
          return wrong("a number", "; write the number without quotes");
        }
        return wrong("a number");
      }
      case QuestionType::text: {
        if (!v.is_string()) return wrong("a string");
        return v.get<std::string>();
      }
    }
    return {};
  }

  bool check_option(const Question& question, const std::string& s, const std::string& path) {
    if (std::find(question.options.begin(), question.options.end(), s) != question.options.end()) return true;
    std::string hint;
    for (const auto& option : question.options)
      if (to_lower(trim(option)) == to_lower(trim(s))) hint = option;
    if (hint.empty()) hint = closest_match(s, question.options);
    std::string message = path + ": '" + s + "' is not an option of question '" + question.id + "'";
    if (!hint.empty())
      message += "; did you mean '" + hint + "'?";
    else if (question.options.size() <= 8)
      message += " (options: " + join(question.options, " | ") + ")";
    report("answers.not-an-option", path, false, message);
    return false;
  }
};

// ------------------------------------------------------------------ the support-plan rules

struct Matcher {
  std::string informs;
  std::vector<std::string> phrases;  // matched case-insensitively inside the answer text
};

struct RuleSpec {
  int number;
  std::string plan;
  std::vector<Matcher> when;
  std::string why;
};

const std::vector<RuleSpec>& rule_specs() {
  static const std::vector<RuleSpec> specs = {
      {1,
       "Unified Operations",
       {{"response-time", {"Under 5 minutes"}}, {"level-of-support", {"domain specialists"}}},
       "Only Unified Operations answers a business-critical case in under 5 minutes and adds domain specialists "
       "and 24/7 monitoring."},
      {2,
       "Enterprise Support",
       {{"response-time", {"Under 15 minutes"}}, {"level-of-support", {"Designated TAM", "technical account manager"}}},
       "Enterprise Support answers a business-critical case in under 15 minutes and has a designated technical "
       "account manager (TAM)."},
      {3,
       "Business Support+",
       {{"response-time", {"Under 30 minutes", "Under 1 hour", "24/7", "migration cutovers"}}},
       "Business Support+ answers production-down cases in under 1 hour, 24/7, without a TAM."},
  };
  return specs;
}

constexpr int kFloorRule = 4;
const char* const kFloorPlan = "Business Support+";

bool contains_phrase(const std::string& text, const std::string& phrase) {
  return to_lower(text).find(to_lower(phrase)) != std::string::npos;
}

std::vector<std::string> questions_informing(const Questionnaire& q, const std::string& informs) {
  std::vector<std::string> ids;
  for (const auto& section : q.sections)
    for (const auto& question : section.questions)
      if (question.informs == informs) ids.push_back(question.id);
  return ids;
}

std::string quoted_list(const std::vector<std::string>& items, const std::string& sep) {
  std::vector<std::string> quoted;
  for (const auto& s : items) quoted.push_back("\"" + s + "\"");
  return join(quoted, sep);
}

std::string code_list(const std::vector<std::string>& ids) {
  std::vector<std::string> coded;
  for (const auto& s : ids) coded.push_back("`" + s + "`");
  return join(coded, ", ");
}

std::string matcher_text(const Questionnaire& q, const Matcher& m) {
  auto ids = questions_informing(q, m.informs);
  return "an answer to a " + m.informs + " question (" + (ids.empty() ? "none in this questionnaire" : code_list(ids)) +
         ") contains " + quoted_list(m.phrases, " or ");
}

// The state whose answer the decision uses: the future state when the question asks for it.
std::string decision_state(const Question& question) { return question.asks_future() ? "future" : "current"; }

std::vector<std::string> answer_texts(const AnswerValue& v) {
  if (auto s = std::get_if<std::string>(&v)) return {std::string(trim(*s))};
  if (auto c = std::get_if<std::vector<std::string>>(&v)) return *c;
  if (auto d = std::get_if<double>(&v)) return {format_number(*d)};
  return {};
}

// Quotes and backticks inside an answer would end the quoting around it; the report shows them
// as typographic quotes.
std::string evidence_text(const PlanEvidence& e) {
  auto answer = replace_all(replace_all(e.answer, "\"", "\u201D"), "`", "'");
  return "`" + e.question + "` (" + e.state + " state) is \"" + answer + "\"";
}

}  // namespace

std::vector<PlanRule> support_plan_rules(const Questionnaire& q) {
  std::vector<PlanRule> rules;
  for (const auto& spec : rule_specs()) {
    std::vector<std::string> conditions;
    for (const auto& m : spec.when) conditions.push_back(matcher_text(q, m));
    rules.push_back({spec.number, spec.plan, join(conditions, ", or "), spec.why});
  }
  rules.push_back({kFloorRule, kFloorPlan, "none of the rules above matches",
                   "Basic is not suitable for a production migration: it has no technical support cases, so nobody "
                   "at AWS would look at a failed cutover. Business Support+ is the floor for a large migration; "
                   "an answer set that needs neither a fast business-critical response nor 24/7 cover is usually one "
                   "nobody has thought about, so revisit the answers."});
  return rules;
}

SupportPlanRecommendation recommend_support_plan(const Questionnaire& q, const Answers& answers) {
  SupportPlanRecommendation rec;
  for (const auto& section : q.sections)
    for (const auto& question : section.questions) {
      if (question.informs.empty()) continue;
      auto state = decision_state(question);
      for (const auto& text : answer_texts(answers.get(question.id, state)))
        rec.considered.push_back({question.id, state, text, question.informs});
    }

  auto matches = [&](const RuleSpec& spec) {
    std::vector<PlanEvidence> found;
    for (const auto& e : rec.considered)
      for (const auto& m : spec.when)
        if (m.informs == e.informs && std::any_of(m.phrases.begin(), m.phrases.end(),
                                                  [&](const auto& p) { return contains_phrase(e.answer, p); })) {
          found.push_back(e);
          break;
        }
    return found;
  };

  auto rules = support_plan_rules(q);
  for (const auto& spec : rule_specs()) {
    auto found = matches(spec);
    if (found.empty()) {
      rec.reasoning.push_back("Rule " + std::to_string(spec.number) + " (" + spec.plan + ") does not match: no " + [&] {
        std::vector<std::string> parts;
        for (const auto& m : spec.when)
          parts.push_back(m.informs + " answer contains " + quoted_list(m.phrases, " or "));
        return join(parts, ", and no ");
      }() + ".");
      continue;
    }
    std::vector<std::string> parts;
    for (const auto& e : found) parts.push_back(evidence_text(e));
    rec.reasoning.push_back("Rule " + std::to_string(spec.number) + " (" + spec.plan +
                            ") matches: " + join(parts, "; ") + ". " + spec.why);
    rec.rule = spec.number;
    rec.plan = spec.plan;
    rec.triggers = std::move(found);
    break;
  }
  if (rec.plan.empty()) {
    rec.rule = kFloorRule;
    rec.plan = kFloorPlan;
    rec.reasoning.push_back("Rule 4 applies: " + rules.back().why);
  }

  // Additions from the type-of-support answers, and contradictions worth recording.
  bool has_tam = rec.rule == 1 || rec.rule == 2;
  std::vector<PlanEvidence> reviews, architecture, events, low_level;
  for (const auto& e : rec.considered) {
    if (e.informs == "type-of-support") {
      bool operations_review = contains_phrase(e.answer, "operations") && contains_phrase(e.answer, "review");
      if (operations_review || contains_phrase(e.answer, "proactive event management") ||
          contains_phrase(e.answer, "event support"))
        reviews.push_back(e);
      if (contains_phrase(e.answer, "architecture guidance")) architecture.push_back(e);
      if (contains_phrase(e.answer, "event management") || contains_phrase(e.answer, "event support"))
        events.push_back(e);
    }
    if (e.informs == "level-of-support" &&
        (contains_phrase(e.answer, "not needed") || contains_phrase(e.answer, "pooled guidance")))
      low_level.push_back(e);
  }
  auto evidence_list = [](const std::vector<PlanEvidence>& list) {
    std::vector<std::string> parts;
    for (const auto& e : list) parts.push_back(evidence_text(e));
    return join(parts, "; ");
  };
  if (!has_tam && !reviews.empty())
    rec.notes.push_back(evidence_list(reviews) +
                        ": operations reviews and proactive event management delivered by a named AWS contact need a "
                        "designated TAM. Raise the plan to Enterprise Support, or give those services to a partner "
                        "under contract.");
  if (!has_tam && !architecture.empty())
    rec.notes.push_back(evidence_list(architecture) +
                        ": the plan has no TAM, so decide who provides architecture guidance for the migrated "
                        "workloads (your cloud architects, AWS Professional Services or a partner) and write it into "
                        "the migration plan.");
  if (!events.empty())
    rec.notes.push_back(evidence_list(events) +
                        ": list the cutover dates and book the event support with the account team at least six weeks "
                        "before the first cutover.");
  if (has_tam && !low_level.empty())
    rec.notes.push_back(evidence_list(low_level) + " contradicts the recommended plan (" + rec.plan +
                        " brings a designated TAM): record in the decision why the response-time requirement wins, "
                        "or revisit the answers.");
  if (rec.considered.empty()) {
    std::vector<std::string> ids;
    for (const auto& informs : questionnaire_informs_values())
      for (const auto& id : questions_informing(q, informs)) ids.push_back(id);
    rec.notes.push_back("None of the questions that inform the support plan (" +
                        (ids.empty() ? std::string("none in this questionnaire") : code_list(ids)) +
                        ") has an answer: agree them in the assessment workshop before deciding.");
  }
  return rec;
}

namespace {

// ------------------------------------------------------------------ the report

// Answers are the respondent's text: nothing in them may become Markdown or HTML.
std::string md_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\r') continue;
    if (c == '\n') {
      out += ' ';
      continue;
    }
    if (std::strchr("\\`*_[]<>|~&#!", c) && c != '\0') out += '\\';
    out += c;
  }
  return std::string(trim(out));
}

// Evidence strings are built with Markdown code spans and quotes around answers: escape only the
// quoted answers (between the quotes), keep the code spans.
std::string md_evidence(const std::string& s) {
  std::string out;
  bool in_code = false, in_quote = false;
  std::string quoted;
  for (char c : s) {
    if (in_quote) {
      if (c == '"') {
        out += "\"" + md_escape(quoted) + "\"";
        quoted.clear();
        in_quote = false;
      } else {
        quoted += c;
      }
      continue;
    }
    if (c == '`') in_code = !in_code;
    if (c == '"' && !in_code) {
      in_quote = true;
      continue;
    }
    if (!in_code && std::strchr("*_[]<>|~&", c) && c != '\0') out += '\\';
    out += c;
  }
  if (in_quote) out += "\"" + md_escape(quoted);
  return out;
}

std::string display(const Question& q, const AnswerValue& v) {
  if (!answered(v)) return "—";
  if (auto d = std::get_if<double>(&v)) return md_escape(format_number(*d) + (q.unit.empty() ? "" : " " + q.unit));
  if (auto c = std::get_if<std::vector<std::string>>(&v)) {
    std::vector<std::string> parts;
    for (const auto& s : *c) parts.push_back(md_escape(s));
    return join(parts, "; ");
  }
  const auto& s = std::get<std::string>(v);
  if (q.type == QuestionType::scale) {
    std::string meaning = s == std::to_string(q.scale.min)   ? q.scale.low
                          : s == std::to_string(q.scale.max) ? q.scale.high
                                                             : "";
    return md_escape(s + " of " + std::to_string(q.scale.max) + (meaning.empty() ? "" : " (" + meaning + ")"));
  }
  return md_escape(s);
}

struct Gap {
  enum class Kind { not_asked, incomplete, none, gap } kind;
  std::string detail;
};

Gap gap_of(const Question& q, const QuestionAnswer* a) {
  if (q.state != QuestionState::both) return {Gap::Kind::not_asked, {}};
  static const QuestionAnswer empty;
  const auto& answer = a ? *a : empty;
  if (!answered(answer.current) && !answered(answer.future)) return {Gap::Kind::incomplete, "Not answered"};
  if (!answered(answer.current) || !answered(answer.future)) return {Gap::Kind::incomplete, "Not both answered"};
  if (auto c = std::get_if<double>(&answer.current)) {
    double diff = std::get<double>(answer.future) - *c;
    if (diff == 0) return {Gap::Kind::none, {}};
    return {Gap::Kind::gap, (diff > 0 ? "+" : "") + format_number(diff) + (q.unit.empty() ? "" : " " + q.unit)};
  }
  if (auto c = std::get_if<std::vector<std::string>>(&answer.current)) {
    const auto& f = std::get<std::vector<std::string>>(answer.future);
    std::vector<std::string> adds, drops;
    for (const auto& s : f)
      if (std::find(c->begin(), c->end(), s) == c->end()) adds.push_back(md_escape(s));
    for (const auto& s : *c)
      if (std::find(f.begin(), f.end(), s) == f.end()) drops.push_back(md_escape(s));
    if (adds.empty() && drops.empty()) return {Gap::Kind::none, {}};
    std::vector<std::string> parts;
    if (!adds.empty()) parts.push_back("adds " + join(adds, "; "));
    if (!drops.empty()) parts.push_back("drops " + join(drops, "; "));
    return {Gap::Kind::gap, join(parts, "; ")};
  }
  auto current = std::string(trim(std::get<std::string>(answer.current)));
  auto future = std::string(trim(std::get<std::string>(answer.future)));
  if (current == future) return {Gap::Kind::none, {}};
  if (q.type == QuestionType::scale) {
    int diff = std::stoi(future) - std::stoi(current);
    return {Gap::Kind::gap, (diff > 0 ? "+" : "") + std::to_string(diff) + " on the scale"};
  }
  return {Gap::Kind::gap, {}};
}

std::string gap_cell(const Question& q, const Gap& gap) {
  switch (gap.kind) {
    case Gap::Kind::not_asked:
      return q.state == QuestionState::current ? "n/a (current state only)" : "n/a (future state only)";
    case Gap::Kind::incomplete:
      return gap.detail;
    case Gap::Kind::none:
      return "No gap";
    case Gap::Kind::gap:
      return gap.detail.empty() ? "**Gap**" : "**Gap**: " + gap.detail;
  }
  return {};
}

struct MappedArea {
  std::string name, page;
  std::vector<std::string> tools;
};

// content/data/tooling-map.yaml, read leniently: its own validation reports its problems.
std::map<std::string, MappedArea> read_tooling_map(const Model& model) {
  std::map<std::string, MappedArea> out;
  for (const auto& data : model.sources.data) {
    if (data.name != "tooling-map") continue;
    try {
      auto root = YAML::Load(data.text);
      auto areas = root["areas"];
      if (!areas || !areas.IsSequence()) break;
      for (const auto& area : areas) {
        if (!area.IsMap() || !area["id"] || !area["id"].IsScalar()) continue;
        MappedArea mapped;
        if (area["name"] && area["name"].IsScalar()) mapped.name = area["name"].Scalar();
        if (area["page"] && area["page"].IsScalar()) mapped.page = area["page"].Scalar();
        if (auto tools = area["tools"]; tools && tools.IsSequence())
          for (const auto& tool : tools) {
            if (tool.IsScalar())
              mapped.tools.push_back(tool.Scalar());
            else if (tool.IsMap() && tool["name"] && tool["name"].IsScalar())
              mapped.tools.push_back(tool["name"].Scalar());
          }
        out[area["id"].Scalar()] = std::move(mapped);
      }
    } catch (const YAML::Exception&) {
      // Reported by the tooling map's own validation.
    }
    break;
  }
  return out;
}

std::string question_cell(const Question& q) { return "`" + q.id + "` " + md_escape(q.text); }

class ReportWriter {
 public:
  ReportWriter(const Model& model, const Questionnaire& q, const Answers& answers)
      : model_(model), q_(q), answers_(answers) {}

  std::string markdown() {
    auto rec = recommend_support_plan(q_, answers_);
    title();
    summary(rec);
    plan(rec);
    sections();
    tooling();
    return std::move(md_);
  }

 private:
  const Model& model_;
  const Questionnaire& q_;
  const Answers& answers_;
  std::string md_;

  const QuestionAnswer* answer_of(const Question& q) const {
    auto it = answers_.by_question.find(q.id);
    return it == answers_.by_question.end() ? nullptr : &it->second;
  }

  void title() {
    md_ += "# Assessment report: " + md_escape(q_.title.empty() ? "questionnaire" : q_.title) + "\n\n";
    md_ += "Compiled by opskit " + std::string(OPSKIT_VERSION) + " from `" +
           fs::path(answers_.file).filename().string() + "`: answers to questionnaire version " + md_escape(q_.version);
    if (!answers_.questionnaire_version.empty() && answers_.questionnaire_version != q_.version)
      md_ += " (the file names version " + md_escape(answers_.questionnaire_version) + ")";
    if (!answers_.exported_at.empty()) md_ += ", exported " + md_escape(answers_.exported_at);
    md_ += ".\n\n";
  }

  void summary(const SupportPlanRecommendation& rec) {
    std::size_t slots = 0, given = 0, both = 0, gaps = 0;
    for (const auto& section : q_.sections)
      for (const auto& question : section.questions) {
        for (const auto& key : question.state_keys()) {
          ++slots;
          if (answered(answers_.get(question.id, key))) ++given;
        }
        auto gap = gap_of(question, answer_of(question));
        if (gap.kind == Gap::Kind::gap || gap.kind == Gap::Kind::none) ++both;
        if (gap.kind == Gap::Kind::gap) ++gaps;
      }
    std::set<std::string> areas, areas_answered;
    for (const auto& section : q_.sections)
      for (const auto& question : section.questions) {
        if (question.area.empty()) continue;
        areas.insert(question.area);
        if (answered(answers_.get(question.id, "current"))) areas_answered.insert(question.area);
      }
    md_ += "## Summary\n\n";
    md_ += "- **Recommended support plan: " + rec.plan + "** (rule " + std::to_string(rec.rule) +
           " of the decision guide; see below).\n";
    md_ += "- Answers given: " + std::to_string(given) + " of " + std::to_string(slots) +
           (slots ? " (" + std::to_string(given * 100 / slots) + "%)" : std::string()) + ".\n";
    md_ += "- Questions asked for both states and answered for both: " + std::to_string(both) +
           "; with a gap between "
           "the current and the future state: " +
           std::to_string(gaps) + ".\n";
    if (!areas.empty())
      md_ += "- Tooling areas with an answer about the current state: " + std::to_string(areas_answered.size()) +
             " of " + std::to_string(areas.size()) + ".\n";
    md_ += "\n";
  }

  void plan(const SupportPlanRecommendation& rec) {
    auto rules = support_plan_rules(q_);
    md_ += "## Support-plan recommendation\n\n";
    md_ += "**" + rec.plan + "**, by rule " + std::to_string(rec.rule) + ".";
    if (rec.rule == kFloorRule)
      md_ += " Basic is not suitable for a production migration; Business Support+ is the floor.";
    md_ += "\n\n### Reasoning\n\n";
    for (const auto& line : rec.reasoning) md_ += "- " + md_evidence(line) + "\n";
    md_ += "\n### Answers that inform the plan\n\n";
    if (rec.considered.empty()) {
      md_ += "None answered.\n\n";
    } else {
      md_ += "| Question | Criterion | State | Answer |\n| --- | --- | --- | --- |\n";
      for (const auto& e : rec.considered) {
        const Question* question = q_.find(e.question);
        bool trigger = std::any_of(rec.triggers.begin(), rec.triggers.end(), [&](const PlanEvidence& t) {
          return t.question == e.question && t.answer == e.answer;
        });
        md_ += "| " + (question ? question_cell(*question) : "`" + e.question + "`") + " | " + e.informs + " | " +
               e.state + " | " + md_escape(e.answer) +
               (trigger ? " (triggers rule " + std::to_string(rec.rule) + ")" : "") + " |\n";
      }
      md_ += "\n";
    }
    if (!rec.notes.empty()) {
      md_ += "### Notes\n\n";
      for (const auto& note : rec.notes) md_ += "- " + md_evidence(note) + "\n";
      md_ += "\n";
    }
    md_ += "### The rules\n\n";
    md_ +=
        "From the kit's support-plan decision guide (`support-plans/decision-guide`). The answers used are the "
        "future-state answers of the questions marked `informs:` (the current-state answer where a question asks "
        "only for the current state); answers are matched by the option text they contain, ignoring case. The "
        "rules are checked in order and the first that matches gives the plan. Type-of-support answers add to the "
        "plan, never lower it.\n\n";
    for (const auto& rule : rules)
      md_ += std::to_string(rule.number) + ". **" + rule.plan + "** if " + md_evidence(rule.condition) + ". " +
             md_evidence(rule.why) + "\n";
    md_ +=
        "\nType of support (additions): operations reviews or proactive event management delivered by a named AWS "
        "contact need a designated TAM (raise Business Support+ to Enterprise Support, or contract a partner); "
        "architecture guidance without a TAM needs a named provider in the migration plan; event support for "
        "cutovers is booked at least six weeks ahead.\n\n";
    md_ += "### Before you sign\n\n";
    md_ +=
        "- [ ] The chosen plan continues after 1 January 2027 (Basic, Business Support+, Enterprise Support or "
        "Unified Operations); Developer, Business and Enterprise On-Ramp end on that date.\n";
    md_ +=
        "- [ ] Any response time the decision depends on (Business Support+ under 30 minutes, Unified Operations "
        "under 5 minutes) is confirmed in writing by AWS: the public sources disagree.\n\n";
  }

  void sections() {
    md_ += "## Current and future state by section\n\n";
    for (const auto& section : q_.sections) {
      md_ += "### " + md_escape(section.title) + "\n\n";
      if (section.questions.empty()) {
        md_ += "No questions.\n\n";
        continue;
      }
      md_ += "| Question | Current state | Future state | Gap |\n| --- | --- | --- | --- |\n";
      for (const auto& question : section.questions) {
        const auto* a = answer_of(question);
        auto cell = [&](const std::string& state) {
          bool asked = state == "current" ? question.asks_current() : question.asks_future();
          if (!asked) return std::string("(not asked)");
          return a ? display(question, a->get(state)) : std::string("—");
        };
        md_ += "| " + question_cell(question) + " | " + cell("current") + " | " + cell("future") + " | " +
               gap_cell(question, gap_of(question, a)) + " |\n";
      }
      md_ += "\n";
    }
  }

  void tooling() {
    std::vector<const Question*> tooling;
    for (const auto& section : q_.sections)
      for (const auto& question : section.questions)
        if (!question.area.empty()) tooling.push_back(&question);
    if (tooling.empty()) return;
    auto mapping = read_tooling_map(model_);
    md_ += "## Operational tooling by area\n\n";
    md_ += "The current tool (the current-state answer) against the kit's recommended mapping";
    md_ += mapping.empty() ? " (the project has no `content/data/tooling-map.yaml`, so no mapping is shown).\n\n"
                           : " from `content/data/tooling-map.yaml`.\n\n";
    md_ +=
        "| Area | Question | Current tool | Future state | Kit's recommended mapping |\n| --- | --- | --- | --- | --- "
        "|\n";
    for (const auto& area : questionnaire_areas()) {
      bool first = true;
      for (const Question* question : tooling) {
        if (question->area != area.id) continue;
        std::string area_cell, map_cell;
        if (first) {
          auto it = mapping.find(area.id);
          area_cell = md_escape(it != mapping.end() && !it->second.name.empty() ? it->second.name : area.name) + " (`" +
                      area.id + "`)";
          if (it == mapping.end()) {
            map_cell = mapping.empty() ? "—" : "not in the tooling map";
          } else {
            std::vector<std::string> tools;
            for (const auto& t : it->second.tools) tools.push_back(md_escape(t));
            map_cell = tools.empty() ? "no tools listed" : join(tools, "; ");
            if (!it->second.page.empty()) map_cell += " (page `" + it->second.page + "`)";
          }
        }
        const auto* a = answer_of(*question);
        auto cell = [&](const std::string& state) {
          bool asked = state == "current" ? question->asks_current() : question->asks_future();
          if (!asked) return std::string("(not asked)");
          return a ? display(*question, a->get(state)) : std::string("—");
        };
        md_ += "| " + area_cell + " | " + question_cell(*question) + " | " + cell("current") + " | " + cell("future") +
               " | " + map_cell + " |\n";
        first = false;
      }
    }
    md_ += "\n";
  }
};

std::string html_page(const std::string& title, const std::string& body_html, const std::string& site_css) {
  std::string css = replace_all(site_css, "</style", "<\\/style");
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"color-scheme\" content=\"light dark\">\n"
      "<meta name=\"generator\" content=\"opskit " +
      std::string(OPSKIT_VERSION) +
      "\">\n"
      "<title>" +
      html_escape(title) + "</title>\n";
  if (!css.empty()) page += "<style>\n" + css + "\n</style>\n";
  page +=
      "<style>\n"
      ".assessment-report { max-width: 1180px; margin: 0 auto; padding: 32px 28px 56px; }\n"
      ".assessment-report.main > * { max-width: none; }\n"
      ".assessment-report table { display: table; width: 100%; }\n"
      "@media print { .assessment-report { padding: 0; } }\n"
      "</style>\n</head>\n<body class=\"kind-assessment assessment-report-page\">\n"
      "<main id=\"main-content\" class=\"main assessment-report\">\n<article class=\"content\">\n";
  page += body_html;
  page += "</article>\n</main>\n</body>\n</html>\n";
  return page;
}

}  // namespace

std::optional<Answers> parse_answers(const Questionnaire& q, const std::string& file, const std::string& text,
                                     DiagnosticSink& sink) {
  return AnswerReader(q, file, text, sink).read();
}

AssessmentReport build_assessment_report(const Model& model, const Questionnaire& q, const Answers& answers,
                                         const std::string& site_css) {
  AssessmentReport report;
  report.markdown = ReportWriter(model, q, answers).markdown();
  auto doc = parse_markdown(report.markdown);
  report.html = html_page("Assessment report · " + (q.title.empty() ? std::string("questionnaire") : q.title),
                          render_markdown_html(doc.get()), site_css);
  return report;
}

int run_assess(const Model& model, const fs::path& answers_json, const fs::path& out_dir, DiagnosticSink& sink) {
  const std::string file = answers_json.string();
  auto errors_before = sink.count(Severity::error);
  auto questionnaire = load_questionnaire(model, sink);
  if (!questionnaire) {
    sink.report("questionnaire.missing", Severity::error, "", 0, 0,
                "the project has no content/data/questionnaire.yaml (or it is not valid YAML): nothing to assess");
    return 2;
  }
  std::error_code size_error;
  auto size = fs::file_size(answers_json, size_error);
  if (!size_error && size > limits::kAnswersBytes) {
    sink.report("answers.too-large", Severity::error, file, 0, 0,
                "the answers file is " + std::to_string(size) + " bytes; the form exports far less (the limit is " +
                    std::to_string(limits::kAnswersBytes) + " bytes)");
    return 1;
  }
  std::string read_error;
  auto text = read_file(answers_json, &read_error);
  if (!text) {
    sink.report("answers.unreadable", Severity::error, file, 0, 0, "cannot read the answers file: " + read_error);
    return 2;
  }
  sink.remember_source(file, *text);
  auto answers = parse_answers(*questionnaire, file, *text, sink);
  if (!answers || sink.count(Severity::error) > errors_before) return 1;

  std::string css;
  auto css_path = theme_dir_for(model.config.root) / "assets" / "css" / "site.css";
  if (auto bytes = read_file(css_path)) css = std::move(*bytes);
  auto report = build_assessment_report(model, *questionnaire, *answers, css);
  write_file_atomic(out_dir / "assessment-report.md", report.markdown);
  write_file_atomic(out_dir / "assessment-report.html", report.html);
  return 0;
}

RunResult run_assess_command(const RunOptions& options, const fs::path& answers_json, DiagnosticSink& sink) {
  RunResult result;
  auto config = load_project(options.root, sink);
  if (!config) {
    result.code = ExitCode::usage;
    return result;
  }
  // --rule RULE=LEVEL, as for the other commands (answers.version-mismatch=warning, say).
  for (const auto& text : options.rule_overrides) {
    auto eq = text.find('=');
    auto level = eq == std::string::npos ? std::string() : text.substr(eq + 1);
    if (level != "error" && level != "warning" && level != "off") {
      sink.report("config.invalid", Severity::error, "", 0, 0,
                  "--rule expects RULE=error|warning|off, not '" + text + "'");
      result.code = ExitCode::usage;
      return result;
    }
    config->rule_levels[text.substr(0, eq)] = level == "error"     ? RuleLevel::error
                                              : level == "warning" ? RuleLevel::warning
                                                                   : RuleLevel::off;
  }
  // Only the project is needed, not its checks: problems elsewhere in the kit do not block a report.
  auto model = build_model(std::move(*config), ModelOptions{options.drafts}, sink);
  fs::path out = output_folder_path(options, model.config);
  if (auto overlap = out_overlaps_sources(out, source_folders(model.config)); !overlap.empty()) {
    sink.report("output.refused", Severity::error, "", 0, 0, overlap + "; choose a folder outside the sources");
    result.code = ExitCode::usage;
    return result;
  }
  int code = run_assess(model, answers_json, out, sink);
  result.code = code == 0 ? ExitCode::ok : code == 2 ? ExitCode::usage : ExitCode::content_errors;
  if (code == 0) {
    result.messages.push_back("assessment report: " + (out / "assessment-report.md").string());
    result.messages.push_back("assessment report: " + (out / "assessment-report.html").string());
  } else {
    result.messages.push_back("no report written (the problems are listed above)");
  }
  return result;
}

}  // namespace opskit
