// The shipped kit itself: it passes every check with no warning, its CloudFormation templates
// use real resource types, and every stack output a lab cites exists.
#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <regex>
#include <set>

#include "pipeline/pipeline.hpp"
#include "support/files.hpp"
#include "test_support.hpp"

using namespace opskit;
namespace fs = std::filesystem;

TEST_CASE("the shipped kit passes opskit check --strict with no finding", "[kit]") {
  DiagnosticSink sink;
  RunOptions options;
  options.root = test::source_dir();
  options.strict = true;
  auto result = run_check(options, sink);
  INFO(test::describe(sink));
  CHECK(result.code == ExitCode::ok);
  CHECK(sink.count(Severity::error) == 0);
  CHECK(sink.count(Severity::warning) == 0);
}

namespace {

std::set<std::string> known_resource_types() {
  std::set<std::string> types;
  std::ifstream in(test::source_dir() / "tests" / "fixtures" / "cfn-resource-types.txt");
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') types.insert(line);
  return types;
}

std::vector<fs::path> workshop_templates() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(test::source_dir() / "workshops")) {
    auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".yaml" && ext != ".yml" && ext != ".json")) continue;
    if (entry.path().string().find("/static/") == std::string::npos) continue;
    auto text = read_file(entry.path()).value_or("");
    if (text.find("Resources") != std::string::npos && text.find("AWSTemplateFormatVersion") != std::string::npos)
      out.push_back(entry.path());
  }
  return out;
}

}  // namespace

TEST_CASE("every CloudFormation template of the workshops parses and uses real resource types", "[kit]") {
  auto types = known_resource_types();
  REQUIRE(types.size() > 100);
  auto templates = workshop_templates();
  REQUIRE(templates.size() >= 3);
  for (const auto& path : templates) {
    INFO(path.string());
    YAML::Node doc;
    REQUIRE_NOTHROW(doc = YAML::LoadFile(path.string()));
    REQUIRE(doc["Resources"].IsMap());
    for (const auto& resource : doc["Resources"]) {
      auto type = resource.second["Type"].as<std::string>("");
      INFO(resource.first.as<std::string>() << ": " << type);
      bool custom = type.rfind("Custom::", 0) == 0 || type == "AWS::CloudFormation::CustomResource";
      CHECK((custom || types.count(type) == 1));
    }
  }
}

TEST_CASE("every stack output a lab cites exists in a template", "[kit]") {
  std::set<std::string> outputs;
  for (const auto& path : workshop_templates()) {
    auto doc = YAML::LoadFile(path.string());
    if (doc["Outputs"] && doc["Outputs"].IsMap())
      for (const auto& o : doc["Outputs"]) outputs.insert(o.first.as<std::string>());
  }
  REQUIRE(!outputs.empty());
  static const std::regex cited(R"(OutputKey\s*==\s*\\?[`'"](\w+)\\?[`'"])");
  int citations = 0;
  for (const auto& entry : fs::recursive_directory_iterator(test::source_dir() / "workshops")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
    auto text = read_file(entry.path()).value_or("");
    for (std::sregex_iterator it(text.begin(), text.end(), cited), end; it != end; ++it) {
      ++citations;
      INFO(entry.path().string() << " cites " << (*it)[1].str());
      CHECK(outputs.count((*it)[1].str()) == 1);
    }
  }
  CHECK(citations >= 5);
}
