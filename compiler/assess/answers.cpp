// Answers: the questionnaire form's JSON export read with line and column, validated against
// the questionnaire.
#include "assess/assess.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

#include "support/strings.hpp"
#include "support/utf8.hpp"

namespace opskit {
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

}  // namespace

std::optional<Answers> parse_answers(const Questionnaire& q, const std::string& file, const std::string& text,
                                     DiagnosticSink& sink) {
  return AnswerReader(q, file, text, sink).read();
}

std::string format_number(double v) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(v);
}

}  // namespace opskit
