#include "check/output_links.hpp"

#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "check/html_references.hpp"
#include "support/files.hpp"
#include "support/parallel.hpp"
#include "support/strings.hpp"
#include "support/url_scheme.hpp"

namespace opskit {

namespace {

bool is_external(std::string_view ref) {
  auto colon = ref.find(':');
  auto slash = ref.find('/');
  return starts_with(ref, "//") || (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash));
}

// A written HTML file, scanned. Its bytes are the tree's (a page) or a copy read from disk (an
// HTML file copied from the sources), which `copied` keeps alive for the views in `refs`.
struct ScannedPage {
  const std::string* path = nullptr;
  std::unique_ptr<std::string> copied;
  HtmlReferences refs;
};

ScannedPage scan_page(const std::pair<const std::string, OutputFile>& entry) {
  ScannedPage page;
  page.path = &entry.first;
  std::string_view bytes = entry.second.bytes;
  if (!entry.second.copy_from.empty()) {
    page.copied = std::make_unique<std::string>(output_bytes(entry.second));
    bytes = *page.copied;
  }
  page.refs = scan_html_references(bytes);
  return page;
}

class LinkChecker {
 public:
  LinkChecker(const OutputTree& tree, const std::vector<ScannedPage>& pages, const std::string& output,
              const std::set<std::pair<std::string, std::string>>& already_reported)
      : pages_(pages), output_(output), already_reported_(already_reported) {
    files_.reserve(tree.size());
    for (const auto& entry : tree) files_.insert(entry.first);
    for (std::size_t i = 0; i < pages.size(); ++i) page_at_.emplace(*pages[i].path, i);
    for (const auto& reported : already_reported) paths_with_reports_.insert(reported.first);
  }

  // Checks one page's references; counts go into `stats`, problems into `sink`.
  void check(const ScannedPage& page, OutputCheckStats& stats, DiagnosticSink& sink) const {
    const std::string& path = *page.path;
    auto slash = path.find_last_of('/');
    std::string_view dir(path.data(), slash == std::string::npos ? 0 : slash + 1);
    bool has_reports = paths_with_reports_.count(path) > 0;
    for (auto ref : page.refs.references) {
      // A URL the render stage blocked was reported at its source (link.scheme).
      if (ref.empty() || ref == kBlockedUrl || is_external(ref)) continue;
      // cmark percent-encodes what it writes in href: compare with the source's form too.
      if (has_reports && (already_reported_.count({path, std::string(ref)}) ||
                          already_reported_.count({path, percent_decode(ref)})))
        continue;
      ++stats.references;
      auto hash = ref.find('#');
      auto target_part = ref.substr(0, hash);
      if (auto q = target_part.find('?'); q != std::string_view::npos) target_part = target_part.substr(0, q);
      std::string target = path;
      if (!target_part.empty()) {
        if (target_part.front() == '/') {
          report(sink, path, "'" + std::string(ref) + "' is root-absolute: it breaks under a sub-path and from file://");
          continue;
        }
        std::string joined(dir);
        joined += percent_decode(target_part);
        auto normal = normalize_path(joined);
        if (!normal || !files_.count(*normal)) {
          report(sink, path, "'" + std::string(ref) + "' points at no file of the output");
          continue;
        }
        target = std::move(*normal);
      }
      if (hash == std::string_view::npos || hash + 1 == ref.size() || !ends_with(target, ".html")) continue;
      ++stats.fragments;
      auto fragment = percent_decode(ref.substr(hash + 1));
      auto it = page_at_.find(target);
      if (it != page_at_.end() && !pages_[it->second].refs.has_id(fragment))
        report(sink, path, "'" + std::string(ref) + "': no id '" + fragment + "' in " + target);
    }
  }

 private:
  const std::vector<ScannedPage>& pages_;
  const std::string& output_;
  const std::set<std::pair<std::string, std::string>>& already_reported_;
  std::unordered_set<std::string_view> files_;             // every path of the tree
  std::unordered_map<std::string_view, std::size_t> page_at_;  // HTML path -> index in pages_
  std::set<std::string> paths_with_reports_;

  void report(DiagnosticSink& sink, const std::string& path, const std::string& message) const {
    sink.report("output.broken-link", Severity::error, output_ + "/" + path, 0, 0, message);
  }
};

}  // namespace

OutputCheckStats check_output_links(const OutputTree& tree, const std::string& output,
                                    const std::set<std::pair<std::string, std::string>>& already_reported,
                                    DiagnosticSink& sink, int jobs) {
  // Both passes run on `jobs` threads: every page is scanned before any is checked (a fragment
  // needs its target's ids); problems are then reported in path order, the same for any jobs.
  std::vector<const std::pair<const std::string, OutputFile>*> html;
  for (const auto& entry : tree)
    if (ends_with(entry.first, ".html")) html.push_back(&entry);
  std::vector<ScannedPage> pages(html.size());
  parallel_for(html.size(), jobs, [&](std::size_t i) { pages[i] = scan_page(*html[i]); });
  LinkChecker checker(tree, pages, output, already_reported);
  std::vector<OutputCheckStats> page_stats(pages.size());
  std::vector<DiagnosticSink> page_sinks(pages.size());
  parallel_for(pages.size(), jobs, [&](std::size_t i) { checker.check(pages[i], page_stats[i], page_sinks[i]); });
  OutputCheckStats stats;
  stats.pages = pages.size();
  for (std::size_t i = 0; i < pages.size(); ++i) {
    stats.references += page_stats[i].references;
    stats.fragments += page_stats[i].fragments;
    sink.absorb(page_sinks[i]);
  }
  return stats;
}

}  // namespace opskit
