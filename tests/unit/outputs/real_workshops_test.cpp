// Both published workshops in tests/fixtures/real-workshops parse with no error and no crash; every warning
// of the parse stage is listed in a reviewed fixture (each is a real oddity of the source).
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "model/model.hpp"
#include "project/config.hpp"
#include "pipeline/build_model.hpp"
#include "test_support.hpp"

using namespace opskit;

namespace {

void check_workshop(const std::string& name) {
  DiagnosticSink sink;
  auto config = load_project(test::fixtures_dir() / "real-workshops" / name, sink);
  REQUIRE(config);
  auto model = build_model(*config, {}, sink);
  CHECK(model.pages.size() > 10);
  std::set<std::string> parse_findings;
  for (const auto& d : sink.sorted()) {
    bool parse_stage = d.rule.rfind("frontmatter.", 0) == 0 || d.rule.rfind("directive.", 0) == 0 ||
                       d.rule.rfind("markdown.", 0) == 0 || d.rule.rfind("load.", 0) == 0;
    if (!parse_stage) continue;
    CHECK(d.severity != Severity::error);
    parse_findings.insert(d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
                          severity_name(d.severity) + ": " + d.rule);
  }
  auto expected = test::read_fixture_lines(test::source_dir() / "tests" / "fixtures" / "real-workshops" / (name + ".parse-warnings.txt"));
  std::string listing;
  for (const auto& f : parse_findings) listing += f + "\n";
  INFO("parse findings now:\n" << listing);
  CHECK(parse_findings == expected);
}

}  // namespace

TEST_CASE("eks-security-immersion-day parses with no error - its warnings are the reviewed ones", "[real-workshops]") {
  check_workshop("eks-security-immersion-day");
}

TEST_CASE("multi-az-workshop parses with no error - its warnings are the reviewed ones", "[real-workshops]") {
  check_workshop("multi-az-workshop");
}
