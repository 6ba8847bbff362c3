#include "diagnostics/rule_registry.hpp"

#include <algorithm>

#include "support/strings.hpp"

namespace opskit {
namespace {

constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;
constexpr Severity N = Severity::note;

struct Entry {
  std::string_view id;
  Severity level;
  std::string_view description;
};

// Adding a rule: a line here (in its family's group), then report it with this exact id as a
// string literal; regenerate docs/rules.md (`opskit rules --format markdown > docs/rules.md`).
// A new family also needs a line in kFamilies.
constexpr RuleFamily kFamilies[] = {
    {"config", "opskit.yaml, the command line and the environment"},
    {"yaml", "YAML syntax shared by every YAML file"},
    {"load", "reading the project's files"},
    {"theme", "the site theme's templates"},
    {"frontmatter", "the front matter of a page"},
    {"directive", "Workshop Studio directives in a page"},
    {"markdown", "the Markdown of a page"},
    {"index", "page ids and heading anchors"},
    {"link", "links, images and cross-references"},
    {"external", "the external-link check as a whole"},
    {"output", "the output folder and the links in what is written"},
    {"internal", "opskit's own failures (please report them)"},
    {"contentspec", "a workshop's contentspec.yaml and the files it names"},
    {"bundle", "Workshop Studio bundles"},
    {"package", "handover packages"},
    {"verify", "a handover package zip opened by opskit verify, opskit diff or --since"},
    {"runbook", "pages of kind runbook"},
    {"playbook", "pages of kind playbook"},
    {"sop", "pages of kind sop"},
    {"review", "last_reviewed dates"},
    {"tooling", "the tooling map and tooling pages"},
    {"raci", "the RACI matrix"},
    {"sla", "SLA targets"},
    {"ola", "OLA targets"},
    {"framework", "the operating-model framework areas"},
    {"wa", "Well-Architected best practices"},
    {"data", "the data files in content/data/"},
    {"tagging", "the tagging standard"},
    {"sources", "Sources sections and their dates"},
    {"value", "the :value directive"},
    {"values", "content/data/values.yaml, the shared values"},
    {"questionnaire", "content/data/questionnaire.yaml"},
    {"answers", "the answers file of opskit assess"},
};

constexpr Entry kRules[] = {
    {"config.invalid", E, "opskit.yaml, a --rule override or the project folder is not valid (wrong type, bad value, unknown rule)"},
    {"config.unknown-key", W, "a key opskit.yaml does not know (the closest known key is suggested)"},
    {"config.source-date-epoch", E, "SOURCE_DATE_EPOCH is set but is not a number of seconds"},

    {"yaml.duplicate-key", E, "a YAML map names the same key twice"},

    {"load.symlink", E, "a source or theme file is a symbolic link, which opskit does not follow"},
    {"load.special-file", E, "a device, FIFO or socket among the sources"},
    {"load.unreadable", E, "a source file or folder cannot be read"},
    {"load.file-name", W, "a file name holds '#', '?' or '%', which break links to it"},
    {"load.too-large", E, "a source file is larger than opskit reads"},
    {"load.encoding", E, "a text source is not valid UTF-8"},
    {"load.case-collision", E, "two page files differ only in letter case"},
    {"load.unlisted-locale", N, "a workshop page's locale is not in contentspec.yaml localeCodes; the page is left out"},

    {"theme.missing", E, "a template the site needs is not in the theme"},
    {"theme.invalid", E, "a theme template is not valid Mustache"},

    {"frontmatter.missing", W, "a page has no front matter"},
    {"frontmatter.unclosed", E, "front matter is opened with --- or +++ and never closed"},
    {"frontmatter.invalid", E, "front matter is not valid YAML or not a map"},
    {"frontmatter.missing-title", E, "front matter has no title"},
    {"frontmatter.type", E, "a front matter key has a value of the wrong type"},
    {"frontmatter.kind", E, "kind is not one of the known page kinds"},
    {"frontmatter.unknown-key", W, "a front matter key opskit does not know (the closest known key is suggested)"},

    {"directive.too-deep", E, "containers nest deeper than opskit reads"},
    {"directive.stray-fence", W, "a closing ::: fence with no open container"},
    {"directive.fence-in-code", W, "a container is closed while a code fence inside it is still open"},
    {"directive.same-size-nesting", W, "a container has as many colons as the container around it"},
    {"directive.unclosed", W, "a container is still open at the end of the page"},
    {"directive.param-unknown", W, ":param names a key the workshop does not define"},
    {"directive.unknown", W, "a directive opskit does not know; its text is shown as written"},

    {"markdown.raw-html", W, "raw HTML in a project with markdown.raw_html: false; shown as text"},

    {"index.duplicate-id", E, "two pages have the same id"},
    {"index.duplicate-anchor", W, "a page defines the same heading anchor twice"},

    {"link.unresolved", E, "a link's target page or file does not exist"},
    {"link.image-missing", E, "an image's file does not exist"},
    {"link.anchor", E, "a link's #anchor is not a heading or id of its target page"},
    {"link.scheme", E, "a URL scheme that is not allowed (javascript:, data: and the like); the output carries a blocked URL"},
    {"link.asset-unverified", W, "a link into the workshop's asset bucket, which has no assets/ folder here to check"},
    {"link.orphan", W, "no page links to this page and navigation does not reach it"},
    {"link.external", W, "an external link failed over HTTP (check --external; an error with --strict)"},
    {"link.external-cache", W, "the external-link cache cannot be read or written"},

    {"external.deadline", W, "check --external ran out of time; the links left were not checked"},
    {"external.unavailable", E, "check --external could not load libcurl; no external link was checked"},

    {"output.refused", E, "the output folder is, holds or lies inside the sources, or is a folder opskit did not make"},
    {"output.io", E, "the outputs cannot be written; the previous output is untouched"},
    {"output.broken-link", E, "a link in the written output points at no file or no id of the output"},
    {"internal.error", E, "opskit failed (out of memory, or a bug); the report holds what was found before"},

    {"contentspec.invalid", E, "contentspec.yaml is not valid YAML or a value has the wrong type"},
    {"contentspec.unknown-key", W, "a key Workshop Studio does not know in contentspec.yaml (the closest known key is suggested)"},
    {"contentspec.missing-file", E, "a file contentspec.yaml names (template, IAM policy) does not exist under static/"},
    {"contentspec.iam-policy", E, "an IAM policy file is not valid JSON or has no Statement"},
    {"contentspec.template-invalid", E, "a CloudFormation template is not a YAML or JSON map with Resources"},

    {"bundle.missing-index", E, "a workshop content folder has no index page"},
    {"bundle.missing-translation", E, "a page has no file for one of the workshop's localeCodes"},
    {"bundle.title-missing", E, "a workshop page has no title"},
    {"bundle.weight-missing", W, "a workshop page has no weight, so its order is undefined"},
    {"bundle.directive-nesting", E, "a container has as many colons as its parent; Workshop Studio shows literal colons"},
    {"bundle.external-image", E, "an image on an external host, which Workshop Studio blocks"},
    {"bundle.image-location", E, "an image outside static/"},
    {"bundle.cross-workshop-link", E, "a link to another workshop, which cannot resolve inside a bundle"},
    {"bundle.unportable-name", E, "a file name that does not work on every operating system"},
    {"bundle.case-collision", E, "two files or folders of a workshop differ only in letter case"},
    {"bundle.unsafe-entry", E, "a file name that cannot be stored safely in a zip"},
    {"bundle.unknown", E, "opskit bundle names a workshop that does not exist"},

    {"package.include-unmatched", E, "a package's include pattern matches no page"},
    {"package.file-unmatched", E, "a package's files pattern matches no file"},
    {"package.file-duplicate", E, "two files of a package would have the same name in the zip"},
    {"package.unknown", E, "opskit package names a package opskit.yaml does not define"},
    {"package.since-unreadable", E, "a previous package named by --since cannot be opened or compared"},
    {"package.since-unmatched", W, "--since names a package this run does not write (no CHANGES.md from it)"},

    {"verify.unreadable", E, "the package is missing, a folder, or not a readable zip"},
    {"verify.no-manifest", E, "the zip holds no manifest.json: not an opskit package"},
    {"verify.limit", E, "more entries, more inflated bytes or a larger manifest than a package may hold"},
    {"verify.unsafe-entry", E, "an entry's name would be written outside the package folder"},
    {"verify.duplicate-entry", E, "two entries have the same name (unzip tools disagree on which wins)"},
    {"verify.not-regular", E, "an entry is a symbolic link, a device, a pipe or another non-regular file"},
    {"verify.encrypted", E, "an entry is encrypted"},
    {"verify.zip-bomb", E, "an entry would inflate to more than the allowed ratio of its compressed size"},
    {"verify.inconsistent", E, "the zip's local headers disagree with its central directory"},
    {"verify.manifest-invalid", E, "manifest.json is not valid JSON or not the shape opskit writes"},
    {"verify.damaged", E, "an entry's data is damaged or differs in size from its header"},
    {"verify.missing-file", E, "a file listed in the manifest is not in the zip"},
    {"verify.changed-file", E, "a file's size or SHA-256 differs from the manifest"},
    {"verify.extra-file", E, "the zip holds a file the manifest does not list"},

    {"runbook.missing-section", E, "a runbook lacks Purpose and outcome, Tools and permissions, Procedure, Error handling and escalation or Validation"},
    {"runbook.no-numbered-steps", E, "a runbook's Procedure has no ordered list"},
    {"runbook.owner", E, "a runbook has no owner, or the owner is not a role"},
    {"runbook.unknown-area", E, "a runbook's area is missing or not one of the sixteen"},
    {"runbook.last-reviewed", W, "a runbook has no last_reviewed date"},
    {"runbook.stale", W, "a runbook's last_reviewed is older than review_period_days"},
    {"runbook.trigger", W, "a runbook has no Trigger section"},
    {"runbook.rollback", W, "a runbook has no Rollback section"},
    {"runbook.automation", W, "a runbook has no automation key or Automation section"},

    {"playbook.missing-section", E, "a playbook lacks Investigation, Stakeholders, Communication plan or Runbooks"},
    {"playbook.no-runbook-link", E, "a playbook's Runbooks section links no runbook"},
    {"playbook.owner", E, "a playbook has no owner, or the owner is not a role"},
    {"playbook.unknown-area", E, "a playbook's area is not one of the sixteen"},

    {"sop.missing-section", E, "an SOP lacks Purpose, Scope, Roles, Procedure, Records or Review cadence"},
    {"sop.owner", E, "an SOP has no owner, or the owner is not a role"},
    {"sop.framework-area", E, "an SOP's framework_area is missing or not one of the five"},
    {"sop.stale", W, "an SOP's last_reviewed is older than review_period_days"},

    {"review.invalid-date", E, "a runbook's or SOP's last_reviewed is not a date YYYY-MM-DD"},

    {"tooling.area-missing", E, "one of the sixteen areas is not in the tooling map"},
    {"tooling.unknown-area", E, "a tooling-map entry or tooling page names an unknown area"},
    {"tooling.criterion-missing", E, "a selection criterion is not answered"},
    {"tooling.no-runbook", E, "no runbook operates an area"},
    {"tooling.no-tool", E, "an area names no tool"},
    {"tooling.owner", E, "an area has no owner"},
    {"tooling.closed-only-path", E, "an SOP, runbook or SLA source names a tool closed to new customers and none of its open alternatives"},

    {"raci.accountable", E, "an activity has no A, or more than one"},
    {"raci.responsible", E, "an activity has no R"},
    {"raci.letter", E, "letters other than R, A, C, I"},
    {"raci.unknown-role", E, "a role not defined in roles.yaml"},
    {"raci.unknown-group", E, "a group that is neither an area nor a framework area"},
    {"raci.accountable-share", W, "a role is A on more than 30% of the activities"},
    {"raci.owner-accountable", E, "the owner of a runbook, SOP, playbook or game day holds no A or R in a RACI row of its area"},

    {"sla.field-missing", E, "a target lacks metric, threshold, window, source, owner or breach_action"},
    {"sla.threshold", E, "a threshold without a numeric value or unit, a bad comparison or target_percent"},

    {"ola.supports", E, "an OLA supports no existing SLA"},

    {"framework.no-sop", E, "a framework area has no SOP"},
    {"framework.area-missing", E, "one of the five framework areas is missing"},
    {"framework.unknown-area", E, "an unknown framework area id"},

    {"wa.unknown-practice", E, "a wa: id that is not an OPS01..OPS11 best practice"},
    {"wa.area-uncovered", E, "an OE area (Organization, Prepare, Operate, Evolve) no page addresses"},

    {"data.invalid", E, "a data file is not valid YAML or a value has the wrong type"},
    {"data.missing-field", E, "a required key (id, name, description, purpose, group, type) is missing"},
    {"data.unknown-key", W, "a key the schema does not know (closest known key suggested)"},
    {"data.duplicate-id", E, "an id defined twice in one file"},
    {"data.unknown-page", E, "a data file names a page id that does not exist"},
    {"data.page-kind", E, "a data file names a page of the wrong kind"},
    {"data.unknown-role", E, "a data file names a role not in roles.yaml"},
    {"data.missing-file", E, "roles are named but roles.yaml is missing"},

    {"tagging.unknown-key", E, "a tag key in a code block or template is not a key of the tagging standard (case-sensitive)"},

    {"sources.missing-url", E, "a Sources section has no URL"},
    {"sources.undated", E, "a source carries no date (YYYY-MM-DD) saying when it was checked"},
    {"sources.stale", W, "a source was checked longer ago than review_period_days"},

    {"value.unknown", E, ":value[key] names a key that no data file defines (values.yaml, tagging.yaml for tagging.*)"},
    {"values.invalid", E, "values.yaml is not a map of values, a key is malformed, or a value is a list or empty"},

    {"questionnaire.missing", W, "::questionnaire is used but content/data/questionnaire.yaml does not exist (opskit assess stops with an error)"},
    {"questionnaire.invalid-yaml", E, "questionnaire.yaml is not valid YAML"},
    {"questionnaire.invalid", E, "questionnaire.yaml lacks a required key or a value has the wrong type"},
    {"questionnaire.unknown-key", W, "a key the questionnaire schema does not know (the closest known key is suggested)"},
    {"questionnaire.missing-section", W, "one of the assessment's sections is missing"},
    {"questionnaire.unknown-section", E, "a section id that is not one of the assessment's sections"},
    {"questionnaire.duplicate-section", E, "a section id used twice"},
    {"questionnaire.empty-section", W, "a section has no questions"},
    {"questionnaire.bad-id", E, "a question id holds characters other than letters, digits, '-' and '_'"},
    {"questionnaire.duplicate-id", E, "a question id used twice"},
    {"questionnaire.unknown-type", E, "a question's type is missing or unknown"},
    {"questionnaire.bad-state", E, "a question's state is missing or unknown"},
    {"questionnaire.misplaced-key", W, "a key that does not apply to the question's type (unit, options, scale); ignored"},
    {"questionnaire.missing-options", E, "a single or multiple choice question has no options"},
    {"questionnaire.bad-option", E, "an option is empty or holds ' | ' or a line break"},
    {"questionnaire.duplicate-option", E, "an option listed twice in one question"},
    {"questionnaire.bad-scale", E, "a scale question's scale is missing or its min, max, low or high is wrong"},
    {"questionnaire.unknown-informs", E, "an informs value opskit does not know"},
    {"questionnaire.missing-area", E, "a tooling question has no area"},
    {"questionnaire.unknown-area", E, "a tooling question's area is not one of the sixteen"},
    {"questionnaire.area-outside-tooling", W, "a question outside the tooling section names an area"},
    {"questionnaire.area-uncovered", W, "the tooling section asks nothing about some of the sixteen areas"},

    {"answers.unreadable", E, "the answers file cannot be read"},
    {"answers.too-large", E, "the answers file is larger than opskit reads"},
    {"answers.invalid-json", E, "the answers file is not valid JSON"},
    {"answers.wrong-type", E, "a value of the answers file has the wrong JSON type"},
    {"answers.unknown-key", W, "a top-level key the answers format does not know (the closest known key is suggested)"},
    {"answers.unknown-question", E, "an answer to a question the questionnaire does not have"},
    {"answers.version-mismatch", E, "questionnaire_version is missing or is not the kit's questionnaire version"},
    {"answers.unexpected-state", E, "an answer gives a state (current, future) the question does not ask for"},
    {"answers.not-an-option", E, "an answer is not one of the question's options or outside its scale"},
};

std::string_view family_of(std::string_view id) { return id.substr(0, id.find('.')); }

}  // namespace

const std::vector<RuleInfo>& all_rules() {
  static const std::vector<RuleInfo> rules = [] {
    std::vector<RuleInfo> out;
    for (const auto& e : kRules) out.push_back({e.id, family_of(e.id), e.level, e.description});
    return out;
  }();
  return rules;
}

const std::vector<RuleFamily>& all_rule_families() {
  static const std::vector<RuleFamily> families(std::begin(kFamilies), std::end(kFamilies));
  return families;
}

const RuleInfo* find_rule(std::string_view id) {
  const auto& rules = all_rules();
  auto it = std::find_if(rules.begin(), rules.end(), [&](const RuleInfo& r) { return r.id == id; });
  return it == rules.end() ? nullptr : &*it;
}

std::string closest_rule(std::string_view id) {
  const bool bare = id.find('.') == std::string_view::npos;
  const RuleInfo* best = nullptr;
  std::size_t best_distance = std::string_view::npos;
  for (const auto& r : all_rules()) {
    auto d = edit_distance(id, r.id);
    // A bare name ("unresolvd") is also compared with the part after the family.
    if (bare) d = std::min(d, edit_distance(id, r.id.substr(r.family.size() + 1)));
    if (d < best_distance) {
      best_distance = d;
      best = &r;
    }
  }
  // A suggestion helps only when it is much nearer than a rewrite of the whole id.
  std::size_t limit = std::max<std::size_t>(2, id.size() / 3);
  if (!best || best_distance > limit) return {};
  return std::string(best->id);
}

}  // namespace opskit
