#include "outputs/bundles/bundles.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "emit/zip_archive.hpp"
#include "outputs/site/site_builder.hpp"
#include "resolve/link_target.hpp"
#include "resolve/output_urls.hpp"
#include "support/parallel.hpp"
#include "support/strings.hpp"

namespace opskit {

std::int64_t default_source_epoch(const Model& model) {
  return model.sources.last_commit_time > 0 ? model.sources.last_commit_time : model.sources.newest_mtime;
}

namespace {

// A path that stays one link destination however it was written (bare or in <...>): folder names
// can hold spaces and parentheses.
std::string encode_path(const std::string& path) {
  std::string out;
  for (char c : path) {
    switch (c) {
      case ' ': out += "%20"; break;
      case '(': out += "%28"; break;
      case ')': out += "%29"; break;
      case '<': out += "%3C"; break;
      case '>': out += "%3E"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

namespace {

// A Workshop Studio repository: pages of the same workshop by their absolute Workshop Studio
// path, everything else on the published site; files stay as written.
class WorkshopStudioUrls : public OutputUrls {
 public:
  WorkshopStudioUrls(const Model& model, std::string workshop) : model_(model), workshop_(std::move(workshop)) {}
  bool has_page(int page) const override { return model_.pages[page].workshop == workshop_; }
  std::string page_link(int, int to, const std::string&, const std::string& anchor) const override {
    const auto& path = model_.pages[to].path;
    return "/" + encode_path(path) + (path.empty() ? "" : "/") + (anchor.empty() ? "" : "#" + anchor);
  }
  std::string fragment_link(int, const std::string& anchor) const override { return anchor.empty() ? "" : "#" + anchor; }
  std::optional<std::string> file_link(int, const std::string&, const std::string&, const LinkRef&) const override {
    return "";
  }

 private:
  const Model& model_;
  std::string workshop_;
};

}  // namespace

std::string bundle_page_text(const Model& model, int page_index) {
  auto rewritten = rewritten_bundle_page_text(model, page_index);
  return rewritten ? std::move(*rewritten) : *model.pages[page_index].text;
}

namespace {

bool may_rewrite(const LinkRef& link) { return starts_with(link.url, "xref:") || link.url.find(".md") != std::string::npos; }

}  // namespace

std::optional<std::string> rewritten_bundle_page_text(const Model& model, int page_index) {
  const Page& page = model.pages[page_index];
  // Most pages have no link to rewrite: those are not split into lines at all.
  if (std::none_of(page.body.links.begin(), page.body.links.end(), may_rewrite)) return std::nullopt;
  const std::string& text = *page.text;
  // Lines with their own line ends, so that every line not rewritten stays byte-identical (CRLF,
  // LF, mixed, no newline at the end).
  std::vector<std::string> lines, ends;
  for (std::size_t start = 0; start < text.size();) {
    auto nl = text.find('\n', start);
    auto stop = nl == std::string::npos ? text.size() : nl;
    auto content_end = stop > start && text[stop - 1] == '\r' ? stop - 1 : stop;
    lines.push_back(text.substr(start, content_end - start));
    ends.push_back(text.substr(content_end, (nl == std::string::npos ? stop : nl + 1) - content_end));
    start = nl == std::string::npos ? text.size() : nl + 1;
  }
  // Right to left, so that a rewrite does not move the columns of the links still to do.
  std::vector<const LinkRef*> links;
  for (const auto& link : page.body.links) links.push_back(&link);
  std::stable_sort(links.begin(), links.end(), [](const LinkRef* a, const LinkRef* b) {
    return std::tie(a->line, a->column) > std::tie(b->line, b->column);
  });
  WorkshopStudioUrls urls(model, page.workshop);
  bool changed = false;
  for (const LinkRef* link : links) {
    if (!may_rewrite(*link) || link->line < 1 || link->line > static_cast<int>(lines.size())) continue;
    auto t = link_target(model, page_index, *link);
    if (t.kind != LinkTarget::Kind::page) continue;
    auto url = link_url(model, page_index, t, *link, urls).url;
    auto& line = lines[link->line - 1];
    auto from = static_cast<std::size_t>(std::max(0, link->column - 1));
    // As written; else as written in <...> with the spaces the Markdown parser percent-encoded.
    std::string written = link->url;
    auto pos = line.find(written, from > line.size() ? 0 : from);
    if (pos == std::string::npos) pos = line.rfind(written);
    if (pos == std::string::npos) {
      written = percent_decode(link->url);
      pos = line.rfind(written);
    }
    if (pos == std::string::npos) continue;
    line.replace(pos, written.size(), url);
    changed = true;
  }
  if (!changed) return std::nullopt;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < lines.size(); ++i) out += lines[i] + ends[i];
  return out;
}

std::vector<PlannedZip> plan_bundles(const Model& model, const std::vector<std::string>& only, DiagnosticSink& sink,
                                     int jobs) {
  std::vector<PlannedZip> zips;
  auto timestamp = zip_timestamp(default_source_epoch(model));
  for (const auto& w : model.sources.workshops) {
    if (!only.empty() && std::find(only.begin(), only.end(), w.name) == only.end()) continue;
    PlannedZip zip{w.name, w.name + ".zip", {}, timestamp};
    zip.tree["contentspec.yaml"].bytes = w.contentspec_text;
    std::string prefix = w.rel_dir.empty() ? "" : w.rel_dir + "/";
    // Pages left out of the model (drafts, other locales) still belong to the repository.
    std::vector<const PageSource*> sources;
    for (const auto& source : model.sources.pages)
      if (source.workshop == w.name) sources.push_back(&source);
    // A page carried unchanged shares its source text rather than copying it.
    std::vector<std::optional<std::string>> rewritten(sources.size());
    std::vector<SharedText> unchanged(sources.size());
    parallel_for(sources.size(), jobs, [&](std::size_t k) {
      auto it = model.index.by_file.find(sources[k]->file);
      if (it != model.index.by_file.end()) rewritten[k] = rewritten_bundle_page_text(model, it->second);
      if (!rewritten[k])
        unchanged[k] = it == model.index.by_file.end() ? sources[k]->text : model.pages[it->second].text;
    });
    for (std::size_t k = 0; k < sources.size(); ++k) {
      auto& file = zip.tree[sources[k]->file.substr(prefix.size())];
      if (rewritten[k]) file.bytes = std::move(*rewritten[k]);
      else file.shared = std::move(unchanged[k]);
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
