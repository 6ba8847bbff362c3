// The support-plan recommendation: rules over the answers, each naming its evidence.
#include "assess/assess.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "support/strings.hpp"

namespace opskit {

namespace {

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

}  // namespace opskit
