#include "outputs/packages/packages.hpp"

#include <fnmatch.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>

#include "diff/package_diff.hpp"
#include "emit/zip_archive.hpp"
#include "load/sources.hpp"
#include "outputs/packages/theme_files.hpp"
#include "parse/slug.hpp"
#include "render/navigation.hpp"
#include "render/render_body.hpp"
#include "resolve/output_urls.hpp"
#include "support/files.hpp"
#include "support/html_attributes.hpp"
#include "support/parallel.hpp"
#include "support/sha256.hpp"
#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;

bool package_includes(const std::string& pattern, const std::string& id) {
  if (ends_with(pattern, "/**")) {
    auto base = pattern.substr(0, pattern.size() - 3);
    return id == base || starts_with(id, base + "/");
  }
  if (ends_with(pattern, "/*")) {
    auto base = pattern.substr(0, pattern.size() - 2);
    return starts_with(id, base + "/") && id.find('/', base.size() + 1) == std::string::npos;
  }
  return id == pattern || fnmatch(pattern.c_str(), id.c_str(), FNM_PATHNAME) == 0;
}

namespace {

std::string iso_time(std::int64_t epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string base64(const std::string& bytes) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += table[n >> 18]; out += table[(n >> 12) & 63]; out += table[(n >> 6) & 63]; out += table[n & 63];
  }
  if (i < bytes.size()) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += table[n >> 18]; out += table[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? table[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string mime_type(const std::string& path) {
  auto ext = to_lower(fs::path(path).extension().string());
  if (ext == ".png") return "image/png";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".webp") return "image/webp";
  return "application/octet-stream";
}

std::string anchor_for(const Page& page) { return "page-" + github_slug(replace_all(page.id, "/", "-")); }

// One HTML file holding the whole package: CSS inlined, images as data URIs, links between
// pages turned into links inside the file, a table of contents first.
// The single-file HTML: every page a section with its anchor, images embedded as data: URLs,
// other files on the published site.
class SingleFileUrls : public OutputUrls {
 public:
  SingleFileUrls(const Model& model, const std::function<bool(int)>& included) : model_(model), included_(included) {}
  bool has_page(int page) const override { return included_(page); }
  std::string page_link(int, int to, const std::string&, const std::string& anchor) const override {
    const Page& target = model_.pages[to];
    return "#" + (anchor.empty() ? anchor_for(target) : anchor_for(target) + "--" + anchor);
  }
  std::string fragment_link(int from, const std::string& anchor) const override {
    return page_link(from, from, "", anchor);
  }
  std::optional<std::string> file_link(int, const std::string& workshop, const std::string& path,
                                       const LinkRef& link) const override {
    if (link.kind != LinkKind::image && link.kind != LinkKind::raw_html) return std::nullopt;
    const auto& statics = model_.sources.statics;
    auto file = std::find_if(statics.begin(), statics.end(),
                             [&](const StaticFile& s) { return s.workshop == workshop && s.path == path; });
    if (file == statics.end()) return "";
    return "data:" + mime_type(path) + ";base64," + base64(static_file_bytes(*file));
  }

 private:
  const Model& model_;
  const std::function<bool(int)>& included_;
};

class SingleFileBuilder {
 public:
  SingleFileBuilder(const Model& model, const Theme& theme, const PackageInputs& inputs,
                    const std::function<bool(int)>& included, const std::string& title)
      : model_(model), theme_(theme), inputs_(inputs), included_(included), title_(title) {}

  // The document is the theme's package.mustache: every page a section, in reading order.
  std::string build(const std::vector<int>& order) {
    // The bodies render on --jobs threads (each only reads the model), in reading order.
    std::vector<std::string> bodies(order.size());
    parallel_for(order.size(), inputs_.jobs, [&](std::size_t k) { bodies[k] = page_body(order[k]); });
    TemplateData pages{TemplateData::type::list};
    for (std::size_t k = 0; k < order.size(); ++k) {
      const Page& page = model_.pages[order[k]];
      // Moved, not set(): kainjow's set() and push_back() copy, and the pages' bodies are the
      // whole document's text (each was copied twice more on its way into the template).
      TemplateData item;
      put(item, "anchor", anchor_for(page));
      put(item, "nav_title", nav_title(page));
      put(item, "title", page.meta.title);
      put(item, "content", std::move(bodies[k]));
      append(pages, std::move(item));
    }
    TemplateData doc;
    put(doc, "title", title_);
    put(doc, "css", theme_.inline_asset("assets/css/site.css").value_or(""));
    put(doc, "pages", std::move(pages));
    put(doc, "theme_file", theme_file_lambda(theme_, missing_theme_files));
    return theme_.render("package", doc);
  }

  // Theme files package.mustache named that the theme does not have (reported by the caller).
  std::vector<std::string> missing_theme_files;

 private:
  const Model& model_;
  const Theme& theme_;
  const PackageInputs& inputs_;
  const std::function<bool(int)>& included_;
  std::string title_;

  std::string page_body(int index) {
    const Page& page = model_.pages[index];
    std::string prefix = anchor_for(page) + "--";
    BodyRenderContext ctx;
    ctx.allowed_schemes = model_.config.allowed_schemes;
    SingleFileUrls urls(model_, included_);
    for (const auto& link : page.body.links) {
      auto url = link_url(model_, index, link, urls);
      ctx.link_urls.push_back(std::move(url.url));
      ctx.link_external.push_back(url.external);
    }
    ctx.view_html = [&](const Directive& d) { return inputs_.view_html ? inputs_.view_html(d, index, urls) : ""; };
    auto html = render_body(page, ctx).html;
    // Ids must be unique in one file: prefix them with the page's anchor. Attributes naming ids
    // (a space-separated list for the aria ones) follow them, and so do links within generated
    // HTML (a view's own "#section" links); links the resolver wrote already carry a page anchor.
    std::string out;
    out.reserve(html.size() + html.size() / 8);
    std::size_t last = 0;
    for (const auto& a : quoted_attributes(html, {"id", "aria-controls", "aria-labelledby", "aria-describedby", "for", "href"})) {
      std::string name = to_lower(a.name);
      std::string value(a.value);
      if (name == "href") {
        if (!starts_with(value, "#") || value.size() < 2 || starts_with(value, "#page-")) continue;
        value = "#" + prefix + value.substr(1);
      } else if (name == "id") {
        value = prefix + value;
      } else {
        std::vector<std::string> ids;
        for (const auto& id : split(value, ' '))
          if (!id.empty()) ids.push_back(prefix + id);
        value = join(ids, " ");
      }
      out.append(html, last, a.begin - last).append(a.name).append("=\"").append(value).append("\"");
      last = a.end;
    }
    return out.append(html, last);
  }
};

std::string readme_text(const Model& model, const PackageSpec& spec, const std::string& version, const OutputTree& tree) {
  std::string text = spec.title + "\n" + std::string(spec.title.size(), '=') + "\n\n";
  text += "Package: " + spec.name + "\nAudience: " + spec.audience + "\nVersion: " + version + "\nFrom: " +
          model.config.title + " (" + model.config.base_url + ")\n\n";
  text += "How to open it\n--------------\n"
          "Unzip the package anywhere and open site/index.html in a web browser. No server and no\n"
          "internet connection are needed: every link inside the package is relative, and search works\n"
          "from disk. Links to pages that are not in this package go to the published site and are\n"
          "marked as external.\n\n"
          "To read or print everything at once, open " + spec.name + ".html: one file with the styles and\n"
          "images inside it and a table of contents first.\n\n"
          "What is inside\n--------------\n"
          "  site/            the package's pages as an offline site\n"
          "  " + spec.name + ".html   the whole package in one printable file\n"
          "  data/            the RACI matrix, SLA/OLA targets, tooling map and questionnaire as CSV\n"
          "                   (and the questionnaire as JSON), made from the same data as the pages\n"
          "  files/           extra files (for example Systems Manager Automation documents)\n"
          "  manifest.json    name, audience, version, source revision, build time, and every file with\n"
          "                   its size and SHA-256\n\n"
          "Checking that nothing was changed\n---------------------------------\n"
          "  opskit verify " + spec.name + "-" + version + ".zip\n"
          "compares every file with the manifest. Without opskit, unzip the package and compare\n"
          "`sha256sum` of each file with the manifest's \"sha256\" values.\n\n";
  std::size_t pages = 0;
  for (const auto& [path, f] : tree)
    if (starts_with(path, "site/") && ends_with(path, "/index.html")) ++pages;
  text += "Contents: " + std::to_string(pages) + " pages.\n";
  return text;
}

}  // namespace

namespace {

struct PreviousPackage {
  std::string file;  // as given to --since, for messages
  PackageContents contents;
};

// The packages named by --since, by package name; an unusable zip is an error naming it.
std::map<std::string, PreviousPackage> previous_packages(const std::vector<fs::path>& zips, DiagnosticSink& sink) {
  std::map<std::string, PreviousPackage> out;
  for (const auto& zip : zips) {
    // Why the zip cannot be used comes as verify.* findings on its path; this one says what it was for.
    auto contents = read_package_contents(zip, sink);
    if (!contents) {
      sink.report("package.since-unreadable", Severity::error, zip.string(), 0, 0,
                  "the previous package named by --since cannot be used (the findings above say why)");
      continue;
    }
    auto name = contents->package;
    out[name] = {zip.string(), std::move(*contents)};
  }
  return out;
}

// CHANGES.md: what changed since the previous version, written by the same code as `opskit diff`.
std::string changes_since(const PreviousPackage& previous, const std::string& name, const std::string& version,
                          const OutputTree& tree, DiagnosticSink& sink) {
  std::map<std::string, std::string> files;
  for (const auto& [path, file] : tree) files[path] = output_bytes(file);
  auto markdown = describe_changes(previous.contents, package_contents(name, version, std::move(files)), sink);
  if (!markdown) {
    sink.report("package.since-unreadable", Severity::error, previous.file, 0, 0,
                "the previous package cannot be compared (the findings above say why)");
    return {};
  }
  return *markdown;
}

}  // namespace

std::vector<PlannedZip> plan_packages(const Model& model, const Theme& theme, const PackageInputs& inputs,
                                      const std::vector<std::string>& only, DiagnosticSink& sink) {
  std::vector<PlannedZip> zips;
  auto timestamp = zip_timestamp(default_source_epoch(model));
  const auto& revision = model.sources.revision;
  bool modified = model.sources.tree_modified;
  auto previous = previous_packages(inputs.since, sink);
  for (const auto& spec : model.config.packages) {
    if (!only.empty() && std::find(only.begin(), only.end(), spec.name) == only.end()) continue;
    std::vector<bool> in(model.pages.size(), false);
    std::vector<int> matched_patterns(spec.include.size(), 0);
    for (std::size_t i = 0; i < model.pages.size(); ++i)
      for (std::size_t k = 0; k < spec.include.size(); ++k)
        if (model.pages[i].workshop.empty() && package_includes(spec.include[k], model.pages[i].id)) {
          in[i] = true;
          matched_patterns[k]++;
        }
    for (std::size_t k = 0; k < spec.include.size(); ++k)
      if (!matched_patterns[k])
        sink.report("package.include-unmatched", Severity::error, "opskit.yaml", spec.line, 1,
                    "package '" + spec.name + "': include '" + spec.include[k] + "' matches no page");
    std::function<bool(int)> included = [in](int p) { return p >= 0 && p < static_cast<int>(in.size()) && in[p]; };

    PlannedZip zip{spec.name, spec.name + "-" + model.config.version + ".zip", {}, timestamp};
    SiteOptions site;
    site.included = included;
    site.site_title = spec.title;
    site.write_sitemap = false;
    site.jobs = inputs.jobs;  // pages render on --jobs threads, as the site's do
    site.view_html = [&](const Directive& d, int page, const OutputUrls& urls) {
      return inputs.view_html ? inputs.view_html(d, page, urls) : std::string();
    };
    for (auto& [path, file] : build_site(model, theme, site, sink)) zip.tree["site/" + path] = std::move(file);

    auto nav = build_navigation(model, included);
    SingleFileBuilder single(model, theme, inputs, included, spec.title + " " + model.config.version);
    zip.tree[spec.name + ".html"].bytes = single.build(nav.reading_order);
    for (const auto& name : single.missing_theme_files)
      sink.report("theme.missing", Severity::error, (theme.dir / "templates" / "package.mustache").string(), 0, 0,
                  "package.mustache inlines '" + name + "', which is not a file under the theme's assets/");
    for (const auto& [name, bytes] : inputs.data_files) zip.tree["data/" + name].bytes = bytes;

    std::map<std::string, std::string> file_sources;  // files/<name> -> the project file it came from
    for (const auto& pattern : spec.files) {
      int matches = 0;
      for (const auto& s : model.sources.statics) {
        if (!s.workshop.empty() || fnmatch(pattern.c_str(), s.file.c_str(), FNM_PATHNAME) != 0) continue;
        auto name = "files/" + fs::path(s.file).filename().string();
        ++matches;
        auto [it, inserted] = file_sources.emplace(name, s.file);
        if (!inserted) {
          if (it->second != s.file)
            sink.report("package.file-duplicate", Severity::error, "opskit.yaml", spec.line, 1,
                        "package '" + spec.name + "': " + s.file + " and " + it->second + " would both be " + name +
                            "; rename one of them");
          continue;
        }
        zip.tree[name].copy_from = s.abs;
      }
      if (!matches)
        sink.report("package.file-unmatched", Severity::error, "opskit.yaml", spec.line, 1,
                    "package '" + spec.name + "': files '" + pattern + "' matches no file");
    }
    if (auto it = previous.find(spec.name); it != previous.end()) {
      zip.tree["CHANGES.md"].bytes = changes_since(it->second, spec.name, model.config.version, zip.tree, sink);
      previous.erase(it);
    }
    zip.tree["README.txt"].bytes = readme_text(model, spec, model.config.version, zip.tree);

    nlohmann::ordered_json manifest;
    manifest["package"] = spec.name;
    manifest["title"] = spec.title;
    manifest["audience"] = spec.audience;
    manifest["version"] = model.config.version;
    manifest["source"] = {{"revision", revision.empty() ? nullptr : nlohmann::ordered_json(revision)},
                          {"modified", revision.empty() ? nullptr : nlohmann::ordered_json(modified)}};
    manifest["build_time"] = iso_time(timestamp);
    manifest["generator"] = std::string("opskit ") + OPSKIT_VERSION;
    // The files are hashed on --jobs threads, listed in path order.
    std::vector<const std::pair<const std::string, OutputFile>*> entries;
    for (const auto& entry : zip.tree) entries.push_back(&entry);
    std::vector<std::pair<std::size_t, std::string>> digests(entries.size());  // size, SHA-256
    parallel_for(entries.size(), inputs.jobs, [&](std::size_t i) {
      auto bytes = output_bytes(entries[i]->second);
      digests[i] = {bytes.size(), sha256_hex(bytes)};
    });
    auto files = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < entries.size(); ++i)
      files.push_back({{"path", entries[i]->first}, {"size", digests[i].first}, {"sha256", digests[i].second}});
    manifest["files"] = files;
    zip.tree["manifest.json"].bytes = manifest.dump(2) + "\n";
    zips.push_back(std::move(zip));
  }
  for (const auto& [name, contents] : previous)
    sink.report("package.since-unmatched", Severity::warning, contents.file, 0, 0,
                "--since names a package '" + name + "' that this run does not write; no CHANGES.md from it");
  for (const auto& name : only)
    if (std::none_of(model.config.packages.begin(), model.config.packages.end(),
                     [&](const PackageSpec& p) { return p.name == name; }))
      sink.report("package.unknown", Severity::error, "opskit.yaml", 0, 0, "no package named '" + name + "'");
  return zips;
}

}  // namespace opskit
