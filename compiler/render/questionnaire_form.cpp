#include "render/questionnaire_form.hpp"

#include "support/strings.hpp"

namespace opskit {

namespace {

std::string attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + html_escape(value) + "\"";
}

std::string state_label(const std::string& key) { return key == "current" ? "Current state" : "Future state"; }

std::string count_text(std::size_t given, std::size_t total) {
  return std::to_string(given) + " of " + std::to_string(total) + (total == 1 ? " answer" : " answers") + " given";
}

std::size_t answer_slots(const QuestionnaireSection& section) {
  std::size_t n = 0;
  for (const auto& q : section.questions) n += q.state_keys().size();
  return n;
}

class FormWriter {
 public:
  std::string form(const Questionnaire& q) {
    std::size_t questions = 0, slots = 0;
    for (const auto& s : q.sections) {
      questions += s.questions.size();
      slots += answer_slots(s);
    }
    out_ += "<form class=\"questionnaire\" id=\"questionnaire\"" + attr("data-questionnaire-version", q.version) +
            attr("data-questionnaire-title", q.title) +
            attr("aria-label", q.title.empty() ? "Questionnaire" : q.title) + " novalidate>\n";
    out_ += "<p class=\"questionnaire-meta\">Version " + html_escape(q.version) + " · " + std::to_string(questions) +
            " questions in " + std::to_string(q.sections.size()) + " sections · " + std::to_string(slots) +
            " answers</p>\n";
    toolbar();
    out_ +=
        "<p class=\"questionnaire-intro\">Answers are saved in this browser as you type; nothing is sent anywhere. "
        "Export them as JSON to keep them, to share them, or to compile the assessment report with "
        "<code>opskit assess ANSWERS.json</code>.</p>\n"
        "<noscript><p class=\"questionnaire-noscript\">Saving, progress, export and import need JavaScript; without "
        "it the form can still be filled in and printed.</p></noscript>\n";
    overview(q);
    for (const auto& section : q.sections) this->section(section);
    out_ += "</form>\n";
    return std::move(out_);
  }

 private:
  std::string out_;

  void toolbar() {
    out_ +=
        "<div class=\"questionnaire-toolbar\" role=\"toolbar\" aria-label=\"Answers\">"
        "<button type=\"button\" class=\"questionnaire-button\" data-action=\"export-json\">Export JSON</button>"
        "<button type=\"button\" class=\"questionnaire-button\" data-action=\"export-csv\">Export CSV</button>"
        "<label class=\"questionnaire-button questionnaire-import\" for=\"questionnaire-import\">Import</label>"
        "<input type=\"file\" id=\"questionnaire-import\" class=\"visually-hidden\" accept=\".json,.csv\""
        " data-action=\"import\">"
        "<button type=\"button\" class=\"questionnaire-button\" data-action=\"print\">Print</button>"
        "<button type=\"button\" class=\"questionnaire-button questionnaire-clear\" "
        "data-action=\"clear\">Clear</button>"
        "</div>\n"
        "<p class=\"questionnaire-status\" role=\"status\" aria-live=\"polite\"></p>\n";
  }

  void overview(const Questionnaire& q) {
    out_ += "<nav class=\"questionnaire-overview\" aria-label=\"Questionnaire sections\"><ol>\n";
    for (const auto& s : q.sections) {
      out_ += "<li><a" + attr("href", "#q-section-" + s.id) + ">" + html_escape(s.title) +
              "</a> <span class=\"questionnaire-overview-count\"" + attr("data-progress-for", s.id) + ">" +
              count_text(0, answer_slots(s)) + "</span></li>\n";
    }
    out_ += "</ol></nav>\n";
  }

  void section(const QuestionnaireSection& s) {
    auto slots = answer_slots(s);
    auto progress_id = "q-progress-" + s.id;
    out_ += "<fieldset class=\"questionnaire-section\"" + attr("id", "q-section-" + s.id) + attr("data-section", s.id) +
            ">\n<legend>" + html_escape(s.title) + "</legend>\n";
    out_ += "<div class=\"questionnaire-progress\"><progress" + attr("id", progress_id) +
            attr("max", std::to_string(slots)) + " value=\"0\"" + attr("aria-label", "Answers given: " + s.title) +
            "></progress> <span class=\"questionnaire-progress-text\"" + attr("data-progress-for", s.id) + ">" +
            count_text(0, slots) + "</span></div>\n";
    for (const auto& q : s.questions) question(q);
    out_ += "</fieldset>\n";
  }

