#pragma once
// `opskit assess ANSWERS.json`: questionnaire answers (exported by the site's form) compiled into
// the assessment report: current versus future state and the gap per question, the current tool
// against the kit's mapping per tooling area, and a support-plan recommendation by stated rules.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "render/theme.hpp"
#include "model/model.hpp"
#include "pipeline/pipeline.hpp"
#include "diagnostics/diagnostic.hpp"
#include "parse/questionnaire_data.hpp"

namespace opskit {

// One answer slot: unanswered, a string (single, scale, text), a number, or the chosen options
// of a multiple-choice question.
using AnswerValue = std::variant<std::monostate, std::string, double, std::vector<std::string>>;

struct QuestionAnswer {
  AnswerValue current, future;
  const AnswerValue& get(const std::string& state) const { return state == "current" ? current : future; }
};

struct Answers {
  std::string file;  // as given on the command line, for diagnostics
  std::string questionnaire_version;
  std::string exported_at;  // optional, from the form's export
  std::map<std::string, QuestionAnswer> by_question;

  // The answer to `question` for `state` ("current" or "future"); unanswered when absent.
  const AnswerValue& get(const std::string& question, const std::string& state) const;
};

bool answered(const AnswerValue& value);

// Reads an answers file (the form's JSON export) against the questionnaire. Problems are reported
// with the JSON path in the message (answers.ts-01.current) and the value's line and column:
// answers.invalid-json, answers.wrong-type, answers.unknown-question, answers.not-an-option,
// answers.unexpected-state, answers.version-mismatch, answers.unknown-key (warning).
// nullopt only when the text is not JSON or not a JSON object.
std::optional<Answers> parse_answers(const Questionnaire& q, const std::string& file, const std::string& text,
                                     DiagnosticSink& sink);

// The support-plan decision (content/support-plans/decision-guide): rules checked in order, the
// first that matches gives the plan; type-of-support answers add notes, never lower the plan.
struct PlanRule {
  int number = 0;
  std::string plan;       // "Unified Operations", ...
  std::string condition;  // the rule as stated in the report
  std::string why;
};
struct PlanEvidence {
  std::string question, state, answer, informs;
};
struct SupportPlanRecommendation {
  int rule = 4;
  std::string plan;                      // the recommended plan
  std::vector<PlanEvidence> triggers;    // the answers that made the rule match
  std::vector<PlanEvidence> considered;  // every answer to an `informs` question that was used
  std::vector<std::string> reasoning;    // one line per rule checked, naming question ids and answers
  std::vector<std::string> notes;        // type-of-support additions and contradictions
};
// The last rule, which matches when none above it does (the report says so).
inline constexpr int kFloorRule = 4;
std::vector<PlanRule> support_plan_rules(const Questionnaire& q);

// A number as messages and the report print it (3, 2.5; no trailing zeros).
std::string format_number(double v);
SupportPlanRecommendation recommend_support_plan(const Questionnaire& q, const Answers& answers);

struct AssessmentReport {
  std::string markdown;
  std::string html;  // a standalone page: the theme's assessment.mustache, its CSS inlined
};
// The tooling mapping comes from content/data/tooling-map.yaml if present.
AssessmentReport build_assessment_report(const Model& model, const Questionnaire& q, const Answers& answers,
                                         const Theme& theme);

// The `assess` subcommand: writes out_dir/assessment-report.md and .html atomically.
// Returns 0 when written, 1 on errors in the answers (or the questionnaire), 2 on usage errors
// (no questionnaire in the project, answers file unreadable).
int run_assess(const Model& model, const Theme& theme, const std::filesystem::path& answers_json,
               const std::filesystem::path& out_dir, DiagnosticSink& sink);

// The CLI's `opskit assess ANSWERS.json [-C project] [--out DIR] [--rule RULE=LEVEL]`: loads the
// project (without the kit-wide checks) and the theme (--theme, else the project's, else
// opskit's), then run_assess into options.out (relative to the project unless absolute; default
// build/out). Uses root, out, drafts, theme and rule_overrides.
RunResult run_assess_command(const RunOptions& options, const std::filesystem::path& answers_json,
                             DiagnosticSink& sink);

}  // namespace opskit
