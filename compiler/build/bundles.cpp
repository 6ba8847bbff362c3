#include "build/bundles.hpp"

#include <algorithm>
#include <cstdio>

#include "emit/zip_archive.hpp"
#include "render/site_builder.hpp"
#include "resolve/link_target.hpp"
#include "support/strings.hpp"

namespace opskit {

std::int64_t default_source_epoch(const Model& model) {
  if (std::filesystem::exists(model.config.root / ".git")) {
    std::string cmd = "git -C '" + model.config.root.string() + "' log -1 --format=%ct 2>/dev/null";
    if (FILE* pipe = popen(cmd.c_str(), "r")) {
      char buffer[64] = {};
      bool ok = fgets(buffer, sizeof buffer, pipe) != nullptr;
      pclose(pipe);
      if (ok && std::atoll(buffer) > 0) return std::atoll(buffer);
    }
  }
  return model.sources.newest_mtime;
}

std::string bundle_page_text(const Model& model, int page_index) {
  const Page& page = model.pages[page_index];
  std::vector<std::string> lines = split_lines(page.text);
  bool changed = false;
  for (const auto& link : page.body.links) {
    bool rewrite = starts_with(link.url, "xref:") || link.url.find(".md") != std::string::npos;
    if (!rewrite || link.line < 1 || link.line > static_cast<int>(lines.size())) continue;
    auto t = resolve_link(model, page_index, link.url);
    if (t.kind != LinkTarget::Kind::page) continue;
    const Page& target = model.pages[t.page];
    std::string url;
    if (target.workshop == page.workshop)
      url = "/" + target.path + (target.path.empty() ? "" : "/");  // a Workshop Studio path
    else
      url = model.config.base_url + site_page_path(target);  // the published docs site
    if (!t.anchor.empty()) url += "#" + t.anchor;
    auto& line = lines[link.line - 1];
    auto from = static_cast<std::size_t>(std::max(0, link.column - 1));
    auto pos = line.find(link.url, from > line.size() ? 0 : from);
    if (pos == std::string::npos) pos = line.find(link.url);
    if (pos == std::string::npos) continue;
    line.replace(pos, link.url.size(), url);
    changed = true;
  }
  if (!changed) return page.text;
  std::string out;
  bool crlf = page.text.find("\r\n") != std::string::npos;
  for (const auto& l : lines) out += l + (crlf ? "\r\n" : "\n");
  if (!page.text.empty() && page.text.back() != '\n') out.pop_back();
  return out;
}

std::vector<PlannedZip> plan_bundles(const Model& model, const std::vector<std::string>& only, DiagnosticSink& sink) {
  std::vector<PlannedZip> zips;
  auto timestamp = zip_timestamp(default_source_epoch(model));
  for (const auto& w : model.sources.workshops) {
    if (!only.empty() && std::find(only.begin(), only.end(), w.name) == only.end()) continue;
    PlannedZip zip{w.name, w.name + ".zip", {}, timestamp};
    zip.tree["contentspec.yaml"].bytes = w.contentspec_text;
    std::string prefix = w.rel_dir.empty() ? "" : w.rel_dir + "/";
    // Pages left out of the model (drafts, other locales) still belong to the repository.
    for (const auto& source : model.sources.pages) {
      if (source.workshop != w.name) continue;
      auto rel = source.file.substr(prefix.size());
      auto it = model.index.by_file.find(source.file);
      zip.tree[rel].bytes = it == model.index.by_file.end() ? source.text : bundle_page_text(model, it->second);
    }
    for (const auto& s : model.sources.statics) {
      if (s.workshop != w.name) continue;
      zip.tree[s.file.substr(prefix.size())].copy_from = s.abs;
    }
    for (const auto& [name, file] : zip.tree)
      if (!is_safe_entry_name(name))
        sink.report("bundle.unsafe-entry", Severity::error, prefix + name, 0, 0, "cannot be stored safely in a zip");
    zips.push_back(std::move(zip));
  }
  for (const auto& name : only)
    if (std::none_of(zips.begin(), zips.end(), [&](const PlannedZip& z) { return z.name == name; }))
      sink.report("bundle.unknown", Severity::error, "", 0, 0, "no workshop named '" + name + "'");
  return zips;
}

}  // namespace opskit
