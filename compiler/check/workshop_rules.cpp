#include "check/workshop_rules.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "project/yaml_support.hpp"
#include "resolve/link_target.hpp"
#include "support/files.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

constexpr const char* kSpec = "contentspec.invalid";

// Where a JSON syntax error starts. nlohmann's exception names the last byte read (the end of the
// offending token); its SAX interface also gives that token, so the error can point at its start.
struct JsonErrorSpot : nlohmann::json_sax<nlohmann::json> {
  std::size_t offset = 0;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception&) override {
    // At the end of the input the "token" is a description, not bytes of the file.
    bool at_end = last_token.empty() || last_token.find("end of input") != std::string::npos;
    offset = !at_end && position >= last_token.size() ? position - last_token.size() : (position > 0 ? position - 1 : 0);
    return false;
  }
};

std::size_t json_error_offset(const std::string& text) {
  JsonErrorSpot spot;
  nlohmann::json::sax_parse(text, &spot);
  return spot.offset;
}

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

  // Workshop Studio reads templates and IAM policies from static/ only: a file elsewhere in the
  // bundle (content/, assets/) is as good as missing.
  bool found_under_static(const YAML::Node& node, const std::string& what) {
    const auto& path = node.Scalar();
    bool under_static = starts_with(path, "static/");
    if (under_static && static_exists(path)) return true;
    report_at(*doc_, node, sink_, "contentspec.missing-file", Severity::error,
              !under_static && static_exists(path)
                  ? what + " '" + path + "' is not under static/, where Workshop Studio looks for it"
                  : what + " '" + path + "' not found under static/");
    return false;
  }

  void check_json_policy(const YAML::Node& node) {
    auto path = node.Scalar();
    if (!found_under_static(node, "IAM policy")) return;
    auto text = static_file(path)->text.value_or("");
    sink_.remember_source(prefix() + path, text);
    try {
      auto json = nlohmann::json::parse(text);
      if (!json.is_object() || !json.contains("Statement"))
        sink_.report("contentspec.iam-policy", Severity::error, prefix() + path, 1, 1,
                     "IAM policy has no \"Statement\"");
    } catch (const nlohmann::json::parse_error& e) {
      auto [line, column] = offset_position(text, json_error_offset(text));
      // nlohmann's text names its own position (the end of the token): keep only the reason.
      std::string reason = e.what();
      if (auto colon = reason.find(": "); reason.find("parse error") != std::string::npos && colon != std::string::npos)
        reason = reason.substr(colon + 2);
      sink_.report("contentspec.iam-policy", Severity::error, prefix() + path, line, column,
                   "IAM policy is not valid JSON: " + reason);
    }
  }

  void check_template(const YAML::Node& node) {
    auto path = node.Scalar();
    if (!found_under_static(node, "CloudFormation template")) return;
    auto file = prefix() + path;
    auto text = static_file(path)->text.value_or("");
    sink_.remember_source(file, text);
    auto parsed = parse_yaml(file, text, sink_, "contentspec.template-invalid");  // YAML is a superset of JSON
    if (parsed && !parsed->root.IsMap())
      sink_.report("contentspec.template-invalid", Severity::error, file, 1, 1,
                   "CloudFormation template is not a YAML or JSON map (of Resources and the other sections)");
    else if (parsed && !parsed->root["Resources"])
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
    // The rest is validated as if each such character were spaces (same columns), so that the
    // invisible-character error is not followed by a confusing YAML error a line further down.
    auto lines = split_lines(source_.contentspec_text);
    std::string cleaned = replace_all(source_.contentspec_text, "\xE2\x80\x8B", "   ");
    if (starts_with(cleaned, "\xEF\xBB\xBF")) cleaned = "\xEF\xBB\xBF" + replace_all(cleaned.substr(3), "\xEF\xBB\xBF", "   ");
    else cleaned = replace_all(cleaned, "\xEF\xBB\xBF", "   ");
    for (std::size_t i = 0; i < lines.size(); ++i) {
      auto at = std::min(lines[i].find("\xE2\x80\x8B"), lines[i].find("\xEF\xBB\xBF"));
      if (at != std::string::npos)  // byte column, as every other column
        sink_.report(kSpec, Severity::error, file, static_cast<int>(i) + 1, static_cast<int>(at) + 1,
                     "invisible character (zero-width space or BOM) in contentspec.yaml");
    }
    doc_ = parse_yaml(file, cleaned, sink_, kSpec);
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
    else if (!root["localeCodes"].IsSequence())
      report_at(*doc_, root["localeCodes"], sink_, kSpec, Severity::error,
                "'localeCodes' must be a list of locale codes, such as [en-US]");
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
    yaml_string_list(*doc_, config, "accountSources", sink_, kSpec);  // reports wrong types
    auto account_sources = config["accountSources"];
    std::vector<YAML::Node> items;
    if (account_sources && account_sources.IsScalar()) items.push_back(account_sources);
    if (account_sources && account_sources.IsSequence())
      for (const auto& item : account_sources) items.push_back(item);
    for (const auto& item : items)
      if (item.IsScalar() && !sources.count(item.Scalar()))
        report_at(*doc_, item, sink_, kSpec, Severity::error,
                  "unknown account source '" + item.Scalar() + "' (WorkshopStudio or CustomerProvided)");
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
    for (const auto& page : model_.pages) {
      if (page.workshop != source_.name || !page.is_index) continue;
      locales_by_folder[page.path].insert(page.locale);
    }
    // Folders holding pages, or folders of pages, but no index page at all.
    auto parent = [](const std::string& path) {
      auto slash = path.find_last_of('/');
      return slash == std::string::npos ? std::string() : path.substr(0, slash);
    };
    for (const auto& page : model_.pages) {
      if (page.workshop != source_.name) continue;
      auto folder = page.is_index ? page.path : parent(page.path);
      while (true) {
        if (!locales_by_folder.count(folder)) {
          sink_.report("bundle.missing-index", Severity::error, page.file, 1, 1,
                       "folder '" + (folder.empty() ? "content" : "content/" + folder) + "' has no index page");
          locales_by_folder[folder];
        }
        if (folder.empty()) break;
        folder = parent(folder);
      }
    }
    // Reported at the locale's entry in localeCodes when there is one.
    auto report_missing = [&](const std::string& locale, const std::string& message) {
      const YAML::Node* root = doc_ ? &doc_->root : nullptr;
      if (root && root->IsMap())
        if (auto codes = (*root)["localeCodes"]; codes && codes.IsSequence())
          for (const auto& code : codes)
            if (code.IsScalar() && code.Scalar() == locale) {
              report_at(*doc_, code, sink_, "bundle.missing-translation", Severity::error, message);
              return;
            }
      sink_.report("bundle.missing-translation", Severity::error, source_.contentspec_file, 1, 1, message);
    };
    for (const auto& locale : info->locales) {
      std::vector<std::string> missing;
      for (const auto& [folder, present] : locales_by_folder)
        if (!present.count(locale)) missing.push_back(folder.empty() ? "content/" : "content/" + folder + "/");
      if (missing.empty() || locale == info->default_locale) {
        if (!missing.empty()) report_missing(locale, "default locale " + locale + " has no page in: " + join(missing, ", "));
        continue;
      }
      report_missing(locale, "locale " + locale + " has no page in " + std::to_string(missing.size()) +
                                 " folder(s): " + join(missing, ", "));
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
      // Each link's target, found once for the two passes below (the first reports images, the
      // second links into other workshops, in that order as before).
      std::vector<LinkTarget> targets;
      targets.reserve(page.body.links.size());
      for (const auto& link : page.body.links) targets.push_back(link_target(model_, i, link));
      for (std::size_t k = 0; k < page.body.links.size(); ++k) {
        const auto& link = page.body.links[k];
        if (link.kind != LinkKind::image && !link.raw_src) continue;
        const auto& t = targets[k];
        if (t.kind == LinkTarget::Kind::external)
          sink_.report("bundle.external-image", Severity::error, page.file, link.line, link.column,
                       "image '" + link.url + "' is on an external host; Workshop Studio blocks external images "
                       "(copy it under static/)");
        else if (t.kind == LinkTarget::Kind::file && !starts_with(t.file_path, "static/") &&
                 !starts_with(t.file_path, "assets/"))
          sink_.report("bundle.image-location", Severity::error, page.file, link.line, link.column,
                       "image '" + link.url + "' is outside static/; Workshop Studio serves images from /static/");
      }
      for (std::size_t k = 0; k < page.body.links.size(); ++k) {
        const auto& link = page.body.links[k];
        const auto& t = targets[k];
        if (t.kind == LinkTarget::Kind::page && !model_.pages[t.page].workshop.empty() &&
            model_.pages[t.page].workshop != source_.name)
          sink_.report("bundle.cross-workshop-link", Severity::error, page.file, link.line, link.column,
                       "link to another workshop ('" + link.url + "') cannot resolve inside this bundle");
      }
    }
  }

  // Every file the bundle carries: all page sources (also those the model leaves out, such as
  // drafts and locales not in localeCodes) and every static file.
  void check_names() {
    std::map<std::string, std::string> lower;
    std::vector<std::string> paths;
    for (const auto& page : model_.sources.pages)
      if (page.workshop == source_.name) paths.push_back(page.file);
    for (const auto& s : model_.sources.statics)
      if (s.workshop == source_.name) paths.push_back(s.file);
    std::sort(paths.begin(), paths.end());
    std::set<std::string> folders_seen;
    for (const auto& path : paths) {
      auto inside = path.substr(prefix().size());
      auto reason = unportable_name_reason(inside);
      if (!reason.empty())
        sink_.report("bundle.unportable-name", Severity::error, path, 0, 0, "file name " + reason);
      // Folders first: content/Lab/ and content/lab/ merge into one folder on macOS and Windows.
      for (auto slash = inside.find('/'); slash != std::string::npos; slash = inside.find('/', slash + 1)) {
        auto folder = path.substr(0, prefix().size() + slash);
        if (!folders_seen.insert(folder).second) continue;
        auto [it, inserted] = lower.emplace(to_lower(folder), folder);
        if (!inserted)
          sink_.report("bundle.case-collision", Severity::error, folder, 0, 0,
                       "differs from " + it->second + " only in letter case; they collide on macOS and Windows");
      }
      auto [it, inserted] = lower.emplace(to_lower(path), path);
      if (!inserted)
        sink_.report("bundle.case-collision", Severity::error, path, 0, 0,
                     "differs from " + it->second + " only in letter case; they collide on macOS and Windows");
    }
  }
};

}  // namespace

