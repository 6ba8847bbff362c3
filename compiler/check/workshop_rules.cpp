#include "check/workshop_rules.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "project/yaml_support.hpp"
#include "resolve/link_target.hpp"
#include "support/files.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

constexpr const char* kSpec = "contentspec.invalid";

// Line and column of a byte offset, for JSON parse errors.
std::pair<int, int> offset_position(const std::string& text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') { ++line; column = 1; }
    else ++column;
  }
  return {line, column};
}

class WorkshopChecker {
 public:
  WorkshopChecker(const Model& model, const WorkshopSource& source, DiagnosticSink& sink)
      : model_(model), source_(source), sink_(sink) {}

  void run() {
    check_contentspec();
    check_translations();
    check_pages();
    check_names();
  }

 private:
  const Model& model_;
  const WorkshopSource& source_;
  DiagnosticSink& sink_;
  std::optional<YamlDoc> doc_;

  std::string prefix() const { return source_.rel_dir.empty() ? "" : source_.rel_dir + "/"; }

  bool static_exists(const std::string& path) const {
    return model_.index.files.count(collection_key(source_.name, path)) > 0;
  }

  const StaticFile* static_file(const std::string& path) const {
    for (const auto& s : model_.sources.statics)
      if (s.workshop == source_.name && s.path == path) return &s;
    return nullptr;
  }

  void check_json_policy(const YAML::Node& node) {
    auto path = node.Scalar();
    if (!static_exists(path)) {
      report_at(*doc_, node, sink_, "contentspec.missing-file", Severity::error,
                "IAM policy '" + path + "' not found under static/");
      return;
    }
    auto text = read_file(static_file(path)->abs).value_or("");
    try {
      auto json = nlohmann::json::parse(text);
      if (!json.is_object() || !json.contains("Statement"))
        sink_.report("contentspec.iam-policy", Severity::error, prefix() + path, 1, 1,
                     "IAM policy has no \"Statement\"");
    } catch (const nlohmann::json::parse_error& e) {
      auto [line, column] = offset_position(text, e.byte > 0 ? e.byte - 1 : 0);
      sink_.report("contentspec.iam-policy", Severity::error, prefix() + path, line, column,
                   std::string("IAM policy is not valid JSON: ") + e.what());
    }
  }

  void check_template(const YAML::Node& node) {
    auto path = node.Scalar();
    if (!static_exists(path)) {
      report_at(*doc_, node, sink_, "contentspec.missing-file", Severity::error,
                "CloudFormation template '" + path + "' not found under static/");
      return;
    }
    auto file = prefix() + path;
    auto text = read_file(static_file(path)->abs).value_or("");
    sink_.remember_source(file, text);
    auto parsed = parse_yaml(file, text, sink_, "contentspec.template-invalid");  // YAML is a superset of JSON
    if (parsed && !(parsed->root.IsMap() && parsed->root["Resources"]))
      sink_.report("contentspec.template-invalid", Severity::error, file, 1, 1,
                   "CloudFormation template has no Resources section");
  }

