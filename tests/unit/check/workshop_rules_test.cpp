// Issue 6: every validation rule of a Workshop Studio bundle, each with a small broken fixture (a
// bare Workshop Studio repository, or a project for the cross-workshop cases) and the exact
// diagnostic; the two published workshops give exactly their reviewed findings; and the page text
// a bundle carries (bundle_page_text) rewrites only the links it must.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "outputs/bundles/bundles.hpp"
#include "pipeline/pipeline.hpp"
#include "check/workshop_rules.hpp"
#include "test_support.hpp"

using namespace opskit;
namespace fs = std::filesystem;

namespace {

using Files = std::map<std::string, std::string>;
using Lines = std::vector<std::string>;

const std::string kSpecHead = "version: 2.0\ndefaultLocaleCode: en-US\nlocaleCodes:\n  - en-US\n";  // lines 1-4
const std::string kHome = "---\ntitle: Home\nweight: 1\n---\n# Home\n\nWelcome.\n";

// A bare Workshop Studio repository: contentspec.yaml and content/index.en.md, plus `extra`
// (which may replace either).
Files repo(const Files& extra = {}) {
  Files files{{"contentspec.yaml", kSpecHead}, {"content/index.en.md", kHome}};
  for (const auto& [path, text] : extra) files[path] = text;
  return files;
}

std::string page(const std::string& title, int weight, const std::string& body) {
  return "---\ntitle: " + title + "\nweight: " + std::to_string(weight) + "\n---\n" + body;
}

// Loads and checks the project as every command does (load_and_check).
std::optional<CheckedProject> check(const fs::path& root, DiagnosticSink& sink) {
  RunOptions options;
  options.root = root;
  ExitCode code = ExitCode::ok;
  return load_and_check(options, sink, code);
}

bool is_bundle_rule(const std::string& rule) { return rule.rfind("bundle.", 0) == 0 || rule.rfind("contentspec.", 0) == 0; }

std::string format(const Diagnostic& d) {
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + severity_name(d.severity) +
         ": " + d.rule;
}

// Every bundle. and contentspec. finding, as "file:line:col: severity: rule", sorted.
Lines findings(const DiagnosticSink& sink) {
  Lines out;
  for (const auto& d : sink.sorted())
    if (is_bundle_rule(d.rule)) out.push_back(format(d));
  return out;
}

// The single finding of `rule`.
Diagnostic only(const DiagnosticSink& sink, const std::string& rule) {
  auto found = test::with_rule(sink, rule);
  INFO(test::describe(sink));
  REQUIRE(found.size() == 1);
  return found.front();
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// Checks that the sink's bundle findings are exactly the given lines.
#define CHECK_FINDINGS(sink, ...)                      \
  do {                                                 \
    INFO(test::describe(sink));                        \
    CHECK(findings(sink) == Lines{__VA_ARGS__});       \
  } while (0)

}  // namespace

// contentspec.yaml ----------------------------------------------------------------------------

TEST_CASE("bundle: a clean repository gives no diagnostic at all", "[bundle]") {
  const std::string spec = kSpecHead +
                           "params:\n  region: us-west-2\n"
                           "awsAccountConfig:\n"
                           "  accountSources:\n    - WorkshopStudio\n    - customer_provided\n"
                           "  ec2KeyPair: true\n"
                           "  participantRole:\n    iamPolicies:\n      - static/iam_policy.json\n"
                           "  regionConfiguration:\n    minAccessibleRegions: 1\n    maxAccessibleRegions: 3\n"
                           "infrastructure:\n  cloudformationTemplates:\n"
                           "    - templateLocation: static/stack.yaml\n      label: Stack\n"
                           "      parameters:\n        - templateParameter: AssetsBucketName\n"
                           "          defaultValue: \"{{.AssetsBucketName}}\"\n"
                           "    - templateLocation: static/tabs.json\n      label: JSON with tabs\n";
  test::TempProject p(repo({
      {"contentspec.yaml", spec},
      {"content/index.en.md", kHome + "\n![Logo](/static/images/logo.png)\n\nGo to [lab 1](/lab-1/) and [the step](lab-1/step).\n"},
      {"content/lab-1/index.en.md", page("Lab 1", 10, ":::::expand{header=Hint}\n::alert[Nested with fewer colons]{type=info}\n\n::::code{language=yaml}\n:::\n::::\n:::::\n")},
      {"content/lab-1/step.en.md", page("Step", 1, ":image[Logo]{src=/static/images/logo.png}\n")},
      {"static/images/logo.png", "PNG"},
      {"static/iam_policy.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]\n}\n"},
      {"static/stack.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
                            "    Properties:\n      BucketName: !Sub \"${AWS::StackName}-data\"\nOutputs:\n  Name:\n    Value: !Ref Bucket\n"},
      {"static/tabs.json", "{\n\t\"Resources\": {\n\t\t\"Bucket\": {\n\t\t\t\"Type\": \"AWS::S3::Bucket\"\n\t\t}\n\t}\n}\n"},
  }));
  DiagnosticSink sink;
  auto project = check(p.root(), sink);
  REQUIRE(project);
  INFO(test::describe(sink));
  CHECK(sink.sorted().empty());
}

// Each rule's broken fixture ------------------------------------------------------------------

namespace {

// One bundle rule's case: a bare repository (repo() plus `files`), exactly the bundle. and
// contentspec. findings it must give, and the messages of those findings of a rule in order:
// is() the whole message, has() a part of it.
struct Message {
  std::string rule;
  std::string text;
  bool whole;
};
Message is(std::string rule, std::string text) { return {std::move(rule), std::move(text), true}; }
Message has(std::string rule, std::string text) { return {std::move(rule), std::move(text), false}; }

struct RuleCase {
  std::string name;
  Files files;
  Lines findings;
  std::vector<Message> messages;
};

const std::string kTemplateSpec = kSpecHead + "infrastructure:\n  cloudformationTemplates:\n";  // lines 1-6
const std::string kPolicySpec = kSpecHead + "awsAccountConfig:\n  participantRole:\n    iamPolicies:\n";  // lines 1-7

const std::vector<RuleCase>& rule_cases() {
  static const std::vector<RuleCase> cases = {
      {"contentspec without version",
       {{"contentspec.yaml", "defaultLocaleCode: en-US\nlocaleCodes:\n  - en-US\n"}},
       {"contentspec.yaml:1:1: error: contentspec.invalid"},
       {is("contentspec.invalid", "missing required key 'version'")}},
      {"contentspec version other than 2.0",
       {{"contentspec.yaml", "version: 1.0\ndefaultLocaleCode: en-US\nlocaleCodes:\n  - en-US\n"}},
       {"contentspec.yaml:1:10: error: contentspec.invalid"},
       {has("contentspec.invalid", "version must be 2.0")}},
      {"defaultLocaleCode not among localeCodes",
       {{"contentspec.yaml", "version: 2.0\ndefaultLocaleCode: ja-JP\nlocaleCodes:\n  - en-US\n"}},
       {"contentspec.yaml:2:20: error: contentspec.invalid"},
       {is("contentspec.invalid", "defaultLocaleCode 'ja-JP' is not in localeCodes")}},
      {"contentspec without localeCodes",
       {{"contentspec.yaml", "version: 2.0\ndefaultLocaleCode: en-US\n"}},
       {"contentspec.yaml:1:1: error: contentspec.invalid"},
       {is("contentspec.invalid", "missing required key 'localeCodes'")}},
      {"contentspec without defaultLocaleCode",
       {{"contentspec.yaml", "version: 2.0\nlocaleCodes:\n  - en-US\n"}},
       {"contentspec.yaml:1:1: error: contentspec.invalid"},
       {is("contentspec.invalid", "missing required key 'defaultLocaleCode'")}},
      {"a contentspec line holding a zero-width space is an error at that line",
       {{"contentspec.yaml", "version: 2.0\ndefaultLocaleCode: en-US\n\xE2\x80\x8B\nlocaleCodes:\n  - en-US\n"}},
       {"contentspec.yaml:3:1: error: contentspec.invalid"},
       {has("contentspec.invalid", "zero-width space")}},
      // U+2019 (also a 3-byte sequence starting with E2) before the zero-width space must not fool the column.
      {"a zero-width space after text is found at its column",
       {{"contentspec.yaml", kSpecHead + "params:\n  note: \"it\xE2\x80\x99s\xE2\x80\x8B\"\n"}},
       {"contentspec.yaml:6:16: error: contentspec.invalid"},  // byte column
       {has("contentspec.invalid", "zero-width space")}},
      {"an unknown contentspec key warns with the closest known key",
       {{"contentspec.yaml", "version: 2.0\ndefaultLocaleCode: en-US\nlocalCodes:\n  - en-US\n"}},
       {"contentspec.yaml:1:1: error: contentspec.invalid",  // localeCodes is then missing
        "contentspec.yaml:3:1: warning: contentspec.unknown-key"},
       {has("contentspec.unknown-key", "did you mean 'localeCodes'?")}},
      {"an unknown nested key warns with the closest key of its map",
       {{"contentspec.yaml", kSpecHead + "awsAccountConfig:\n  acountSources:\n    - WorkshopStudio\n"}},
       {"contentspec.yaml:6:3: warning: contentspec.unknown-key"},
       {is("contentspec.unknown-key", "unknown key 'acountSources' in awsAccountConfig; did you mean 'accountSources'?")}},
      {"a contentspec value of the wrong type points at the value",
       {{"contentspec.yaml", kSpecHead + "awsAccountConfig:\n  ec2KeyPair: maybe\n"}},
       {"contentspec.yaml:6:15: error: contentspec.invalid"},
       {is("contentspec.invalid", "'ec2KeyPair' must be true or false")}},
      {"an unknown accountSources value is an error at that value",
       {{"contentspec.yaml",
        kSpecHead + "awsAccountConfig:\n  accountSources:\n    - WorkshopStudio\n    - Customer\n"}},
       {"contentspec.yaml:8:7: error: contentspec.invalid"},
       {has("contentspec.invalid", "unknown account source 'Customer'")}},
      {"region counts outside 1..3",
       {{"contentspec.yaml", kSpecHead +
        "awsAccountConfig:\n  regionConfiguration:\n"
        "    minAccessibleRegions: 0\n    maxAccessibleRegions: 4\n"}},
       {"contentspec.yaml:7:27: error: contentspec.invalid",
        "contentspec.yaml:8:27: error: contentspec.invalid"},
       {is("contentspec.invalid", "minAccessibleRegions must be between 1 and 3"),
        is("contentspec.invalid", "maxAccessibleRegions must be between 1 and 3")}},
      {"minAccessibleRegions larger than maxAccessibleRegions",
       {{"contentspec.yaml", kSpecHead +
        "awsAccountConfig:\n  regionConfiguration:\n"
        "    minAccessibleRegions: 3\n    maxAccessibleRegions: 2\n"}},
       {"contentspec.yaml:7:27: error: contentspec.invalid"},
       {is("contentspec.invalid", "minAccessibleRegions is larger than maxAccessibleRegions")}},
      {"a templateLocation outside static/ is not found",
       {{"contentspec.yaml", kTemplateSpec + "    - templateLocation: templates/stack.yaml\n      label: Stack\n"},
        {"templates/stack.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"}},
       {"contentspec.yaml:7:25: error: contentspec.missing-file"},
       {has("contentspec.missing-file", "'templates/stack.yaml' not found under static/")}},
      // The file exists and is part of the bundle, but Workshop Studio reads templates from static/.
      {"a templateLocation under content/ is not under static/ either",
       {{"contentspec.yaml", kTemplateSpec + "    - templateLocation: content/stack.yaml\n"},
        {"content/stack.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"}},
       {"contentspec.yaml:7:25: error: contentspec.missing-file"},
       {has("contentspec.missing-file", "is not under static/")}},
      {"a CloudFormation template that is not valid YAML is an error in the template",
       {{"contentspec.yaml", kTemplateSpec + "    - templateLocation: static/stack.yaml\n"},
        {"static/stack.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Bucket:\n"
        "    Type: AWS::S3::Bucket\n    Properties: {BucketName: [a, b}\n"}},
       {"static/stack.yaml:5:35: error: contentspec.template-invalid"},
       {has("contentspec.template-invalid", "invalid YAML")}},
      {"a JSON CloudFormation template that is not valid JSON is an error in the template",
       {{"contentspec.yaml", kTemplateSpec + "    - templateLocation: static/stack.json\n"},
        {"static/stack.json", "{\n  \"Resources\": {\n    \"Bucket\": {\"Type\": \"AWS::S3::Bucket\"\n  }\n"}},
       {"static/stack.json:5:1: error: contentspec.template-invalid"},
       {}},
      {"a CloudFormation template without Resources",
       {{"contentspec.yaml", kTemplateSpec + "    - templateLocation: static/stack.yaml\n"},
        {"static/stack.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: nothing\n"}},
       {"static/stack.yaml:1:1: error: contentspec.template-invalid"},
       {is("contentspec.template-invalid", "CloudFormation template has no Resources section")}},
      {"a CloudFormation template that is no map at all",
       {{"contentspec.yaml", kTemplateSpec + "    - templateLocation: static/stack.json\n"},
        {"static/stack.json", "placeholder for a large asset\n"}},
       {"static/stack.json:1:1: error: contentspec.template-invalid"},
       {has("contentspec.template-invalid", "is not a YAML or JSON map")}},
      {"an iamPolicies file that does not exist",
       {{"contentspec.yaml", kPolicySpec + "      - static/policy.json\n"}},
       {"contentspec.yaml:8:9: error: contentspec.missing-file"},
       {is("contentspec.missing-file", "IAM policy 'static/policy.json' not found under static/")}},
      // The missing comma: the unexpected string starts at line 4, column 24.
      {"an iamPolicies file that is not valid JSON / at its line and column",
       {{"contentspec.yaml", kPolicySpec + "      - static/policy.json\n"},
        {"static/policy.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"
        "    {\"Effect\": \"Allow\" \"Action\": \"s3:*\", \"Resource\": \"*\"}\n  ]\n}\n"}},
       {"static/policy.json:4:24: error: contentspec.iam-policy"},
       {has("contentspec.iam-policy", "IAM policy is not valid JSON")}},
      {"an iamPolicies file cut short is an error at its end",
       {{"contentspec.yaml", kPolicySpec + "      - static/policy.json\n"},
        {"static/policy.json", "{\n  \"Statement\": [\n"}},
       {"static/policy.json:3:1: error: contentspec.iam-policy"},
       {has("contentspec.iam-policy", "unexpected end of input")}},
      {"an iamPolicies file without Statement",
       {{"contentspec.yaml", kPolicySpec + "      - static/policy.json\n"},
        {"static/policy.json", "{\"Version\": \"2012-10-17\"}\n"}},
       {"static/policy.json:1:1: error: contentspec.iam-policy"},
       {is("contentspec.iam-policy", "IAM policy has no \"Statement\"")}},
      // At the locale's entry in localeCodes.
      {"folders without a page for a locale are listed per locale",
       {
        {"contentspec.yaml", "version: 2.0\ndefaultLocaleCode: en-US\nlocaleCodes:\n  - en-US\n  - ja-JP\n"},
        {"content/index.ja.md", page("ホーム", 1, "ようこそ。\n")},
        {"content/lab-1/index.en.md", page("Lab 1", 10, "One.\n")},
        {"content/lab-2/index.en.md", page("Lab 2", 20, "Two.\n")},
        {"content/lab-2/index.ja.md", page("ラボ 2", 20, "二。\n")},
        {"content/lab-3/index.en.md", page("Lab 3", 30, "Three.\n")},
        },
       {"contentspec.yaml:5:5: error: bundle.missing-translation"},
       {is("bundle.missing-translation", "locale ja-JP has no page in 2 folder(s): content/lab-1/, content/lab-3/")}},
      {"a folder of pages with no index page",
       {{"content/lab-1/step.en.md", page("Step", 1, "Step.\n")}},
       {"content/lab-1/step.en.md:1:1: error: bundle.missing-index",
        "contentspec.yaml:4:5: error: bundle.missing-translation"},
       {is("bundle.missing-index", "folder 'content/lab-1' has no index page"),
        is("bundle.missing-translation", "default locale en-US has no page in: content/lab-1/")}},
      {"a folder holding only sub-folders still needs its index page",
       {{"content/part-1/lab-1/index.en.md", page("Lab 1", 1, "One.\n")}},
       {"content/part-1/lab-1/index.en.md:1:1: error: bundle.missing-index",
        "contentspec.yaml:4:5: error: bundle.missing-translation"},
       {is("bundle.missing-index", "folder 'content/part-1' has no index page")}},
      {"a page without weight warns at its title",
       {{"content/lab-1/index.en.md", "---\n# no weight\ntitle: Lab 1\n---\nText.\n"}},
       {"content/lab-1/index.en.md:3:1: warning: bundle.weight-missing"},
       {has("bundle.weight-missing", "page has no weight")}},
      {"a nested container with as many colons as its parent is an error at the inner opener",
       {{"content/lab-1/index.en.md",
        page("Lab 1", 1, "Intro.\n\n:::expand{header=Hint}\nText.\n\n  :::alert{type=info}\n  Inner.\n  :::\n:::\n")}},
       {"content/lab-1/index.en.md:10:3: error: bundle.directive-nesting"},
       {has("bundle.directive-nesting", "container ':alert' has as many colons as its parent")}},
      {"an image on an external host",
       {{"content/lab-1/index.en.md",
        page("Lab 1", 1, "Text.\n\nSee ![diagram](https://example.com/d.png) here.\n\n:image[x]{src=\"//cdn.example.com/x.png\"}\n")}},
       {"content/lab-1/index.en.md:7:16: error: bundle.external-image",
        "content/lab-1/index.en.md:9:11: error: bundle.external-image"},  // at src=
       {has("bundle.external-image", "image 'https://example.com/d.png' is on an external host")}},
      {"a raw HTML image on an external host",
       {{"content/lab-1/index.en.md",
        page("Lab 1", 1, "Text.\n\n<img src=\"https://example.com/d.png\" alt=\"d\">\n\n<a href=\"https://example.com/\">ok</a>\n")}},
       {"content/lab-1/index.en.md:7:11: error: bundle.external-image"},
       {has("bundle.external-image", "image 'https://example.com/d.png' is on an external host")}},
      {"an image outside static/",
       {{"content/lab-1/index.en.md",
        page("Lab 1", 1, "Beside the page: ![x](pic.png)\n\nThrough content/: ![x](../content/pic.png)\n")},
        {"content/lab-1/pic.png", "PNG"},
        {"content/pic.png", "PNG"}},
       {"content/lab-1/index.en.md:5:23: error: bundle.image-location",
        "content/lab-1/index.en.md:7:24: error: bundle.image-location"},
       {is("bundle.image-location", "image 'pic.png' is outside static/; Workshop Studio serves images from /static/"),
        has("bundle.image-location", "image '../content/pic.png' is outside static/")}},
      {"two paths differing only in case",
       {{"static/Logo.png", "PNG"}, {"static/logo.png", "PNG"}},
       {"static/logo.png:0:0: error: bundle.case-collision"},
       {has("bundle.case-collision", "differs from static/Logo.png only in letter case")}},
      {"two folders differing only in case",
       {{"content/Lab/index.en.md", page("Lab", 1, "Upper.\n")},
        {"content/lab/step.en.md", page("Step", 1, "Lower.\n")}},
       {"content/lab:0:0: error: bundle.case-collision",
        "content/lab/step.en.md:1:1: error: bundle.missing-index",  // content/lab has no index page
        "contentspec.yaml:4:5: error: bundle.missing-translation"},
       {has("bundle.case-collision", "differs from content/Lab only in letter case")}},
      {"file names Windows or S3 handle badly",
       {{"static/what?.png", "PNG"},
        {"static/a{b}.png", "PNG"},
        {"static/dot.", "x"},
        {"static/aux.txt", "x"}},
       {"static/aux.txt:0:0: error: bundle.unportable-name",
        "static/a{b}.png:0:0: error: bundle.unportable-name",
        "static/dot.:0:0: error: bundle.unportable-name",
        "static/what?.png:0:0: error: bundle.unportable-name"},
       {is("bundle.unportable-name", "file name 'aux.txt' is a name Windows reserves for a device"),
        is("bundle.unportable-name", "file name 'a{b}.png' holds '{', which S3 keys and URLs handle badly"),
        is("bundle.unportable-name", "file name 'dot.' ends in a space or a dot, which Windows drops"),
        is("bundle.unportable-name", "file name 'what?.png' holds '?', which Windows does not allow")}},
      // index.fr.md is in no locale of localeCodes: no page of the model, but the bundle still carries it.
      {"page names Windows handles badly / also of a page left out of the model",
       {{"content/a|b/index.en.md", page("Pipe", 1, "x\n")}, {"content/c:d/index.fr.md", "x\n"}},
       {"content/a|b/index.en.md:0:0: error: bundle.unportable-name",
        "content/c:d/index.fr.md:0:0: error: bundle.unportable-name"},
       {is("bundle.unportable-name", "file name 'a|b' holds '|', which Windows does not allow"),
        is("bundle.unportable-name", "file name 'c:d' holds ':', which Windows does not allow")}},
  };
  return cases;
}

std::size_t lines_of_rule(const Lines& lines, const std::string& rule) {
  const std::string suffix = ": " + rule;
  return std::count_if(lines.begin(), lines.end(), [&](const std::string& line) {
    return line.size() >= suffix.size() && line.compare(line.size() - suffix.size(), suffix.size(), suffix) == 0;
  });
}

}  // namespace

TEST_CASE("bundle: each rule's broken fixture gives exactly its findings and messages", "[bundle]") {
  for (const auto& c : rule_cases()) {
    DYNAMIC_SECTION(c.name) {
      test::TempProject p(repo(c.files));
      DiagnosticSink sink;
      check(p.root(), sink);
      {
        INFO(test::describe(sink));
        CHECK(findings(sink) == c.findings);
      }
      std::map<std::string, std::size_t> checked;  // messages of each rule checked so far
      for (const auto& m : c.messages) {
        auto found = test::with_rule(sink, m.rule);
        auto i = checked[m.rule]++;
        INFO(test::describe(sink));
        REQUIRE((found.size() == lines_of_rule(c.findings, m.rule) && i < found.size()));
        if (m.whole) CHECK(found[i].message == m.text);
        else CHECK(contains(found[i].message, m.text));
      }
    }
  }
}

// Links between workshops -----------------------------------------------------------------------

TEST_CASE("bundle: a link to another workshop cannot resolve inside the bundle", "[bundle]") {
  test::TempProject p({
      {"opskit.yaml", "site:\n  title: Kit\n  base_url: https://kit.example.com/\n"},
      {"content/index.md", "---\ntitle: Home\n---\nHome.\n"},
      {"workshops/a/contentspec.yaml", kSpecHead},
      {"workshops/a/content/index.en.md", page("A", 1, "See [B's lab](xref:b/lab-1).\n")},
      {"workshops/b/contentspec.yaml", kSpecHead},
      {"workshops/b/content/index.en.md", page("B", 1, "B.\n")},
      {"workshops/b/content/lab-1/index.en.md", page("Lab 1", 1, "Lab.\n")},
  });
  DiagnosticSink sink;
  check(p.root(), sink);
  CHECK_FINDINGS(sink, "workshops/a/content/index.en.md:5:15: error: bundle.cross-workshop-link");
  CHECK(only(sink, "bundle.cross-workshop-link").message ==
        "link to another workshop ('xref:b/lab-1') cannot resolve inside this bundle");
}

// Names ---------------------------------------------------------------------------------------

TEST_CASE("bundle: a path over 255 bytes", "[bundle]") {
  std::string path = "static/" + std::string(100, 'a') + "/" + std::string(100, 'b') + "/" + std::string(50, 'c') + ".png";
  REQUIRE(path.size() == 263);
  test::TempProject p(repo({{path, "PNG"}}));
  DiagnosticSink sink;
  check(p.root(), sink);
  CHECK_FINDINGS(sink, path + ":0:0: error: bundle.unportable-name");
  CHECK(only(sink, "bundle.unportable-name").message == "file name is longer than 255 bytes (263)");
}

TEST_CASE("bundle: unportable_name_reason accepts ordinary names and 255 bytes exactly", "[bundle]") {
  CHECK(unportable_name_reason("content/1. Getting started/index.en.md") == "");
  CHECK(unportable_name_reason("static/images/a-b_c.d@2x.png") == "");
  CHECK(unportable_name_reason(std::string(255, 'x')) == "");
  CHECK(unportable_name_reason(std::string(256, 'x')) != "");
  CHECK(unportable_name_reason("static/tab\there.png") != "");
  CHECK(unportable_name_reason("static/trailing /x.png") != "");
  CHECK(unportable_name_reason("static/COM1") != "");
  CHECK(unportable_name_reason("static/console.png") == "");
  CHECK(unportable_name_reason("static/nul.tar.gz") != "");
}

TEST_CASE("bundle: unportable_name_reason names the part and the reason", "[bundle]") {
  CHECK(unportable_name_reason("static/a<b.png") == "'a<b.png' holds '<', which Windows does not allow");
  CHECK(unportable_name_reason("static/x#y.png") == "'x#y.png' holds '#', which S3 keys and URLs handle badly");
  CHECK(unportable_name_reason("content/Lpt9.md") == "'Lpt9.md' is a name Windows reserves for a device");
  CHECK(unportable_name_reason("content/AUX/index.en.md") == "'AUX' is a name Windows reserves for a device");
  CHECK(unportable_name_reason("static/dir./x.png") == "'dir.' ends in a space or a dot, which Windows drops");
  CHECK(unportable_name_reason("static/bell\x07/x.png") == "'bell\x07' holds a control character");
  CHECK(unportable_name_reason("static/lpt0.png") == "");
  CHECK(unportable_name_reason("static//x.png") == "");
  CHECK(unportable_name_reason("x.png") == "");
}

TEST_CASE("bundle: plan_bundles refuses an unknown workshop name", "[bundle]") {
  test::TempProject p(repo());
  DiagnosticSink sink;
  auto project = check(p.root(), sink);
  REQUIRE(project);
  auto zips = plan_bundles(project->model, {"nope"}, sink);
  CHECK(zips.empty());
  CHECK_FINDINGS(sink, ":0:0: error: bundle.unknown");
  CHECK(only(sink, "bundle.unknown").message == "no workshop named 'nope'");
}

TEST_CASE("bundle: plan_bundles lays out only contentspec.yaml / content/ / static/ and assets/", "[bundle]") {
  test::TempProject p(repo({{"static/a.png", "PNG"}, {"assets/tool.zip", "ZIP"}, {"README.md", "not published\n"}}));
  DiagnosticSink sink;
  auto project = check(p.root(), sink);
  REQUIRE(project);
  auto zips = plan_bundles(project->model, {}, sink);
  REQUIRE(zips.size() == 1);
  Lines names;
  for (const auto& [name, file] : zips[0].tree) names.push_back(name);
  CHECK(names == Lines{"assets/tool.zip", "content/index.en.md", "contentspec.yaml", "static/a.png"});
  CHECK(output_bytes(zips[0].tree.at("content/index.en.md")) == kHome);
}

// The published workshops -----------------------------------------------------------------------

namespace {

void check_real_workshop(const std::string& name) {
  auto reviewed = test::source_dir() / "tests" / "fixtures" / "real-workshops" / (name + ".bundle-findings.txt");
  REQUIRE(fs::exists(reviewed));
  DiagnosticSink sink;
  auto project = check(test::fixtures_dir() / "real-workshops" / name, sink);
  REQUIRE(project);
  auto got = findings(sink);
  std::set<std::string> got_set(got.begin(), got.end());
  std::string listing;
  for (const auto& f : got) listing += f + "\n";
  INFO("bundle findings now:\n" << listing);
  CHECK(got.size() == got_set.size());
  CHECK(got_set == test::read_fixture_lines(reviewed));
  // The bundle plans without further findings.
  auto before = sink.sorted().size();
  auto zips = plan_bundles(project->model, {}, sink);
  CHECK(zips.size() == 1);
  CHECK(sink.sorted().size() == before);
}

}  // namespace

TEST_CASE("bundle: eks-security-immersion-day gives exactly its reviewed findings", "[bundle]") {
  check_real_workshop("eks-security-immersion-day");
}

TEST_CASE("bundle: multi-az-workshop gives exactly its reviewed findings", "[bundle]") {
  check_real_workshop("multi-az-workshop");
}

// bundle_page_text -------------------------------------------------------------------------------

namespace {

const char* const kLabText =
    "---\n"                                                              // 1
    "title: Lab 1\n"                                                     // 2
    "weight: 1\n"                                                        // 3
    "---\n"                                                              // 4
    "# Lab 1\n"                                                          // 5
    "\n"                                                                 // 6
    "Read [the runbook](xref:runbooks/patch) first.\n"                   // 7
    "Then [step 2](xref:ws/lab-1/step-2) and [setup](xref:ws/lab-2#setup).\n"  // 8
    "Back to [lab 2](../lab-2/index.en.md#clean-up) or [step](step-2.en.md).\n"  // 9
    "Keep [docs home](https://kit.example.com/) and [absolute](/lab-2/) as written.\n"  // 10
    "`xref:runbooks/patch` in code stays.\n";                            // 11

struct BundleFixture {
  test::TempProject project;
  DiagnosticSink sink;
  std::optional<CheckedProject> checked;

