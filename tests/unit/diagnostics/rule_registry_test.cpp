// The rule registry: finding ids, "did you mean", and the usage errors of --rule and rules:.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "assess/assess.hpp"
#include "diagnostics/rule_levels.hpp"
#include "diagnostics/rule_listing.hpp"
#include "diagnostics/rule_registry.hpp"
#include "project/config.hpp"
#include "support/strings.hpp"
#include "test_support.hpp"

using namespace opskit;

namespace {

struct Run {
  int exit_code = -1;
  std::string stderr_text;
};

// Runs the opskit binary with `args`; stdout is dropped, stderr kept.
Run run_opskit(const std::string& args) {
  Run run;
  FILE* pipe = popen((std::string("'") + OPSKIT_BINARY + "' " + args + " 2>&1 >/dev/null").c_str(), "r");
  REQUIRE(pipe);
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) run.stderr_text.append(buffer, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("rule registry: find_rule returns the registered rule and nothing for an unknown id", "[rules]") {
  const RuleInfo* rule = find_rule("link.unresolved");
  REQUIRE(rule);
  CHECK(rule->id == "link.unresolved");
  CHECK(rule->family == "link");
  CHECK(rule->level == Severity::error);
  CHECK_FALSE(rule->description.empty());
  REQUIRE(find_rule("link.orphan"));
  CHECK(find_rule("link.orphan")->level == Severity::warning);
  CHECK(find_rule("link.unresolvd") == nullptr);
  CHECK(find_rule("link") == nullptr);
  CHECK(find_rule("") == nullptr);
}

TEST_CASE("rule registry: closest_rule names the nearest id or nothing", "[rules]") {
  CHECK(closest_rule("link.unresolvd") == "link.unresolved");
  CHECK(closest_rule("link.orphn") == "link.orphan");
  CHECK(closest_rule("runbok.stale") == "runbook.stale");
  CHECK(closest_rule("raci.acountable") == "raci.accountable");
  // A bare name is compared with the part after each family.
  CHECK(closest_rule("unresolved") == "link.unresolved");
  CHECK(closest_rule("no-numbered-step") == "runbook.no-numbered-steps");
  // Nothing near enough: no suggestion rather than a random one.
  CHECK(closest_rule("completely.different-thing") == "");
  CHECK(closest_rule("xyz") == "");
}

TEST_CASE("rule registry: ids are unique and each belongs to a listed family", "[rules]") {
  std::set<std::string> ids;
  std::set<std::string> families;
  for (const auto& f : all_rule_families()) {
    CHECK(families.insert(std::string(f.name)).second);
    CHECK_FALSE(f.description.empty());
  }
  std::set<std::string> used_families;
  std::string previous_family;
  std::set<std::string> finished_families;  // each family's rules are listed together
  REQUIRE(all_rules().size() > 100);
  for (const auto& r : all_rules()) {
    INFO(r.id);
    CHECK(ids.insert(std::string(r.id)).second);
    CHECK(starts_with(r.id, std::string(r.family) + "."));
    CHECK(families.count(std::string(r.family)));
    CHECK_FALSE(r.description.empty());
    CHECK(r.description.find('\n') == std::string_view::npos);
    if (r.family != previous_family) {
      CHECK(finished_families.insert(previous_family).second);
      CHECK_FALSE(finished_families.count(std::string(r.family)));
      previous_family = std::string(r.family);
    }
    used_families.insert(std::string(r.family));
  }
  CHECK(used_families == families);
}

TEST_CASE("rule registry: the listings carry every rule", "[rules]") {
  auto json = nlohmann::json::parse(format_rules_json());
  REQUIRE(json.is_array());
  REQUIRE(json.size() == all_rules().size());
  CHECK(json[0]["id"] == std::string(all_rules()[0].id));
  for (const auto& item : json) {
    INFO(item.dump());
    const RuleInfo* rule = find_rule(item["id"].get<std::string>());
    REQUIRE(rule);
    CHECK(item["family"] == std::string(rule->family));
    CHECK(item["level"] == severity_name(rule->level));
    CHECK(item["description"] == std::string(rule->description));
  }
  auto text = format_rules_text();
  auto lines = split_lines(text);
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  REQUIRE(lines.size() == all_rules().size());
  // Aligned: every line's level starts in the same column.
  auto level_column = lines[0].find("error");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    INFO(lines[i]);
    CHECK(starts_with(lines[i], std::string(all_rules()[i].id) + "  "));
    CHECK(lines[i].substr(level_column, std::string(severity_name(all_rules()[i].level)).size()) ==
          severity_name(all_rules()[i].level));
  }
  auto markdown = format_rules_markdown();
  for (const auto& r : all_rules()) CHECK(markdown.find("| `" + std::string(r.id) + "` |") != std::string::npos);
  for (const auto& f : all_rule_families()) CHECK(markdown.find("\n## " + std::string(f.name) + "\n") != std::string::npos);
}

TEST_CASE("rule levels: --rule overrides set known rules and refuse unknown ids and levels", "[rules]") {
  std::map<std::string, RuleLevel> levels{{"link.orphan", RuleLevel::error}};
  DiagnosticSink sink;
  CHECK(apply_rule_overrides({"link.orphan=off", "runbook.stale=warn"}, levels, sink));
  CHECK(levels.at("link.orphan") == RuleLevel::off);
  CHECK(levels.at("runbook.stale") == RuleLevel::warning);
  CHECK(sink.sorted().empty());

  DiagnosticSink bad;
  CHECK_FALSE(apply_rule_overrides({"link.unresolvd=off", "link.anchor=sometimes", "link.orphan", "link.scheme=error"},
                                   levels, bad));
  auto found = bad.sorted();
  REQUIRE(found.size() == 3);
  for (const auto& d : found) {
    CHECK(d.rule == "config.invalid");
    CHECK(d.severity == Severity::error);
  }
  auto all = test::describe(bad);
  INFO(all);
  CHECK(all.find("unknown rule 'link.unresolvd'; did you mean 'link.unresolved'?") != std::string::npos);
  CHECK(all.find("the level must be error, warning or off, not 'sometimes'") != std::string::npos);
  CHECK(all.find("--rule expects RULE=error|warning|off, not 'link.orphan'") != std::string::npos);
  CHECK_FALSE(levels.count("link.unresolvd"));
  CHECK(levels.at("link.scheme") == RuleLevel::error);  // the good one among them still applies
}

TEST_CASE("rule levels: a misspelled rules: key in opskit.yaml is an error at its line and column", "[rules]") {
  DiagnosticSink sink;
  auto config = load_project(test::fixtures_dir() / "rules-misspelled", sink);
  CHECK_FALSE(config);
  INFO(test::describe(sink));
  auto found = test::with_rule(sink, "config.invalid");
  REQUIRE(found.size() == 2);
  CHECK(found[0].file == "opskit.yaml");
  CHECK(found[0].line == 8);
  CHECK(found[0].column == 3);
  CHECK(found[0].message.find("unknown rule 'link.orphn'; did you mean 'link.orphan'?") != std::string::npos);
  CHECK(found[1].line == 9);
  CHECK(found[1].column == 16);
  CHECK(found[1].message.find("'link.anchor' must be error, warning or off") != std::string::npos);
}

TEST_CASE("rule levels: opskit exits 2 naming the closest id for a misspelled rule", "[rules][cli]") {
  auto project = test::fixtures_dir() / "rules-misspelled";
  auto from_yaml = run_opskit("check -C " + quoted(project));
  INFO(from_yaml.stderr_text);
  CHECK(from_yaml.exit_code == 2);
  CHECK(from_yaml.stderr_text.find("opskit.yaml:8:3: error: rules: unknown rule 'link.orphn'; did you mean "
                                   "'link.orphan'?") != std::string::npos);

  auto from_command_line = run_opskit("check -C " + quoted(test::source_dir()) + " --rule link.unresolvd=off");
  INFO(from_command_line.stderr_text);
  CHECK(from_command_line.exit_code == 2);
  CHECK(from_command_line.stderr_text.find("did you mean 'link.unresolved'?") != std::string::npos);

  auto bad_level = run_opskit("check -C " + quoted(test::source_dir()) + " --rule link.unresolved=loud");
  INFO(bad_level.stderr_text);
  CHECK(bad_level.exit_code == 2);
  CHECK(bad_level.stderr_text.find("not 'loud'") != std::string::npos);
}

TEST_CASE("rule levels: opskit assess refuses a misspelled --rule like the other commands", "[rules]") {
  RunOptions options;
  options.root = test::fixtures_dir() / "questionnaire";
  options.rule_overrides = {"answers.version-mismach=warning"};
  DiagnosticSink sink;
  auto result = run_assess_command(options, test::fixtures_dir() / "questionnaire" / "answers" / "unified.json", sink);
  INFO(test::describe(sink));
  CHECK(result.code == ExitCode::usage);
  auto found = test::with_rule(sink, "config.invalid");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message.find("did you mean 'answers.version-mismatch'?") != std::string::npos);
}