  void check_contentspec() {
    const auto& file = source_.contentspec_file;
    if (source_.contentspec_text.empty()) {
      sink_.report(kSpec, Severity::error, file, 1, 1, "contentspec.yaml is empty");
      return;
    }
    // A line holding only invisible characters makes Workshop Studio's parser fail (seen in a published repo).
    auto lines = split_lines(source_.contentspec_text);
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (lines[i].find("\xE2\x80\x8B") != std::string::npos || lines[i].find("\xEF\xBB\xBF") != std::string::npos)
        sink_.report(kSpec, Severity::error, file, static_cast<int>(i) + 1,
                     static_cast<int>(lines[i].find('\xE2') == std::string::npos ? 1 : lines[i].find('\xE2') + 1),
                     "invisible character (zero-width space or BOM) in contentspec.yaml");
    doc_ = parse_yaml(file, source_.contentspec_text, sink_, kSpec);
    if (!doc_) return;
    const auto& root = doc_->root;
    if (!root.IsMap()) {
      sink_.report(kSpec, Severity::error, file, 1, 1, "contentspec.yaml must be a map");
      return;
    }
    warn_unknown_keys(*doc_, root,
                      {"version", "defaultLocaleCode", "localeCodes", "params", "additionalLinks", "awsAccountConfig",
                       "infrastructure"},
                      sink_, "contentspec.unknown-key", "contentspec.yaml");
    if (!root["version"]) {
      sink_.report(kSpec, Severity::error, file, 1, 1, "missing required key 'version'");
    } else if (root["version"].Scalar() != "2.0" && root["version"].Scalar() != "2") {
      report_at(*doc_, root["version"], sink_, kSpec, Severity::error,
                "version must be 2.0 (the only version Workshop Studio supports)");
    }
    auto locales = yaml_string_list(*doc_, root, "localeCodes", sink_, kSpec);
    if (!root["localeCodes"]) sink_.report(kSpec, Severity::error, file, 1, 1, "missing required key 'localeCodes'");
    auto def = yaml_string(*doc_, root, "defaultLocaleCode", sink_, kSpec, true);
    if (def && root["localeCodes"] && std::find(locales.begin(), locales.end(), *def) == locales.end())
      report_at(*doc_, root["defaultLocaleCode"], sink_, kSpec, Severity::error,
                "defaultLocaleCode '" + *def + "' is not in localeCodes");
    if (auto params = root["params"]; params && !params.IsNull() && !params.IsMap())
      report_at(*doc_, params, sink_, kSpec, Severity::error, "'params' must be a map");
    if (auto links = root["additionalLinks"]; links && links.IsSequence())
      for (const auto& link : links) {
        yaml_string(*doc_, link, "title", sink_, kSpec, true);
        yaml_string(*doc_, link, "link", sink_, kSpec, true);
      }
    check_account_config(root["awsAccountConfig"]);
    check_infrastructure(root["infrastructure"]);
  }

  void check_account_config(const YAML::Node& config) {
    if (!config) return;
    if (!config.IsMap()) {
      report_at(*doc_, config, sink_, kSpec, Severity::error, "'awsAccountConfig' must be a map");
      return;
    }
    warn_unknown_keys(*doc_, config,
                      {"accountSources", "serviceLinkedRoles", "participantRole", "ec2KeyPair", "regionConfiguration"},
                      sink_, "contentspec.unknown-key", "awsAccountConfig");
    static const std::set<std::string> sources = {"WorkshopStudio", "workshop_studio", "CustomerProvided",
                                                  "customer_provided"};
    for (const auto& s : yaml_string_list(*doc_, config, "accountSources", sink_, kSpec))
      if (!sources.count(s))
        report_at(*doc_, config["accountSources"], sink_, kSpec, Severity::error,
                  "unknown account source '" + s + "' (WorkshopStudio or CustomerProvided)");
    yaml_bool(*doc_, config, "ec2KeyPair", sink_, kSpec);
    if (auto role = config["participantRole"]; role && role.IsMap()) {
      warn_unknown_keys(*doc_, role, {"managedPolicies", "iamPolicies", "trustedPrincipals"}, sink_,
                        "contentspec.unknown-key", "participantRole");
      if (auto policies = role["iamPolicies"]; policies && policies.IsSequence())
        for (const auto& p : policies)
          if (p.IsScalar()) check_json_policy(p);
    }
    if (auto regions = config["regionConfiguration"]; regions && regions.IsMap()) {
      warn_unknown_keys(*doc_, regions,
                        {"minAccessibleRegions", "maxAccessibleRegions", "accessibleRegions", "deployableRegions"},
                        sink_, "contentspec.unknown-key", "regionConfiguration");
      auto min = yaml_int(*doc_, regions, "minAccessibleRegions", sink_, kSpec);
      auto max = yaml_int(*doc_, regions, "maxAccessibleRegions", sink_, kSpec);
      for (auto [key, value] : {std::pair{"minAccessibleRegions", min}, std::pair{"maxAccessibleRegions", max}})
        if (value && (*value < 1 || *value > 3))
          report_at(*doc_, regions[key], sink_, kSpec, Severity::error, std::string(key) + " must be between 1 and 3");
      if (min && max && *min > *max)
        report_at(*doc_, regions["minAccessibleRegions"], sink_, kSpec, Severity::error,
                  "minAccessibleRegions is larger than maxAccessibleRegions");
    }
  }