  explicit BundleFixture(const std::string& lab_text)
      : project({
            {"opskit.yaml", "site:\n  title: Kit\n  base_url: https://kit.example.com/docs\n"},
            {"content/index.md", "---\ntitle: Home\n---\nHome.\n"},
            {"content/runbooks/index.md", "---\ntitle: Runbooks\n---\nRunbooks.\n"},
            {"content/runbooks/patch.md", "---\ntitle: Patch\n---\n## Steps\n"},
            {"workshops/ws/contentspec.yaml", kSpecHead},
            {"workshops/ws/content/index.en.md", page("Workshop", 1, "Start.\n")},
            {"workshops/ws/content/lab-1/index.en.md", lab_text},
            {"workshops/ws/content/lab-1/step-2.en.md", page("Step 2", 2, "## Do it\n")},
            {"workshops/ws/content/lab-2/index.en.md", page("Lab 2", 2, "## Setup\n\n## Clean up\n")},
            {"workshops/ws/content/lab 3 (extra)/index.en.md", page("Lab 3", 3, "## Top\n")},
        }) {
    checked = check(project.root(), sink);
  }

  std::string bundled(const std::string& file) const {
    const auto& model = checked->model;
    auto it = model.index.by_file.find(file);
    REQUIRE(it != model.index.by_file.end());
    return bundle_page_text(model, it->second);
  }
};

Lines split_keeping_ends(const std::string& text) {
  Lines out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto nl = text.find('\n', start);
    auto end = nl == std::string::npos ? text.size() : nl + 1;
    out.push_back(text.substr(start, end - start));
    start = end;
  }
  return out;
}

}  // namespace

