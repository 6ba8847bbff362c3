#include "resolve/link_target.hpp"

#include <algorithm>
#include <set>

#include "support/files.hpp"
#include "support/parallel.hpp"
#include "support/strings.hpp"
#include "support/url_scheme.hpp"

namespace opskit {

namespace {

bool has_scheme(const std::string& url) {
  auto colon = url.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    char c = url[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) return false;
  }
  return url.compare(0, 5, "xref:") != 0;
}

bool is_external(const std::string& url) { return has_scheme(url) || starts_with(url, "//"); }

// Sets t.anchor (decoded) and t.query ("?x=y") from a link that is not external; returns the
// path before them. The resolver and link_target both read a link this way.
std::string split_fragment_and_query(const std::string& url, LinkTarget& t) {
  std::string rest = url;
  if (auto hash = rest.find('#'); hash != std::string::npos) {
    t.anchor = percent_decode(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  if (auto q = rest.find('?'); q != std::string::npos) {
    t.query = rest.substr(q);
    rest = rest.substr(0, q);
  }
  return rest;
}

std::vector<std::string> path_parts(const std::string& path) {
  std::vector<std::string> parts;
  for (auto& part : split(path, '/'))
    if (!part.empty()) parts.push_back(std::move(part));
  return parts;
}

// `target` as a relative link from the folder `base` ("lab-1/step" to "lab-1/other" is
// "../other"); "." for the folder itself.
std::string relative_from_dir(const std::string& base, const std::string& target) {
  auto b = path_parts(base), t = path_parts(target);
  std::size_t common = 0;
  while (common < b.size() && common < t.size() && b[common] == t[common]) ++common;
  std::vector<std::string> parts(b.size() - common, "..");
  parts.insert(parts.end(), t.begin() + static_cast<std::ptrdiff_t>(common), t.end());
  return parts.empty() ? "." : join(parts, "/");
}

// A page path as written in a Workshop Studio link, without the forms that mean the same page:
// "a/b/", "a/b.html", "a/b/index.html" are all "a/b".
std::string strip_page_suffixes(std::string p) {
  for (const char* suffix : {".html", ".htm", "/index.html"})
    if (ends_with(p, suffix)) p = p.substr(0, p.size() - std::string(suffix).size());
  if (p == "index") p.clear();
  if (ends_with(p, "/index")) p = p.substr(0, p.size() - 6);
  while (!p.empty() && p.back() == '/') p.pop_back();
  return p;
}

// The name nearest to `wanted` when case is ignored, as written in `names` (page paths, files
// and ids match without regard to case, as they resolve).
std::string closest_folded(const std::string& wanted, const std::vector<std::string>& names) {
  std::vector<std::string> lower;
  lower.reserve(names.size());
  for (const auto& n : names) lower.push_back(to_lower(n));
  auto best = closest_match(to_lower(wanted), lower);
  if (best.empty()) return best;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (lower[i] == best) return names[i];
  return {};
}

// The nearest of pages (case ignored) and static files (case kept: S3 keys differ by case).
std::string closest_page_or_file(const std::string& wanted, const std::vector<std::string>& pages,
                                 const std::vector<std::string>& files) {
  auto page = closest_folded(wanted, pages);
  auto file = closest_match(wanted, files);
  if (page.empty() || file.empty()) return page.empty() ? file : page;
  return edit_distance(wanted, file) < edit_distance(to_lower(wanted), to_lower(page)) ? file : page;
}

// The folder a page's relative links start from: Workshop Studio reads them as if the page URL
// ended in a slash, so "x" on page "a/b" means "a/b/x" (for an index page and a leaf page alike).
std::string link_base(const Page& page) { return page.path; }

struct Resolver {
  const Model& model;
  const Page& from;

  // A page by its path, without regard to case ("module/step1" finds "module/Step1").
  int page_at(const std::string& workshop, const std::string& path) const {
    auto it = model.index.by_path.find(collection_key(workshop, path));
    if (it != model.index.by_path.end()) return page_in_locale(model, it->second, from.locale);
    auto folded = model.index.by_path_folded.find(collection_key(workshop, to_lower(path)));
    if (folded == model.index.by_path_folded.end()) return -1;
    return page_in_locale(model, folded->second, from.locale);
  }

  // The file's index in model.sources.statics, or -1.
  int file_at(const std::string& workshop, const std::string& path) const {
    auto it = model.index.files.find(collection_key(workshop, path));
    return it == model.index.files.end() ? -1 : it->second;
  }

  // Every page path of the page's collection ("" is the root).
  std::vector<std::string> collection_pages() const {
    std::set<std::string> out;
    for (const auto& page : model.pages)
      if (page.workshop == from.workshop) out.insert(page.path);
    return {out.begin(), out.end()};
  }

  // Every file of the page's collection as a link names it ("static/x.png"; a file beside its
  // page without "content/").
  std::vector<std::string> collection_files() const {
    std::set<std::string> out;
    for (const auto& f : model.sources.statics)
      if (f.workshop == from.workshop) out.insert(starts_with(f.path, "content/") ? f.path.substr(8) : f.path);
    return {out.begin(), out.end()};
  }

  // A path inside the page's collection ("a/b", "static/x.png", "a/b.html", "a/b/index.en.md").
  LinkTarget by_collection_path(std::string path, LinkTarget t) const {
    path = percent_decode(path);
    auto normal = normalize_path(path);
    if (!normal) return t;
    std::string p = *normal;
    if (int file = file_at(from.workshop, p); file >= 0) {
      t.kind = LinkTarget::Kind::file;
      t.workshop = from.workshop;
      t.file_path = p;
      t.file = file;
      return t;
    }
    // A file under content/ beside the pages (an image next to its page).
    if (int file = file_at(from.workshop, "content/" + p); file >= 0) {
      t.kind = LinkTarget::Kind::file;
      t.workshop = from.workshop;
      t.file_path = "content/" + p;
      t.file = file;
      return t;
    }
    if (int page = page_at(from.workshop, strip_page_suffixes(p)); page >= 0) {
      t.kind = LinkTarget::Kind::page;
      t.page = page;
    }
    return t;
  }

  // The locale suffix of a page's file name ("name.en.md" of an en-US page) left out:
  // "name.md", which a link may write. Empty when the name has no such suffix.
  static std::string without_locale_suffix(const Page& page) {
    auto language = to_lower(page.locale.substr(0, page.locale.find('-')));
    for (const auto& suffix : {to_lower(page.locale), language}) {
      auto ending = "." + suffix + ".md";
      if (ends_with(to_lower(page.file), ending)) return page.file.substr(0, page.file.size() - ending.size()) + ".md";
    }
    return {};
  }

  // A relative path to a source file: "../runbooks/patch.md", "index.ja.md".
  LinkTarget by_source_file(const std::string& path, LinkTarget t) const {
    auto dir = from.file.substr(0, from.file.find_last_of('/') + 1);
    auto normal = normalize_path(dir + percent_decode(path));
    if (normal) {
      if (auto it = model.index.by_file.find(*normal); it != model.index.by_file.end()) {
        t.kind = LinkTarget::Kind::page;
        t.page = it->second;
        return t;
      }
      // Page files match without regard to case, as the page URLs do.
      auto lower = to_lower(*normal);
      if (auto it = model.index.by_file_folded.find(lower); it != model.index.by_file_folded.end()) {
        t.kind = LinkTarget::Kind::page;
        t.page = it->second;
        return t;
      }
      // Without the locale suffix: "x.md" finds "x.en.md", "x/index.md" and "x/index.en.md".
      auto stem = lower.substr(0, lower.size() - 3);
      std::vector<int> candidates;
      for (const auto& [file, page] : model.index.by_file_folded) {
        if (!starts_with(file, stem)) continue;
        auto rest = file.substr(stem.size());
        if (rest == "/index.md" || (starts_with(rest, ".") && ends_with(rest, ".md") && rest.find('/') == std::string::npos) ||
            (starts_with(rest, "/index.") && ends_with(rest, ".md")))
          candidates.push_back(page);
      }
      if (!candidates.empty()) {
        t.kind = LinkTarget::Kind::page;
        t.page = page_in_locale(model, candidates, from.locale);
        return t;
      }
    }
    // The nearest page file, written relative to this page's file as the link is.
    std::vector<std::string> names;
    auto base = dir.empty() ? dir : dir.substr(0, dir.size() - 1);
    for (const auto& page : model.pages) {
      names.push_back(relative_from_dir(base, page.file));
      if (auto short_name = without_locale_suffix(page); !short_name.empty())
        names.push_back(relative_from_dir(base, short_name));
    }
    t.suggestion = closest_folded(path, names);
    return t;
  }

  // The nearest target of the collection to a Workshop Studio path that resolved to nothing.
  std::string suggest_absolute(const std::string& path) const {
    auto normal = normalize_path(percent_decode(path));
    std::string wanted = "/" + strip_page_suffixes(normal ? *normal : path);
    std::vector<std::string> pages, files;
    for (const auto& target : collection_pages()) pages.push_back("/" + target);
    for (const auto& target : collection_files()) files.push_back("/" + target);
    return closest_page_or_file(wanted, pages, files);
  }

  std::string suggest_relative(const std::string& rest) const {
    std::string written = rest;
    bool dot = false;
    while (starts_with(written, "./")) {
      written = written.substr(2);
      dot = true;
    }
    // Written for a page URL without the final slash (a sibling of a leaf page): one more "../".
    if (!from.is_index) {
      auto slash = from.path.find_last_of('/');
      auto folder = slash == std::string::npos ? std::string() : from.path.substr(0, slash);
      LinkTarget sibling = by_collection_path((folder.empty() ? "" : folder + "/") + written, LinkTarget{});
      if (sibling.kind != LinkTarget::Kind::unresolved) return "../" + written;
    }
    std::vector<std::string> pages, files;
    for (const auto& target : collection_pages()) pages.push_back(relative_from_dir(link_base(from), target));
    for (const auto& target : collection_files()) files.push_back(relative_from_dir(link_base(from), target));
    auto best = closest_page_or_file(strip_page_suffixes(written), pages, files);
    if (!best.empty() && dot && !starts_with(best, "../")) best = "./" + best;
    return best;
  }

  LinkTarget resolve(const std::string& url) const {
    LinkTarget t;
    t.written = url;
    if (url.empty()) {
      t.kind = LinkTarget::Kind::same_page;
      t.page = -1;
      return t;
    }
    if (is_external(url)) {
      t.kind = LinkTarget::Kind::external;
      return t;
    }
    std::string rest = split_fragment_and_query(url, t);
    if (rest.empty()) {
      t.kind = LinkTarget::Kind::same_page;
      return t;
    }
    if (starts_with(rest, "xref:")) {
      auto id = rest.substr(5);
      while (ends_with(id, "/") && id.size() > 1) id.pop_back();
      const std::vector<int>* pages = nullptr;
      if (auto it = model.index.by_id.find(id); it != model.index.by_id.end()) pages = &it->second;
      else if (auto f = model.index.by_id_folded.find(to_lower(id)); f != model.index.by_id_folded.end())
        pages = &f->second;  // ids, like page paths, match without regard to case
      if (pages) {
        t.kind = LinkTarget::Kind::page;
        t.page = page_in_locale(model, *pages, from.locale);
      } else {
        t.suggestion = closest_folded(id, model.index.ids);
        if (!t.suggestion.empty()) t.suggestion = "xref:" + t.suggestion;
      }
      return t;
    }
    if (ends_with(rest, ".md")) return by_source_file(rest, t);
    if (starts_with(rest, "/")) {
      auto target = by_collection_path(rest.substr(1), t);
      if (target.kind == LinkTarget::Kind::unresolved) target.suggestion = suggest_absolute(rest.substr(1));
      return target;
    }
    // Relative: Workshop Studio's "URL ends in a slash" rule, from index and leaf pages alike.
    auto base = link_base(from);
    auto target = by_collection_path((base.empty() ? "" : base + "/") + rest, t);
    if (target.kind == LinkTarget::Kind::unresolved) target.suggestion = suggest_relative(rest);
    return target;
  }
};

// A URL for a message: at most 80 characters, control characters shown as '?'.
std::string printable(const std::string& url) {
  std::string out;
  for (char c : url.substr(0, 80)) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
  return url.size() > 80 ? out + "..." : out;
}

bool has_assets_folder(const Model& model, const std::string& workshop) {
  for (const auto& f : model.sources.statics)
    if (f.workshop == workshop && starts_with(f.path, "assets/")) return true;
  return false;
}

}  // namespace

int page_in_locale(const Model& model, const std::vector<int>& candidates, const std::string& locale) {
  if (candidates.empty()) return -1;
  for (int p : candidates)
    if (model.pages[p].locale == locale) return p;
  for (int p : candidates)
    if (model.pages[p].locale == model.default_locale(model.pages[p].workshop)) return p;
  return candidates.front();
}

LinkTarget resolve_link(const Model& model, int from_page, const std::string& url) {
  Resolver r{model, model.pages[from_page]};
  auto t = r.resolve(url);
  if (t.kind == LinkTarget::Kind::same_page) t.page = from_page;
  return t;
}

void resolve_page_links(Model& model, int page) {
  const auto& links = model.pages[page].body.links;
  std::vector<ResolvedLink> targets;
  targets.reserve(links.size());
  for (const auto& link : links) {
    auto t = resolve_link(model, page, link.url);
    targets.push_back({static_cast<int>(t.kind), t.page, t.file});
  }
  model.pages[page].link_targets = std::move(targets);
}

void resolve_links(Model& model, int jobs) {
  // Each page's table is written by one thread and read by none until all are done; the model's
  // index and the other pages' links, which resolving reads, do not change meanwhile.
  parallel_for(model.pages.size(), jobs, [&](std::size_t p) { resolve_page_links(model, static_cast<int>(p)); });
}

LinkTarget link_target(const Model& model, int from, const LinkRef& link) {
  const Page& page = model.pages[from];
  const auto& links = page.body.links;
  std::less<const LinkRef*> before;
  bool kept = page.link_targets.size() == links.size() && !before(&link, links.data()) &&
              before(&link, links.data() + links.size());
  if (!kept) return resolve_link(model, from, link.url);
  const ResolvedLink& r = page.link_targets[static_cast<std::size_t>(&link - links.data())];
  auto kind = static_cast<LinkTarget::Kind>(r.kind);
  if (r.kind < 0 || kind == LinkTarget::Kind::unresolved) return resolve_link(model, from, link.url);
  LinkTarget t;
  t.kind = kind;
  t.written = link.url;
  t.page = r.page;
  if (kind == LinkTarget::Kind::external) return t;
  split_fragment_and_query(link.url, t);
  if (kind == LinkTarget::Kind::file) {
    const auto& file = model.sources.statics[static_cast<std::size_t>(r.file)];
    t.workshop = file.workshop;
    t.file_path = file.path;
    t.file = r.file;
  }
  return t;
}

LinkStats check_links(const Model& model, DiagnosticSink& sink, const std::function<bool()>& stop, int jobs) {
  LinkStats stats;
  constexpr std::size_t kBatch = 256;
  for (std::size_t from = 0; from < model.pages.size(); from += kBatch) {
    if (stop && stop()) {
      stats.stopped = true;
      break;
    }
    // Each page reports into its own sink, absorbed in page order.
    std::size_t count = std::min(kBatch, model.pages.size() - from);
    std::vector<LinkStats> page_stats(count);
    std::vector<DiagnosticSink> page_sinks(count);
    parallel_for(count, jobs, [&](std::size_t k) {
      check_page_links(model, static_cast<int>(from + k), page_stats[k], page_sinks[k]);
    });
    for (std::size_t k = 0; k < count; ++k) {
      sink.absorb(page_sinks[k]);
      stats.internal += page_stats[k].internal;
      stats.anchors += page_stats[k].anchors;
      stats.assets += page_stats[k].assets;
      stats.external += page_stats[k].external;
    }
  }
  return stats;
}

void check_page_links(const Model& model, int i, LinkStats& stats, DiagnosticSink& sink) {
  {
    const Page& page = model.pages[i];
    for (const auto& link : page.body.links) {
      bool image = link.kind == LinkKind::image || link.raw_src;
      if (!url_allowed(link.url, image ? UrlUse::image : UrlUse::link, model.config.allowed_schemes,
                       link.kind == LinkKind::raw_html)) {
        auto scheme = browser_scheme(link.url, link.kind == LinkKind::raw_html);
        sink.report("link.scheme", Severity::error, page.file, link.line, link.column,
                    (scheme == "?" ? std::string("URL '") + printable(link.url) + "' hides its scheme in character references"
                                   : "URL scheme '" + scheme + ":' is not allowed") +
                        "; links may use http, https, mailto" + (image ? ", data:image/" : "") +
                        ", relative paths and fragments (more schemes: links.allowed_schemes in opskit.yaml); "
                        "the output carries '" + kBlockedUrl + "' instead");
        continue;
      }
      auto t = link_target(model, i, link);
      switch (t.kind) {
        case LinkTarget::Kind::external: ++stats.external; continue;
        case LinkTarget::Kind::file: ++stats.assets; continue;
        case LinkTarget::Kind::unresolved: {
          if (!page.workshop.empty() && starts_with(link.url, "/assets/") && !has_assets_folder(model, page.workshop)) {
            // Workshop Studio serves /assets/ from the workshop's asset bucket, synced separately.
            sink.report("link.asset-unverified", Severity::warning, page.file, link.line, link.column,
                        "'" + link.url + "' points into the workshop's asset bucket, which has no assets/ folder here; not checked");
            continue;
          }
          std::string message = "link target '" + link.url + "' not found";
          if (!t.suggestion.empty()) message += "; did you mean '" + t.suggestion + "'?";
          sink.report(link.kind == LinkKind::image ? "link.image-missing" : "link.unresolved", Severity::error,
                      page.file, link.line, link.column, message);
          continue;
        }
        default: break;
      }
      ++stats.internal;
      if (t.anchor.empty()) continue;
      ++stats.anchors;
      const auto& anchors = model.index.anchors[t.page];
      if (anchors.count(t.anchor)) continue;
      std::vector<std::string> candidates(anchors.begin(), anchors.end());
      auto suggestion = closest_match(t.anchor, candidates);
      std::string message = "anchor '#" + t.anchor + "' not found in '" + model.pages[t.page].id + "'";
      if (!suggestion.empty()) message += "; did you mean '#" + suggestion + "'?";
      sink.report("link.anchor", Severity::error, page.file, link.line, link.column, message);
    }
  }
}

}  // namespace opskit