std::string unportable_name_reason(const std::string& path) {
  if (path.size() > 255) return "is longer than 255 bytes (" + std::to_string(path.size()) + ")";
  static constexpr std::string_view kWindowsForbids = "<>:\"\\|?*", kS3Mishandles = "{}^%`[]~#";
  std::string_view rest = path;
  for (bool last = false; !last;) {
    auto slash = rest.find('/');
    last = slash == std::string_view::npos;
    std::string_view part = rest.substr(0, slash);
    if (!last) rest.remove_prefix(slash + 1);
    for (unsigned char c : part) {
      if (c < 0x20 || c == 0x7f) return "'" + std::string(part) + "' holds a control character";
      if (kWindowsForbids.find(static_cast<char>(c)) != std::string_view::npos)
        return "'" + std::string(part) + "' holds '" + std::string(1, static_cast<char>(c)) + "', which Windows does not allow";
      if (kS3Mishandles.find(static_cast<char>(c)) != std::string_view::npos)
        return "'" + std::string(part) + "' holds '" + std::string(1, static_cast<char>(c)) +
               "', which S3 keys and URLs handle badly";
    }
    if (!part.empty() && (part.back() == ' ' || part.back() == '.'))
      return "'" + std::string(part) + "' ends in a space or a dot, which Windows drops";
    // CON, PRN, AUX, NUL, COM1-9, LPT1-9, also with an extension ("nul.txt"): Windows devices.
    auto stem = part.substr(0, part.find('.'));
    if (stem.size() != 3 && stem.size() != 4) continue;
    auto lower = to_lower(stem);
    if (lower == "con" || lower == "prn" || lower == "aux" || lower == "nul" ||
        (lower.size() == 4 && (starts_with(lower, "com") || starts_with(lower, "lpt")) && lower[3] >= '1' && lower[3] <= '9'))
      return "'" + std::string(part) + "' is a name Windows reserves for a device";
  }
  return {};
}

void check_workshops(const Model& model, DiagnosticSink& sink) {
  for (const auto& w : model.sources.workshops) WorkshopChecker(model, w, sink).run();
}

}  // namespace opskit
