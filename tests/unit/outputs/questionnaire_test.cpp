// The questionnaire: data validation, the form, the exports, and `opskit assess` (answers,
// support-plan rules, the report). Fixtures: tests/fixtures/questionnaire/.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "assess/assess.hpp"
#include "model/model.hpp"
#include "pipeline/build_model.hpp"
#include "parse/questionnaire_data.hpp"
#include "project/config.hpp"
#include "render/questionnaire_form.hpp"

namespace fs = std::filesystem;
using opskit::Diagnostic;
using opskit::DiagnosticSink;
using opskit::Severity;

namespace {

const fs::path kFixture = fs::path(OPSKIT_SOURCE_DIR) / "tests/fixtures/questionnaire";

// opskit's own theme, loaded once: the report is its assessment.mustache.
const opskit::Theme& test_theme() {
  static const opskit::Theme theme = [] {
    opskit::DiagnosticSink sink;
    return *opskit::load_theme(opskit::default_theme_dir(), sink);
  }();
  return theme;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

opskit::Model fixture_model(DiagnosticSink& sink) {
  auto config = opskit::load_project(kFixture, sink);
  REQUIRE(config);
  return opskit::build_model(std::move(*config), opskit::ModelOptions{}, sink);
}

// The fixture with its partial tooling map (kept outside content/, away from the kit-wide
// tooling rules) added as the data file "tooling-map".
opskit::Model fixture_model_with_tooling_map(DiagnosticSink& sink) {
  auto model = fixture_model(sink);
  model.sources.data.push_back({"tooling-map", "content/data/tooling-map.yaml", slurp(kFixture / "tooling-map.yaml")});
  return model;
}

opskit::Questionnaire fixture_questionnaire() {
  DiagnosticSink sink;
  auto model = fixture_model(sink);
  auto q = opskit::load_questionnaire(model, sink);
  REQUIRE(q);
  REQUIRE(sink.count(Severity::error) == 0);
  return *q;
}

std::vector<Diagnostic> with_rule(const DiagnosticSink& sink, const std::string& rule) {
  std::vector<Diagnostic> out;
  for (const auto& d : sink.sorted())
    if (d.rule == rule) out.push_back(d);
  return out;
}

// The one diagnostic of `rule` whose message contains `text`.
Diagnostic the(const DiagnosticSink& sink, const std::string& rule, const std::string& text = "") {
  std::vector<Diagnostic> found;
  for (const auto& d : with_rule(sink, rule))
    if (d.message.find(text) != std::string::npos) found.push_back(d);
  INFO("rule " << rule << " containing '" << text << "'");
  REQUIRE(found.size() == 1);
  return found.front();
}

std::string all_messages(const DiagnosticSink& sink) {
  std::string out;
  for (const auto& d : sink.sorted())
    out += d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message + " [" + d.rule +
           "]\n";
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

opskit::Answers answers_from(const opskit::Questionnaire& q, const std::string& json) {
  DiagnosticSink sink;
  auto answers = opskit::parse_answers(q, "answers.json", json, sink);
  INFO(all_messages(sink));
  REQUIRE(answers);
  REQUIRE(sink.count(Severity::error) == 0);
  return *answers;
}

opskit::Answers fixture_answers(const opskit::Questionnaire& q, const std::string& name) {
  return answers_from(q, slurp(kFixture / "answers" / name));
}

struct TempDir {
  fs::path path;
  TempDir() {
    static int counter = 0;
    path = fs::temp_directory_path() /
           ("opskit-questionnaire-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

// ------------------------------------------------------------------ the data file

TEST_CASE("the fixture questionnaire loads from the model with its fields", "[questionnaire]") {
  DiagnosticSink sink;
  auto model = fixture_model(sink);
  auto q = opskit::load_questionnaire(model, sink);
  REQUIRE(q);
  INFO(all_messages(sink));
  CHECK(sink.count(Severity::error) == 0);
  CHECK(q->file == "content/data/questionnaire.yaml");
  CHECK(q->version == "2.0");
  CHECK(q->title == "Fixture assessment questionnaire");
  REQUIRE(q->sections.size() == 4);
  CHECK(q->sections[0].id == "team-structure");
  CHECK(q->sections[0].questions.size() == 5);

  const auto* ts01 = q->find("ts-01");
  REQUIRE(ts01);
  CHECK(ts01->type == opskit::QuestionType::single);
  CHECK(ts01->state == opskit::QuestionState::both);
  CHECK(ts01->help == "Name the role, not the person.");
  CHECK(ts01->options.size() == 3);
  CHECK(ts01->section == "team-structure");
  CHECK(ts01->line == 7);
  CHECK(ts01->column == 9);

  const auto* ts05 = q->find("ts-05");
  REQUIRE(ts05);
  CHECK(ts05->type == opskit::QuestionType::scale);
  CHECK(ts05->scale.min == 1);
  CHECK(ts05->scale.max == 5);
  CHECK(ts05->scale.low == "No AWS experience");
  CHECK(ts05->scale.high == "Whole rota proficient");

  CHECK(q->find("ts-02")->unit == "FTE");
  CHECK(q->find("bd-01")->informs == "response-time");
  CHECK(q->find("bd-01")->state_keys() == std::vector<std::string>{"future"});
  CHECK(q->find("sm-04")->state_keys() == std::vector<std::string>{"current"});
  CHECK(q->find("bd-02")->options.front() == "No, business hours are enough");
  CHECK(q->find("tl-patch-management")->area == "patch-management");
  CHECK(q->find("nope") == nullptr);

  // The fixture's opskit.yaml turns off the two warnings its small size would give.
  CHECK(sink.sorted().empty());
  DiagnosticSink plain;
  opskit::parse_questionnaire(q->file, slurp(kFixture / q->file), plain);
  CHECK(with_rule(plain, "questionnaire.missing-section").size() == 4);
  CHECK(with_rule(plain, "questionnaire.area-uncovered").size() == 1);
  CHECK(with_rule(plain, "questionnaire.area-uncovered")[0].severity == Severity::warning);
  CHECK(plain.count(Severity::error) == 0);
}

TEST_CASE("the kit's own questionnaire is valid", "[questionnaire]") {
  DiagnosticSink sink;
  auto path = fs::path(OPSKIT_SOURCE_DIR) / "content/data/questionnaire.yaml";
  auto q = opskit::parse_questionnaire("content/data/questionnaire.yaml", slurp(path), sink);
  REQUIRE(q);
  INFO(all_messages(sink));
  CHECK(sink.sorted().empty());
  CHECK(q->sections.size() == opskit::questionnaire_section_ids().size());
  std::set<std::string> areas;
  for (const auto& section : q->sections)
    for (const auto& question : section.questions)
      if (!question.area.empty()) areas.insert(question.area);
  CHECK(areas.size() == 16);
}

TEST_CASE("a project without a questionnaire has none", "[questionnaire]") {
  DiagnosticSink sink;
  opskit::Model model;
  CHECK_FALSE(opskit::load_questionnaire(model, sink));
  CHECK(sink.sorted().empty());
}

TEST_CASE("questionnaire validation reports each problem with rule / line and column", "[questionnaire]") {
  DiagnosticSink sink;
  auto q =
      opskit::parse_questionnaire("invalid-questionnaire.yaml", slurp(kFixture / "invalid-questionnaire.yaml"), sink);
  REQUIRE(q);
  INFO(all_messages(sink));

  auto d = the(sink, "questionnaire.unknown-key", "'titel'");
  CHECK(d.severity == Severity::warning);
  CHECK(d.file == "invalid-questionnaire.yaml");
  CHECK((d.line == 3 && d.column == 1));
  CHECK(contains(d.message, "did you mean 'title'?"));

  d = the(sink, "questionnaire.unknown-type");
  CHECK(d.severity == Severity::error);
  CHECK((d.line == 10 && d.column == 15));
  CHECK(contains(d.message, "'singel'"));
  CHECK(contains(d.message, "did you mean 'single'?"));

  d = the(sink, "questionnaire.missing-options");
  CHECK((d.line == 13 && d.column == 9));
  CHECK(contains(d.message, "'ts-02'"));

  d = the(sink, "questionnaire.duplicate-id");
  CHECK((d.line == 17 && d.column == 13));
  CHECK(contains(d.message, "first at line 8"));

  d = the(sink, "questionnaire.bad-state");
  CHECK((d.line == 24 && d.column == 16));
  CHECK(contains(d.message, "'sometimes'"));

  d = the(sink, "questionnaire.unknown-informs");
  CHECK((d.line == 25 && d.column == 18));
  CHECK(contains(d.message, "did you mean 'response-time'?"));

  d = the(sink, "questionnaire.unknown-key", "'helpp'");
  CHECK((d.line == 26 && d.column == 9));
  CHECK(contains(d.message, "did you mean 'help'?"));

  d = the(sink, "questionnaire.unknown-section");
  CHECK((d.line == 27 && d.column == 9));
  CHECK(contains(d.message, "did you mean 'team-structure'?"));

  d = the(sink, "questionnaire.missing-area");
  CHECK((d.line == 37 && d.column == 9));
  CHECK(contains(d.message, "'tl-one'"));

  d = the(sink, "questionnaire.unknown-area");
  CHECK((d.line == 45 && d.column == 15));
  CHECK(contains(d.message, "did you mean 'patch-management'?"));

  // What could be read is kept: the duplicate and the question of unknown type are dropped.
  CHECK(q->find("ts-01") == nullptr);
  REQUIRE(q->find("ts-03"));
  CHECK(q->find("ts-03")->text == "Bad state and informs");
  CHECK(q->find("ts-04"));
}

TEST_CASE("questionnaire validation: YAML syntax / scales / options / misplaced keys", "[questionnaire]") {
  SECTION("invalid YAML gives no questionnaire and a positioned error") {
    DiagnosticSink sink;
    auto q = opskit::parse_questionnaire("q.yaml", "version: \"1\"\nsections: [\n", sink);
    CHECK_FALSE(q);
    auto d = the(sink, "questionnaire.invalid-yaml");
    CHECK(d.line >= 2);
  }
  SECTION("scale, option and key problems") {
    DiagnosticSink sink;
    auto q = opskit::parse_questionnaire("q.yaml", R"(version: "1"
title: T
sections:
  - id: tagging
    title: Tagging
    questions:
      - id: tg-01
        text: Scale without ends
        type: scale
        scale: {min: 5, max: 1}
        state: both
      - id: tg-02
        text: Repeated option
        type: single
        options: [A, B, A, "C | D"]
        unit: hours
        state: current
      - id: tg-03
        text: Area outside tooling
        type: text
        state: future
        area: logging
      - id: tg 04
        text: Bad id
        type: text
        state: both
)",
                                         sink);
    REQUIRE(q);
    INFO(all_messages(sink));
    CHECK(with_rule(sink, "questionnaire.bad-scale").size() == 3);  // min >= max, no low, no high
    CHECK(the(sink, "questionnaire.duplicate-option").line == 15);
    CHECK(contains(the(sink, "questionnaire.bad-option").message, "' | '"));
    CHECK(the(sink, "questionnaire.misplaced-key").severity == Severity::warning);
    CHECK(the(sink, "questionnaire.area-outside-tooling").severity == Severity::warning);
    CHECK(the(sink, "questionnaire.bad-id").line == 23);
    CHECK(q->find("tg-02")->options == std::vector<std::string>{"A", "B"});
    CHECK(q->find("tg-01")->scale.min == 1);
  }
}

// ------------------------------------------------------------------ the form

TEST_CASE("the form has a labelled control for every answer slot", "[questionnaire]") {
  auto q = fixture_questionnaire();
  auto html = opskit::render_questionnaire_form(q);

  CHECK(contains(html, "<form class=\"questionnaire\""));
  CHECK(contains(html, "data-questionnaire-version=\"2.0\""));
  CHECK(occurrences(html, "<fieldset class=\"questionnaire-section\"") == 4);
  CHECK(contains(html, "<legend>Team structure and leadership</legend>"));
  // Progress per section: 5 questions asked for both states = 10 answers.
  CHECK(contains(html, "<progress id=\"q-progress-team-structure\" max=\"10\" value=\"0\""));
  CHECK(contains(html, "0 of 10 answers given"));
  CHECK(contains(html, "<progress id=\"q-progress-business-directives\" max=\"3\""));

  // single: a radio group per state, in a fieldset with a legend.
  CHECK(
      contains(html, "<input type=\"radio\" id=\"q-ts-01-current-1\" name=\"ts-01.current\" value=\"No named lead\">"));
  CHECK(contains(html, "name=\"ts-01.future\" value=\"Dedicated Head of Cloud Operations\""));
  CHECK(contains(html, "<legend>Current state</legend>"));
  CHECK(contains(html, "<legend>Future state</legend>"));
  // multiple: checkboxes.
  CHECK(occurrences(html, "type=\"checkbox\"") == 4 * 2 + 4);  // ts-03 both states, bd-07 future
  CHECK(contains(html, "name=\"ts-03.current\" value=\"FinOps analyst, part-time\""));
  // scale: radios 1..5 with the meaning of both ends.
  CHECK(contains(html, "name=\"ts-05.current\" value=\"1\""));
  CHECK(contains(html, "name=\"ts-05.future\" value=\"5\""));
  CHECK(contains(html, "No AWS experience"));
  CHECK(contains(html, "Whole rota proficient"));
  // number and text: an input and a textarea, each with <label for>.
  CHECK(contains(html,
                 "<label for=\"q-ts-02-current\">Current state <span class=\"question-unit\">(FTE)</span></label>"));
  CHECK(contains(
      html,
      "<input type=\"number\" step=\"any\" inputmode=\"decimal\" id=\"q-ts-02-current\" name=\"ts-02.current\">"));
  CHECK(contains(
      html, "<textarea rows=\"3\" id=\"q-ts-07-future\" name=\"ts-07.future\" aria-describedby=\"q-ts-07-help\">"));
  // help text is linked.
  CHECK(contains(html, "<p class=\"question-help\" id=\"q-ts-01-help\">Name the role, not the person.</p>"));
  CHECK(contains(html, "aria-describedby=\"q-ts-01-help\""));
  // a future-only question has no current control; a current-only one no future control.
  CHECK(contains(html, "name=\"bd-01.future\""));
  CHECK_FALSE(contains(html, "name=\"bd-01.current\""));
  CHECK(contains(html, "name=\"sm-04.current\""));
  CHECK_FALSE(contains(html, "name=\"sm-04.future\""));
  // the toolbar.
  for (const char* action : {"export-json", "export-csv", "print", "clear"})
    CHECK(contains(html, std::string("data-action=\"") + action + "\""));
  CHECK(contains(html, ">Export JSON</button>"));
  CHECK(contains(html, ">Export CSV</button>"));
  CHECK(contains(html, ">Print</button>"));
  CHECK(contains(html, ">Clear</button>"));
  CHECK(contains(html,
                 "<input type=\"file\" id=\"questionnaire-import\" class=\"visually-hidden\" accept=\".json,.csv\""));
  CHECK(contains(
      html, "<label class=\"questionnaire-button questionnaire-import\" for=\"questionnaire-import\">Import</label>"));

  // Every id is unique; every label and description points at an existing id.
  std::set<std::string> ids;
  static const std::regex id_re(R"re(\sid="([^"]+)")re");
  for (std::sregex_iterator it(html.begin(), html.end(), id_re), end; it != end; ++it) {
    INFO("id " << (*it)[1]);
    CHECK(ids.insert((*it)[1]).second);
  }
  static const std::regex ref_re(R"re(\s(?:for|aria-describedby)="([^"]+)")re");
  for (std::sregex_iterator it(html.begin(), html.end(), ref_re), end; it != end; ++it) {
    INFO("reference " << (*it)[1]);
    CHECK(ids.count((*it)[1]));
  }
  static const std::regex href_re(R"re(href="#([^"]+)")re");
  for (std::sregex_iterator it(html.begin(), html.end(), href_re), end; it != end; ++it) CHECK(ids.count((*it)[1]));
}

TEST_CASE("the ::questionnaire view without a questionnaire warns at the directive", "[questionnaire]") {
  DiagnosticSink sink;
  opskit::Page page;
  page.file = "content/assessment/questionnaire.md";
  opskit::Directive directive;
  directive.name = "questionnaire";
  directive.line = 12;
  directive.column = 1;
  auto html = opskit::questionnaire_view(nullptr, page, directive, sink);
  CHECK(contains(html, "class=\"alert alert-warning\""));
  auto d = the(sink, "questionnaire.missing");
  CHECK(d.severity == Severity::warning);
  CHECK((d.file == page.file && d.line == 12 && d.column == 1));

  auto q = fixture_questionnaire();
  CHECK(opskit::questionnaire_view(&q, page, directive, sink) == opskit::render_questionnaire_form(q));
}

TEST_CASE("the form escapes the questionnaire's text", "[questionnaire]") {
  DiagnosticSink sink;
  auto q = opskit::parse_questionnaire("q.yaml", R"(version: "1 <beta>"
title: "A & B"
sections:
  - id: tagging
    title: Tags <and> "labels"
    questions:
      - id: tg-01
        text: Is <script> allowed?
        help: Say "no" & mean it
        type: single
        options: ["<b>yes</b>", no]
        state: both
)",
                                       sink);
  REQUIRE(q);
  auto html = opskit::render_questionnaire_form(*q);
  CHECK(contains(html, "data-questionnaire-version=\"1 &lt;beta&gt;\""));
  CHECK(contains(html, "<legend>Tags &lt;and&gt; &quot;labels&quot;</legend>"));
  CHECK(contains(html, "Is &lt;script&gt; allowed?"));
  CHECK(contains(html, "value=\"&lt;b&gt;yes&lt;/b&gt;\""));
  CHECK_FALSE(contains(html, "<script>"));
  CHECK_FALSE(contains(html, "<b>"));
}

// ------------------------------------------------------------------ exports

TEST_CASE("the exports: questionnaire.csv (RFC 4180 / CRLF) and questionnaire.json", "[questionnaire]") {
  auto q = fixture_questionnaire();
  auto files = opskit::questionnaire_exports(q);
  REQUIRE(files.size() == 2);
  REQUIRE(files.count("questionnaire.csv"));
  REQUIRE(files.count("questionnaire.json"));

  const auto& csv = files["questionnaire.csv"];
  CHECK(csv.rfind("section,id,text,type,options,state,informs,area\r\n", 0) == 0);
  CHECK(occurrences(csv, "\r\n") == 13);  // header + 12 questions
  CHECK(occurrences(csv, "\n") == 13);    // no bare LF
  CHECK(contains(csv,
                 "team-structure,ts-01,Who leads cloud operations?,single,"
                 "No named lead | Infrastructure manager | Dedicated Head of Cloud Operations,both,,\r\n"));
  // A cell holding a comma is quoted.
  CHECK(
      contains(csv, ",multiple,\"CCoE lead | Cloud architect | Incident manager | FinOps analyst, part-time\",both,,"));
  CHECK(contains(csv,
                 "team-structure,ts-05,How mature is AWS skill in the operations team?,scale,"
                 "1 = No AWS experience | 2 | 3 | 4 | 5 = Whole rota proficient,both,,\r\n"));
  CHECK(contains(csv,
                 "business-directives,bd-01,"
                 "What is the fastest response you need when a business-critical system is down?,single,"
                 "Under 5 minutes | Under 15 minutes | Under 30 minutes | Under 1 hour | Next business day,"
                 "future,response-time,\r\n"));
  CHECK(contains(csv, "tooling,tl-patch-management,"));
  CHECK(contains(csv, ",both,,patch-management\r\n"));

  auto json = nlohmann::json::parse(files["questionnaire.json"]);
  CHECK(json["version"] == "2.0");
  CHECK(json["title"] == "Fixture assessment questionnaire");
  REQUIRE(json["sections"].size() == 4);
  const auto& ts01 = json["sections"][0]["questions"][0];
  CHECK(ts01["id"] == "ts-01");
  CHECK(ts01["type"] == "single");
  CHECK(ts01["state"] == "both");
  CHECK(ts01["options"].size() == 3);
  CHECK(ts01["help"] == "Name the role, not the person.");
  const auto& ts05 = json["sections"][0]["questions"][3];
  CHECK(ts05["scale"]["low"] == "No AWS experience");
  CHECK(ts05["scale"]["max"] == 5);
  CHECK_FALSE(ts05.contains("options"));
  CHECK(json["sections"][0]["questions"][1]["unit"] == "FTE");
  CHECK(json["sections"][1]["questions"][0]["informs"] == "response-time");
  CHECK(json["sections"][3]["questions"][0]["area"] == "patch-management");
}

// ------------------------------------------------------------------ the support-plan rules

TEST_CASE("support plan: business-critical under 15 minutes and a designated TAM give Enterprise Support",
          "[questionnaire]") {
  auto q = fixture_questionnaire();
  auto rec = opskit::recommend_support_plan(q, fixture_answers(q, "enterprise.json"));
  CHECK(rec.plan == "Enterprise Support");
  CHECK(rec.rule == 2);
  REQUIRE(rec.triggers.size() == 2);
  CHECK(rec.triggers[0].question == "bd-01");
  CHECK(rec.triggers[0].answer == "Under 15 minutes");
  CHECK(rec.triggers[1].question == "sm-03");
  CHECK(rec.triggers[1].answer == "Designated TAM required");
  // The reasoning names the questions and the answers that triggered the rule.
  REQUIRE(rec.reasoning.size() == 2);
  CHECK(contains(rec.reasoning[0], "Rule 1 (Unified Operations) does not match"));
  CHECK(contains(rec.reasoning[1], "Rule 2 (Enterprise Support) matches"));
  CHECK(contains(rec.reasoning[1], "`bd-01` (future state) is \"Under 15 minutes\""));
  CHECK(contains(rec.reasoning[1], "`sm-03` (future state) is \"Designated TAM required\""));
  // Operations reviews come with the TAM: no note asks to raise the plan; cutover events do get one.
  for (const auto& note : rec.notes) CHECK_FALSE(contains(note, "Raise the plan"));
  CHECK(std::any_of(rec.notes.begin(), rec.notes.end(), [](const auto& n) { return contains(n, "six weeks"); }));
}

TEST_CASE("support plan: the other rules", "[questionnaire]") {
  auto q = fixture_questionnaire();

  SECTION("business-critical under 5 minutes: Unified Operations") {
    auto rec = opskit::recommend_support_plan(q, fixture_answers(q, "unified.json"));
    CHECK(rec.plan == "Unified Operations");
    CHECK(rec.rule == 1);
    REQUIRE(rec.triggers.size() == 1);
    CHECK(rec.triggers[0].question == "bd-01");
    CHECK(contains(rec.reasoning[0], "`bd-01` (future state) is \"Under 5 minutes\""));
  }
  SECTION("domain specialists and 24/7 monitoring: Unified Operations") {
    auto rec = opskit::recommend_support_plan(q, answers_from(q, R"({"questionnaire_version": "2.0", "answers": {
             "bd-01": {"future": "Under 1 hour"},
             "sm-03": {"future": "Designated TAM plus domain specialists and 24/7 monitoring"}}})"));
    CHECK(rec.plan == "Unified Operations");
    CHECK(rec.rule == 1);
    CHECK(contains(rec.reasoning[0], "`sm-03` (future state) is \"Designated TAM plus domain specialists"));
  }
  SECTION("a designated TAM alone: Enterprise Support") {
    auto rec = opskit::recommend_support_plan(
        q, answers_from(
               q, R"({"questionnaire_version": "2.0", "answers": {"sm-03": {"future": "Designated TAM required"}}})"));
    CHECK(rec.plan == "Enterprise Support");
    CHECK(rec.rule == 2);
  }
  SECTION("production-down within the hour and 24/7 cover: Business Support+, with additions") {
    auto rec = opskit::recommend_support_plan(q, fixture_answers(q, "business.json"));
    CHECK(rec.plan == "Business Support+");
    CHECK(rec.rule == 3);
    REQUIRE(rec.triggers.size() == 2);
    CHECK(rec.triggers[0].answer == "Under 1 hour");
    CHECK(rec.triggers[1].answer == "Yes, during migration cutovers only");
    CHECK(contains(rec.reasoning[2], "Rule 3 (Business Support+) matches"));
    // Type of support adds, never lowers: operations reviews need a TAM, architecture guidance a provider.
    CHECK(std::any_of(rec.notes.begin(), rec.notes.end(), [](const auto& n) {
      return contains(n, "Regular operations and cost reviews") && contains(n, "Enterprise Support");
    }));
    CHECK(std::any_of(rec.notes.begin(), rec.notes.end(),
                      [](const auto& n) { return contains(n, "Architecture guidance") && contains(n, "no TAM"); }));
  }
  SECTION("24/7 cover alone: Business Support+") {
    auto rec = opskit::recommend_support_plan(
        q,
        answers_from(q, R"({"questionnaire_version": "2.0", "answers": {"bd-02": {"future": "Yes, 24/7 all year"}}})"));
    CHECK(rec.plan == "Business Support+");
    CHECK(rec.rule == 3);
  }
  SECTION("no need stated: Basic is not suitable, Business Support+ is the floor") {
    auto rec = opskit::recommend_support_plan(q, fixture_answers(q, "basic.json"));
    CHECK(rec.plan == "Business Support+");
    CHECK(rec.rule == 4);
    CHECK(rec.triggers.empty());
    CHECK(contains(rec.reasoning.back(), "Basic is not suitable for a production migration"));
    CHECK(rec.considered.size() == 3);
  }
  SECTION("nothing answered: the floor, and a note saying so") {
    auto rec = opskit::recommend_support_plan(q, answers_from(q, R"({"questionnaire_version": "2.0", "answers": {}})"));
    CHECK(rec.rule == 4);
    REQUIRE(rec.notes.size() == 1);
    CHECK(contains(rec.notes[0], "`bd-01`, `bd-02`"));
  }
  SECTION("a fast response with pooled guidance is a contradiction worth recording") {
    auto rec = opskit::recommend_support_plan(q, answers_from(q, R"({"questionnaire_version": "2.0", "answers": {
             "bd-01": {"future": "Under 15 minutes"}, "sm-03": {"future": "Pooled guidance is enough"}}})"));
    CHECK(rec.plan == "Enterprise Support");
    CHECK(std::any_of(rec.notes.begin(), rec.notes.end(), [](const auto& n) {
      return contains(n, "`sm-03` (future state) is \"Pooled guidance is enough\" contradicts");
    }));
  }
  SECTION("the rules as stated name the questions that inform each criterion") {
    auto rules = opskit::support_plan_rules(q);
    REQUIRE(rules.size() == 4);
    CHECK(rules[0].plan == "Unified Operations");
    CHECK(contains(rules[0].condition, "response-time question (`bd-01`, `bd-02`) contains \"Under 5 minutes\""));
    CHECK(contains(rules[0].condition, "level-of-support question (`sm-03`) contains \"domain specialists\""));
    CHECK(rules[1].plan == "Enterprise Support");
    CHECK(rules[2].plan == "Business Support+");
    CHECK(contains(rules[3].why, "Basic is not suitable"));
  }
}

// ------------------------------------------------------------------ opskit assess

TEST_CASE("assess writes the report: gaps per section / tooling mapping / the plan and its rules", "[questionnaire]") {
  DiagnosticSink sink;
  auto model = fixture_model_with_tooling_map(sink);
  TempDir out;
  auto answers = kFixture / "answers" / "enterprise.json";
  int code = opskit::run_assess(model, test_theme(), answers, out.path, sink);
  INFO(all_messages(sink));
  REQUIRE(code == 0);
  CHECK(sink.count(Severity::error) == 0);
  auto md = slurp(out.path / "assessment-report.md");
  auto html = slurp(out.path / "assessment-report.html");

  CHECK(contains(md, "# Assessment report: Fixture assessment questionnaire"));
  CHECK(contains(md, "`enterprise.json`"));
  CHECK(contains(md, "exported 2026-11-26T09:30:00.000Z"));
  CHECK(contains(md, "**Recommended support plan: Enterprise Support** (rule 2"));
  CHECK(contains(md,
                 "Rule 2 (Enterprise Support) matches: `bd-01` (future state) is \"Under 15 minutes\"; "
                 "`sm-03` (future state) is \"Designated TAM required\""));
  // The rules are printed.
  CHECK(contains(md, "### The rules"));
  CHECK(contains(md, "1. **Unified Operations** if an answer to a response-time question"));
  CHECK(contains(md, "4. **Business Support+** if none of the rules above matches"));
  // Current versus future, and the gap.
  CHECK(contains(md,
                 "| `ts-01` Who leads cloud operations? | Infrastructure manager | Dedicated Head of Cloud Operations "
                 "| **Gap** |"));
  CHECK(contains(md, "| 4 FTE | 6.5 FTE | **Gap**: +2.5 FTE |"));
  CHECK(contains(md, "**Gap**: adds CCoE lead; FinOps analyst, part-time |"));
  CHECK(contains(md, "| 2 of 5 | 4 of 5 | **Gap**: +2 on the scale |"));
  CHECK(contains(md, "| 7 incidents | (not asked) | n/a (current state only) |"));
  CHECK(contains(md, "| No gap |"));
  // Answers are text, never markup.
  CHECK(contains(md, "Weekly \\<b\\>operations\\</b\\> review \\| chaired by the CIO"));
  CHECK(contains(html, "Weekly &lt;b&gt;operations&lt;/b&gt; review | chaired by the CIO"));
  CHECK_FALSE(contains(html, "<b>operations"));
  // Tooling: the current tool against the kit's mapping.
  CHECK(contains(md,
                 "| Patch Management (`patch-management`) | `tl-patch-management` How are operating-system patches "
                 "applied? | Manually on a monthly schedule | AWS Systems Manager Patch Manager with patch baselines | "
                 "AWS Systems Manager Patch Manager; AWS Systems Manager Maintenance Windows (page "
                 "`tooling/patch-management`) |"));
  CHECK(contains(md, "| Syslog server, 30 days | — | Amazon CloudWatch Logs; AWS CloudTrail"));
  CHECK(contains(md, "Answers given: 18 of 19"));

  // The HTML page is standalone, with the site CSS inlined and the tables rendered.
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(contains(html, "<style>"));
  CHECK(contains(html, "--header-h"));  // from site-theme/assets/css/site.css
  CHECK(contains(html, "<table>"));
  CHECK(contains(html, "<strong>Enterprise Support</strong>"));
  CHECK_FALSE(contains(html, "<link rel=\"stylesheet\""));
}

TEST_CASE("the assess command loads the project and writes into --out", "[questionnaire]") {
  TempDir out;
  opskit::RunOptions options;
  options.root = kFixture;
  options.out = out.path / "reports";
  DiagnosticSink sink;
  auto result = opskit::run_assess_command(options, kFixture / "answers" / "unified.json", sink);
  INFO(all_messages(sink));
  CHECK(result.code == opskit::ExitCode::ok);
  CHECK(fs::exists(out.path / "reports" / "assessment-report.md"));
  CHECK(fs::exists(out.path / "reports" / "assessment-report.html"));
  auto md = slurp(out.path / "reports" / "assessment-report.md");
  CHECK(contains(md, "**Unified Operations**, by rule 1."));
  CHECK(contains(md, "(the project has no `content/data/tooling-map.yaml`, so no mapping is shown)"));
  REQUIRE(result.messages.size() == 2);

  DiagnosticSink sink2;
  auto bad = opskit::run_assess_command(options, kFixture / "answers" / "malformed-syntax.json", sink2);
  CHECK(bad.code == opskit::ExitCode::content_errors);

  // A rule override lets answers for another questionnaire version through, with a warning.
  DiagnosticSink sink_version;
  auto other = out.path / "other-version.json";
  std::ofstream(other) << R"({"questionnaire_version": "1.9", "answers": {"bd-01": {"future": "Under 5 minutes"}}})";
  CHECK(opskit::run_assess_command(options, other, sink_version).code == opskit::ExitCode::content_errors);
  options.rule_overrides = {"answers.version-mismatch=warning"};
  DiagnosticSink sink_warned;
  CHECK(opskit::run_assess_command(options, other, sink_warned).code == opskit::ExitCode::ok);
  CHECK(the(sink_warned, "answers.version-mismatch").severity == Severity::warning);
  CHECK(contains(slurp(out.path / "reports" / "assessment-report.md"), "(the file names version 1.9)"));
  options.rule_overrides = {"answers.version-mismatch=maybe"};
  DiagnosticSink sink_bad_rule;
  CHECK(opskit::run_assess_command(options, other, sink_bad_rule).code == opskit::ExitCode::usage);
  options.rule_overrides.clear();

  DiagnosticSink sink3;
  options.root = out.path / "no-such-project";
  CHECK(opskit::run_assess_command(options, kFixture / "answers" / "unified.json", sink3).code ==
        opskit::ExitCode::usage);
}

TEST_CASE("assess: malformed answer files are reported with their JSON path", "[questionnaire]") {
  DiagnosticSink model_sink;
  auto model = fixture_model(model_sink);

  SECTION("invalid JSON: the parser's position as line and column") {
    DiagnosticSink sink;
    TempDir out;
    auto file = kFixture / "answers" / "malformed-syntax.json";
    CHECK(opskit::run_assess(model, test_theme(), file, out.path, sink) == 1);
    auto d = the(sink, "answers.invalid-json");
    CHECK(d.file == file.string());
    CHECK(d.line == 4);
    auto line4 = std::string("    \"ts-01\": {\"current\": \"No named lead\",}");
    CHECK(d.column == static_cast<int>(line4.find(",}")) + 2);  // at the '}'
    CHECK(contains(d.message, "invalid JSON"));
    CHECK(fs::is_empty(out.path));
  }

  SECTION("wrong types, unknown questions, options, states and version") {
    DiagnosticSink sink;
    TempDir out;
    auto file = kFixture / "answers" / "malformed-values.json";
    CHECK(opskit::run_assess(model, test_theme(), file, out.path, sink) == 1);
    INFO(all_messages(sink));
    CHECK(fs::is_empty(out.path));
    for (const auto& d : sink.sorted())
      if (d.rule.rfind("answers.", 0) == 0) CHECK(d.file == file.string());

    auto d = the(sink, "answers.version-mismatch");
    CHECK((d.line == 2 && d.column == 28));
    CHECK(contains(d.message, "\"1.0\""));
    CHECK(contains(d.message, "\"2.0\""));

    d = the(sink, "answers.unknown-question");
    CHECK(contains(d.message, "answers.ts-99"));
    CHECK((d.line == 4 && d.column == 5));

    d = the(sink, "answers.not-an-option", "answers.ts-01.current");
    CHECK(contains(d.message, "did you mean 'Dedicated Head of Cloud Operations'?"));
    CHECK((d.line == 5 && d.column == 26));

    d = the(sink, "answers.wrong-type", "answers.ts-02.current");
    CHECK(contains(d.message, "must be a number"));
    CHECK((d.line == 6 && d.column == 26));

    d = the(sink, "answers.wrong-type", "answers.ts-03.current[1]");
    CHECK(d.line == 7);
    CHECK(the(sink, "answers.not-an-option", "answers.ts-03.current[2]").line == 7);
    CHECK(contains(the(sink, "answers.not-an-option", "answers.ts-05.future").message, "1 to 5"));
    CHECK(contains(the(sink, "answers.unexpected-state", "answers.sm-04.future").message, "current state only"));
    CHECK(contains(the(sink, "answers.wrong-type", "answers.bd-01").message, "must be an object"));
    d = the(sink, "answers.unknown-key", "'comment'");
    CHECK(d.severity == Severity::warning);
  }

  SECTION("not an object, no answers, an odd key") {
    auto q = fixture_questionnaire();
    DiagnosticSink sink;
    CHECK_FALSE(opskit::parse_answers(q, "a.json", "[1, 2]", sink));
    CHECK(the(sink, "answers.wrong-type").line == 1);

    DiagnosticSink sink2;
    auto answers =
        opskit::parse_answers(q, "a.json", R"({"questionnaire_version": "2.0", "answers": {"a.b": {}}})", sink2);
    REQUIRE(answers);
    CHECK(contains(the(sink2, "answers.unknown-question").message, "answers[\"a.b\"]"));

    DiagnosticSink sink3;
    opskit::parse_answers(q, "a.json", R"({"answers": {}})", sink3);
    CHECK(contains(the(sink3, "answers.version-mismatch").message, "no 'questionnaire_version'"));
  }

  SECTION("usage errors: no answers file, no questionnaire") {
    DiagnosticSink sink;
    TempDir out;
    CHECK(opskit::run_assess(model, test_theme(), kFixture / "answers" / "missing.json", out.path, sink) == 2);
    CHECK(the(sink, "answers.unreadable").file == (kFixture / "answers" / "missing.json").string());

    DiagnosticSink sink2;
    opskit::Model empty;
    CHECK(opskit::run_assess(empty, test_theme(), kFixture / "answers" / "enterprise.json", out.path, sink2) == 2);
    the(sink2, "questionnaire.missing");
  }
}

TEST_CASE("answers: a number too large for a double is a finding with its position / not a crash", "[questionnaire]") {
  // Issue 14: `1e400` escaped the JSON reader as an exception and exited 3 ("internal error").
  DiagnosticSink sink;
  auto model = fixture_model(sink);
  auto q = opskit::load_questionnaire(model, sink);
  REQUIRE(q);
  DiagnosticSink answers_sink;
  auto answers = opskit::parse_answers(*q, "answers.json", "{\n  \"answers\": {\n    \"x\": 1e400\n  }\n}\n", answers_sink);
  CHECK_FALSE(answers);
  auto found = answers_sink.sorted();
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule == "answers.invalid-json");
  CHECK(found[0].line == 3);
  CHECK(found[0].message.find("1e400") != std::string::npos);
}