TEST_CASE("bundle_page_text: cross-references and .md links are rewritten / other lines are byte-identical", "[bundle]") {
  BundleFixture f(kLabText);
  REQUIRE(f.checked);
  INFO(test::describe(f.sink));
  CHECK(f.sink.count(Severity::error) == 0);
  auto out = f.bundled("workshops/ws/content/lab-1/index.en.md");
  auto in_lines = split_keeping_ends(kLabText);
  auto out_lines = split_keeping_ends(out);
  REQUIRE(out_lines.size() == in_lines.size());
  // A docs page: the absolute URL of the published site.
  CHECK(out_lines[6] == "Read [the runbook](https://kit.example.com/docs/runbooks/patch/index.html) first.\n");
  // Pages of the same workshop: Workshop Studio paths, anchors kept.
  CHECK(out_lines[7] == "Then [step 2](/lab-1/step-2/) and [setup](/lab-2/#setup).\n");
  CHECK(out_lines[8] == "Back to [lab 2](/lab-2/#clean-up) or [step](/lab-1/step-2/).\n");
  for (std::size_t i : {0, 1, 2, 3, 4, 5, 9, 10}) {
    INFO("line " << i + 1);
    CHECK(out_lines[i] == in_lines[i]);
  }
}

namespace {

// A lab page's text in, its text in the bundle out (the rest of BundleFixture's project fixed).
struct PageTextCase {
  std::string name;
  std::string text;
  std::string bundled;
};

const std::vector<PageTextCase>& page_text_cases() {
  static const std::vector<PageTextCase> cases = {
      {"a page without links to rewrite is returned as is",
       "---\ntitle: Lab 1\nweight: 1\n---\nNo links; [abs](/lab-2/) only.\r\nNo newline at the end",
       "---\ntitle: Lab 1\nweight: 1\n---\nNo links; [abs](/lab-2/) only.\r\nNo newline at the end"},
      {"CRLF line ends are preserved / also without a final newline",
       "---\r\ntitle: Lab 1\r\nweight: 1\r\n---\r\nSee [p](xref:runbooks/patch).\r\nLast [s](step-2.en.md)",
       "---\r\ntitle: Lab 1\r\nweight: 1\r\n---\r\nSee [p](https://kit.example.com/docs/runbooks/patch/index.html).\r\n"
       "Last [s](/lab-1/step-2/)"},
      {"mixed line ends stay as they were",
       "---\ntitle: Lab 1\nweight: 1\n---\nWindows line.\r\nSee [p](xref:runbooks/patch).\nUnix line.\n",
       "---\ntitle: Lab 1\nweight: 1\n---\nWindows line.\r\nSee [p](https://kit.example.com/docs/runbooks/patch/index.html).\nUnix line.\n"},
      {"two links to the same target on one line are both rewritten",
       "---\ntitle: Lab 1\nweight: 1\n---\n[a](xref:ws/lab-2) and [b](xref:ws/lab-2), [c](xref:runbooks/patch) [d](xref:runbooks/patch)\n",
       "---\ntitle: Lab 1\nweight: 1\n---\n[a](/lab-2/) and [b](/lab-2/), "
       "[c](https://kit.example.com/docs/runbooks/patch/index.html) [d](https://kit.example.com/docs/runbooks/patch/index.html)\n"},
      {"a folder name with spaces and parentheses stays one link destination",
       "---\ntitle: Lab 1\nweight: 1\n---\n[a](<../lab 3 (extra)/index.en.md>) and [b](../lab%203%20%28extra%29/index.en.md#top)\n",
       "---\ntitle: Lab 1\nweight: 1\n---\n[a](</lab%203%20%28extra%29/>) and [b](/lab%203%20%28extra%29/#top)\n"},
      {"the root page of the workshop becomes '/'",
       "---\ntitle: Lab 1\nweight: 1\n---\n[home](xref:ws) and [home again](../index.en.md)\n",
       "---\ntitle: Lab 1\nweight: 1\n---\n[home](/) and [home again](/)\n"},
  };
  return cases;
}

}  // namespace

