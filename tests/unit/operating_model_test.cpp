#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

#include "build/model.hpp"
#include "check/operating_model_rules.hpp"
#include "parse/operating_model_data.hpp"
#include "project/config.hpp"
#include "render/operating_model_views.hpp"
#include "support/strings.hpp"

namespace {

using namespace opskit;
using std::chrono::sys_days;

const std::string kFixtures = std::string(OPSKIT_SOURCE_DIR) + "/tests/fixtures/operating-model/";
const sys_days kToday = sys_days{std::chrono::year{2026} / 11 / 26};

struct Loaded {
  Model model;
  OperatingModel om;
  std::vector<Diagnostic> load_findings;  // from loading the project and its data
  std::vector<Diagnostic> findings;       // from load_operating_model and check_operating_model
};

bool is_om_rule(const std::string& rule) {
  for (const auto& r : operating_model_rules())
    if (rule == r.id) return true;
  return false;
}

Loaded load(const std::string& root, sys_days today = kToday) {
  DiagnosticSink sink;
  auto config = load_project(root, sink);
  REQUIRE(config);
  Loaded out{build_model(std::move(*config), ModelOptions{}, sink), {}, {}, {}};
  out.load_findings = sink.sorted();
  DiagnosticSink om_sink;
  out.om = load_operating_model(out.model, om_sink);
  check_operating_model(out.model, out.om, om_sink, today);
  out.findings = om_sink.sorted();
  return out;
}

std::string describe(const Diagnostic& d) {
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + severity_name(d.severity) +
         ": " + d.message + " [" + d.rule + "]";
}

std::string describe_all(const std::vector<Diagnostic>& list) {
  std::string out;
  for (const auto& d : list) out += describe(d) + "\n";
  return out;
}

}  // namespace

TEST_CASE("dump broken", "[.dump]") {
  auto loaded = load(kFixtures + "broken");
  WARN(describe_all(loaded.load_findings));
  WARN(describe_all(loaded.findings));
}
