// The assessment report: Markdown written from the answers and the recommendation, and the same
// as HTML through the theme's assessment.mustache.
#include "assess/assess.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>

#include "parse/markdown.hpp"
#include "render/theme.hpp"
#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;

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

}  // namespace

AssessmentReport build_assessment_report(const Model& model, const Questionnaire& q, const Answers& answers,
                                         const Theme& theme) {
  AssessmentReport report;
  report.markdown = ReportWriter(model, q, answers).markdown();
  auto doc = parse_markdown(report.markdown);
  TemplateData page;
  page.set("title", "Assessment report · " + (q.title.empty() ? std::string("questionnaire") : q.title));
  page.set("version", std::string(OPSKIT_VERSION));
  page.set("css", theme.inline_asset("assets/css/site.css").value_or(""));
  page.set("content", render_markdown_html(doc.get()));
  report.html = theme.render("assessment", page);
  return report;
}

}  // namespace opskit
