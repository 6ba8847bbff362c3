#include "pipeline/build_model.hpp"

#include <algorithm>
#include <cctype>

#include <yaml-cpp/yaml.h>

#include "index/symbols.hpp"
#include "load/sources.hpp"
#include "parse/parse_page.hpp"
#include "resolve/link_target.hpp"
#include "support/parallel.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

bool looks_like_locale(const std::string& suffix) {
  // [a-z]{2,3}, optionally followed by "-" and [A-Za-z]{2,4}: "en", "pt-BR", "zh-Hant".
  auto dash = suffix.find('-');
  auto language = suffix.substr(0, dash);
  if (language.size() < 2 || language.size() > 3 ||
      !std::all_of(language.begin(), language.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return false;
  if (dash == std::string::npos) return true;
  auto region = suffix.substr(dash + 1);
  return region.size() >= 2 && region.size() <= 4 &&
         std::all_of(region.begin(), region.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

// Only what the pages need (locales, params); the bundle stage validates the whole file.
WorkshopInfo read_workshop(const WorkshopSource& source) {
  WorkshopInfo info;
  info.name = source.name;
  info.rel_dir = source.rel_dir;
  info.contentspec_file = source.contentspec_file;
  try {
    auto spec = YAML::Load(source.contentspec_text);
    if (spec["localeCodes"] && spec["localeCodes"].IsSequence()) {
      info.locales.clear();
      for (const auto& code : spec["localeCodes"])
        if (code.IsScalar()) info.locales.push_back(code.Scalar());
    }
    if (spec["defaultLocaleCode"] && spec["defaultLocaleCode"].IsScalar())
      info.default_locale = spec["defaultLocaleCode"].Scalar();
    else if (!info.locales.empty())
      info.default_locale = info.locales.front();
    if (info.locales.empty()) info.locales.push_back(info.default_locale);
    if (auto params = spec["params"]; params && params.IsMap()) {
      for (const auto& entry : params) {
        if (entry.second.IsScalar()) info.params[entry.first.as<std::string>("")] = entry.second.Scalar();
        else if (entry.second.IsSequence()) {
          std::vector<std::string> items;
          for (const auto& item : entry.second)
            if (item.IsScalar()) items.push_back(item.Scalar());
          info.params[entry.first.as<std::string>("")] = join(items, ", ");
        }
      }
    }
  } catch (const YAML::Exception&) {
    // Reported with its position by the contentspec validation.
  }
  return info;
}

}  // namespace

Model build_model(ProjectConfig config, const ModelOptions& options, DiagnosticSink& sink) {
  Model model;
  model.config = std::move(config);
  sink.set_rule_levels(model.config.rule_levels);
  model.sources = load_sources(model.config, sink, options.read_git, options.jobs);
  lap_step(options.lap, "read the sources");
  for (const auto& w : model.sources.workshops) model.workshops.push_back(read_workshop(w));

  // Which pages to parse, with their locale and params, in source order; then the parse itself,
  // page by page on --jobs threads, each page reporting into its own sink.
  struct PageJob {
    const PageSource* source;
    std::string locale;
    const std::map<std::string, std::string>* params;
  };
  std::vector<PageJob> to_parse;
  static const std::map<std::string, std::string> no_params;
  for (auto& source : model.sources.pages) {
    const auto* w = model.workshop(source.workshop);
    const auto& locales = w ? w->locales : model.config.locales;
    auto locale = locale_for_suffix(source.locale_suffix, locales);
    if (locale.empty() && looks_like_locale(source.locale_suffix)) {
      // Workshop Studio publishes only the locales in localeCodes; other translations are left out.
      sink.report("load.unlisted-locale", Severity::note, source.file, 1, 1,
                  "locale '" + source.locale_suffix + "' is not in localeCodes (" + join(locales, ", ") +
                      "); page left out");
      continue;
    }
    if (locale.empty() && !source.locale_suffix.empty()) {
      // "v1.2.md": the dot is part of the name, not a locale.
      source.path += "." + source.locale_suffix;
      source.locale_suffix.clear();
    }
    if (locale.empty()) locale = w ? w->default_locale : model.config.default_locale;
    to_parse.push_back({&source, locale, w ? &w->params : &no_params});
  }
  // Parsed straight into the model's list, drafts taken out after: moving 10,000 parsed pages
  // into a second list, one by one, was 80 ms of a --jobs 2 build with one core idle.
  auto& parsed = model.pages;
  // The list (empty until here: the model is new) is new memory, 9 MB at 10,000 pages: faulted in
  // on --jobs threads before its pages are made one by one on this one (that took 25-35 ms with a
  // core idle).
  parsed.reserve(to_parse.size());
  fault_in(parsed.data(), to_parse.size() * sizeof(Page), options.jobs);
  parsed.resize(to_parse.size());
  std::vector<DiagnosticSink> page_sinks(to_parse.size());
  parallel_for(to_parse.size(), options.jobs, [&](std::size_t i) {
    parsed[i] = parse_page(*to_parse[i].source, to_parse[i].locale, *to_parse[i].params, page_sinks[i],
                           ParseOptions{model.config.allow_raw_html, false});
  });
  for (auto& page_sink : page_sinks) sink.absorb(page_sink);
  if (!options.include_drafts)
    parsed.erase(std::remove_if(parsed.begin(), parsed.end(), [](const Page& p) { return p.meta.draft; }), parsed.end());
  lap_step(options.lap, "parse the pages");
  model.index = build_index(model.pages, model.sources.statics, sink, options.jobs);
  lap_step(options.lap, "index ids, paths and anchors");
  resolve_links(model, options.jobs);
  lap_step(options.lap, "resolve the links");
  return model;
}

}  // namespace opskit