TEST_CASE("bundle_page_text: each lab page gives exactly its bundled text", "[bundle]") {
  for (const auto& c : page_text_cases()) {
    DYNAMIC_SECTION(c.name) {
      BundleFixture f(c.text);
      REQUIRE(f.checked);
      CHECK(f.bundled("workshops/ws/content/lab-1/index.en.md") == c.bundled);
    }
  }
}

TEST_CASE("bundle: a page carried unchanged shares its source text and a rewritten one carries its own bytes", "[bundle]") {
  // A 10,000-page workshop's bundle held a second copy of every page's Markdown; now only the
  // pages whose links are rewritten have bytes of their own.
  BundleFixture f(kLabText);
  REQUIRE(f.checked);
  const auto& model = f.checked->model;
  auto zips = plan_bundles(model, {}, f.sink);
  REQUIRE(zips.size() == 1);
  const auto& tree = zips[0].tree;
  const Page& step = model.pages[model.index.by_file.at("workshops/ws/content/lab-1/step-2.en.md")];
  const auto& unchanged = tree.at("content/lab-1/step-2.en.md");
  CHECK(unchanged.shared.get() == step.text.get());  // the same string, not a copy
  CHECK(unchanged.bytes.empty());
  CHECK(output_bytes(unchanged) == *step.text);
  const auto& rewritten = tree.at("content/lab-1/index.en.md");
  CHECK_FALSE(rewritten.shared);
  CHECK(rewritten.bytes == f.bundled("workshops/ws/content/lab-1/index.en.md"));
  CHECK(rewritten.bytes != kLabText);
}