  void question(const Question& q) {
    auto base = "q-" + q.id;
    auto help_id = q.help.empty() ? std::string() : base + "-help";
    auto keys = q.state_keys();
    out_ += "<fieldset class=\"question\"" + attr("id", base) + attr("data-question", q.id) +
            attr("data-type", std::string(question_type_name(q.type))) + attr("data-states", join(keys, " ")) +
            (q.informs.empty() ? "" : attr("data-informs", q.informs)) +
            (q.area.empty() ? "" : attr("data-area", q.area)) + ">\n";
    out_ += "<legend class=\"question-text\"><span class=\"question-id\">" + html_escape(q.id) + "</span> " +
            html_escape(q.text) + "</legend>\n";
    if (!help_id.empty())
      out_ += "<p class=\"question-help\"" + attr("id", help_id) + ">" + html_escape(q.help) + "</p>\n";
    out_ += "<div class=\"question-answers\">\n";
    for (const auto& key : keys) {
      switch (q.type) {
        case QuestionType::single:
        case QuestionType::multiple:
          choices(q, key, help_id);
          break;
        case QuestionType::scale:
          scale(q, key, help_id);
          break;
        case QuestionType::number:
        case QuestionType::text:
          field(q, key, help_id);
          break;
      }
    }
    out_ += "</div>\n</fieldset>\n";
  }

  std::string described_by(const std::string& help_id) {
    return help_id.empty() ? std::string() : attr("aria-describedby", help_id);
  }

  void choices(const Question& q, const std::string& key, const std::string& help_id) {
    auto name = q.id + "." + key;
    auto type = q.type == QuestionType::single ? "radio" : "checkbox";
    out_ += "<fieldset class=\"question-state\"" + attr("data-state", key) + described_by(help_id) + ">\n<legend>" +
            state_label(key) +
            (q.type == QuestionType::multiple ? " <span class=\"question-hint\">(all that apply)</span>" : "") +
            "</legend>\n<div class=\"question-options\">\n";
    for (std::size_t i = 0; i < q.options.size(); ++i) {
      auto id = "q-" + q.id + "-" + key + "-" + std::to_string(i + 1);
      out_ += "<label class=\"question-option\"" + attr("for", id) + "><input" + attr("type", type) + attr("id", id) +
              attr("name", name) + attr("value", q.options[i]) + "> <span>" + html_escape(q.options[i]) +
              "</span></label>\n";
    }
    out_ += "</div>\n</fieldset>\n";
  }

  void scale(const Question& q, const std::string& key, const std::string& help_id) {
    auto name = q.id + "." + key;
    out_ += "<fieldset class=\"question-state question-scale\"" + attr("data-state", key) + described_by(help_id) +
            ">\n<legend>" + state_label(key) + "</legend>\n<div class=\"scale\">\n";
    out_ += "<div class=\"scale-points\">\n";
    for (int v = q.scale.min; v <= q.scale.max; ++v) {
      auto value = std::to_string(v);
      auto id = "q-" + q.id + "-" + key + "-" + value;
      std::string meaning = v == q.scale.min ? q.scale.low : v == q.scale.max ? q.scale.high : std::string();
      out_ += "<label class=\"scale-point\"" + attr("for", id) + "><input type=\"radio\"" + attr("id", id) +
              attr("name", name) + attr("value", value) + "> <span>" + value + "</span>" +
              (meaning.empty() ? "" : "<span class=\"visually-hidden\">: " + html_escape(meaning) + "</span>") +
              "</label>\n";
    }
    out_ += "</div>\n<div class=\"scale-ends\" aria-hidden=\"true\"><span class=\"scale-low\">" +
            html_escape(q.scale.low) + "</span><span class=\"scale-high\">" + html_escape(q.scale.high) +
            "</span></div>\n";
    out_ += "</div>\n</fieldset>\n";
  }

  void field(const Question& q, const std::string& key, const std::string& help_id) {
    auto id = "q-" + q.id + "-" + key;
    out_ += "<div class=\"question-state\"" + attr("data-state", key) + "><label" + attr("for", id) + ">" +
            state_label(key) +
            (q.unit.empty() ? "" : " <span class=\"question-unit\">(" + html_escape(q.unit) + ")</span>") +
            "</label>\n";
    if (q.type == QuestionType::number)
      out_ += "<input type=\"number\" step=\"any\" inputmode=\"decimal\"" + attr("id", id) +
              attr("name", q.id + "." + key) + described_by(help_id) + ">\n";
    else
      out_ += "<textarea rows=\"3\"" + attr("id", id) + attr("name", q.id + "." + key) + described_by(help_id) +
              "></textarea>\n";
    out_ += "</div>\n";
  }
};

}  // namespace

std::string render_questionnaire_form(const Questionnaire& q) { return FormWriter().form(q); }

std::string questionnaire_view(const Questionnaire* q, const Page& page, const Directive& directive,
                               DiagnosticSink& sink) {
  if (q) return render_questionnaire_form(*q);
  sink.report("questionnaire.missing", Severity::warning, page.file, directive.line, directive.column,
              "::questionnaire shows content/data/questionnaire.yaml, which the project does not have");
  return "<div class=\"alert alert-warning\" role=\"note\"><p>The questionnaire is missing: this kit has no "
         "<code>content/data/questionnaire.yaml</code>.</p></div>\n";
}

}  // namespace opskit