  void check_infrastructure(const YAML::Node& infra) {
    if (!infra) return;
    if (!infra.IsMap()) {
      report_at(*doc_, infra, sink_, kSpec, Severity::error, "'infrastructure' must be a map");
      return;
    }
    warn_unknown_keys(*doc_, infra, {"cloudformationTemplates"}, sink_, "contentspec.unknown-key", "infrastructure");
    auto templates = infra["cloudformationTemplates"];
    if (!templates) return;
    if (!templates.IsSequence()) {
      report_at(*doc_, templates, sink_, kSpec, Severity::error, "'cloudformationTemplates' must be a list");
      return;
    }
    for (const auto& t : templates) {
      if (!t.IsMap()) {
        report_at(*doc_, t, sink_, kSpec, Severity::error, "a CloudFormation template entry must be a map");
        continue;
      }
      warn_unknown_keys(*doc_, t,
                        {"templateLocation", "label", "parameters", "participantVisibleStackOutputs",
                         "participantAllStackOutputsVisible", "tags"},
                        sink_, "contentspec.unknown-key", "cloudformationTemplates entry");
      if (yaml_string(*doc_, t, "templateLocation", sink_, kSpec, true)) check_template(t["templateLocation"]);
      yaml_string(*doc_, t, "label", sink_, kSpec);
      yaml_bool(*doc_, t, "participantAllStackOutputsVisible", sink_, kSpec);
      if (auto params = t["parameters"]; params && params.IsSequence())
        for (const auto& p : params) yaml_string(*doc_, p, "templateParameter", sink_, kSpec, true);
    }
  }

  // Every folder under content/ needs a page for every locale in localeCodes.
  void check_translations() {
    const auto* info = model_.workshop(source_.name);
    if (!info) return;
    std::map<std::string, std::set<std::string>> locales_by_folder;  // folder path -> locales with an index page
    std::set<std::string> folders;
    for (const auto& page : model_.pages) {
      if (page.workshop != source_.name || !page.is_index) continue;
      locales_by_folder[page.path].insert(page.locale);
    }
    for (const auto& [folder, present] : locales_by_folder) folders.insert(folder);
    // Folders holding pages but no index page at all.
    for (const auto& page : model_.pages) {
      if (page.workshop != source_.name) continue;
      auto folder = page.is_index ? page.path : page.path.substr(0, page.path.find_last_of('/') == std::string::npos ? 0 : page.path.find_last_of('/'));
      if (!locales_by_folder.count(folder)) {
        sink_.report("bundle.missing-index", Severity::error, page.file, 1, 1,
                     "folder '" + (folder.empty() ? "content" : "content/" + folder) + "' has no index page");
        locales_by_folder[folder];
      }
    }
    for (const auto& locale : info->locales) {
      std::vector<std::string> missing;
      for (const auto& [folder, present] : locales_by_folder)
        if (!present.count(locale)) missing.push_back(folder.empty() ? "content/" : "content/" + folder + "/");
      if (missing.empty() || locale == info->default_locale) {
        if (!missing.empty())
          sink_.report("bundle.missing-translation", Severity::error, source_.contentspec_file, 1, 1,
                       "default locale " + locale + " has no page in: " + join(missing, ", "));
        continue;
      }
      sink_.report("bundle.missing-translation", Severity::error, source_.contentspec_file, 1, 1,
                   "locale " + locale + " has no page in " + std::to_string(missing.size()) + " folder(s): " +
                       join(missing, ", "));
    }
  }

