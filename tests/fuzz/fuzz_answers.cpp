// Answers JSON (the questionnaire form's export) against the questionnaire fixture, then the
// support-plan decision and the assessment report.
#include <memory>

#include "assess/assess.hpp"
#include "model/model.hpp"
#include "pipeline/build_model.hpp"
#include "fuzz_support.hpp"
#include "parse/questionnaire_data.hpp"
#include "project/config.hpp"

namespace {
struct Fixture {
  opskit::Model model;
  opskit::Questionnaire questionnaire;
  opskit::Theme theme;
};
std::unique_ptr<Fixture> fixture;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  opskit::DiagnosticSink sink;
  auto config = opskit::load_project(OPSKIT_SOURCE_DIR "/tests/fixtures/questionnaire", sink);
  if (!config) __builtin_trap();
  fixture = std::make_unique<Fixture>();
  fixture->model = opskit::build_model(std::move(*config), opskit::ModelOptions{}, sink);
  auto q = opskit::load_questionnaire(fixture->model, sink);
  if (!q) __builtin_trap();
  fixture->questionnaire = std::move(*q);
  auto theme = opskit::load_theme(opskit::default_theme_dir(), sink);
  if (!theme) __builtin_trap();
  fixture->theme = std::move(*theme);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  opskit::DiagnosticSink sink;
  auto answers = opskit::parse_answers(fixture->questionnaire, "answers.json", opskit::fuzz::as_text(data, size), sink);
  if (answers) {
    auto plan = opskit::recommend_support_plan(fixture->questionnaire, *answers);
    (void)plan;
    auto report = opskit::build_assessment_report(fixture->model, fixture->questionnaire, *answers, fixture->theme);
    (void)report;
  }
  (void)sink.sorted();
  return 0;
}
