#include "check/output_links.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "check/html_references.hpp"
#include "support/files.hpp"
#include "support/parallel.hpp"
#include "support/strings.hpp"
#include "support/url_scheme.hpp"

namespace opskit {

void PackedStrings::push_back(std::string_view s) {
  bytes_.append(s);
  ends_.push_back(static_cast<std::uint32_t>(bytes_.size()));
}

std::string_view PackedStrings::operator[](std::size_t i) const {
  std::uint32_t begin = i == 0 ? 0 : ends_[i - 1];
  return std::string_view(bytes_).substr(begin, ends_[i] - begin);
}

namespace {

bool is_external(std::string_view ref) {
  auto colon = ref.find(':');
  auto slash = ref.find('/');
  return starts_with(ref, "//") || (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash));
}

class LinkChecker {
 public:
  LinkChecker(const std::vector<std::string>& files, const std::vector<PooledHtml>& pages, const StringPool& strings,
              const std::string& output, const std::set<std::pair<std::string, std::string>>& already_reported)
      : pages_(pages), strings_(strings), output_(output), already_reported_(already_reported) {
    files_.reserve(files.size());
    for (const auto& file : files) files_.insert(file);
    for (std::size_t i = 0; i < pages.size(); ++i) page_at_.emplace(pages[i].path, i);
    for (const auto& reported : already_reported) paths_with_reports_.insert(reported.first);
  }

  // Checks one page's references; counts go into `stats`, problems into `sink`.
  void check(const PooledHtml& page, OutputCheckStats& stats, DiagnosticSink& sink) const {
    const std::string& path = page.path;
    auto slash = path.find_last_of('/');
    std::string_view dir(path.data(), slash == std::string::npos ? 0 : slash + 1);
    bool has_reports = paths_with_reports_.count(path) > 0;
    FolderResolver from_here(dir);
    std::string resolved;  // the target when the reference names another file
    for (std::size_t r = 0; r < page.references.size(); ++r) {
      auto ref = strings_[page.references[r]];
      // cmark percent-encodes what it writes in href: compare with the source's form too.
      if (has_reports && (already_reported_.count({path, std::string(ref)}) ||
                          already_reported_.count({path, percent_decode(ref)})))
        continue;
      ++stats.references;
      auto hash = ref.find('#');
      auto target_part = ref.substr(0, hash);
      if (auto q = target_part.find('?'); q != std::string_view::npos) target_part = target_part.substr(0, q);
      std::string_view target = path;
      if (!target_part.empty()) {
        if (target_part.front() == '/') {
          report(sink, path, "'" + std::string(ref) + "' is root-absolute: it breaks under a sub-path and from file://");
          continue;
        }
        auto normal = from_here.resolve(percent_decode(target_part));
        if (!normal || !files_.count(*normal)) {
          report(sink, path, "'" + std::string(ref) + "' points at no file of the output");
          continue;
        }
        resolved = std::move(*normal);
        target = resolved;
      }
      if (hash == std::string_view::npos || hash + 1 == ref.size() || !ends_with(target, ".html")) continue;
      ++stats.fragments;
      auto fragment = percent_decode(ref.substr(hash + 1));
      auto it = page_at_.find(target);
      if (it != page_at_.end() && !has_id(pages_[it->second], fragment))
        report(sink, path, "'" + std::string(ref) + "': no id '" + fragment + "' in " + std::string(target));
    }
  }

 private:
  const std::vector<PooledHtml>& pages_;
  const StringPool& strings_;
  const std::string& output_;
  const std::set<std::pair<std::string, std::string>>& already_reported_;
  std::unordered_set<std::string_view> files_;                 // every path of the output
  std::unordered_map<std::string_view, std::size_t> page_at_;  // HTML path -> index in pages_
  std::set<std::string> paths_with_reports_;

  bool has_id(const PooledHtml& page, std::string_view id) const {
    auto number = strings_.find(id);  // an id no page defines was never pooled
    return number && std::binary_search(page.ids.begin(), page.ids.end(), *number);
  }

  void report(DiagnosticSink& sink, const std::string& path, const std::string& message) const {
    sink.report("output.broken-link", Severity::error, output_ + "/" + path, 0, 0, message);
  }
};

}  // namespace

ScannedHtml OutputLinkCheck::scan(std::string path, std::string_view html) {
  auto refs = scan_html_references(html);
  ScannedHtml page;
  page.path = std::move(path);
  for (auto id : refs.ids) page.ids.push_back(id);  // already sorted and unique
  // A URL the render stage blocked was reported at its source (link.scheme); external URLs are
  // for the external link check.
  for (auto ref : refs.references)
    if (!ref.empty() && ref != kBlockedUrl && !is_external(ref)) page.references.push_back(ref);
  return page;
}

void OutputLinkCheck::add_file(const std::string& path) { files_.push_back(path); }

void OutputLinkCheck::add_html(ScannedHtml page) {
  files_.push_back(page.path);
  PooledHtml pooled{std::move(page.path), std::vector<StringPool::Id>(page.ids.size()),
                    std::vector<StringPool::Id>(page.references.size())};
  for (std::size_t i = 0; i < page.ids.size(); ++i) pooled.ids[i] = strings_.intern(page.ids[i]);
  std::sort(pooled.ids.begin(), pooled.ids.end());
  for (std::size_t i = 0; i < page.references.size(); ++i) pooled.references[i] = strings_.intern(page.references[i]);
  pages_.push_back(std::move(pooled));
}

void OutputLinkCheck::add_tree(const OutputTree& tree, int jobs) {
  std::vector<const std::pair<const std::string, OutputFile>*> html;
  for (const auto& entry : tree) {
    if (ends_with(entry.first, ".html")) html.push_back(&entry);
    else add_file(entry.first);
  }
  std::vector<ScannedHtml> scanned(html.size());
  parallel_for(html.size(), jobs, [&](std::size_t i) {
    const auto& [path, file] = *html[i];
    // An HTML file copied from the sources is read from disk for as long as it is scanned.
    scanned[i] = file.copy_from.empty() ? scan(path, file.in_memory()) : scan(path, output_bytes(file));
  });
  for (auto& page : scanned) add_html(std::move(page));
}

OutputCheckStats OutputLinkCheck::finish(const std::string& output,
                                         const std::set<std::pair<std::string, std::string>>& already_reported,
                                         DiagnosticSink& sink, int jobs) {
  // Every page is scanned before any is checked (a fragment needs its target's ids); problems
  // are reported in path order.
  std::sort(pages_.begin(), pages_.end(), [](const PooledHtml& a, const PooledHtml& b) { return a.path < b.path; });
  LinkChecker checker(files_, pages_, strings_, output, already_reported);
  std::vector<OutputCheckStats> page_stats(pages_.size());
  std::vector<DiagnosticSink> page_sinks(pages_.size());
  parallel_for(pages_.size(), jobs, [&](std::size_t i) { checker.check(pages_[i], page_stats[i], page_sinks[i]); });
  OutputCheckStats stats;
  stats.pages = pages_.size();
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    stats.references += page_stats[i].references;
    stats.fragments += page_stats[i].fragments;
    sink.absorb(page_sinks[i]);
  }
  return stats;
}

OutputCheckStats check_output_links(const OutputTree& tree, const std::string& output,
                                    const std::set<std::pair<std::string, std::string>>& already_reported,
                                    DiagnosticSink& sink, int jobs) {
  OutputLinkCheck check;
  check.add_tree(tree, jobs);
  return check.finish(output, already_reported, sink, jobs);
}

}  // namespace opskit