  void check_pages() {
    for (int i = 0; i < static_cast<int>(model_.pages.size()); ++i) {
      const Page& page = model_.pages[i];
      if (page.workshop != source_.name) continue;
      if (page.meta.present && page.meta.title.empty())
        sink_.report("bundle.title-missing", Severity::error, page.file, 1, 1, "page has no title");
      if (!page.meta.weight && page.meta.present)
        sink_.report("bundle.weight-missing", Severity::warning, page.file, page.meta.title_line, 1,
                     "page has no weight; Workshop Studio's order among its siblings is then undefined");
      for (const auto& d : page.body.directives)
        if (d.same_size_nested)
          sink_.report("bundle.directive-nesting", Severity::error, page.file, d.line, d.column,
                       "container ':" + d.name + "' has as many colons as its parent; Workshop Studio renders it "
                       "as literal colons (use fewer colons for the inner container)");
      for (const auto& link : page.body.links) {
        if (link.kind != LinkKind::image) continue;
        auto t = resolve_link(model_, i, link.url);
        if (t.kind == LinkTarget::Kind::external)
          sink_.report("bundle.external-image", Severity::error, page.file, link.line, link.column,
                       "image '" + link.url + "' is on an external host; Workshop Studio blocks external images "
                       "(copy it under static/)");
        else if (t.kind == LinkTarget::Kind::file && !starts_with(t.file_path, "static/") &&
                 !starts_with(t.file_path, "assets/"))
          sink_.report("bundle.image-location", Severity::error, page.file, link.line, link.column,
                       "image '" + link.url + "' is outside static/; Workshop Studio serves images from /static/");
      }
      for (const auto& link : page.body.links) {
        auto t = resolve_link(model_, i, link.url);
        if (t.kind == LinkTarget::Kind::page && !model_.pages[t.page].workshop.empty() &&
            model_.pages[t.page].workshop != source_.name)
          sink_.report("bundle.cross-workshop-link", Severity::error, page.file, link.line, link.column,
                       "link to another workshop ('" + link.url + "') cannot resolve inside this bundle");
      }
    }
  }

  void check_names() {
    std::map<std::string, std::string> lower;
    std::vector<std::string> paths;
    for (const auto& page : model_.pages)
      if (page.workshop == source_.name) paths.push_back(page.file);
    for (const auto& s : model_.sources.statics)
      if (s.workshop == source_.name) paths.push_back(s.file);
    for (const auto& path : paths) {
      auto inside = path.substr(prefix().size());
      auto reason = unportable_name_reason(inside);
      if (!reason.empty())
        sink_.report("bundle.unportable-name", Severity::error, path, 0, 0, "file name " + reason);
      auto key = to_lower(inside);
      auto [it, inserted] = lower.emplace(key, path);
      if (!inserted)
        sink_.report("bundle.case-collision", Severity::error, path, 0, 0,
                     "differs from " + it->second + " only in letter case; they collide on macOS and Windows");
    }
  }
};

}  // namespace

std::string unportable_name_reason(const std::string& path) {
  if (path.size() > 255) return "is longer than 255 bytes (" + std::to_string(path.size()) + ")";
  for (const auto& part : split(path, '/')) {
    for (unsigned char c : part) {
      if (c < 0x20 || c == 0x7f) return "'" + part + "' holds a control character";
      if (std::string("<>:\"\\|?*").find(static_cast<char>(c)) != std::string::npos)
        return "'" + part + "' holds '" + std::string(1, static_cast<char>(c)) + "', which Windows does not allow";
      if (std::string("{}^%`[]~#").find(static_cast<char>(c)) != std::string::npos)
        return "'" + part + "' holds '" + std::string(1, static_cast<char>(c)) + "', which S3 keys and URLs handle badly";
    }
    if (!part.empty() && (part.back() == ' ' || part.back() == '.'))
      return "'" + part + "' ends in a space or a dot, which Windows drops";
  }
  return {};
}

void check_workshops(const Model& model, DiagnosticSink& sink) {
  for (const auto& w : model.sources.workshops) WorkshopChecker(model, w, sink).run();
}

}  // namespace opskit
